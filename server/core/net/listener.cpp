#include "net/listener.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpServer>
#include <QWebSocket>
#include <QWebSocketServer>

Q_LOGGING_CATEGORY(lcListener, "confab.server.net")

namespace confab::server {

namespace {
constexpr quint64 kRetryAfterMs = 2000; // refused connections try again soon: the caps clear in seconds

// Hands out every accepted socket as it is, before any TLS handshake (QSslServer would handshake first, out of
// sight of the pre-login budget): the Listener counts the connection from its first moment, and the handshake
// runs inside the login deadline.
class AcceptingServer : public QTcpServer
{
public:
    AcceptingServer(const QSslConfiguration &tls, QObject *parent)
        : QTcpServer(parent)
        , m_tls(tls)
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        QTcpSocket *socket = m_tls.isNull() ? new QTcpSocket(this) : new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        if (auto *tls = qobject_cast<QSslSocket *>(socket))
            tls->setSslConfiguration(m_tls);
        addPendingConnection(socket);
    }

private:
    QSslConfiguration m_tls;
};

// Starts the server side of TLS on a socket AcceptingServer made for it; plain sockets are left alone.
void startEncryption(QTcpSocket *socket)
{
    if (auto *tls = qobject_cast<QSslSocket *>(socket))
        tls->startServerEncryption();
}
} // namespace

std::optional<ListenAddress> ListenAddress::parse(const QString &text, QString *error)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon >= 0 ? text.mid(colon + 1).toUInt(&ok) : 0;
    QString host = colon >= 0 ? text.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    ListenAddress address;
    if (!ok || port > 65535 || !address.host.setAddress(host)) {
        *error = QStringLiteral("'%1' is not HOST:PORT (for example 127.0.0.1:7210 or [::]:7210)").arg(text);
        return std::nullopt;
    }
    address.port = quint16(port);
    return address;
}

Listener::Listener(ConnectionLimits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
    , m_admission(limits)
    , m_log(lcListener(), limits.logLinesPerInterval, limits.logIntervalMs)
{
    m_ticker.setInterval(Connection::tickIntervalMs(limits));
    connect(&m_ticker, &QTimer::timeout, this, [this] {
        const QList<Connection *> connections = m_connections.values(); // a tick may close (not destroy) some
        for (Connection *c : connections)
            c->tick();
    });
    m_ticker.start();
}

void Listener::adopt(Connection *connection)
{
    track(connection);
    const QString address = Admission::addressKey(connection->peerHostAddress());
    if (const Admission::Verdict verdict = m_admission.admit(address); verdict != Admission::Verdict::Admit) {
        refuse(connection, verdict);
        return;
    }
    admitted(connection, address);
}

void Listener::track(Connection *connection)
{
    m_connections.insert(connection);
    connect(connection, &QObject::destroyed, this, [this, connection] { m_connections.remove(connection); });
}

void Listener::admitted(Connection *connection, const QString &address)
{
    connect(connection, &Connection::authenticated, this, [this, address] { m_admission.loggedIn(address); });
    connect(connection, &Connection::closed, this, [this, connection, address] {
        m_admission.closed(address, connection->isAuthenticated());
        if (m_paused && !m_admission.isFull())
            setAccepting(true);
    });
    pauseWhenFull();
    emit newConnection(connection);
}

void Listener::acceptWebSocketPeer(QTcpSocket *socket)
{
    // Counted before the TLS and WebSocket handshakes, as TCP connections are; a refusal cannot be said in a frame
    // before the upgrade, so the socket just closes.
    const QString address = Admission::addressKey(socket->peerAddress());
    if (const Admission::Verdict verdict = m_admission.admit(address); verdict != Admission::Verdict::Admit) {
        m_log.warn(QStringLiteral("connections refused at admission"), [&] {
            return QStringLiteral("refused a WebSocket connection from %1: too many connections")
                .arg(socket->peerAddress().toString());
        });
        socket->abort();
        socket->deleteLater();
        return;
    }
    const Upgrading key{socket->peerAddress(), socket->peerPort()};
    QElapsedTimer sinceAccept;
    sinceAccept.start();
    m_upgrading.insert(key, UpgradingPeer{socket, address, sinceAccept});
    pauseWhenFull();
    // Released unless the upgrade completes: the peer went away, failed a handshake or ran out of time.
    const auto release = [this, key, socket] {
        const auto it = m_upgrading.constFind(key);
        if (it == m_upgrading.cend() || it->socket != socket)
            return;
        const QString admittedAs = it->address;
        m_upgrading.erase(it);
        m_admission.closed(admittedAs, false);
        if (m_paused && !m_admission.isFull())
            setAccepting(true);
    };
    connect(socket, &QAbstractSocket::disconnected, this, release);
    connect(socket, &QObject::destroyed, this, release);
    QTimer::singleShot(m_limits.loginTimeoutMs, socket, [this, key, socket] {
        const auto it = m_upgrading.constFind(key);
        if (it != m_upgrading.cend() && it->socket == socket)
            socket->abort();
    });
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        connect(tls, &QSslSocket::encrypted, this, [this, socket] { m_webSocket->handleConnection(socket); });
        tls->startServerEncryption();
    } else {
        m_webSocket->handleConnection(socket);
    }
}

