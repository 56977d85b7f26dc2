// Where a server is and how to reach it: "host:port" (TLS over TCP, what servers serve by default; "tls://" says the
// same), "tcp://host:port" (plain text, for a server started with --insecure), "wss://host:port[/path]" or
// "ws://host:port[/path]".
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

namespace confab::client {

struct ServerEndpoint
{
    Q_DECLARE_TR_FUNCTIONS(ServerEndpoint)

public:
    enum class Transport
    {
        Tcp,
        WebSocket
    };

    Transport transport = Transport::Tcp;
    bool tls = true;
    QString host;
    quint16 port = 0;
    QString path; // WebSocket only

    static std::optional<ServerEndpoint> parse(const QString &text, QString *error = nullptr);
    QString toString() const;
    QUrl webSocketUrl() const;
    // A stable key for per-server storage (cache file names, keychain entries).
    QString key() const { return QStringLiteral("%1_%2").arg(host).arg(port); }
};

} // namespace confab::client
