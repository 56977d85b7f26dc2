// A conversation as the client keys it: one-to-one with a person (by their user id) or a group (by its id), seen
// from the signed-in user. Written as "user:ID" or "group:ID" where a string is wanted (settings, drafts).
#pragma once

#include "protocol/messages.h"

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

namespace confab::client {

struct ConversationId
{
    pb::SessionType type = pb::SESSION_TYPE_UNSPECIFIED;
    quint64 peer = 0;

    static ConversationId of(const pb::Conversation &conversation)
    {
        return {conversation.type(), conversation.peer_id()};
    }
    static ConversationId single(quint64 userId) { return {pb::SESSION_TYPE_SINGLE, userId}; }
    static ConversationId group(quint64 groupId) { return {pb::SESSION_TYPE_GROUP, groupId}; }
    // The inverse of toString(); an invalid id for anything else.
    static ConversationId fromString(const QString &text);

    bool isValid() const { return peer != 0 && type != pb::SESSION_TYPE_UNSPECIFIED; }
    bool isGroup() const { return type == pb::SESSION_TYPE_GROUP; }
    pb::Conversation toProto() const
    {
        pb::Conversation c;
        c.set_type(type);
        c.set_peer_id(peer);
        return c;
    }
    QString toString() const;

    friend bool operator==(const ConversationId &a, const ConversationId &b) = default;
};

inline size_t qHash(const ConversationId &id, size_t seed = 0)
{
    return qHashMulti(seed, int(id.type), id.peer);
}

} // namespace confab::client

Q_DECLARE_METATYPE(confab::client::ConversationId)
