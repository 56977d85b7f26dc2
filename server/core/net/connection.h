// One client connection, over TCP (optionally TLS) or WebSocket, carrying the same frames. It turns bytes into
// frames, frames into bytes, enforces the frame limit and the idle timeout, and remembers who logged in on it.
// What a frame means is the Dispatcher's business.
#pragma once

#include "net/ratelimit.h"
#include "protocol/frame.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QVariant>
#include <QWebSocket>

namespace confab::server {

class LogBudget;

struct ConnectionLimits
{
    quint32 maxFrameSize = protocol::kDefaultMaxFrameSize;
    // Until a login succeeds a peer is anonymous, and everything it may hold is small: frames of at most this
    // size (a LoginRequest's fields are capped far below it), a few refused requests, and this much time counted
    // from connect, not from its last frame (heartbeats do not keep an anonymous connection alive).
    quint32 preLoginMaxFrameSize = 16 * 1024;
    int preLoginRefusals = 8;         // requests refused before login; one more closes the connection
    int loginTimeoutMs = 15'000;      // a connection that has not logged in by then is dropped (TeamTalk: 15 s)
    int idleTimeoutMs = 120'000;      // a logged-in connection silent this long is dropped (TeamTalk PC: 120 s)
    int heartbeatIntervalMs = 30'000; // the server's own heartbeats, so clients notice a dead server
    qint64 maxPendingWriteBytes = 16 * 1024 * 1024; // a client that stops reading is dropped past this
    // Connections not logged in yet, from one address (an IPv6 /64 counts as one) and in all: a whole office
    // behind one NAT reconnects at once after a restart, so the first is generous; each lasts a login at most.
    int maxPreLoginPerAddress = 64;
    int maxPreLogin = 4096;
    int maxConnections = 0; // in all; 0: what the process's descriptor limit leaves room for
    // Lines about what peers send (bad frames, refusals), per kind and interval; the rest are summarised.
    int logLinesPerInterval = 5;
    int logIntervalMs = 10'000;
    // Once logged in: requests per connection, and messages per person over all their devices. A person
    // scrolling fast sends tens of requests a second and pastes a few messages at once; a script that pipelines
    // thousands is refused with ERROR_RATE_LIMITED and a retry-after (`--rate-requests`, `--rate-messages`).
    RateLimit requestsPerSession{400, 200};
    RateLimit messagesPerUser{60, 10};
};

class Connection : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of the socket; `log` (the Listener's) outlives it.
    Connection(QTcpSocket *socket, const ConnectionLimits &limits, LogBudget &log, QObject *parent = nullptr);
    Connection(QWebSocket *socket, const ConnectionLimits &limits, LogBudget &log, QObject *parent = nullptr);
    ~Connection() override;

    quint64 id() const { return m_id; }
    QString peerAddress() const { return peerHostAddress().toString(); }
    QHostAddress peerHostAddress() const;
    bool isOpen() const { return !m_closing; }

    void send(protocol::CommandId command, quint16 seq, const google::protobuf::Message &body);
    // A frame already encoded, for pushes that go to many connections.
    void sendEncoded(const QByteArray &frame);
    void sendError(quint16 seq, protocol::CommandId refused, pb::ErrorCode code, const QString &message,
                   quint64 retryAfterMs = 0);
    // The log lines this connection may write about what its peer sent: few, whatever the peer does.
    LogBudget &log() { return m_log; }
    // Flushes what is queued, then closes.
    void close(const QString &why);
    // Blocks until queued bytes are written or `msecs` pass: for shutdown only, when no event loop will run again.
    void flushForShutdown(int msecs);

    // The socket was accepted this long before the Connection was made (a WebSocket upgrade): the login deadline
    // counts that time too.
    void setConnectedBefore(qint64 ms) { m_connectedBeforeMs = ms; }

    // Login state, set by the login service.
    bool isAuthenticated() const { return m_userId != 0; }
    quint64 userId() const { return m_userId; }
    pb::ClientType clientType() const { return m_clientType; }
    const QString &deviceName() const { return m_deviceName; }
    qint64 loggedInAtMs() const { return m_loggedInAtMs; }
    // Lifts the pre-login limits; emits authenticated().
    void setAuthenticated(quint64 userId, pb::ClientType type, const QString &deviceName, qint64 nowMs);
    // Counts a request refused before login, and closes the connection at one too many.
    void refusedBeforeLogin();
    // This connection's share of the request rate (see ConnectionLimits::requestsPerSession).
    TokenBucket &requestBucket() { return m_requestBucket; }
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
    void authenticated();
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
    LogBudget &m_log;
    QPointer<QTcpSocket> m_tcp;
    QPointer<QWebSocket> m_webSocket;
    protocol::FrameDecoder m_decoder;
    QElapsedTimer m_sinceConnect;   // the login deadline runs from here
    qint64 m_connectedBeforeMs = 0; // time the socket spent in handshakes before this object (WebSocket upgrades)
    QElapsedTimer m_sinceClosing;   // a close that has not finished within a grace period aborts
    QElapsedTimer m_sinceLastFrame;
    QElapsedTimer m_sinceLastSend;
    bool m_closing = false;
    bool m_closedEmitted = false;

    quint64 m_userId = 0;
    pb::ClientType m_clientType = pb::CLIENT_TYPE_UNSPECIFIED;
    QString m_deviceName;
    qint64 m_loggedInAtMs = 0;
    bool m_loginPending = false;
    int m_refusedBeforeLogin = 0;
    TokenBucket m_requestBucket;
    QByteArray m_tokenHash;
};

} // namespace confab::server
