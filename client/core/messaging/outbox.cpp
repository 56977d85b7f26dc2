#include "messaging/outbox.h"

#include "cache/localcache.h"
#include "net/serverconnection.h"

#include <QTimer>
#include <QUuid>

namespace confab::client {

using namespace protocol;

Outbox::Outbox(ServerConnection &connection, LocalCache *cache, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_cache(cache)
{}

void Outbox::restore()
{
    if (!m_cache) {
        QMetaObject::invokeMethod(
            this, [this] { emit restored(0); }, Qt::QueuedConnection);
        return;
    }
    m_cache->loadOutbox(this, [this](std::vector<pb::SendMessageRequest> pending) {
        // What was written since start-up is newer than what the last run left: the restored go first.
        std::deque<pb::SendMessageRequest> newer = std::exchange(m_pending, {});
        for (pb::SendMessageRequest &r : pending)
            enqueue(std::move(r), false);
        for (pb::SendMessageRequest &r : newer) {
            const bool known = std::any_of(m_pending.begin(), m_pending.end(),
                                           [&](const auto &p) { return p.client_msg_id() == r.client_msg_id(); });
            if (!known)
                m_pending.push_back(std::move(r));
        }
        emit restored(int(pending.size()));
        if (m_online)
            setOnline(true);
    });
}

QString Outbox::sendText(const pb::Conversation &to, const QString &text, quint64 replyTo,
                         const QList<quint64> &mentions)
{
    pb::SendMessageRequest request;
    *request.mutable_to() = to;
    request.set_kind(pb::MESSAGE_KIND_TEXT);
    request.set_text(text.toStdString());
    request.set_reply_to(replyTo);
    for (quint64 id : mentions)
        request.add_mentions(id);
    const QString clientMsgId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.set_client_msg_id(clientMsgId.toStdString());
    enqueue(std::move(request), true);
    return clientMsgId;
}

void Outbox::enqueue(pb::SendMessageRequest request, bool persist)
{
    // Persisted before it is sent: the cache's writes are ordered, so by the time an answer could remove it the
    // row is there to remove.
    if (persist && m_cache)
        m_cache->addToOutbox(request);
    m_pending.push_back(request);
    if (m_online)
        transmit(m_pending.back());
}

void Outbox::setOnline(bool online)
{
    m_online = online;
    if (!online) {
        m_inFlight.clear(); // their answers will not come; they go again on the next login
        return;
    }
    for (const pb::SendMessageRequest &request : m_pending)
        transmit(request);
}

void Outbox::transmit(const pb::SendMessageRequest &request)
{
    const QString clientMsgId = QString::fromStdString(request.client_msg_id());
    if (m_inFlight.contains(clientMsgId))
        return;
    m_inFlight.insert(clientMsgId);
    m_connection.call<rpc::SendMessage>(request, this, [this, clientMsgId](RpcResult<pb::SendMessageResponse> result) {
        m_inFlight.remove(clientMsgId);
        if (result.ok()) {
            settle(clientMsgId.toStdString());
            emit sent(clientMsgId, result.value.id(), result.value.sent_ms());
        } else if (!isTransient(result.error)) {
            settle(clientMsgId.toStdString());
            emit failed(clientMsgId, int(result.error), result.message);
        } else if (result.error == pb::ERROR_RATE_LIMITED) {
            // Many messages pasted at once: the rest go when the server says, in the order they were written.
            QTimer::singleShot(qMax<quint64>(result.retryAfterMs, 50), this,
                               [this, clientMsgId] { resend(clientMsgId); });
        }
        // Otherwise transient: it stays, and goes again when the connection is back.
    });
}

void Outbox::resend(const QString &clientMsgId)
{
    if (!m_online)
        return; // the next login sends everything pending
    const auto it = std::find_if(m_pending.begin(), m_pending.end(), [&](const pb::SendMessageRequest &r) {
        return r.client_msg_id() == clientMsgId.toStdString();
    });
    if (it != m_pending.end())
        transmit(*it);
}

void Outbox::settle(const std::string &clientMsgId)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(),
                                 [&](const pb::SendMessageRequest &r) { return r.client_msg_id() == clientMsgId; });
    if (it != m_pending.end())
        m_pending.erase(it);
    if (m_cache)
        m_cache->removeFromOutbox(clientMsgId);
}

bool Outbox::isTransient(pb::ErrorCode code)
{
    switch (code) {
    case pb::ERROR_UNAVAILABLE: // not connected, no answer in time, or the server is going down
    case pb::ERROR_INTERNAL:    // the server's storage failed; nothing was stored
    case pb::ERROR_RATE_LIMITED:
    case pb::ERROR_NOT_LOGGED_IN: // sent in the moment between a reconnect and its login
        return true;
    default:
        return false;
    }
}

} // namespace confab::client
