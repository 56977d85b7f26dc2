// One client connection, over TCP (optionally TLS) or WebSocket, carrying the same frames. It turns bytes into
// frames, frames into bytes, enforces the frame limit and the idle timeout, and remembers who logged in on it.
// What a frame means is the Dispatcher's business.
#pragma once

#include "protocol/frame.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QVariant>
#include <QWebSocket>

namespace confab::server {

struct ConnectionLimits
{
    quint32 maxFrameSize = protocol::kDefaultMaxFrameSize;
    int loginTimeoutMs = 15'000;      // a connection that has not logged in by then is dropped (TeamTalk: 15 s)
    int idleTimeoutMs = 120'000;      // a logged-in connection silent this long is dropped (TeamTalk PC: 120 s)
    int heartbeatIntervalMs = 30'000; // the server's own heartbeats, so clients notice a dead server
    qint64 maxPendingWriteBytes = 16 * 1024 * 1024; // a client that stops reading is dropped past this
};

class Connection : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of the socket.
    Connection(QTcpSocket *socket, const ConnectionLimits &limits, QObject *parent = nullptr);
    Connection(QWebSocket *socket, const ConnectionLimits &limits, QObject *parent = nullptr);
    ~Connection() override;

    quint64 id() const { return m_id; }
    QString peerAddress() const;
    bool isOpen() const { return !m_closing; }

    void send(protocol::CommandId command, quint16 seq, const google::protobuf::Message &body);
    // A frame already encoded, for pushes that go to many connections.
    void sendEncoded(const QByteArray &frame);
    void sendError(quint16 seq, protocol::CommandId refused, pb::ErrorCode code, const QString &message,
                   quint64 retryAfterMs = 0);
    // Flushes what is queued, then closes.
    void close(const QString &why);
    // Blocks until queued bytes are written or `msecs` pass: for shutdown only, when no event loop will run again.
    void flushForShutdown(int msecs);

    // Login state, set by the login service.
    bool isAuthenticated() const { return m_userId != 0; }
    quint64 userId() const { return m_userId; }
    pb::ClientType clientType() const { return m_clientType; }
    const QString &deviceName() const { return m_deviceName; }
    qint64 loggedInAtMs() const { return m_loggedInAtMs; }
    void setAuthenticated(quint64 userId, pb::ClientType type, const QString &deviceName, qint64 nowMs);
    // While the server checks a login, the client is waiting on us, not silent: the login timeout does not run.
    bool isLoginPending() const { return m_loginPending; }
    void setLoginPending(bool pending) { m_loginPending = pending; }

    // Drops the connection when it has been silent too long and sends our heartbeat when we have been. The
    // Listener ticks every connection from one timer, every tickIntervalMs: one timer per connection would cost
    // memory and wake-ups by the thousand.
    void tick();
    static int tickIntervalMs(const ConnectionLimits &limits);

    // The hash of the resume token this login issued, so that logging out revokes exactly it. A member rather
    // than a general-purpose hash of attributes: an empty QHash costs about a kilobyte once used, and ten
    // thousand idle connections would pay it.
    const QByteArray &tokenHash() const { return m_tokenHash; }
    void setTokenHash(QByteArray hash) { m_tokenHash = std::move(hash); }

signals:
    void frameReceived(const confab::protocol::Frame &frame);
    void closed();

private:
    void setUp();
    void onBytes(QByteArrayView bytes);
    void onWebSocketMessage(const QByteArray &message);
    void deliver(const protocol::Frame &frame);
    void writeFrame(const QByteArray &frame);
    void onDisconnected();

    static quint64 nextId();

    quint64 m_id;
    ConnectionLimits m_limits;
    QPointer<QTcpSocket> m_tcp;
    QPointer<QWebSocket> m_webSocket;
    protocol::FrameDecoder m_decoder;
    QElapsedTimer m_sinceLastFrame;
    QElapsedTimer m_sinceLastSend;
    bool m_closing = false;
    bool m_closedEmitted = false;

    quint64 m_userId = 0;
    pb::ClientType m_clientType = pb::CLIENT_TYPE_UNSPECIFIED;
    QString m_deviceName;
    qint64 m_loggedInAtMs = 0;
    bool m_loginPending = false;
    QByteArray m_tokenHash;
};

} // namespace confab::server
