// Who may see and write to a conversation: the one rule every messaging request checks on the storage thread.
#pragma once

#include "services/outcome.h"
#include "store/store.h"

namespace confab::server {

inline pb::Conversation groupConversation(quint64 groupId)
{
    pb::Conversation c;
    c.set_type(pb::SESSION_TYPE_GROUP);
    c.set_peer_id(groupId);
    return c;
}

// ERROR_NONE when `userId` may read `conversation` (and, with `forWriting`, send to it); otherwise the refusal.
inline std::pair<pb::ErrorCode, QString> checkAccess(Store &store, quint64 userId, const pb::Conversation &conversation,
                                                     bool forWriting)
{
    switch (conversation.type()) {
    case pb::SESSION_TYPE_SINGLE: {
        if (conversation.peer_id() == userId)
            return {pb::ERROR_SELF_MESSAGE, QStringLiteral("a one-to-one conversation needs someone else")};
        const std::optional<pb::UserStatus> status = store.userStatus(conversation.peer_id());
        if (!status)
            return {pb::ERROR_UNKNOWN_RECIPIENT, QStringLiteral("no user %1").arg(conversation.peer_id())};
        // Someone who left keeps their history readable by those who talked to them, but takes no new messages.
        if (forWriting && *status == pb::USER_STATUS_LEFT)
            return {pb::ERROR_UNKNOWN_RECIPIENT, QStringLiteral("user %1 has left").arg(conversation.peer_id())};
        return {pb::ERROR_NONE, {}};
    }
    case pb::SESSION_TYPE_GROUP: {
        // Members of a dissolved group are gone too, so membership alone answers the common case in one lookup.
        if (store.memberRole(conversation.peer_id(), userId))
            return {pb::ERROR_NONE, {}};
        const std::optional<pb::GroupInfo> group = store.group(conversation.peer_id(), userId);
        if (!group || group->dissolved())
            return {pb::ERROR_UNKNOWN_GROUP, QStringLiteral("no group %1").arg(conversation.peer_id())};
        return {pb::ERROR_NOT_GROUP_MEMBER, QStringLiteral("not a member of group %1").arg(conversation.peer_id())};
    }
    default:
        return {pb::ERROR_INVALID_ARGUMENT, QStringLiteral("a conversation is one-to-one or a group")};
    }
}

} // namespace confab::server
