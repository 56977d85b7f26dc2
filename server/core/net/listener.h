// Accepts clients on TCP and on WebSocket (both TLS when a certificate and key are configured) and hands each
// one over as a Connection.
#pragma once

#include "net/admission.h"
#include "net/connection.h"
#include "net/logbudget.h"

#include <QHostAddress>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>

class QTcpServer;
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
    QWebSocketServer *m_webSocket = nullptr;
};

} // namespace confab::server