void Listener::adoptUpgraded(QWebSocket *socket)
{
    const auto it = m_upgrading.constFind(Upgrading{socket->peerAddress(), socket->peerPort()});
    auto *connection = new Connection(socket, m_limits, m_log, this);
    track(connection);
    if (it == m_upgrading.cend()) {
        connection->close(QStringLiteral("upgraded after its admission ended"));
        return;
    }
    const QString address = it->address;
    connection->setConnectedBefore(it->sinceAccept.elapsed());
    m_upgrading.erase(it);
    admitted(connection, address);
}

void Listener::refuse(Connection *connection, Admission::Verdict verdict)
{
    // Nothing is kept of a refused connection but the socket until its error is written.
    const auto why = [verdict] {
        switch (verdict) {
        case Admission::Verdict::AddressFull:
            return QStringLiteral("too many connections from your address are not logged in; try again shortly");
        case Admission::Verdict::PreLoginFull:
            return QStringLiteral("too many connections are logging in; try again shortly");
        default:
            return QStringLiteral("the server is at its connection limit; try again later");
        }
    }();
    m_log.warn(QStringLiteral("connections refused at admission"),
               [&] { return QStringLiteral("refused a connection from %1: %2").arg(connection->peerAddress(), why); });
    connection->sendError(0, {}, pb::ERROR_TOO_MANY_CONNECTIONS, why, kRetryAfterMs);
    connection->close(QStringLiteral("refused at admission"));
}

void Listener::pauseWhenFull()
{
    if (!m_paused && m_admission.isFull()) {
        qCWarning(lcListener) << "at the cap of" << m_limits.maxConnections
                              << "connections: new ones wait in the backlog until one closes";
        setAccepting(false);
    }
}

void Listener::setAccepting(bool accepting)
{
    m_paused = !accepting;
    // A server that stopped listening (shutting down) has no socket left to pause or resume.
    for (QTcpServer *server : {m_tcp, m_webSocketTcp}) {
        if (server && server->isListening())
            accepting ? server->resumeAccepting() : server->pauseAccepting();
    }
}

Listener::~Listener() = default;

bool Listener::listenTcp(const ListenAddress &address, QString *error)
{
    m_tcp = listenOn(address, QStringLiteral("cannot listen on %1:%2: %3"), error);
    if (!m_tcp)
        return false;
    connect(m_tcp, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
            // Before the Connection writes anything (a refusal too): every byte it sends goes through TLS.
            startEncryption(socket);
            adopt(new Connection(socket, m_limits, m_log, this));
        }
    });
    return true;
}

bool Listener::listenWebSocket(const ListenAddress &address, QString *error)
{
    // Never listening itself: it upgrades the sockets this Listener accepted, counted and (for wss) encrypted.
    m_webSocket = new QWebSocketServer(QStringLiteral("confab"), QWebSocketServer::NonSecureMode, this);
    m_webSocket->setHandshakeTimeout(m_limits.loginTimeoutMs);
    connect(m_webSocket, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_webSocket->nextPendingConnection())
            adoptUpgraded(socket);
    });
    m_webSocketTcp = listenOn(address, QStringLiteral("cannot listen for WebSocket on %1:%2: %3"), error);
    if (!m_webSocketTcp)
        return false;
    connect(m_webSocketTcp, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_webSocketTcp->nextPendingConnection())
            acceptWebSocketPeer(socket);
    });
    return true;
}

QTcpServer *Listener::listenOn(const ListenAddress &address, const QString &failure, QString *error)
{
    auto *server = new AcceptingServer(m_tls, this);
    // After a restart every desktop reconnects at once. With Qt's default backlog of 50 the kernel's accept queue
    // overflowed under a few hundred simultaneous connects (ListenOverflows, SYN cookies), and clients waited for
    // seconds in SYN retries: 10,000 logins took 35-40 s instead of 3. The kernel caps this at net.core.somaxconn.
    constexpr int kListenBacklog = 4096;
    server->setListenBacklogSize(kListenBacklog);
    // Accepted sockets are handed on at once; Qt's default of 30 waiting would pause accepting under a burst.
    server->setMaxPendingConnections(kListenBacklog);
    if (!server->listen(address.host, address.port)) {
        *error = failure.arg(address.host.toString()).arg(address.port).arg(server->errorString());
        delete server;
        return nullptr;
    }
    return server;
}

void Listener::stopListening()
{
    if (m_tcp)
        m_tcp->close();
    if (m_webSocketTcp)
        m_webSocketTcp->close();
}

quint16 Listener::tcpPort() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

quint16 Listener::webSocketPort() const
{
    return m_webSocketTcp ? m_webSocketTcp->serverPort() : 0;
}

} // namespace confab::server
