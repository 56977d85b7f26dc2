// confab-cli: a command-line Confab client on the client core, for admins, scripts and tests.
#include "clicommands.h"
#include "clioutput.h"
#include "net/serverconnection.h"
#include "protocol/errors.h"
#include "protocol/protobuflog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSysInfo>
#include <QTextStream>

using namespace confab;
using namespace confab::cli;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    protocol::routeProtobufLogs(); // a hostile server's bad strings must not flood stderr
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
        "  group list | create NAME [USER...] | members ID | invite|remove ID USER... | leave ID\n"
        "        | rename ID NAME | announce ID TEXT | mute ID on|off | dissolve ID\n"
        "  watch                                   print every pushed event: messages, receipts, session and\n"
        "                                          group changes (until Ctrl+C or --for SECONDS)\n\n"
        "Exit codes: 0 done, 1 refused by the server, 2 bad usage, 3 server unreachable, 4 login failed."));
    args.addHelpOption();
    args.addVersionOption();
    args.addOptions({
        {QStringLiteral("server"), QStringLiteral("Server: HOST:PORT, tls://, ws:// or wss://."),
         QStringLiteral("ADDRESS")},
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
    if (!args.isSet(QStringLiteral("user")) || !args.isSet(QStringLiteral("password-stdin"))) {
        out.error(QStringLiteral("--user and --password-stdin are required"));
        return ExitUsage;
    }
    QTextStream in(stdin);
    const QString password = in.readLine();

    client::ServerConnection connection;
    CliCommands commands(connection, out);
    QObject::connect(&commands, &CliCommands::finish, &app, [&](int code) { app.exit(code); });
    QObject::connect(&connection, &client::ServerConnection::disconnected, &app, [&](const QString &reason) {
        out.error(QStringLiteral("disconnected from %1: %2").arg(endpoint->toString(), reason));
        app.exit(ExitUnreachable);
    });
    QObject::connect(&connection, &client::ServerConnection::connected, &app, [&] {
        pb::LoginRequest login;
        login.set_login_name(args.value(QStringLiteral("user")).toStdString());
        login.set_password(password.toStdString());
        login.set_client_type(pb::CLIENT_TYPE_CLI);
        login.set_client_version("confab-cli/" CONFAB_VERSION);
        login.set_device_name(QStringLiteral("confab-cli on %1").arg(QSysInfo::machineHostName()).toStdString());
        connection.call<protocol::rpc::Login>(login, &app, [&](client::RpcResult<pb::LoginResponse> result) {
            if (!result.ok()) {
                out.error(
                    QStringLiteral("login failed: %1: %2").arg(protocol::errorName(result.error), result.message));
                app.exit(ExitLoginFailed);
                return;
            }
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
