// Small builders for messaging tests: conversations, sends and reads as one line each.
#pragma once

#include "support/testserver.h"

#include <QUuid>

namespace confab::test {

inline pb::Conversation single(quint64 peer)
{
    pb::Conversation c;
    c.set_type(pb::SESSION_TYPE_SINGLE);
    c.set_peer_id(peer);
    return c;
}

inline pb::Conversation group(quint64 groupId)
{
    pb::Conversation c;
    c.set_type(pb::SESSION_TYPE_GROUP);
    c.set_peer_id(groupId);
    return c;
}

inline client::RpcResult<pb::SendMessageResponse> sendText(TestClient &client, const pb::Conversation &to,
                                                           const std::string &text, std::string clientId = {})
{
    pb::SendMessageRequest r;
    *r.mutable_to() = to;
    r.set_kind(pb::MESSAGE_KIND_TEXT);
    r.set_text(text);
    r.set_client_msg_id(clientId.empty() ? QUuid::createUuid().toString().toStdString() : std::move(clientId));
    return client.call<protocol::rpc::SendMessage>(r);
}

inline client::RpcResult<pb::ReadAckResponse> readUpTo(TestClient &client, const pb::Conversation &c, quint64 id)
{
    pb::ReadAckRequest r;
    *r.mutable_conversation() = c;
    r.set_up_to_id(id);
    return client.call<protocol::rpc::ReadAck>(r);
}

inline client::RpcResult<pb::HistoryResponse> historyOf(TestClient &client, const pb::Conversation &c, quint64 from = 0,
                                                        quint32 limit = 0, bool forward = false)
{
    pb::HistoryRequest r;
    *r.mutable_conversation() = c;
    r.set_from_id(from);
    r.set_limit(limit);
    r.set_direction(forward ? pb::HISTORY_FORWARD : pb::HISTORY_BACKWARD);
    return client.call<protocol::rpc::History>(r);
}

// Every session of the user, following pages from `cursor`; the last page's cursor in `*cursorOut`.
inline std::vector<pb::Session> syncSessions(TestClient &client, quint64 cursor = 0, quint64 *cursorOut = nullptr,
                                             std::vector<pb::Conversation> *removed = nullptr)
{
    std::vector<pb::Session> sessions;
    for (;;) {
        pb::SyncRequest r;
        r.set_cursor(cursor);
        const auto result = client.call<protocol::rpc::SessionSync>(r);
        if (!result.ok())
            return sessions;
        for (const pb::Session &s : result.value.sessions())
            sessions.push_back(s);
        if (removed) {
            for (const pb::Conversation &c : result.value.removed())
                removed->push_back(c);
        }
        cursor = result.value.page().cursor();
        if (!result.value.page().has_more())
            break;
    }
    if (cursorOut)
        *cursorOut = cursor;
    return sessions;
}

inline std::optional<pb::Session> sessionWith(const std::vector<pb::Session> &sessions, const pb::Conversation &c)
{
    for (const pb::Session &s : sessions) {
        if (s.conversation().type() == c.type() && s.conversation().peer_id() == c.peer_id())
            return s;
    }
    return std::nullopt;
}

} // namespace confab::test
