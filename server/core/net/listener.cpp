#include "net/listener.h"

#include <QLoggingCategory>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QWebSocket>
#include <QWebSocketServer>

Q_LOGGING_CATEGORY(lcListener, "confab.server.net")

namespace confab::server {

namespace {
constexpr quint64 kRetryAfterMs = 2000; // refused connections try again soon: the caps clear in seconds
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
    m_connections.insert(connection);
    connect(connection, &QObject::destroyed, this, [this, connection] { m_connections.remove(connection); });
    const QString address = Admission::addressKey(connection->peerHostAddress());
    if (const Admission::Verdict verdict = m_admission.admit(address); verdict != Admission::Verdict::Admit) {
        refuse(connection, verdict);
        return;
    }
    connect(connection, &Connection::authenticated, this, [this, address] { m_admission.loggedIn(address); });
    connect(connection, &Connection::closed, this, [this, connection, address] {
        m_admission.closed(address, connection->isAuthenticated());
        if (m_paused && !m_admission.isFull())
            setAccepting(true);
    });
    pauseWhenFull();
    emit newConnection(connection);
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
    if (m_tcp && m_tcp->isListening())
        accepting ? m_tcp->resumeAccepting() : m_tcp->pauseAccepting();
    if (m_webSocket && m_webSocket->isListening())
        accepting ? m_webSocket->resumeAccepting() : m_webSocket->pauseAccepting();
}

Listener::~Listener() = default;

bool Listener::listenTcp(const ListenAddress &address, QString *error)
{
    if (m_tls.isNull()) {
        m_tcp = new QTcpServer(this);
    } else {
        auto *tls = new QSslServer(this);
        tls->setSslConfiguration(m_tls);
        tls->setHandshakeTimeout(m_limits.loginTimeoutMs); // a handshake is part of the time to log in
        m_tcp = tls;
    }
    // After a restart every desktop reconnects at once. With Qt's default backlog of 50 the kernel's accept queue
    // overflowed under a few hundred simultaneous connects (ListenOverflows, SYN cookies), and clients waited for
    // seconds in SYN retries: 10,000 logins took 35-40 s instead of 3. The kernel caps this at net.core.somaxconn.
    constexpr int kListenBacklog = 4096;
    m_tcp->setListenBacklogSize(kListenBacklog);
    if (!m_tcp->listen(address.host, address.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(address.host.toString())
                     .arg(address.port)
                     .arg(m_tcp->errorString());
        return false;
    }
    connect(m_tcp, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_tcp->nextPendingConnection())
            adopt(new Connection(socket, m_limits, m_log, this));
    });
    return true;
}

bool Listener::listenWebSocket(const ListenAddress &address, QString *error)
{
    m_webSocket =
        new QWebSocketServer(QStringLiteral("confab"),
                             m_tls.isNull() ? QWebSocketServer::NonSecureMode : QWebSocketServer::SecureMode, this);
    if (!m_tls.isNull())
        m_webSocket->setSslConfiguration(m_tls);
    m_webSocket->setHandshakeTimeout(m_limits.loginTimeoutMs);
    if (!m_webSocket->listen(address.host, address.port)) {
        *error = QStringLiteral("cannot listen for WebSocket on %1:%2: %3")
                     .arg(address.host.toString())
                     .arg(address.port)
                     .arg(m_webSocket->errorString());
        return false;
    }
    connect(m_webSocket, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_webSocket->nextPendingConnection())
            adopt(new Connection(socket, m_limits, m_log, this));
    });
    return true;
}

void Listener::stopListening()
{
    if (m_tcp)
        m_tcp->close();
    if (m_webSocket)
        m_webSocket->close();
}

quint16 Listener::tcpPort() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

quint16 Listener::webSocketPort() const
{
    return m_webSocket ? m_webSocket->serverPort() : 0;
}

} // namespace confab::server
