// A real Confab server in-process, on a temporary data dir and free loopback ports, with a small demo
// organisation; and a client that talks to it over real sockets, waiting on signals with timeouts.
#pragma once

#include "net/serverconnection.h"
#include "server.h"

#include <QTemporaryDir>

#include <memory>

namespace confab::test {

class TestServer
{
public:
    // `tweak` adjusts the configuration (timeouts, WebSocket) before the server starts.
    explicit TestServer(int demoUsers = 30, const std::function<void(server::ServerConfig &)> &tweak = {});
    ~TestServer();

    bool isRunning() const { return m_running; }
    // Stops the server and starts it again on the same data dir (on new ports: ask endpoint() again).
    bool restart();
    server::Server &server() { return *m_server; }
    server::StorageThread &store();
    QString dataDir() const { return m_dir.path(); }
    // The id of a demo user (alice, bob, carol, …).
    quint64 userId(const QString &login);
    client::ServerEndpoint endpoint(bool webSocket = false) const;

private:
    bool startServer();

    QTemporaryDir m_dir;
    server::ServerConfig m_config;
    std::unique_ptr<server::Server> m_server;
    bool m_running = false;
};

class TestClient : public QObject
{
    Q_OBJECT

public:
    explicit TestClient(QObject *parent = nullptr);

    client::ServerConnection &connection() { return m_connection; }
    bool open(const client::ServerEndpoint &endpoint, int timeoutMs = 5000);
    bool isConnected() const { return m_connection.state() == client::ServerConnection::State::Connected; }
    bool waitForDisconnect(int timeoutMs = 5000);

    // Sends a request and waits for its answer (or the connection's timeout).
    template <class Rpc>
    client::RpcResult<typename Rpc::Response> call(const typename Rpc::Request &request, int timeoutMs = 10000)
    {
        std::optional<client::RpcResult<typename Rpc::Response>> result;
        m_connection.call<Rpc>(request, this, [&](auto r) { result = std::move(r); });
        waitFor([&] { return result.has_value(); }, timeoutMs);
        if (!result) {
            client::RpcResult<typename Rpc::Response> timedOut;
            timedOut.error = pb::ERROR_UNAVAILABLE;
            timedOut.message = QStringLiteral("test timed out");
            return timedOut;
        }
        return std::move(*result);
    }

    // The request login() sends, for tests that change a field of it.
    static pb::LoginRequest loginRequest(const QString &user, const QString &password = QStringLiteral("demo"),
                                         pb::ClientType type = pb::CLIENT_TYPE_LINUX);
    client::RpcResult<pb::LoginResponse> login(const QString &user, const QString &password = QStringLiteral("demo"),
                                               pb::ClientType type = pb::CLIENT_TYPE_LINUX);
    // Connects and logs in; empty error on success.
    QString connectAndLogin(const client::ServerEndpoint &endpoint, const QString &user,
                            pb::ClientType type = pb::CLIENT_TYPE_LINUX);

    // Pushes received so far, oldest first; takeFirstPush waits for one of the given command.
    QList<protocol::Frame> &pushes() { return m_pushes; }
    template <class Message>
    std::optional<Message> waitForPush(protocol::CommandId command, int timeoutMs = 5000)
    {
        std::optional<Message> found;
        waitFor(
            [&] {
                for (qsizetype i = 0; i < m_pushes.size(); ++i) {
                    if (m_pushes[i].command == command) {
                        Message m;
                        if (protocol::parseBody(m_pushes[i], m))
                            found = m;
                        m_pushes.removeAt(i);
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return found;
    }
    int countPushes(protocol::CommandId command) const;

    static bool waitFor(const std::function<bool()> &condition, int timeoutMs);

private:
    client::ServerConnection m_connection;
    QList<protocol::Frame> m_pushes;
    bool m_disconnected = false;
};

} // namespace confab::test
