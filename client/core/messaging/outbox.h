// Messages the user wrote, from the moment they are written until the server says they are stored: persisted
// in the local cache first, sent at once when online, sent again (with the same client message id) after every
// new login and after a restart, so that nothing written is lost and nothing is stored twice. The server answers
// a resend with the original id.
#pragma once

#include "protocol/messages.h"

#include <QObject>
#include <QSet>

#include <deque>

namespace confab::client {

class ServerConnection;
class LocalCache;

class Outbox : public QObject
{
    Q_OBJECT

public:
    // `cache` may be null (no cache: the outbox then lasts as long as the process).
    Outbox(ServerConnection &connection, LocalCache *cache, QObject *parent = nullptr);

    // Takes back what an earlier run left unsent (emits restored when done); call once, after the cache opened.
    void restore();

    // Queues a text message and returns its client id; it goes out at once when online.
    QString sendText(const pb::Conversation &to, const QString &text, quint64 replyTo = 0,
                     const QList<quint64> &mentions = {});

    // Online: logged in, so requests can go out. Going online sends everything pending, in order.
    void setOnline(bool online);
    bool isOnline() const { return m_online; }
    int pendingCount() const { return int(m_pending.size()); }
    // What is waiting, oldest first (restored ones included once restored has been emitted).
    const std::deque<pb::SendMessageRequest> &pending() const { return m_pending; }

signals:
    void restored(int pending);
    void sent(const QString &clientMsgId, quint64 id, qint64 sentMs);
    // The server refused the message for good (unknown recipient, not a member, too large…); it left the outbox.
    void failed(const QString &clientMsgId, int errorCode, const QString &message);

private:
    void enqueue(pb::SendMessageRequest request, bool persist);
    void transmit(const pb::SendMessageRequest &request);
    void resend(const QString &clientMsgId); // after the server's retry-after, if still pending
    void settle(const std::string &clientMsgId);
    static bool isTransient(pb::ErrorCode code);

    ServerConnection &m_connection;
    LocalCache *m_cache;
    std::deque<pb::SendMessageRequest> m_pending;
    QSet<QString> m_inFlight;
    bool m_online = false;
};

} // namespace confab::client
