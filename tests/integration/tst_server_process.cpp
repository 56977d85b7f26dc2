// The real confab-server binary as admins run it: admin commands from another process reach online clients
// within a second, SIGTERM shuts down gracefully within five, a clock stepped back a day (Debian's faketime)
// neither reuses nor loses a cursor, and kill -9 in the middle of sending loses no acknowledged message.
#include "support/messaging.h"
#include "support/rawclient.h"
#include "support/testserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace confab;
using namespace confab::protocol;
using confab::test::group;
using confab::test::historyOf;
using confab::test::single;
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
        if (insecure)
            args << QStringLiteral("--insecure");
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
                return port != 0 &&
                       (!extra.contains(QStringLiteral("--demo")) || log.contains(QLatin1String("Log in as")));
            },
            10000);
    }
    client::ServerEndpoint endpoint() const
    {
        client::ServerEndpoint e;
        e.host = QStringLiteral("127.0.0.1");
        e.port = port;
        e.tls = !insecure;
        return e;
    }
    bool insecure = true; // false: the server's default, TLS with the certificate it made
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

int runAdmin(const QString &dataDir, const QStringList &command, const QByteArray &input = {})
{
    QProcess admin;
    admin.start(QStringLiteral(CONFAB_SERVER_BINARY),
                QStringList{QStringLiteral("admin"), QStringLiteral("--data-dir"), dataDir} + command);
    admin.write(input);
    admin.closeWriteChannel();
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

// Clients that send as fast as their answers come back, remembering what was acknowledged, like an outbox.
class Senders : public QObject
{
public:
    struct Outgoing
    {
        quint64 from = 0;
        pb::Conversation to;
        std::string clientId;
        quint64 ackedId = 0; // 0 until the server acknowledged it
    };

    std::vector<Outgoing> messages;
    int acked = 0;

    // Sends `count` new messages from `client` (user `from`) to `targets` in turn, `window` at a time.
    void start(TestClient &client, quint64 from, const std::vector<pb::Conversation> &targets, int count, int window)
    {
        auto next = std::make_shared<int>(0);
        std::function<void()> *pump = m_pumps.emplace_back(std::make_unique<std::function<void()>>()).get();
        *pump = [this, &client, from, targets, count, next, pump] {
            if (*next >= count || !client.isConnected())
                return;
            const int n = (*next)++;
            Outgoing out{from, targets[size_t(n) % targets.size()],
                         QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString()};
            messages.push_back(out);
            send(client, messages.size() - 1, [pump] { (*pump)(); });
        };
        for (int i = 0; i < window; ++i)
            (*pump)();
    }

    // Sends a remembered message again (the outbox after a restart).
    void send(TestClient &client, size_t index, std::function<void()> then = {})
    {
        pb::SendMessageRequest r;
        *r.mutable_to() = messages[index].to;
        r.set_kind(pb::MESSAGE_KIND_TEXT);
        r.set_text("durable " + messages[index].clientId);
        r.set_client_msg_id(messages[index].clientId);
        client.connection().call<rpc::SendMessage>(r, this, [this, index, then](auto result) {
            if (result.ok()) {
                if (messages[index].ackedId != 0 && messages[index].ackedId != result.value.id())
                    qWarning() << "message acknowledged twice with different ids";
                messages[index].ackedId = result.value.id();
                ++acked;
            }
            if (then)
                then();
        });
    }

private:
    std::vector<std::unique_ptr<std::function<void()>>> m_pumps; // each sender's "send the next one"
};

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

    void aNewPasswordEndsEveryLiveSessionOfThatPersonAndNoOneElses()
    {
        QTemporaryDir data;
        ServerProcess server;
        QVERIFY2(
            server.start(data.path(), {QStringLiteral("--demo"), QStringLiteral("--demo-users"), QStringLiteral("5")}),
            qPrintable(server.log));
        TestClient desktop, browser, carol;
        QCOMPARE(desktop.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_LINUX), QString());
        QVERIFY(browser.open(server.endpoint()));
        const auto browserLogin = browser.login(QStringLiteral("alice"), QStringLiteral("demo"), pb::CLIENT_TYPE_WEB);
        QVERIFY(browserLogin.ok());
        QCOMPARE(carol.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());

        QElapsedTimer timer;
        timer.start();
        QCOMPARE(runAdmin(data.path(),
                          {QStringLiteral("user"), QStringLiteral("passwd"), QStringLiteral("alice"),
                           QStringLiteral("--password-stdin")},
                          "n3w-secret\n"),
                 0);
        for (TestClient *device : {&desktop, &browser}) {
            const auto kick = device->waitForPush<pb::KickNotice>(oneway::Kick::id, 3000);
            QVERIFY(kick.has_value());
            QCOMPARE(kick->reason(), pb::KICK_REASON_PASSWORD_CHANGED);
            QVERIFY(device->waitForDisconnect());
        }
        qInfo() << "a new password signed alice's two devices out" << timer.elapsed()
                << "ms after the admin command started";
        QVERIFY(carol.isConnected());
        QCOMPARE(changeSignLine(carol, "still here") > 0, true);

        // Neither the old password nor the old token signs in; the new password does.
        TestClient again;
        QVERIFY(again.open(server.endpoint()));
        QCOMPARE(again.login(QStringLiteral("alice")).error, pb::ERROR_WRONG_PASSWORD);
        pb::LoginRequest resume;
        resume.set_resume_token(browserLogin.value.resume_token());
        resume.set_client_type(pb::CLIENT_TYPE_WEB);
        QCOMPARE(again.call<rpc::Login>(resume).error, pb::ERROR_INVALID_TOKEN);
        QVERIFY(again.login(QStringLiteral("alice"), QStringLiteral("n3w-secret")).ok());
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

    // Protobuf reports a string that is not UTF-8 on stderr by itself, once per frame, past every log budget:
    // the server routes those lines to a debug category, and the refusals are logged within their budget.
    void stringsThatAreNotUtf8CostTheLogNoLineEach()
    {
        QTemporaryDir data;
        ServerProcess server;
        QVERIFY2(
            server.start(data.path(), {QStringLiteral("--demo"), QStringLiteral("--demo-users"), QStringLiteral("5")}),
            qPrintable(server.log));
        test::RawClient raw;
        QVERIFY(raw.open(server.port));
        raw.socket.write(encodeFrame(rpc::Login::request, 1, TestClient::loginRequest(QStringLiteral("alice"))));
        QVERIFY(raw.waitForFrame(rpc::Login::response, 1));
        const QByteArray notUtf8("\x0a\x02\xff\xfe", 4); // ChangeSignLineRequest.sign_line = 0xff 0xfe
        constexpr int kFrames = 500;
        QByteArray frames;
        for (int i = 0; i < kFrames; ++i)
            frames += encodeFrame(rpc::ChangeSignLine::request, quint16(i + 2), notUtf8);
        raw.socket.write(frames);
        const auto error = raw.nextError();
        QVERIFY(error.has_value());
        QCOMPARE(error->code(), pb::ERROR_MALFORMED_BODY);
        QVERIFY(raw.waitForFrame(oneway::Error::id, quint16(kFrames + 1)));
        server.process.terminate();
        QVERIFY(server.process.waitForFinished(5000));
        server.log += QString::fromUtf8(server.process.readAll());
        QCOMPARE(server.log.count(QStringLiteral("UTF-8")), 0);
        QVERIFY2(server.log.count(QStringLiteral("refused")) <= 6, qPrintable(server.log.right(2000)));
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

    void withoutFlagsTheBinaryServesTlsFromAnOwnerOnlyDataDir()
    {
        QTemporaryDir parent;
        const QString data = parent.filePath(QStringLiteral("new-data-dir"));
        ServerProcess server;
        server.insecure = false;
        QVERIFY2(server.start(data, {QStringLiteral("--demo"), QStringLiteral("--demo-users"), QStringLiteral("5")}),
                 qPrintable(server.log));
        static const QRegularExpression fingerprintLine(
            QStringLiteral("fingerprint ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})"));
        const QString fingerprint = fingerprintLine.match(server.log).captured(1);
        QVERIFY2(!fingerprint.isEmpty(), qPrintable(server.log));
        QVERIFY2(server.log.contains(QStringLiteral("at 127.0.0.1:%1").arg(server.port)), qPrintable(server.log));

        // Only the owner may read what the server made: the store holds password hashes and every message.
        const auto othersMay = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                               QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        for (const QString &name : {QString(), QStringLiteral("confab.sqlite"), QStringLiteral("confab.sqlite-wal"),
                                    QStringLiteral("tls/private-key.pem")}) {
            const QString path = QDir(data).filePath(name);
            QVERIFY2(QFile::exists(path), qPrintable(path));
            QVERIFY2(!(QFile::permissions(path) & othersMay), qPrintable(path));
        }

        TestClient alice;
        alice.connection().setPinnedDigests({QByteArray::fromHex(fingerprint.toLatin1().replace(':', ""))});
        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());

        // Plain text is a choice made out loud, and not one that goes with a certificate.
        QProcess both;
        both.start(QStringLiteral(CONFAB_SERVER_BINARY),
                   {QStringLiteral("--data-dir"), data, QStringLiteral("--insecure"), QStringLiteral("--tls-cert"),
                    QDir(data).filePath(QStringLiteral("tls/certificate.pem")), QStringLiteral("--tls-key"),
                    QDir(data).filePath(QStringLiteral("tls/private-key.pem"))});
        QVERIFY(both.waitForFinished(10000));
        QCOMPARE(both.exitCode(), 2);
        QVERIFY(QString::fromUtf8(both.readAllStandardError()).contains(QLatin1String("--insecure")));
    }

    void killNineLosesNoAcknowledgedMessageTwentyTimesOver()
    {
        QTemporaryDir data;
        Senders senders;
        quint64 groupId = 0;
        QRandomGenerator random(4242);
        const QStringList logins{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")};
        constexpr int kRounds = 20;
        for (int round = 0; round <= kRounds; ++round) {
            ServerProcess server;
            // Three scripts sending as fast as answers come: far past a person's message rate, which is not
            // what this test is about.
            QStringList args{QStringLiteral("--rate-messages"), QStringLiteral("0")};
            if (round == 0)
                args += {QStringLiteral("--demo"), QStringLiteral("--demo-users"), QStringLiteral("10")};
            QVERIFY2(server.start(data.path(), args), qPrintable(server.log));
            std::vector<std::unique_ptr<TestClient>> clients;
            std::vector<quint64> ids;
            for (const QString &login : logins) {
                clients.push_back(std::make_unique<TestClient>());
                QCOMPARE(clients.back()->connectAndLogin(server.endpoint(), login), QString());
                pb::UserInfoRequest who;
                who.add_login_names(login.toStdString());
                ids.push_back(clients.back()->call<rpc::UserInfo>(who).value.users(0).id());
            }
            if (round == 0) {
                pb::CreateGroupRequest create;
                create.set_name("Durable");
                create.add_member_ids(ids[1]);
                create.add_member_ids(ids[2]);
                groupId = clients[0]->call<rpc::CreateGroup>(create).value.group().id();
                QVERIFY(groupId != 0);
            }
            // The outbox first: whatever was sent but never acknowledged goes again, with the same key.
            const int ackedBefore = senders.acked;
            int resent = 0;
            for (size_t i = 0; i < senders.messages.size(); ++i) {
                if (senders.messages[i].ackedId != 0)
                    continue;
                const auto from = std::find(ids.begin(), ids.end(), senders.messages[i].from) - ids.begin();
                senders.send(*clients[size_t(from)], i);
                ++resent;
            }
            QVERIFY(TestClient::waitFor([&] { return senders.acked == ackedBefore + resent; }, 10000));
            if (round == kRounds)
                break; // the last start only empties the outbox and checks
            for (size_t c = 0; c < clients.size(); ++c) {
                const quint64 other1 = ids[(c + 1) % 3], other2 = ids[(c + 2) % 3];
                senders.start(*clients[c], ids[c], {single(other1), group(groupId), single(other2)}, 1000, 8);
            }
            // Kill somewhere in the middle of the stream, at a different point each round.
            const int killAt = senders.acked + 20 + int(random.bounded(200));
            QVERIFY(TestClient::waitFor([&] { return senders.acked >= killAt; }, 20000));
            server.process.kill(); // SIGKILL: no shutdown, no flush
            QVERIFY(server.process.waitForFinished(5000));
            for (auto &client : clients)
                QVERIFY(client->waitForDisconnect());
        }

        // Every acknowledged message is there exactly once, with the id it was acknowledged with, and every
        // conversation is numbered 1..latest without a hole.
        ServerProcess server;
        QVERIFY(server.start(data.path()));
        std::map<std::string, int> seen;
        qsizetype checked = 0;
        for (int c = 0; c < 3; ++c) {
            TestClient client;
            QCOMPARE(client.connectAndLogin(server.endpoint(), logins[c]), QString());
            pb::UserInfoRequest everyone;
            for (const QString &login : logins)
                everyone.add_login_names(login.toStdString());
            const auto users = client.call<rpc::UserInfo>(everyone).value.users();
            std::vector<pb::Conversation> conversations{group(groupId)};
            for (const pb::User &u : users) {
                if (u.login_name() != logins[c].toStdString())
                    conversations.push_back(single(u.id()));
            }
            for (const pb::Conversation &conversation : conversations) {
                quint64 expected = 1;
                for (;;) {
                    const auto page = historyOf(client, conversation, expected - 1, 200, true);
                    QVERIFY(page.ok());
                    for (const pb::Message &m : page.value.messages()) {
                        QCOMPARE(quint64(m.id()), expected++); // no holes, no repeats
                        if (!m.client_msg_id().empty())        // only the sender's own view carries the key
                            ++seen[m.client_msg_id()];
                    }
                    if (!page.value.has_more())
                        break;
                }
                checked += qsizetype(expected - 1);
            }
        }
        int acknowledged = 0;
        for (const Senders::Outgoing &out : senders.messages) {
            QVERIFY2(out.ackedId != 0, "every message was acknowledged in the end");
            QCOMPARE(seen[out.clientId], 1);
            ++acknowledged;
        }
        qInfo() << kRounds << "kills;" << acknowledged << "messages acknowledged, each stored exactly once;" << checked
                << "message ids checked across conversations (each seen by both sides)";
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
