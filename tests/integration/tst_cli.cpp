// confab-cli as scripts use it: the real binary against a real server, its JSON lines and its exit codes.
#include "support/testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
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

// Where confab-cli remembers certificates (QSettings under XDG_CONFIG_HOME): never the real one of whoever runs
// the tests.
QString defaultConfigHome()
{
    static QTemporaryDir home;
    return home.path();
}

CliRun runCliAt(const QString &address, const QString &user, const QString &password, const QStringList &command,
                const QString &configHome = defaultConfigHome(), int timeoutMs = 15000)
{
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(CONFAB_CLI_BINARY),
              QStringList{QStringLiteral("--server"), address, QStringLiteral("--user"), user,
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

CliRun runCli(TestServer &server, const QString &user, const QString &password, const QStringList &command,
              int timeoutMs = 15000)
{
    return runCliAt(server.endpoint().toString(), user, password, command, defaultConfigHome(), timeoutMs);
}

// A loopback port nothing listens on now, so that a server can be restarted on the same address.
quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void tlsByDefaultTrustsAPublishedFingerprintOrAnIssuerAndSaysWhenNeither()
    {
        const quint16 port = freePort();
        QVERIFY(port != 0);
        TestServer server(5, [port](server::ServerConfig &c) {
            c.insecure = false; // what confab-server does without flags: TLS with a certificate it made
            c.tcp = server::ListenAddress{QHostAddress::LocalHost, port};
        });
        QVERIFY(server.isRunning());
        const QString fingerprint = server.server().tlsFingerprint();
        QCOMPARE(fingerprint.size(), 32 * 3 - 1);
        const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
        QTemporaryDir home;
        const auto login = [&](const QString &where, const QStringList &options, const QString &configHome) {
            return runCliAt(where, QStringLiteral("alice"), QStringLiteral("demo"),
                            options + QStringList{QStringLiteral("login")}, configHome);
        };

        // Nothing trusts it: its own exit code, and the fingerprint to compare with what the admin published.
        CliRun run = login(address, {}, home.path());
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains(fingerprint) && run.err.contains(QLatin1String("--pin")), qPrintable(run.err));
        QCOMPARE(run.lines.value(0).value(QLatin1String("untrusted_certificate_sha256")).toString(), fingerprint);
        QCOMPARE(login(address, {QStringLiteral("--pin"), QString(64, QLatin1Char('0'))}, home.path()).exitCode, 5);
        QCOMPARE(login(address, {QStringLiteral("--pin"), QStringLiteral("12:34")}, home.path()).exitCode, 2);
        QCOMPARE(server.server().onlineUserCount(), 0); // no password crossed an untrusted connection

        // The published fingerprint, however it was copied: signed in, and remembered for this server.
        run = login(address, {QStringLiteral("--pin"), fingerprint.toLower().remove(QLatin1Char(':'))}, home.path());
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.lines.value(0).value(QLatin1String("login")).toObject().value(QLatin1String("user")).isObject(),
                 true);
        QCOMPARE(login(address, {}, home.path()).exitCode, 0);

        // Plain text to a TLS port is unreachable, with the likely fix; --ca trusts the certificate as its own
        // issuer, names checked (localhost is one of them).
        run = login(QStringLiteral("tcp://") + address, {}, home.path());
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QLatin1String("unless started with --insecure")), qPrintable(run.err));
        const QString certificate = server.dataDir() + QStringLiteral("/tls/certificate.pem");
        QTemporaryDir elsewhere;
        QCOMPARE(
            login(QStringLiteral("localhost:%1").arg(port), {QStringLiteral("--ca"), certificate}, elsewhere.path())
                .exitCode,
            0);
        QCOMPARE(login(address, {QStringLiteral("--ca"), server.dataDir()}, elsewhere.path()).exitCode, 2);

        // The server gets a new certificate: the remembered one no longer vouches for it, and the message says it
        // changed.
        QVERIFY(QFile::remove(certificate));
        QVERIFY(server.restart());
        QVERIFY(server.server().tlsFingerprint() != fingerprint);
        run = login(address, {}, home.path());
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains(QLatin1String("other than the one trusted before")), qPrintable(run.err));
        QVERIFY(run.err.contains(server.server().tlsFingerprint()));
    }

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
        // The owner hands the group to carol and may then leave it.
        QCOMPARE(cli("alice", {QStringLiteral("group"), QStringLiteral("leave"), groupId}).exitCode, 1);
        QCOMPARE(cli("alice", {QStringLiteral("group"), QStringLiteral("transfer"), groupId, QStringLiteral("carol")})
                     .exitCode,
                 0);
        QCOMPARE(cli("alice", {QStringLiteral("group"), QStringLiteral("leave"), groupId}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
