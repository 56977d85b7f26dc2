// A conversation as the store knows it, independent of who looks at it: a one-to-one conversation is the same
// row for both people, a group conversation is its group. On the wire a conversation is always seen from one user
// (pb::Conversation: the *other* person, or the group); these convert between the two views.
#pragma once

#include "protocol/messages.h"

#include <QtGlobal>

#include <algorithm>

namespace confab::server {

struct ConversationKey
{
    pb::SessionType type = pb::SESSION_TYPE_UNSPECIFIED;
    quint64 a = 0; // one-to-one: the smaller user id; group: the group id
    quint64 b = 0; // one-to-one: the larger user id; group: 0

    static ConversationKey single(quint64 user1, quint64 user2)
    {
        return {pb::SESSION_TYPE_SINGLE, std::min(user1, user2), std::max(user1, user2)};
    }
    static ConversationKey group(quint64 groupId) { return {pb::SESSION_TYPE_GROUP, groupId, 0}; }
    // `conversation` as `userId` named it.
    static ConversationKey seenBy(quint64 userId, const pb::Conversation &conversation)
    {
        return conversation.type() == pb::SESSION_TYPE_GROUP ? group(conversation.peer_id())
                                                             : single(userId, conversation.peer_id());
    }

    bool isGroup() const { return type == pb::SESSION_TYPE_GROUP; }
    bool involves(quint64 userId) const { return !isGroup() && (a == userId || b == userId); }
    // The conversation as `userId` names it: the other person, or the group.
    pb::Conversation viewFor(quint64 userId) const
    {
        pb::Conversation c;
        c.set_type(type);
        c.set_peer_id(isGroup() ? a : (a == userId ? b : a));
        return c;
    }

    friend bool operator==(const ConversationKey &, const ConversationKey &) = default;
};

} // namespace confab::server
