// confab: the desktop client.
#include "clientcontroller.h"
#include "protocol/protobuflog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    confab::protocol::routeProtobufLogs(); // a hostile server's bad strings must not flood stderr
    QApplication::setApplicationName(QStringLiteral("confab"));
    QApplication::setApplicationDisplayName(QStringLiteral("Confab"));
    QApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));
    QApplication::setOrganizationName(QStringLiteral("Confab"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/confab.svg")));

    QCommandLineParser args;
    args.setApplicationDescription(QStringLiteral("Confab, the enterprise messenger."));
    args.addHelpOption();
    args.addVersionOption();
    args.addOptions({
        {QStringLiteral("server"),
         QStringLiteral("Server address: HOST:PORT (TLS), tcp://HOST:PORT (plain), wss:// or ws://."),
         QStringLiteral("ADDRESS")},
        {QStringLiteral("user"), QStringLiteral("User name."), QStringLiteral("NAME")},
        {QStringLiteral("password-stdin"), QStringLiteral("Read the password from standard input and sign in.")},
        {QStringLiteral("lang"), QStringLiteral("Language: en or zh_CN (default: the system's)."),
         QStringLiteral("LANG")},
        {QStringLiteral("screenshot"), QStringLiteral("Render a window to FILE (PNG) and exit."),
         QStringLiteral("FILE")},
        {QStringLiteral("window"), QStringLiteral("With --screenshot: login, main or chat (default main)."),
         QStringLiteral("WINDOW"), QStringLiteral("main")},
    });
    args.process(app);

    confab::app::ClientOptions options;
    options.server =
        args.isSet(QStringLiteral("server")) ? args.value(QStringLiteral("server")) : QStringLiteral("127.0.0.1:7210");
    options.user = args.value(QStringLiteral("user"));
    if (args.isSet(QStringLiteral("password-stdin"))) {
        QTextStream in(stdin);
        options.password = in.readLine();
        options.autoLogin = true;
    }
    options.screenshotPath = args.value(QStringLiteral("screenshot"));
    options.screenshotWindow = args.value(QStringLiteral("window"));
    options.language = args.value(QStringLiteral("lang"));
    if (!options.screenshotPath.isEmpty() && options.screenshotWindow != QLatin1String("login") &&
        options.screenshotWindow != QLatin1String("main") && options.screenshotWindow != QLatin1String("chat")) {
        QTextStream(stderr) << "confab: --window takes login, main or chat\n";
        return 2;
    }

    confab::app::ClientController controller(options);
    QObject::connect(&controller, &confab::app::ClientController::finished, &app, &QApplication::exit);
    controller.start();
    return app.exec();
}
