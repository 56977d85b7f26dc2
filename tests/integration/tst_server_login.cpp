// Login over real sockets against a real in-process server: credentials, kicks by client category, coexisting
// devices, resume tokens, the pre-login gate and the idle timeout.
#include "protocol/errors.h"
#include "store/storagethread.h"
#include "support/testserver.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTest>

using namespace confab;
using namespace confab::protocol;
using confab::test::TestClient;
using confab::test::TestServer;

class TestServerLogin : public QObject
{
    Q_OBJECT

private slots:
    void loginReturnsProfileTokenAndServerTime()
    {
        TestServer server;
        QVERIFY(server.isRunning());
        TestClient client;
        QVERIFY(client.open(server.endpoint()));
        const auto result = client.login(QStringLiteral("alice"));
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.value.user().login_name(), std::string("alice"));
        QVERIFY(result.value.user().id() > 0);
        QVERIFY(result.value.resume_token().size() >= 40);
        QVERIFY(qAbs(result.value.server_time_ms() - QDateTime::currentMSecsSinceEpoch()) < 60'000);
        QVERIFY(result.value.heartbeat_interval_ms() > 0);
    }

    void loginNamesAreCaseInsensitive()
    {
        TestServer server;
        TestClient client;
        QVERIFY(client.open(server.endpoint()));
        QVERIFY(client.login(QStringLiteral(" Alice ")).ok());
    }

