#include "net/listener.h"

#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace confab::server {

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
    emit newConnection(connection);
}

Listener::~Listener() = default;

bool Listener::listenTcp(const ListenAddress &address, QString *error)
{
    if (m_tls.isNull()) {
        m_tcp = new QTcpServer(this);
    } else {
        auto *tls = new QSslServer(this);
        tls->setSslConfiguration(m_tls);
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
            adopt(new Connection(socket, m_limits, this));
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
    if (!m_webSocket->listen(address.host, address.port)) {
        *error = QStringLiteral("cannot listen for WebSocket on %1:%2: %3")
                     .arg(address.host.toString())
                     .arg(address.port)
                     .arg(m_webSocket->errorString());
        return false;
    }
    connect(m_webSocket, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_webSocket->nextPendingConnection())
            adopt(new Connection(socket, m_limits, this));
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
