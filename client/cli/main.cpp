// confab-cli: a command-line Confab client on the client core, for admins, scripts and tests.
#include "clicommands.h"
#include "clioutput.h"
#include "net/serverconnection.h"
#include "protocol/errors.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSysInfo>
#include <QTextStream>

using namespace confab;
using namespace confab::cli;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("confab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));

    QCommandLineParser args;
    args.setApplicationDescription(QStringLiteral(
        "Confab's command-line client.\n\n"
        "Commands:\n"
        "  login                                   log in and print your profile\n"
        "  sync departments|users|buddies          print a data set (all of it, or what changed --since CURSOR)\n"
        "  presence set online|away|busy|invisible set your presence\n"
        "  presence get ID...                      print others' presence\n"
        "  buddy add|remove ID                     change your buddy list\n"
        "  watch                                   print every pushed event (until Ctrl+C or --for SECONDS)\n\n"
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
            commands.run(command, args.value(QStringLiteral("since")).toULongLong(),
                         args.value(QStringLiteral("for")).toInt());
        });
    });
    connection.open(*endpoint);
    return app.exec();
}
