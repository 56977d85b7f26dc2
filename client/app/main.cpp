// confab: the desktop client.
#include "clientcontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
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
        {QStringLiteral("server"), QStringLiteral("Server address (HOST:PORT, tls://, ws://, wss://)."),
         QStringLiteral("ADDRESS")},
        {QStringLiteral("user"), QStringLiteral("User name."), QStringLiteral("NAME")},
        {QStringLiteral("password-stdin"), QStringLiteral("Read the password from standard input and sign in.")},
        {QStringLiteral("lang"), QStringLiteral("Language: en or zh_CN (default: the system's)."),
         QStringLiteral("LANG")},
        {QStringLiteral("screenshot"), QStringLiteral("Render a window to FILE (PNG) and exit."),
         QStringLiteral("FILE")},
        {QStringLiteral("window"), QStringLiteral("With --screenshot: login or main (default main)."),
         QStringLiteral("WINDOW"), QStringLiteral("main")},
    });
    args.process(app);

    const QString lang = args.isSet(QStringLiteral("lang")) ? args.value(QStringLiteral("lang")) : QLocale().name();
    QTranslator qtTranslator;
    QTranslator translator;
    if (translator.load(QStringLiteral(":/i18n/confab_%1.qm").arg(lang))) {
        QApplication::installTranslator(&translator);
        if (qtTranslator.load(QStringLiteral("qtbase_%1").arg(lang),
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&qtTranslator);
    }

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
    if (!options.screenshotPath.isEmpty() && options.screenshotWindow != QLatin1String("login") &&
        options.screenshotWindow != QLatin1String("main")) {
        QTextStream(stderr) << "confab: --window takes login or main\n";
        return 2;
    }

    confab::app::ClientController controller(options);
    QObject::connect(&controller, &confab::app::ClientController::finished, &app, &QApplication::exit);
    controller.start();
    return app.exec();
}
