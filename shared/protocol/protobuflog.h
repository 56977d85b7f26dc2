// Protobuf writes its own complaints straight to stderr, one line per bad message: a peer sending strings that are
// not UTF-8 would get a line per frame past every log budget. Confab already answers such a body with
// ERROR_MALFORMED_BODY and logs the refusal within its budget, so protobuf's lines go to a debug category instead
// (on with QT_LOGGING_RULES="confab.protobuf.debug=true").
#pragma once

namespace confab::protocol {

// Installs the handler for the whole process; call once at start, before any frame is parsed.
void routeProtobufLogs();

} // namespace confab::protocol
