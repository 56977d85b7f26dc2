// confab-cli: a command-line Confab client on the client core, for admins, scripts and tests.
#include "clicommands.h"
#include "clioutput.h"
#include "clitrust.h"
#include "net/certificatepins.h"
#include "net/serverconnection.h"
#include "protocol/errors.h"
#include "protocol/protobuflog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSysInfo>
#include <QTextStream>

using namespace confab;
using namespace confab::cli;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    protocol::routeProtobufLogs(); // a hostile server's bad strings must not flood stderr
    // What the connection logs for a diagnosis, the messages below say for people (QT_LOGGING_RULES brings it back).
    QLoggingCategory::setFilterRules(QStringLiteral("confab.client.connection.warning=false"));
    QCoreApplication::setOrganizationName(QStringLiteral("Confab")); // where remembered certificates are kept
    QCoreApplication::setApplicationName(QStringLiteral("confab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));

    QCommandLineParser args;
    args.setApplicationDescription(QStringLiteral(
        "Confab's command-line client.\n\n"
        "Commands:\n"
        "  login                                   log in and print your profile\n"
        "  sync departments|users|buddies|groups   print a data set (all of it, or what changed --since CURSOR)\n"
        "  presence set online|away|busy|invisible set your presence\n"
        "  presence get ID...                      print others' presence\n"
        "  buddy add|remove ID                     change your buddy list\n"
        "  send --to USER|--group ID TEXT          send a message (--client-id KEY makes a resend safe)\n"
        "  history USER|group:ID                   print a conversation (--before ID, --limit N)\n"
        "  sessions                                print your recent conversations with unread counts\n"
        "  read USER|group:ID UPTO_ID              mark a conversation read up to a message\n"
        "  receipts group:ID MESSAGE_ID            who in a group has read a message\n"
        "  group list | create NAME [USER...] | members ID | invite|remove ID USER... | leave ID | transfer ID USER\n"
        "        | rename ID NAME | announce ID TEXT | mute ID on|off | dissolve ID\n"
        "  watch                                   print every pushed event: messages, receipts, session and\n"
        "                                          group changes (until Ctrl+C or --for SECONDS)\n\n"
        "Servers: HOST:PORT is TLS (what servers serve unless started with --insecure); tcp://HOST:PORT is plain "
        "text.\n"
        "A certificate the system does not trust is accepted by its SHA-256 fingerprint (--pin, then remembered for\n"
        "that server) or by its issuer (--ca).\n\n"
        "Exit codes: 0 done, 1 refused by the server, 2 bad usage, 3 server unreachable, 4 login failed,\n"
        "5 the server's certificate is not trusted (the message shows its fingerprint)."));
    args.addHelpOption();
    args.addVersionOption();
    args.addOptions({
        {QStringLiteral("server"),
         QStringLiteral("Server: HOST:PORT (TLS), tcp://HOST:PORT (plain), wss://HOST:PORT or ws://HOST:PORT."),
         QStringLiteral("ADDRESS")},
        {QStringLiteral("pin"),
         QStringLiteral("Trust the server certificate with this SHA-256 fingerprint (AB:CD:…), and remember it."),
         QStringLiteral("SHA256")},
        {QStringLiteral("ca"), QStringLiteral("Trust server certificates issued by the certificates in this PEM file."),
         QStringLiteral("FILE")},
        {QStringLiteral("user"), QStringLiteral("Login name."), QStringLiteral("NAME")},
        {QStringLiteral("password-stdin"), QStringLiteral("Read the password from the first line of standard input.")},
        {QStringLiteral("json"), QStringLiteral("Print one JSON object per line.")},
        {QStringLiteral("since"), QStringLiteral("For sync: the cursor to continue from."), QStringLiteral("CURSOR"),
         QStringLiteral("0")},
        {QStringLiteral("for"), QStringLiteral("For watch: stop after this many seconds."), QStringLiteral("SECONDS"),
         QStringLiteral("0")},
        {QStringLiteral("to"), QStringLiteral("For send: the person's login name."), QStringLiteral("USER")},
        {QStringLiteral("group"), QStringLiteral("For send: the group's id."), QStringLiteral("ID")},
        {QStringLiteral("before"), QStringLiteral("For history: only messages before this id."), QStringLiteral("ID")},
        {QStringLiteral("limit"), QStringLiteral("For history: at most this many messages (default 50, at most 200)."),
         QStringLiteral("N")},
        {QStringLiteral("client-id"),
         QStringLiteral("For send and group create: the idempotency key; the same key again stores nothing new."),
         QStringLiteral("KEY")},
    });
    args.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do (see above)."));
    args.process(app);

    CliOutput out(args.isSet(QStringLiteral("json")));
    const QStringList command = args.positionalArguments();
    if (const QString problem = CliCommands::validate(command); !problem.isEmpty()) {
        out.error(problem);
        return ExitUsage;
    }
    QString error;
    const auto endpoint = client::ServerEndpoint::parse(args.value(QStringLiteral("server")), &error);
    if (!endpoint) {
        out.error(args.isSet(QStringLiteral("server")) ? error : QStringLiteral("--server is required"));
        return ExitUsage;
    }
    const std::optional<CliTrust> trust =
        CliTrust::fromOptions(args.value(QStringLiteral("pin")), args.value(QStringLiteral("ca")), &error);
    if (!trust) {
        out.error(error);
        return ExitUsage;
    }
    if (!args.isSet(QStringLiteral("user")) || !args.isSet(QStringLiteral("password-stdin"))) {
        out.error(QStringLiteral("--user and --password-stdin are required"));
        return ExitUsage;
    }
    QTextStream in(stdin);
    const QString password = in.readLine();

    client::ServerConnection connection;
    trust->applyTo(connection, *endpoint);
    CliCommands commands(connection, out);
    QObject::connect(&commands, &CliCommands::finish, &app, [&](int code) { app.exit(code); });
    bool untrusted = false;
    bool loggedIn = false;
    QObject::connect(&connection, &client::ServerConnection::untrustedCertificate, &app,
                     [&](const QSslCertificate &certificate, const QList<QSslError> &errors) {
                         untrusted = true;
                         if (out.json())
                             out.fields({{QStringLiteral("untrusted_certificate_sha256"),
                                          client::CertificatePins::fingerprint(certificate)},
                                         {QStringLiteral("server"), endpoint->toString()}});
                         out.error(CliTrust::untrustedMessage(*endpoint, certificate, errors));
                         app.exit(ExitUntrustedCertificate);
                     });
    QObject::connect(&connection, &client::ServerConnection::disconnected, &app, [&](const QString &reason) {
        if (untrusted)
            return; // said above, with its own exit code
        // The usual mistake, when the port answered and then dropped before the login did: a TLS address for a
        // plain server or the other way round.
        QString hint;
        if (connection.reachedServer() && !loggedIn) {
            const QString address = QStringLiteral("%1:%2").arg(endpoint->host).arg(endpoint->port);
            hint = endpoint->tls
                       ? QStringLiteral(" (for a server started with --insecure, write tcp://%1)").arg(address)
                       : QStringLiteral(" (servers serve TLS unless started with --insecure: write %1)").arg(address);
        }
        out.error(QStringLiteral("disconnected from %1: %2%3").arg(endpoint->toString(), reason, hint));
        app.exit(ExitUnreachable);
    });
    QObject::connect(&connection, &client::ServerConnection::connected, &app, [&] {
        trust->rememberAccepted(connection, *endpoint);
        pb::LoginRequest login;
        login.set_login_name(args.value(QStringLiteral("user")).toStdString());
        login.set_password(password.toStdString());
        login.set_client_type(pb::CLIENT_TYPE_CLI);
        login.set_client_version("confab-cli/" CONFAB_VERSION);
        login.set_device_name(QStringLiteral("confab-cli on %1").arg(QSysInfo::machineHostName()).toStdString());
        connection.call<protocol::rpc::Login>(login, &app, [&](client::RpcResult<pb::LoginResponse> result) {
            if (result.error == pb::ERROR_UNAVAILABLE &&
                connection.state() != client::ServerConnection::State::Connected)
                return; // the connection dropped: its handler says why
            if (!result.ok()) {
                out.error(
                    QStringLiteral("login failed: %1: %2").arg(protocol::errorName(result.error), result.message));
                app.exit(ExitLoginFailed);
                return;
            }
            loggedIn = true;
            if (command.value(0) == QLatin1String("login"))
                out.message(QStringLiteral("login"), result.value);
            CliOptions options;
            options.selfId = result.value.user().id();
            options.since = args.value(QStringLiteral("since")).toULongLong();
            options.forSeconds = args.value(QStringLiteral("for")).toInt();
            options.to = args.value(QStringLiteral("to"));
            options.group = args.value(QStringLiteral("group")).toULongLong();
            options.before = args.value(QStringLiteral("before")).toULongLong();
            options.limit = args.value(QStringLiteral("limit")).toInt();
            options.clientId = args.value(QStringLiteral("client-id"));
            commands.run(command, options);
        });
    });
    connection.open(*endpoint);
    return app.exec();
}
