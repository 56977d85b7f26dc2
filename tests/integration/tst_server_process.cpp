// The real confab-server binary as admins run it: admin commands from another process reach online clients
// within a second, SIGTERM shuts down gracefully within five, and a clock stepped back a day (Debian's faketime)
// neither reuses nor loses a cursor.
#include "support/testserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace confab;
using namespace confab::protocol;
using confab::test::TestClient;

namespace {

constexpr const char *kLibFaketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"; // Debian's libfaketime

// A confab-server process on a free port, optionally under faketime.
class ServerProcess
{
public:
    bool start(const QString &dataDir, const QStringList &extra = {}, const QString &faketime = {})
    {
        QStringList args{QStringLiteral("--data-dir"), dataDir, QStringLiteral("--listen"),
                         QStringLiteral("127.0.0.1:0")};
        args += extra;
        process.setProcessChannelMode(QProcess::MergedChannels);
        if (!faketime.isEmpty()) {
            // libfaketime preloaded straight into the server (not through the faketime script, whose child would
            // outlive this QProcess). In sanitizer builds ASan must be told it need not come first.
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("LD_PRELOAD"), QLatin1String(kLibFaketime));
            env.insert(QStringLiteral("FAKETIME"), faketime);
            env.insert(QStringLiteral("ASAN_OPTIONS"),
                       env.value(QStringLiteral("ASAN_OPTIONS")) + QStringLiteral(":verify_asan_link_order=0"));
            process.setProcessEnvironment(env);
        }
        process.start(QStringLiteral(CONFAB_SERVER_BINARY), args);
        static const QRegularExpression portLine(QStringLiteral("tcp port (\\d+)"));
        return TestClient::waitFor(
            [&] {
                log += QString::fromUtf8(process.readAll());
                const auto match = portLine.match(log);
                if (match.hasMatch())
                    port = quint16(match.captured(1).toUInt());
                return port != 0 && (extra.isEmpty() || log.contains(QLatin1String("Log in as")));
            },
            10000);
    }
    client::ServerEndpoint endpoint() const
    {
        client::ServerEndpoint e;
        e.host = QStringLiteral("127.0.0.1");
        e.port = port;
        return e;
    }
    ~ServerProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    QProcess process;
    QString log;
    quint16 port = 0;
};

// The next SyncNotify for `dataSet` (others, such as a late one for the demo seeding, are skipped).
std::optional<pb::SyncNotify> nextSyncNotify(TestClient &client, pb::DataSet dataSet)
{
    while (auto notify = client.waitForPush<pb::SyncNotify>(oneway::SyncNotify::id, 3000)) {
        if (notify->data_set() == dataSet)
            return notify;
    }
    return std::nullopt;
}

int runAdmin(const QString &dataDir, const QStringList &command)
{
    QProcess admin;
    admin.start(QStringLiteral(CONFAB_SERVER_BINARY),
                QStringList{QStringLiteral("admin"), QStringLiteral("--data-dir"), dataDir} + command);
    if (!admin.waitForFinished(10000))
        return -1;
    return admin.exitCode();
}

quint64 changeSignLine(TestClient &client, const char *text)
{
    pb::ChangeSignLineRequest change;
    change.set_sign_line(text);
    const auto result = client.call<rpc::ChangeSignLine>(change);
    return result.ok() ? result.value.cursor() : 0;
}

} // namespace

class TestServerProcess : public QObject
{
    Q_OBJECT

private slots:
    void adminChangesReachOnlineClientsWithinASecond()
    {
        QTemporaryDir data;
        ServerProcess server;
        QVERIFY2(
            server.start(data.path(), {QStringLiteral("--demo"), QStringLiteral("--demo-users"), QStringLiteral("20")}),
            qPrintable(server.log));
        TestClient alice, bob;
        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());

        QElapsedTimer timer;
        timer.start();
        QCOMPARE(runAdmin(data.path(), {QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("bob")}), 0);
        const auto kick = bob.waitForPush<pb::KickNotice>(oneway::Kick::id, 3000);
        QVERIFY(kick.has_value());
        QCOMPARE(kick->reason(), pb::KICK_REASON_ACCOUNT_DISABLED);
        QVERIFY(nextSyncNotify(alice, pb::DATA_SET_USERS).has_value());
        const qint64 elapsed = timer.elapsed();
        qInfo() << "admin disable reached the clients" << elapsed << "ms after the admin command started";
        QVERIFY(bob.waitForDisconnect());

        TestClient again;
        QVERIFY(again.open(server.endpoint()));
        QCOMPARE(again.login(QStringLiteral("bob")).error, pb::ERROR_USER_DISABLED);

