// The limits the schema writes beside each field (limits.proto), checked over a whole message: every string and
// bytes field against its `max_bytes`, every list against its `max_items`, every enum against the values its type
// names, into nested messages and list items. The server runs it on every request before any handler sees it, so
// that no handler stores, relays or logs a field larger than the schema allows.
#pragma once

#include "protocol/messages.h"

#include <QString>

#include <optional>

namespace confab::protocol {

struct FieldViolation
{
    pb::ErrorCode code = pb::ERROR_NONE;
    QString message; // names the field and its limit: "SendMessageRequest.text is 40000 bytes; at most 32768"
};

// The first field of `message` past its limit, or nothing when every field is within bounds.
std::optional<FieldViolation> checkFieldLimits(const google::protobuf::Message &message);

// A field's limits as the schema writes them; 0 where it writes none.
quint32 maxBytes(const google::protobuf::FieldDescriptor &field);
quint32 maxItems(const google::protobuf::FieldDescriptor &field);

} // namespace confab::protocol
