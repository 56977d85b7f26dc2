// confab-server: the headless server admins run.
#include "admincommand.h"
#include "demo/demoorganisation.h"
#include "platform/eventdispatcher.h"
#include "server.h"
#include "shutdownsignals.h"
#include "store/storagethread.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QSettings>
#include <QTextStream>

using namespace confab::server;

namespace {

// Admins read the server's log on stdout (systemd and container runtimes collect it from there).
void logToStdout(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    static QTextStream out(stdout);
    out << qFormatLogMessage(type, context, message) << '\n';
    out.flush();
}

// Flags win over the config file; the config file wins over defaults.
QString setting(const QCommandLineParser &args, const QSettings *file, const QString &name,
                const QString &fallback = {})
{
    if (args.isSet(name))
        return args.value(name);
    if (file && file->contains(name))
        return file->value(name).toString();
    return fallback;
}

// A switch: set as a flag, or as true/yes/1 in the config file.
bool switchSetting(const QCommandLineParser &args, const QSettings *file, const QString &name)
{
    if (args.isSet(name))
        return true;
    const QString text = file ? file->value(name).toString().toLower() : QString();
    return text == QLatin1String("true") || text == QLatin1String("yes") || text == QLatin1String("1");
}

// A whole-number setting of at least `minimum`; false (with a message) for anything else.
bool numberSetting(const QCommandLineParser &args, const QSettings *file, const QString &name, int minimum, int &value,
                   QTextStream &err)
{
    const QString text = setting(args, file, name);
    if (text.isEmpty())
        return true; // the default stands
    bool ok = false;
    const int number = text.toInt(&ok);
    if (!ok || number < minimum) {
        err << "confab-server: --" << name << " needs a whole number of at least " << minimum << "\n";
        return false;
    }
    value = number;
    return true;
}

// A rate in requests per second, with bursts of `burstFactor` seconds' worth; 0 lifts the limit.
bool rateSetting(const QCommandLineParser &args, const QSettings *file, const QString &name, int burstFactor,
                 RateLimit &limit, QTextStream &err)
{
    int perSecond = limit.perSecond;
    if (!numberSetting(args, file, name, 0, perSecond, err))
        return false;
    limit = RateLimit{perSecond * burstFactor, perSecond};
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    // Thousands of connections: a dispatcher whose wake-ups cost what is ready, not what is connected.
    installScalableEventDispatcher();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("confab-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));
    if (app.arguments().value(1) == QLatin1String("admin"))
        return runAdminCommand(app.arguments());
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}D%{endif}%{if-info}I%{endif}"
                                      "%{if-warning}W%{endif}%{if-critical}C%{endif}%{if-fatal}F%{endif} "
                                      "%{category}: %{message}"));
    qInstallMessageHandler(logToStdout);
    // A line per connection opened and closed would let anyone who can connect write to the admin's disk;
    // QT_LOGGING_RULES="confab.*.debug=true" turns them on for a diagnosis.
    QLoggingCategory::setFilterRules(QStringLiteral("confab.*.debug=false"));

    QCommandLineParser args;
    args.setApplicationDescription(
        QStringLiteral("Confab's sync server.\n\nAdministration: confab-server admin --data-dir DIR --help"));
    args.addHelpOption();
    args.addVersionOption();
    args.addOptions({
        {QStringLiteral("data-dir"), QStringLiteral("Where the store lives (created if missing)."),
         QStringLiteral("DIR")},
        {QStringLiteral("listen"), QStringLiteral("TCP address (default 127.0.0.1:7210)."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("ws-listen"), QStringLiteral("WebSocket address (default: off)."), QStringLiteral("HOST:PORT")},
        {QStringLiteral("config"), QStringLiteral("INI file with the same settings; flags win."),
         QStringLiteral("FILE")},
        {QStringLiteral("tls-cert"), QStringLiteral("PEM certificate: serve TLS and wss://."), QStringLiteral("FILE")},
        {QStringLiteral("tls-key"), QStringLiteral("PEM private key for --tls-cert."), QStringLiteral("FILE")},
        {QStringLiteral("insecure"),
         QStringLiteral("Serve plain TCP and ws:// instead of TLS (without --tls-cert the server makes and serves a "
                        "self-signed certificate). For tests and demos on loopback.")},
        {QStringLiteral("tombstone-retention-days"),
         QStringLiteral("Keep deletions this long for incremental sync (default 90)."), QStringLiteral("DAYS")},
        {QStringLiteral("max-connections"),
         QStringLiteral("Connections in all (default: what the descriptor limit, raised at start, leaves room for)."),
         QStringLiteral("N")},
        {QStringLiteral("max-prelogin"), QStringLiteral("Connections not logged in yet, in all (default 4096)."),
         QStringLiteral("N")},
        {QStringLiteral("max-prelogin-per-address"),
         QStringLiteral("Connections not logged in yet from one address or IPv6 /64 (default 64)."),
         QStringLiteral("N")},
        {QStringLiteral("rate-requests"),
         QStringLiteral("Requests per second one connection may send, in bursts of twice that (default 200; 0: no "
                        "limit)."),
         QStringLiteral("N")},
        {QStringLiteral("rate-messages"),
         QStringLiteral("Messages per second one person may send over all devices, in bursts of six times that "
                        "(default 10; 0: no limit)."),
         QStringLiteral("N")},
        {QStringLiteral("demo"), QStringLiteral("Seed a demo organisation on first start (password: demo).")},
        {QStringLiteral("demo-users"), QStringLiteral("People in the demo organisation (default 200)."),
         QStringLiteral("N")},
        {QStringLiteral("demo-hash-iterations"),
         QStringLiteral("PBKDF2 iterations of the demo password (default 210000); fewer make thousands of load-test "
                        "logins cheap."),
         QStringLiteral("N")},
    });
    args.process(app);
    QTextStream err(stderr);
    QTextStream out(stdout);

    std::unique_ptr<QSettings> file;
    if (args.isSet(QStringLiteral("config"))) {
        if (!QFile::exists(args.value(QStringLiteral("config")))) {
            err << "confab-server: no config file " << args.value(QStringLiteral("config")) << "\n";
            return 2;
        }
        file = std::make_unique<QSettings>(args.value(QStringLiteral("config")), QSettings::IniFormat);
    }

    ServerConfig config;
    config.dataDir = setting(args, file.get(), QStringLiteral("data-dir"));
    if (config.dataDir.isEmpty()) {
        err << "confab-server: --data-dir is required (see --help)\n";
        return 2;
    }
    QString error;
    config.tcp = ListenAddress::parse(
        setting(args, file.get(), QStringLiteral("listen"), QStringLiteral("127.0.0.1:7210")), &error);
    if (!config.tcp) {
        err << "confab-server: --listen: " << error << "\n";
        return 2;
    }
    if (const QString ws = setting(args, file.get(), QStringLiteral("ws-listen")); !ws.isEmpty()) {
        config.webSocket = ListenAddress::parse(ws, &error);
        if (!config.webSocket) {
            err << "confab-server: --ws-listen: " << error << "\n";
            return 2;
        }
    }
    bool retentionOk = false;
    config.tombstoneRetentionDays =
        setting(args, file.get(), QStringLiteral("tombstone-retention-days"), QStringLiteral("90")).toInt(&retentionOk);
    if (!retentionOk || config.tombstoneRetentionDays < 1) {
        err << "confab-server: --tombstone-retention-days needs a number of days of at least 1\n";
        return 2;
    }
    if (!numberSetting(args, file.get(), QStringLiteral("max-connections"), 1, config.limits.maxConnections, err) ||
        !numberSetting(args, file.get(), QStringLiteral("max-prelogin"), 1, config.limits.maxPreLogin, err) ||
        !numberSetting(args, file.get(), QStringLiteral("max-prelogin-per-address"), 1,
                       config.limits.maxPreLoginPerAddress, err) ||
        !rateSetting(args, file.get(), QStringLiteral("rate-requests"), 2, config.limits.requestsPerSession, err) ||
        !rateSetting(args, file.get(), QStringLiteral("rate-messages"), 6, config.limits.messagesPerUser, err))
        return 2;
    config.tlsCertificate = setting(args, file.get(), QStringLiteral("tls-cert"));
    config.tlsKey = setting(args, file.get(), QStringLiteral("tls-key"));
    config.insecure = switchSetting(args, file.get(), QStringLiteral("insecure"));
    if (config.insecure && !(config.tlsCertificate.isEmpty() && config.tlsKey.isEmpty())) {
        err << "confab-server: --insecure serves plain text; it cannot go with --tls-cert or --tls-key\n";
        return 2;
    }

    Server server(config);
    if (!server.start(&error)) {
        err << "confab-server: " << error << "\n";
        return 1;
    }

    if (args.isSet(QStringLiteral("demo")) || args.isSet(QStringLiteral("demo-users"))) {
        bool ok = true;
        const int users = args.isSet(QStringLiteral("demo-users")) ? args.value(QStringLiteral("demo-users")).toInt(&ok)
                                                                   : kDefaultDemoUsers;
        if (!ok || users < 3) {
            err << "confab-server: --demo-users needs a number of at least 3\n";
            return 2;
        }
        const int iterations = args.value(QStringLiteral("demo-hash-iterations")).toInt();
        const DemoSummary summary = server.storage().blocking(
            [users, iterations](Store &s) { return seedDemoOrganisation(s, users, iterations); });
        if (summary.alreadySeeded)
            out << "Demo organisation already present in " << config.dataDir << "\n";
        else
            out << "Seeded a demo organisation: " << summary.departments << " departments, " << summary.users
                << " people.\n";
        // The address as clients write it: host:port is TLS, tcp:// plain.
        out << "Log in as alice, bob or carol (password: demo) at " << (config.insecure ? "tcp://" : "")
            << config.tcp->host.toString() << ":" << server.tcpPort() << "\n";
        out.flush();
    }

    ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &ShutdownSignals::requested, &app, [&](int number) {
        qInfo() << "signal" << number << "received; shutting down";
        server.stop();
        app.quit();
    });
    return app.exec();
}
