// confab-cli as scripts use it: the real binary against a real server, its JSON lines and its exit codes.
#include "support/testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace confab;
using confab::test::TestServer;

namespace {

struct CliRun
{
    int exitCode = -1;
    QList<QJsonObject> lines;
    QString out;
    QString err;
};

CliRun runCli(TestServer &server, const QString &user, const QString &password, const QStringList &command,
              int timeoutMs = 15000)
{
    QProcess cli;
    cli.start(QStringLiteral(CONFAB_CLI_BINARY),
              QStringList{QStringLiteral("--server"), server.endpoint().toString(), QStringLiteral("--user"), user,
                          QStringLiteral("--password-stdin"), QStringLiteral("--json")} +
                  command);
    cli.write(password.toUtf8() + '\n');
    cli.closeWriteChannel();
    CliRun run;
    // The server lives in this process: keep its event loop turning while the CLI talks to it.
    confab::test::TestClient::waitFor([&] { return cli.state() == QProcess::NotRunning; }, timeoutMs);
    run.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
    run.out = QString::fromUtf8(cli.readAllStandardOutput());
    run.err = QString::fromUtf8(cli.readAllStandardError());
    for (const QString &line : run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        run.lines << QJsonDocument::fromJson(line.toUtf8()).object();
    return run;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void loginSyncAndExitCodes()
    {
        TestServer server(25);
        auto run = runCli(server, QStringLiteral("alice"), QStringLiteral("demo"), {QStringLiteral("login")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.lines.value(0)
                     .value(QLatin1String("login"))
                     .toObject()
                     .value(QLatin1String("user"))
                     .toObject()
                     .value(QLatin1String("login_name"))
                     .toString(),
                 QStringLiteral("alice"));

        run = runCli(server, QStringLiteral("alice"), QStringLiteral("demo"),
                     {QStringLiteral("sync"), QStringLiteral("users")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.lines.size(), 26); // 25 people and the summary
        QCOMPARE(run.lines.last().value(QLatin1String("rows")).toInt(), 25);
        const QString cursor = run.lines.last().value(QLatin1String("cursor")).toVariant().toString();
        run = runCli(server, QStringLiteral("alice"), QStringLiteral("demo"),
                     {QStringLiteral("sync"), QStringLiteral("users"), QStringLiteral("--since"), cursor});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.lines.last().value(QLatin1String("rows")).toInt(), 0);

        QCOMPARE(runCli(server, QStringLiteral("alice"), QStringLiteral("nope"), {QStringLiteral("login")}).exitCode,
                 4);
        QCOMPARE(
            runCli(server, QStringLiteral("alice"), QStringLiteral("demo"), {QStringLiteral("frobnicate")}).exitCode,
            2);
        run = runCli(server, QStringLiteral("alice"), QStringLiteral("demo"),
                     {QStringLiteral("buddy"), QStringLiteral("add"), QStringLiteral("999999")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("ERROR_NOT_FOUND")), qPrintable(run.err));
    }

    void buddiesPresenceAndWatch()
    {
        TestServer server(10);
        QCOMPARE(runCli(server, QStringLiteral("bob"), QStringLiteral("demo"),
                        {QStringLiteral("buddy"), QStringLiteral("add"), QStringLiteral("1")})
                     .exitCode,
                 0);
        auto run = runCli(server, QStringLiteral("bob"), QStringLiteral("demo"),
                          {QStringLiteral("sync"), QStringLiteral("buddies")});
        QCOMPARE(run.lines.value(0).value(QLatin1String("buddy")).toObject().value(QLatin1String("user_id")).toString(),
                 QStringLiteral("1"));

        // alice watches for a second while bob changes his sign line from a test client.
        QProcess watch;
        watch.start(QStringLiteral(CONFAB_CLI_BINARY),
                    {QStringLiteral("--server"), server.endpoint().toString(), QStringLiteral("--user"),
                     QStringLiteral("alice"), QStringLiteral("--password-stdin"), QStringLiteral("--json"),
                     QStringLiteral("watch"), QStringLiteral("--for"), QStringLiteral("2")});
        watch.write("demo\n");
        watch.closeWriteChannel();
        QVERIFY(confab::test::TestClient::waitFor([&] { return server.server().onlineUserCount() == 1; }, 10000));
        confab::test::TestClient bob;
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        pb::ChangeSignLineRequest change;
        change.set_sign_line("watched");
        QVERIFY(bob.call<protocol::rpc::ChangeSignLine>(change).ok());
        QVERIFY(confab::test::TestClient::waitFor([&] { return watch.state() == QProcess::NotRunning; }, 10000));
        QCOMPARE(watch.exitCode(), 0);
        QVERIFY2(QString::fromUtf8(watch.readAllStandardOutput()).contains(QLatin1String("\"sign_line\":\"watched\"")),
                 "watch printed the pushed change");

        run = runCli(server, QStringLiteral("alice"), QStringLiteral("demo"),
                     {QStringLiteral("presence"), QStringLiteral("get"), QStringLiteral("2")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(
            run.lines.value(0).value(QLatin1String("presence")).toObject().value(QLatin1String("presence")).toString(),
            QStringLiteral("PRESENCE_ONLINE"));
        QCOMPARE(runCli(server, QStringLiteral("alice"), QStringLiteral("demo"),
                        {QStringLiteral("presence"), QStringLiteral("set"), QStringLiteral("sleepy")})
                     .exitCode,
                 2);
    }

    void messagingCommands()
    {
        TestServer server(25);
        const auto cli = [&](const char *user, QStringList command) {
            return runCli(server, QLatin1String(user), QStringLiteral("demo"), command);
        };
        auto run = cli("alice", {QStringLiteral("send"), QStringLiteral("--to"), QStringLiteral("bob"),
                                 QStringLiteral("--client-id"), QStringLiteral("k1"), QStringLiteral("hello"),
                                 QStringLiteral("bob")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.lines.value(0).value(QLatin1String("sent")).toObject().value(QLatin1String("id")).toString(),
                 QStringLiteral("1"));
        // The same key again is a resend: the same id, nothing new stored.
        run = cli("alice", {QStringLiteral("send"), QStringLiteral("--to"), QStringLiteral("bob"),
                            QStringLiteral("--client-id"), QStringLiteral("k1"), QStringLiteral("hello bob")});
        QVERIFY(run.lines.value(0).value(QLatin1String("sent")).toObject().value(QLatin1String("duplicate")).toBool());

        run = cli("bob", {QStringLiteral("history"), QStringLiteral("alice")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.lines.size(), 2); // one message and the summary
        QCOMPARE(run.lines[0].value(QLatin1String("message")).toObject().value(QLatin1String("text")).toString(),
                 QStringLiteral("hello bob"));

        run = cli("bob", {QStringLiteral("sessions")});
        QCOMPARE(run.lines.last().value(QLatin1String("unread")).toInt(), 1);
        QCOMPARE(cli("bob", {QStringLiteral("read"), QStringLiteral("alice"), QStringLiteral("1")}).exitCode, 0);
        QCOMPARE(cli("bob", {QStringLiteral("sessions")}).lines.last().value(QLatin1String("unread")).toInt(), 0);

        run = cli("alice", {QStringLiteral("group"), QStringLiteral("create"), QStringLiteral("Lunch"),
                            QStringLiteral("bob"), QStringLiteral("carol")});
        QCOMPARE(run.exitCode, 0);
        const QString groupId =
            run.lines.value(0).value(QLatin1String("group")).toObject().value(QLatin1String("id")).toString();
        QVERIFY(!groupId.isEmpty());
        QCOMPARE(cli("carol", {QStringLiteral("send"), QStringLiteral("--group"), groupId, QStringLiteral("noon?")})
                     .exitCode,
                 0);
        QCOMPARE(cli("bob", {QStringLiteral("group"), QStringLiteral("leave"), groupId}).exitCode, 0);
        // Refusals exit with 1 and name the error.
        run = cli("bob", {QStringLiteral("history"), QStringLiteral("group:") + groupId});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QLatin1String("ERROR_NOT_GROUP_MEMBER")));
        run = cli("alice",
                  {QStringLiteral("send"), QStringLiteral("--to"), QStringLiteral("nobody"), QStringLiteral("hi")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QLatin1String("ERROR_UNKNOWN_RECIPIENT")));
        QCOMPARE(
            cli("alice", {QStringLiteral("group"), QStringLiteral("mute"), groupId, QStringLiteral("maybe")}).exitCode,
            2);
        QCOMPARE(cli("alice", {QStringLiteral("group"), QStringLiteral("members"), groupId}).lines.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
