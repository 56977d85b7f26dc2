// A group as this device knows it, in the cache and in the group list alike. `info` is empty (id 0) until the
// group's details were fetched; `listedVersion` is what the group list last said, so details are fetched again
// when it is ahead of `info.version()`.
#pragma once

#include "protocol/messages.h"

#include <QtGlobal>

namespace confab::client {

struct CachedGroup
{
    quint64 id = 0;
    quint64 listedVersion = 0;
    pb::GroupInfo info;
    quint64 membersVersion = 0;
};

} // namespace confab::client
