// Reconnecting sessions against a real server: backoff with jitter, a server restart survived with the resume
// token (the password is never kept), a kick that ends the session for good, a refused token, and an
// unreachable server at the first sign-in.
#include "demo/demoorganisation.h"
#include "net/session.h"
#include "server.h"
#include "store/storagethread.h"
#include "support/testserver.h"
#include "sync/ownpresence.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace confab;
using confab::client::Session;
using confab::test::TestClient;

namespace {

std::unique_ptr<server::Server> startServer(const QString &dir, quint16 port)
{
    server::ServerConfig config;
    config.dataDir = dir;
    config.tcp = server::ListenAddress{QHostAddress::LocalHost, port};
    config.insecure = true;
    auto s = std::make_unique<server::Server>(config);
    QString error;
    if (!s->start(&error))
        return nullptr;
    s->storage().blocking([](server::Store &st) { return server::seedDemoOrganisation(st, 10); });
    return s;
}

client::ServerEndpoint endpointOf(quint16 port)
{
    client::ServerEndpoint e;
    e.host = QStringLiteral("127.0.0.1");
    e.port = port;
    e.tls = false;
    return e;
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void backoffStartsUnderASecondAndCapsAtAMinute()
    {
        for (double jitter : {0.0, 0.5, 0.999}) {
            QVERIFY(Session::retryDelayMs(0, jitter) <= 1000);
            QVERIFY(Session::retryDelayMs(0, jitter) >= 400);
            int previous = 0;
            for (int attempt = 0; attempt < 30; ++attempt) {
                const int delay = Session::retryDelayMs(attempt, jitter);
                QVERIFY(delay >= previous);
                QVERIFY(delay <= 60'000);
                previous = delay;
            }
            QVERIFY(Session::retryDelayMs(29, jitter) >= 30'000);
        }
        QVERIFY(Session::retryDelayMs(3, 0.0) < Session::retryDelayMs(3, 0.99)); // jitter spreads clients
    }

    void survivesAServerRestartWithTheToken()
    {
        QTemporaryDir dir;
        auto server = startServer(dir.path(), 0);
        QVERIFY(server);
        const quint16 port = server->tcpPort();
        client::ServerConnection connection;
        Session session(connection, pb::CLIENT_TYPE_LINUX);
        session.setBackoff({50, 400});
        QSignalSpy online(&session, &Session::online);
        QSignalSpy tokens(&session, &Session::tokenChanged);
        session.signIn(endpointOf(port), QStringLiteral("alice"), QStringLiteral("demo"));
        QVERIFY(online.wait(10000));
        QCOMPARE(online.at(0).at(1).toBool(), false);
        QCOMPARE(tokens.count(), 1);

        server.reset(); // the server goes away (it tells clients it is shutting down)
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::WaitingToRetry, 5000);
        server = startServer(dir.path(), port); // and comes back on the same port with the same store
        QVERIFY(server);
        QVERIFY(online.wait(10000));
        QCOMPARE(online.at(1).at(1).toBool(), true); // resumed, with the token: the session kept no password
        QCOMPARE(session.state(), Session::State::Online);
        QCOMPARE(session.reconnects(), 1);
    }

    void theChosenPresenceOutlivesRestartsAndAChoiceMadeOfflineIsSentAtSignIn()
    {
        // Before the fix the session signed in again with no presence, and the server took that for "online".
        QTemporaryDir dir;
        auto server = startServer(dir.path(), 0);
        QVERIFY(server);
        const quint16 port = server->tcpPort();
        const quint64 alice = server->storage().blocking(
            [](server::Store &st) { return quint64(st.userByLogin(QStringLiteral("alice"))->id()); }, false);
        client::ServerConnection connection;
        Session session(connection, pb::CLIENT_TYPE_LINUX);
        session.setBackoff({50, 400});
        client::OwnPresence own(connection, session);
        QSignalSpy online(&session, &Session::online);
        session.signIn(endpointOf(port), QStringLiteral("alice"), QStringLiteral("demo"));
        QVERIFY(online.wait(10000));
        QCOMPARE(own.presence(), pb::PRESENCE_ONLINE);

        QSignalSpy changed(&own, &client::OwnPresence::changed);
        own.choose(pb::PRESENCE_INVISIBLE);
        const auto seenByBob = [&] {
            TestClient bob;
            if (!bob.connectAndLogin(endpointOf(port), QStringLiteral("bob")).isEmpty())
                return pb::Presence(-1);
            pb::PresenceQueryRequest query;
            query.add_user_ids(alice);
            const auto r = bob.call<protocol::rpc::PresenceQuery>(query);
            return r.ok() && r.value.presences_size() == 1 ? r.value.presences(0).presence() : pb::Presence(-1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(seenByBob(), pb::PRESENCE_OFFLINE, 5000);

        server.reset();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::WaitingToRetry, 5000);
        // Busy, chosen while the server is away: it goes with the next sign-in.
        own.choose(pb::PRESENCE_BUSY);
        QCOMPARE(own.presence(), pb::PRESENCE_BUSY);
        server = startServer(dir.path(), port);
        QVERIFY(server);
        QVERIFY(online.wait(10000));
        QCOMPARE(own.presence(), pb::PRESENCE_BUSY);
        QCOMPARE(seenByBob(), pb::PRESENCE_BUSY);

        // Invisible again, then a restart with no new choice: the server's stored choice comes back.
        own.choose(pb::PRESENCE_INVISIBLE);
        QTRY_COMPARE_WITH_TIMEOUT(seenByBob(), pb::PRESENCE_OFFLINE, 5000);
        server.reset();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::WaitingToRetry, 5000);
        server = startServer(dir.path(), port);
        QVERIFY(server);
        QVERIFY(online.wait(10000));
        QCOMPARE(own.presence(), pb::PRESENCE_INVISIBLE);
        QCOMPARE(seenByBob(), pb::PRESENCE_OFFLINE);
    }

    void aKickEndsTheSessionForGood()
    {
        QTemporaryDir dir;
        auto server = startServer(dir.path(), 0);
        client::ServerConnection connection;
        Session session(connection, pb::CLIENT_TYPE_WINDOWS);
        session.setBackoff({20, 100});
        QSignalSpy online(&session, &Session::online);
        QSignalSpy kicked(&session, &Session::kicked);
        session.signIn(endpointOf(server->tcpPort()), QStringLiteral("bob"), QStringLiteral("demo"));
        QVERIFY(online.wait(10000));

        TestClient newer;
        QCOMPARE(newer.connectAndLogin(endpointOf(server->tcpPort()), QStringLiteral("bob"), pb::CLIENT_TYPE_MAC),
                 QString());
        QTRY_COMPARE_WITH_TIMEOUT(kicked.count(), 1, 5000); // may already have come while the newer one signed in
        QCOMPARE(kicked.at(0).at(0).value<pb::KickReason>(), pb::KICK_REASON_DUPLICATE_LOGIN);
        QCOMPARE(session.state(), Session::State::Kicked);
        // With retries every 20-100 ms, a session that wrongly reconnected would have done so many times by now.
        QVERIFY(!online.wait(500));
        QCOMPARE(connection.state(), client::ServerConnection::State::Disconnected);
        QVERIFY(newer.isConnected());
    }

    void aRefusedTokenAsksForThePassword()
    {
        QTemporaryDir dir;
        auto server = startServer(dir.path(), 0);
        client::ServerConnection connection;
        Session session(connection, pb::CLIENT_TYPE_LINUX);
        QSignalSpy failed(&session, &Session::signInFailed);
        session.resume(endpointOf(server->tcpPort()), QStringLiteral("alice"), QStringLiteral("revoked-token"));
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.at(0).at(0).value<pb::ErrorCode>(), pb::ERROR_INVALID_TOKEN);
        QCOMPARE(session.state(), Session::State::NeedsPassword);
    }

    void anUnreachableServerAtFirstSignInIsReportedAtOnce()
    {
        QTcpServer probe; // find a port nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        client::ServerConnection connection;
        Session session(connection, pb::CLIENT_TYPE_LINUX);
        QSignalSpy failed(&session, &Session::signInFailed);
        session.signIn(endpointOf(port), QStringLiteral("alice"), QStringLiteral("demo"));
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.at(0).at(0).value<pb::ErrorCode>(), pb::ERROR_UNAVAILABLE);
        QCOMPARE(session.state(), Session::State::SignedOut);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
