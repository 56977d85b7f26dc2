#include "sync/sessionsync.h"

#include "sync/pagepuller.h"

namespace confab::client {

using namespace protocol;

SessionSync::SessionSync(ServerConnection &connection, LocalCache *cache, SessionListModel &model, QObject *parent)
    : DataSetSync(connection, cache, pb::DATA_SET_SESSIONS, parent)
    , m_model(model)
{
    connection.pushes().on<oneway::SessionChangedNotify>(this, [this](const auto &n) { onSessionPush(n); });
    connection.pushes().on<oneway::MessageNotify>(this, [this](const auto &n) { onMessagePush(n); });
    connection.pushes().on<oneway::ReadNotify>(this, [this](const auto &n) { onReadPush(n); });
}

void SessionSync::applyCached(std::vector<pb::Session> sessions, quint64 cursor)
{
    // What the cache shows is shown, even under cursor 0 (an empty first sync, then pushes and own messages):
    // a cursor of 0 only means the next pull is a full one, which replaces it all.
    setCursor(cursor);
    m_model.setSessions(std::move(sessions));
}

void SessionSync::pull(quint64 cursor)
{
    m_fullSync.clear();
    const bool full = cursor == 0;
    PageHandlers<rpc::SessionSync> handlers;
    handlers.page = [this, full](const pb::SessionSyncResponse &page, bool restart) {
        std::vector<pb::Session> rows(page.sessions().begin(), page.sessions().end());
        std::vector<pb::Conversation> removed(page.removed().begin(), page.removed().end());
        if (m_cache)
            m_cache->write([=, cursor = page.page().cursor()](CacheDatabase &db) {
                db.applySessionsPage(restart, rows, removed, cursor);
            });
        if (full || restart) {
            if (restart)
                m_fullSync.clear();
            m_fullSync.insert(m_fullSync.end(), rows.begin(), rows.end());
        } else {
            for (const pb::Session &s : rows)
                m_model.upsert(s);
            for (const pb::Conversation &c : removed)
                m_model.remove(ConversationId::of(c));
        }
        pageApplied(int(rows.size()), page.page().total_hint());
    };
    handlers.done = [this, full](quint64 newCursor) {
        if (full || !m_fullSync.empty())
            m_model.setSessions(std::exchange(m_fullSync, {}));
        pullDone(newCursor);
    };
    handlers.failed = [this](const QString &reason) { pullFailed(reason); };
    pullPages<rpc::SessionSync>(m_connection, this, cursor, std::move(handlers));
}

void SessionSync::storeSession(ConversationId conversation)
{
    if (!m_cache)
        return;
    if (const pb::Session *s = m_model.session(conversation))
        m_cache->write([session = *s](CacheDatabase &db) { db.putSession(session); });
}

void SessionSync::pullAgainIfSyncing()
{
    if (isSyncing())
        start(); // a page read before this push may hide it when the pull ends: pull once more after
}

void SessionSync::onSessionPush(const pb::SessionChangedNotify &notify)
{
    pullAgainIfSyncing();
    if (notify.has_session()) {
        m_model.upsert(notify.session());
        storeSession(ConversationId::of(notify.session().conversation()));
        return;
    }
    const ConversationId removed = ConversationId::of(notify.removed());
    m_model.remove(removed);
    if (m_cache)
        m_cache->write([removed](CacheDatabase &db) { db.removeSession(removed); });
}

void SessionSync::onMessagePush(const pb::MessageNotify &notify)
{
    pullAgainIfSyncing();
    m_model.addMessage(notify.message());
    storeSession(ConversationId::of(notify.message().conversation()));
}

void SessionSync::onReadPush(const pb::ReadNotify &notify)
{
    pullAgainIfSyncing();
    if (notify.reader_id() != m_selfId)
        return; // others' reads are receipts (ConversationLoader), not our badge
    m_model.setReadCursor(ConversationId::of(notify.conversation()), notify.read_cursor());
    storeSession(ConversationId::of(notify.conversation()));
}

void SessionSync::applyOwnMessage(const pb::Message &message)
{
    m_model.addMessage(message);
    storeSession(ConversationId::of(message.conversation()));
}

void SessionSync::markRead(ConversationId conversation, quint64 upToId)
{
    const pb::Session *session = m_model.session(conversation);
    if (session && session->read_cursor() >= upToId)
        return;
    m_model.setReadCursor(conversation, upToId);
    storeSession(conversation);
    pb::ReadAckRequest request;
    *request.mutable_conversation() = conversation.toProto();
    request.set_up_to_id(upToId);
    m_connection.call<rpc::ReadAck>(request, this, [this, conversation](RpcResult<pb::ReadAckResponse> r) {
        if (r.ok()) {
            m_model.setReadCursor(conversation, r.value.read_cursor());
            storeSession(conversation);
        }
        // Offline: the badge stays down here, and the next sync's session brings the server's cursor back.
    });
}

void SessionSync::markAllRead(ConversationId conversation)
{
    if (const pb::Session *session = m_model.session(conversation))
        markRead(conversation, session->latest_id());
}

void SessionSync::update(ConversationId conversation, std::optional<bool> pinned, std::optional<bool> muted)
{
    pb::UpdateSessionRequest request;
    *request.mutable_conversation() = conversation.toProto();
    if (pinned)
        request.set_pinned(*pinned);
    if (muted)
        request.set_muted(*muted);
    m_connection.call<rpc::UpdateSession>(request, this, [this](RpcResult<pb::UpdateSessionResponse> r) {
        if (!r.ok()) {
            emit actionFailed(r.error, r.message);
            return;
        }
        m_model.upsert(r.value.session());
        storeSession(ConversationId::of(r.value.session().conversation()));
    });
}

void SessionSync::setPinned(ConversationId conversation, bool pinned)
{
    update(conversation, pinned, std::nullopt);
}

void SessionSync::setMuted(ConversationId conversation, bool muted)
{
    update(conversation, std::nullopt, muted);
}

void SessionSync::removeSession(ConversationId conversation)
{
    pb::RemoveSessionRequest request;
    *request.mutable_conversation() = conversation.toProto();
    m_connection.call<rpc::RemoveSession>(request, this, [this, conversation](RpcResult<pb::RemoveSessionResponse> r) {
        if (!r.ok()) {
            emit actionFailed(r.error, r.message);
            return;
        }
        m_model.remove(conversation);
        if (m_cache)
            m_cache->write([conversation](CacheDatabase &db) { db.removeSession(conversation); });
    });
}

} // namespace confab::client
