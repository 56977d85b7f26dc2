// Accepts clients on TCP and on WebSocket (both TLS unless given a null configuration) and hands each one over as
// a Connection. Every accepted socket counts against the admission budget from its first moment: TLS and WebSocket
// handshakes happen inside it and inside the login deadline.
#pragma once

#include "net/admission.h"
#include "net/connection.h"
#include "net/logbudget.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace confab::server {

struct ListenAddress
{
    QHostAddress host = QHostAddress::LocalHost;
    quint16 port = 0; // 0 = any free port (tests)

    static std::optional<ListenAddress> parse(const QString &text, QString *error);
};

class Listener : public QObject
{
    Q_OBJECT

public:
    explicit Listener(ConnectionLimits limits, QObject *parent = nullptr);
    ~Listener() override;

    // A null configuration listens in plain text.
    void setTls(const QSslConfiguration &tls) { m_tls = tls; }

    bool listenTcp(const ListenAddress &address, QString *error);
    bool listenWebSocket(const ListenAddress &address, QString *error);
    void stopListening();

    quint16 tcpPort() const;
    quint16 webSocketPort() const;
    const Admission &admission() const { return m_admission; }

signals:
    void newConnection(confab::server::Connection *connection);

private:
    void adopt(Connection *connection);
    void track(Connection *connection);
    void admitted(Connection *connection, const QString &address);
    void acceptWebSocketPeer(QTcpSocket *socket);
    void adoptUpgraded(QWebSocket *socket);
    QTcpServer *listenOn(const ListenAddress &address, const QString &failure, QString *error);
    void refuse(Connection *connection, Admission::Verdict verdict);
    void pauseWhenFull();
    void setAccepting(bool accepting);

    ConnectionLimits m_limits;
    Admission m_admission;
    LogBudget m_log; // shared by every connection: lines about what peers send
    bool m_paused = false;
    QSet<Connection *> m_connections; // alive ones; each leaves the set when it is destroyed
    QTimer m_ticker;
    QSslConfiguration m_tls;
    QTcpServer *m_tcp = nullptr;
    QTcpServer *m_webSocketTcp = nullptr; // accepts for m_webSocket, which only upgrades
    QWebSocketServer *m_webSocket = nullptr;
    // WebSocket peers admitted and still in their TLS or upgrade handshake, by address and port.
    using Upgrading = std::pair<QHostAddress, quint16>;
    struct UpgradingPeer
    {
        const QTcpSocket *socket;  // identity only: the entry goes when the socket does
        QString address;           // as admitted
        QElapsedTimer sinceAccept; // the login deadline runs from the accept, handshakes included
    };
    QHash<Upgrading, UpgradingPeer> m_upgrading;
};

} // namespace confab::server
