// Fills every field of any protobuf message with distinct non-default values through reflection, so that tests
// over "every message type" cover every field without naming any.
#pragma once

#include <google/protobuf/message.h>

namespace confab::test {

// `seed` varies the values; `depth` bounds recursion through nested messages.
void fillMessage(google::protobuf::Message &message, int seed = 1, int depth = 3);

} // namespace confab::test
