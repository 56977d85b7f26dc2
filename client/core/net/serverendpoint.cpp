#include "net/serverendpoint.h"

namespace confab::client {

std::optional<ServerEndpoint> ServerEndpoint::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    const bool hasScheme = trimmed.contains(QLatin1String("://"));
    const QUrl url = QUrl(hasScheme ? trimmed : QStringLiteral("tls://") + trimmed, QUrl::StrictMode);
    ServerEndpoint endpoint;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("tcp") || scheme == QLatin1String("tls")) {
        endpoint.transport = Transport::Tcp;
        endpoint.tls = scheme == QLatin1String("tls");
    } else if (scheme == QLatin1String("ws") || scheme == QLatin1String("wss")) {
        endpoint.transport = Transport::WebSocket;
        endpoint.tls = scheme == QLatin1String("wss");
        endpoint.path = url.path();
    } else {
        if (error)
            *error = tr("Unknown scheme \"%1\": write host:port for TLS, tcp://host:port for plain text, or a "
                        "wss:// or ws:// address.")
                         .arg(scheme);
        return std::nullopt;
    }
    endpoint.host = url.host();
    const int port = url.port(-1);
    if (!url.isValid() || endpoint.host.isEmpty() || port <= 0) {
        if (error)
            *error = tr("\"%1\" is not a server address such as chat.example.com:7210").arg(trimmed);
        return std::nullopt;
    }
    endpoint.port = quint16(port);
    return endpoint;
}

QString ServerEndpoint::toString() const
{
    if (transport == Transport::WebSocket)
        return webSocketUrl().toString();
    return (tls ? QString() : QStringLiteral("tcp://")) + host + QLatin1Char(':') + QString::number(port);
}

QUrl ServerEndpoint::webSocketUrl() const
{
    QUrl url;
    url.setScheme(tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(path.isEmpty() ? QStringLiteral("/") : path);
    return url;
}

} // namespace confab::client