        // A department added by the admin shows up in alice's next incremental sync.
        pb::SyncRequest request;
        const quint64 cursor = alice.call<rpc::DepartmentSync>(request).value.page().cursor();
        QCOMPARE(runAdmin(data.path(), {QStringLiteral("dept"), QStringLiteral("add"), QStringLiteral("Night shift")}),
                 0);
        QVERIFY(nextSyncNotify(alice, pb::DATA_SET_DEPARTMENTS).has_value());
        request.set_cursor(cursor);
        const auto delta = alice.call<rpc::DepartmentSync>(request);
        QCOMPARE(delta.value.departments_size(), 1);
        QCOMPARE(delta.value.departments(0).name(), std::string("Night shift"));
        QCOMPARE(runAdmin(data.path(), {QStringLiteral("user"), QStringLiteral("frobnicate")}), 2);
    }

    void sigtermStopsGracefullyWithinFiveSeconds()
    {
        QTemporaryDir data;
        ServerProcess server;
        QVERIFY2(
            server.start(data.path(), {QStringLiteral("--demo"), QStringLiteral("--demo-users"), QStringLiteral("5")}),
            qPrintable(server.log));
        TestClient alice;
        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        const quint64 cursor = changeSignLine(alice, "saved before shutdown");
        QVERIFY(cursor > 0);
        QElapsedTimer timer;
        timer.start();
        server.process.terminate(); // SIGTERM
        QVERIFY(server.process.waitForFinished(5000));
        qInfo() << "stopped" << timer.elapsed() << "ms after SIGTERM";
        QCOMPARE(server.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process.exitCode(), 0);
        const auto kick = alice.waitForPush<pb::KickNotice>(oneway::Kick::id, 2000);
        QVERIFY(kick.has_value());
        QCOMPARE(kick->reason(), pb::KICK_REASON_SERVER_SHUTDOWN);

        // The acknowledged change survived the restart.
        ServerProcess again;
        QVERIFY2(again.start(data.path()), qPrintable(again.log));
        TestClient check;
        QCOMPARE(check.connectAndLogin(again.endpoint(), QStringLiteral("alice")), QString());
        pb::UserInfoRequest info;
        info.add_user_ids(1);
        QCOMPARE(check.call<rpc::UserInfo>(info).value.users(0).sign_line(), std::string("saved before shutdown"));
    }

    void aConfigFileHoldsTheSettingsAndFlagsWin()
    {
        QTemporaryDir data;
        QFile ini(data.filePath(QStringLiteral("confab.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write(QStringLiteral("data-dir=%1\nlisten=127.0.0.1:1\ntombstone-retention-days=30\n")
                      .arg(data.filePath(QStringLiteral("store")))
                      .toUtf8());
        ini.close();
        ServerProcess server;
        // The file names the data dir and a port; the flag's port wins (port 1 would need root).
        server.process.setProcessChannelMode(QProcess::MergedChannels);
        server.process.start(
            QStringLiteral(CONFAB_SERVER_BINARY),
            {QStringLiteral("--config"), ini.fileName(), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(TestClient::waitFor(
            [&] {
                server.log += QString::fromUtf8(server.process.readAll());
                return server.log.contains(QLatin1String("tcp port"));
            },
            10000));
        QVERIFY2(server.log.contains(data.filePath(QStringLiteral("store"))), qPrintable(server.log));
        QVERIFY(QFile::exists(data.filePath(QStringLiteral("store/confab.sqlite"))));

        QProcess bad;
        bad.start(QStringLiteral(CONFAB_SERVER_BINARY),
                  {QStringLiteral("--config"), data.filePath(QStringLiteral("none.ini"))});
        QVERIFY(bad.waitForFinished(10000));
        QCOMPARE(bad.exitCode(), 2);
    }

    void aClockSteppedBackADayLosesNothing()
    {
        if (!QFile::exists(QLatin1String(kLibFaketime)))
            QFAIL("libfaketime is not installed (scripts/packages.txt lists faketime)");
        QTemporaryDir data;
        quint64 seen = 0;
        {
            ServerProcess server;
            QVERIFY2(server.start(data.path(),
                                  {QStringLiteral("--demo"), QStringLiteral("--demo-users"), QStringLiteral("5")}),
                     qPrintable(server.log));
            TestClient alice, bob;
            QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
            QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
            QVERIFY(changeSignLine(bob, "before the clock jumped") > 0);
            seen = alice.call<rpc::UserSync>(pb::SyncRequest()).value.page().cursor();
        }
        ServerProcess server;
        QVERIFY2(server.start(data.path(), {}, QStringLiteral("-1d")), qPrintable(server.log));
        TestClient alice, bob;
        QVERIFY(alice.open(server.endpoint()));
        const auto login = alice.login(QStringLiteral("alice"));
        QVERIFY(login.ok());
        // The server's clock really is a day behind the cursor alice holds.
        QVERIFY(qint64(seen) - login.value.server_time_ms() > 23 * 3600 * 1000);
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        const quint64 after = changeSignLine(bob, "after the clock jumped");
        QVERIFY(after > seen);
        pb::SyncRequest since;
        since.set_cursor(seen);
        const auto delta = alice.call<rpc::UserSync>(since);
        QVERIFY(delta.ok());
        QVERIFY(!delta.value.page().reset());
        QCOMPARE(delta.value.users_size(), 1);
        QCOMPARE(delta.value.users(0).sign_line(), std::string("after the clock jumped"));
    }
};

QTEST_GUILESS_MAIN(TestServerProcess)
#include "tst_server_process.moc"
