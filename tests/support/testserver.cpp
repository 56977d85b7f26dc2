#include "support/testserver.h"

#include "demo/demoorganisation.h"
#include "store/storagethread.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTimer>

namespace confab::test {

TestServer::TestServer(int demoUsers, const std::function<void(server::ServerConfig &)> &tweak)
{
    server::ServerConfig config;
    config.dataDir = m_dir.path();
    config.tcp = server::ListenAddress{QHostAddress::LocalHost, 0};
    config.changePollIntervalMs = 50;
    config.insecure = true; // plain text on loopback unless a test asks for TLS
    if (tweak)
        tweak(config);
    m_config = config;
    if (!startServer())
        return;
    if (demoUsers > 0)
        store().blocking([demoUsers](server::Store &s) { return server::seedDemoOrganisation(s, demoUsers); });
}

TestServer::~TestServer()
{
    m_server.reset();
}

bool TestServer::startServer()
{
    m_server = std::make_unique<server::Server>(m_config);
    QString error;
    m_running = m_server->start(&error);
    if (!m_running)
        qWarning() << "test server did not start:" << error;
    return m_running;
}

bool TestServer::restart()
{
    m_server.reset(); // stops it as SIGTERM would: connections close, the store is closed
    m_running = false;
    return startServer();
}

server::StorageThread &TestServer::store()
{
    return m_server->storage();
}

quint64 TestServer::userId(const QString &login)
{
    return store().blocking(
        [login](server::Store &s) {
            const std::optional<pb::User> user = s.userByLogin(login);
            return user ? quint64(user->id()) : quint64(0);
        },
        false);
}

client::ServerEndpoint TestServer::endpoint(bool webSocket) const
{
    client::ServerEndpoint e;
    e.host = QStringLiteral("127.0.0.1");
    e.transport = webSocket ? client::ServerEndpoint::Transport::WebSocket : client::ServerEndpoint::Transport::Tcp;
    e.port = webSocket ? m_server->webSocketPort() : m_server->tcpPort();
    e.tls = !m_server->tlsFingerprint().isEmpty();
    return e;
}

TestClient::TestClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_connection, &client::ServerConnection::pushReceived, this,
            [this](const protocol::Frame &frame) { m_pushes.append(frame); });
    connect(&m_connection, &client::ServerConnection::disconnected, this, [this] { m_disconnected = true; });
}

bool TestClient::waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    // Blocks on the event loop until something happens, rather than QTest::qWaitFor's 10 ms naps: a request to an
    // in-process server takes several event-loop passes, and napping between them would hide real latency.
    const QDeadlineTimer deadline(timeoutMs);
    QTimer wake;
    wake.start(qMax(1, timeoutMs));
    while (!condition()) {
        if (deadline.hasExpired())
            return condition();
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    return true;
}

bool TestClient::open(const client::ServerEndpoint &endpoint, int timeoutMs)
{
    m_disconnected = false;
    m_connection.open(endpoint);
    return waitFor([this] { return isConnected() || m_disconnected; }, timeoutMs) && isConnected();
}

bool TestClient::waitForDisconnect(int timeoutMs)
{
    return waitFor([this] { return m_disconnected; }, timeoutMs);
}

pb::LoginRequest TestClient::loginRequest(const QString &user, const QString &password, pb::ClientType type)
{
    pb::LoginRequest request;
    request.set_login_name(user.toStdString());
    request.set_password(password.toStdString());
    request.set_client_type(type);
    request.set_device_name(QStringLiteral("test %1").arg(int(type)).toStdString());
    return request;
}

client::RpcResult<pb::LoginResponse> TestClient::login(const QString &user, const QString &password,
                                                       pb::ClientType type)
{
    return call<protocol::rpc::Login>(loginRequest(user, password, type));
}

QString TestClient::connectAndLogin(const client::ServerEndpoint &endpoint, const QString &user, pb::ClientType type)
{
    if (!open(endpoint))
        return QStringLiteral("could not connect");
    const auto result = login(user, QStringLiteral("demo"), type);
    return result.ok() ? QString() : QStringLiteral("login failed: %1").arg(result.message);
}

int TestClient::countPushes(protocol::CommandId command) const
{
    return int(std::count_if(m_pushes.cbegin(), m_pushes.cend(),
                             [command](const protocol::Frame &f) { return f.command == command; }));
}

} // namespace confab::test