    void anUnknownNameAndAWrongPasswordLookAlikeButTheLogTellsThemApart()
    {
        static QStringList logged;
        logged.clear();
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &message) { logged << message; });
        const auto restore = qScopeGuard([previous] { qInstallMessageHandler(previous); });
        TestServer server;
        server.store().blocking([](server::Store &s) {
            auto carol = s.userByLogin(QStringLiteral("carol"));
            carol->set_status(pb::USER_STATUS_LEFT);
            return s.upsertUser(*carol);
        });
        TestClient client;
        QVERIFY(client.open(server.endpoint()));
        const auto timed = [&](const QString &user, const QString &password, pb::ErrorCode expected) {
            QElapsedTimer timer;
            timer.start();
            const auto result = client.login(user, password);
            [&] { QCOMPARE(result.error, expected); }();
            return timer.elapsed();
        };
        const qint64 wrong = timed(QStringLiteral("alice"), QStringLiteral("nope"), pb::ERROR_WRONG_PASSWORD);
        // The same answer, word for word: nobody learns from it whether a name exists.
        const qint64 unknown = timed(QStringLiteral("nobody"), QStringLiteral("nope"), pb::ERROR_WRONG_PASSWORD);
        QCOMPARE(client.login(QStringLiteral("nobody"), QStringLiteral("nope")).message,
                 client.login(QStringLiteral("alice"), QStringLiteral("nope")).message);
        const qint64 disabled = timed(QStringLiteral("carol"), QStringLiteral("demo"), pb::ERROR_USER_DISABLED);
        QVERIFY(client.isConnected()); // failures do not cost the connection
        // Every outcome spends one slow hash: an unknown name is not answered faster than a known one.
        qInfo() << "wrong password" << wrong << "ms, unknown user" << unknown << "ms, disabled" << disabled << "ms";
        QVERIFY(unknown * 3 >= wrong);
        QVERIFY(disabled * 3 >= wrong);
        QVERIFY(wrong >= 5);
        // The admin's log still says which it was.
        QVERIFY(logged.filter(QStringLiteral("'nobody'")).filter(QStringLiteral("ERROR_UNKNOWN_USER")).size() >= 1);
        QVERIFY(logged.filter(QStringLiteral("'alice'")).filter(QStringLiteral("ERROR_WRONG_PASSWORD")).size() >= 1);
    }

    void repeatedFailuresAreSlowedDown()
    {
        TestServer server;
        TestClient client;
        QVERIFY(client.open(server.endpoint()));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(client.login(QStringLiteral("bob"), QStringLiteral("guess")).error, pb::ERROR_WRONG_PASSWORD);
        QCOMPARE(client.login(QStringLiteral("bob"), QStringLiteral("guess")).error, pb::ERROR_WRONG_PASSWORD);
        const auto throttled = client.login(QStringLiteral("bob"), QStringLiteral("demo"));
        QCOMPARE(throttled.error, pb::ERROR_TOO_MANY_ATTEMPTS);
        QVERIFY(throttled.retryAfterMs > 0);
        // Other users are not locked out by bob's attacker.
        QVERIFY(client.login(QStringLiteral("alice")).ok());
    }

    void requestsBeforeLoginAreRefused()
    {
        TestServer server;
        TestClient client;
        QVERIFY(client.open(server.endpoint()));
        const auto early = client.call<rpc::UserSync>(pb::SyncRequest());
        QCOMPARE(early.error, pb::ERROR_NOT_LOGGED_IN);
        QVERIFY(client.isConnected());
        QVERIFY(client.login(QStringLiteral("alice")).ok());
        QVERIFY(client.call<rpc::UserSync>(pb::SyncRequest()).ok());
        QCOMPARE(client.login(QStringLiteral("alice")).error, pb::ERROR_ALREADY_LOGGED_IN);
    }

    void aSecondLoginWhileTheFirstIsCheckedIsRefused()
    {
        TestServer server;
        TestClient client;
        QVERIFY(client.open(server.endpoint()));
        pb::LoginRequest request;
        request.set_login_name("alice");
        request.set_password("demo");
        request.set_client_type(pb::CLIENT_TYPE_LINUX);
        std::optional<client::RpcResult<pb::LoginResponse>> first, second;
        client.connection().call<rpc::Login>(request, &client, [&](auto r) { first = r; });
        client.connection().call<rpc::Login>(request, &client, [&](auto r) { second = r; });
        QVERIFY(TestClient::waitFor([&] { return first && second; }, 10000));
        QVERIFY(first->ok());
        QCOMPARE(second->error, pb::ERROR_ALREADY_LOGGED_IN);
        QCOMPARE(server.server().onlineUserCount(), 1);
    }

    void sameCategoryKicksTheOlderLogin()
    {
        TestServer server;
        TestClient first, second;
        QCOMPARE(first.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_WINDOWS), QString());
        QCOMPARE(second.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_MAC), QString());
        const auto kick = first.waitForPush<pb::KickNotice>(oneway::Kick::id);
        QVERIFY(kick.has_value());
        QCOMPARE(kick->reason(), pb::KICK_REASON_DUPLICATE_LOGIN);
        QVERIFY(first.waitForDisconnect());
        QVERIFY(second.isConnected());
        QVERIFY(second.call<rpc::DepartmentSync>(pb::SyncRequest()).ok());
    }

    void otherCategoriesCoexistAndAreToldOfEachOther()
    {
        TestServer server;
        TestClient desktop, phone;
        QCOMPARE(desktop.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_LINUX), QString());
        QVERIFY(phone.open(server.endpoint()));
        const auto login = phone.login(QStringLiteral("alice"), QStringLiteral("demo"), pb::CLIENT_TYPE_ANDROID);
        QVERIFY(login.ok());
        QCOMPARE(login.value.other_devices_size(), 1);
        QCOMPARE(login.value.other_devices(0).client_type(), pb::CLIENT_TYPE_LINUX);
        const auto notice = desktop.waitForPush<pb::DeviceNotice>(oneway::DeviceNotify::id);
        QVERIFY(notice.has_value());
        QVERIFY(notice->online());
        QCOMPARE(notice->device().client_type(), pb::CLIENT_TYPE_ANDROID);
        QVERIFY(desktop.isConnected());

        phone.connection().close();
        const auto gone = desktop.waitForPush<pb::DeviceNotice>(oneway::DeviceNotify::id);
        QVERIFY(gone.has_value());
        QVERIFY(!gone->online());
    }

    void aDeviceSignsOutAnotherAndOnlyThatOne()
    {
        TestServer server;
        TestClient desktop, phone, web;
        QCOMPARE(desktop.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_LINUX), QString());
        QCOMPARE(web.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_WEB), QString());
        QVERIFY(phone.open(server.endpoint()));
        const auto onPhone = phone.login(QStringLiteral("alice"), QStringLiteral("demo"), pb::CLIENT_TYPE_ANDROID);
        QVERIFY(onPhone.ok());

        pb::SignOutDeviceRequest own;
        own.set_client_type(pb::CLIENT_TYPE_WINDOWS); // a desktop, like the asking one: that is logging out
        QCOMPARE(desktop.call<rpc::SignOutDevice>(own).error, pb::ERROR_INVALID_ARGUMENT);
        pb::SignOutDeviceRequest nothing;
        QCOMPARE(desktop.call<rpc::SignOutDevice>(nothing).error, pb::ERROR_INVALID_ARGUMENT);

        pb::SignOutDeviceRequest signOutPhone;
        signOutPhone.set_client_type(pb::CLIENT_TYPE_IOS); // any mobile type names the mobile device
        const auto done = desktop.call<rpc::SignOutDevice>(signOutPhone);
        QVERIFY2(done.ok(), qPrintable(done.message));
        QCOMPARE(done.value.connections_closed(), 1u);
        const auto kick = phone.waitForPush<pb::KickNotice>(oneway::Kick::id);
        QVERIFY(kick.has_value());
        QCOMPARE(kick->reason(), pb::KICK_REASON_SIGNED_OUT_ELSEWHERE);
        QVERIFY(phone.waitForDisconnect());
        QVERIFY(desktop.isConnected());
        QVERIFY(web.isConnected()); // another category: untouched

        // The phone's token is gone: it needs the password again.
        TestClient phoneAgain;
        QVERIFY(phoneAgain.open(server.endpoint()));
        pb::LoginRequest resume;
        resume.set_resume_token(onPhone.value.resume_token());
        resume.set_client_type(pb::CLIENT_TYPE_ANDROID);
        QCOMPARE(phoneAgain.call<rpc::Login>(resume).error, pb::ERROR_INVALID_TOKEN);
    }

    void resumeTokenLogsInWithoutThePasswordUntilLogout()
    {
        TestServer server;
        TestClient first;
        QVERIFY(first.open(server.endpoint()));
        const auto login = first.login(QStringLiteral("bob"));
        QVERIFY(login.ok());
        const std::string token = login.value.resume_token();
        first.connection().close();

        TestClient again;
        QVERIFY(again.open(server.endpoint()));
        pb::LoginRequest resume;
        resume.set_resume_token(token);
        resume.set_client_type(pb::CLIENT_TYPE_LINUX);
        const auto resumed = again.call<rpc::Login>(resume);
        QVERIFY2(resumed.ok(), qPrintable(resumed.message));
        QCOMPARE(resumed.value.user().login_name(), std::string("bob"));
        QVERIFY(again.call<rpc::Logout>(pb::LogoutRequest()).ok());
        QVERIFY(again.waitForDisconnect());

        TestClient late;
        QVERIFY(late.open(server.endpoint()));
        QCOMPARE(late.call<rpc::Login>(resume).error, pb::ERROR_INVALID_TOKEN);
        resume.set_resume_token("forged-token");
        QCOMPARE(late.call<rpc::Login>(resume).error, pb::ERROR_INVALID_TOKEN);
    }

    void loggingOutOneDeviceKeepsTheOtherDevicesSignedIn()
    {
        TestServer server;
        const auto tokenFrom = [&](pb::ClientType type) {
            TestClient device;
            if (!device.open(server.endpoint()))
                return std::string();
            const auto login = device.login(QStringLiteral("carol"), QStringLiteral("demo"), type);
            return login.ok() ? login.value.resume_token() : std::string();
        };
        const std::string desktop = tokenFrom(pb::CLIENT_TYPE_LINUX);
        const std::string web = tokenFrom(pb::CLIENT_TYPE_WEB);
        QVERIFY(!desktop.empty() && !web.empty() && desktop != web);
        const auto resume = [&](TestClient &device, const std::string &token, pb::ClientType type) {
            pb::LoginRequest request;
            request.set_resume_token(token);
            request.set_client_type(type);
            return device.call<rpc::Login>(request);
        };

        TestClient browser;
        QVERIFY(browser.open(server.endpoint()));
        QVERIFY(resume(browser, web, pb::CLIENT_TYPE_WEB).ok());
        QVERIFY(browser.call<rpc::Logout>(pb::LogoutRequest()).ok());
        QVERIFY(browser.waitForDisconnect());

        // The browser's token is gone; the desktop's is the desktop's own and still signs it in.
        TestClient later;
        QVERIFY(later.open(server.endpoint()));
        QCOMPARE(resume(later, web, pb::CLIENT_TYPE_WEB).error, pb::ERROR_INVALID_TOKEN);
        QVERIFY(resume(later, desktop, pb::CLIENT_TYPE_LINUX).ok());
    }

    void silentConnectionsAreDropped()
    {
        TestServer server(5, [](server::ServerConfig &c) {
            c.limits.loginTimeoutMs = 300;
            c.limits.idleTimeoutMs = 600;
            c.limits.heartbeatIntervalMs = 200;
        });
        TestClient neverLogsIn;
        QVERIFY(neverLogsIn.open(server.endpoint()));
        QElapsedTimer timer;
        timer.start();
        QVERIFY(neverLogsIn.waitForDisconnect(3000));
        QVERIFY(timer.elapsed() >= 250);

        TestClient quiet;
        quiet.connection().setHeartbeatInterval(60'000); // never says anything after login
        QCOMPARE(quiet.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QVERIFY(quiet.waitForDisconnect(3000));

        TestClient chatty;
        chatty.connection().setHeartbeatInterval(100);
        QCOMPARE(chatty.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QVERIFY(!chatty.waitForDisconnect(1500));                // heartbeats keep it alive well past the idle timeout
        QVERIFY(chatty.countPushes(oneway::Heartbeat::id) == 0); // server heartbeats are not surfaced as pushes
    }

    void webSocketCarriesTheSameFrames()
    {
        TestServer server(5, [](server::ServerConfig &c) {
            c.webSocket = server::ListenAddress{QHostAddress::LocalHost, 0};
        });
        TestClient client;
        QVERIFY(client.open(server.endpoint(/*webSocket=*/true)));
        QVERIFY(client.login(QStringLiteral("alice")).ok());
        const auto page = client.call<rpc::DepartmentSync>(pb::SyncRequest());
        QVERIFY(page.ok());
        QVERIFY(page.value.departments_size() > 10);
    }
};

QTEST_GUILESS_MAIN(TestServerLogin)
#include "tst_server_login.moc"
