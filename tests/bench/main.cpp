// confab-bench: Confab's benchmarks. Figures, not pass/fail: each prints JSON lines
// {"figure": ..., "value": ..., "unit": ...}.
#include "attackbench.h"
#include "clientstartbench.h"
#include "floodbench.h"
#include "messagebench.h"
#include "platform/eventdispatcher.h"
#include "syncbench.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

int main(int argc, char **argv)
{
    // The simulated clients share the machine with the server; like it, they need wake-ups that cost what is ready
    // rather than what is connected.
    confab::server::installScalableEventDispatcher();
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("confab.*.info=false\nconfab.*.debug=false"));
    QCommandLineParser args;
    args.setApplicationDescription(
        QStringLiteral("Confab's benchmarks.\n\n"
                       "  sync           full, no-change and incremental directory sync\n"
                       "  client-start   first sync into an empty cache, then a cold start\n"
                       "  messages       simulated clients sending one-to-one messages: throughput, latency, CPU\n"
                       "  connections    idle authenticated connections: server memory per connection\n"
                       "  flood          an honest person's round trips, alone and while another session floods the "
                       "server\n"
                       "  attack         connections held, passwords guessed and junk sent by an address without an "
                       "account (--count connections, --seconds of guessing)"));
    args.addHelpOption();
    args.addOption({QStringLiteral("users"), QStringLiteral("People in the organisation (default 100000)."),
                    QStringLiteral("N"), QStringLiteral("100000")});
    args.addOption({QStringLiteral("clients"), QStringLiteral("messages: simulated clients (default 1000)."),
                    QStringLiteral("N"), QStringLiteral("1000")});
    args.addOption({QStringLiteral("rate"), QStringLiteral("messages: total messages per second in the paced phase."),
                    QStringLiteral("N"), QStringLiteral("5000")});
    args.addOption({QStringLiteral("seconds"), QStringLiteral("messages, flood: length of each phase (default 5)."),
                    QStringLiteral("N"), QStringLiteral("5")});
    args.addOption({QStringLiteral("server"), QStringLiteral("messages: a running server instead of a new one."),
                    QStringLiteral("HOST:PORT")});
    args.addOption({QStringLiteral("count"), QStringLiteral("connections: how many (default 10000)."),
                    QStringLiteral("N"), QStringLiteral("10000")});
    args.addPositionalArgument(QStringLiteral("benchmark"), QStringLiteral("Which benchmark to run."));
    args.process(app);
    const QString which = args.positionalArguments().value(0);
    const int users = qMax(100, args.value(QStringLiteral("users")).toInt());
    if (which == QLatin1String("sync"))
        return confab::bench::runSyncBench(users);
    if (which == QLatin1String("client-start"))
        return confab::bench::runClientStartBench(users);
    if (which == QLatin1String("messages")) {
        confab::bench::LoadOptions options;
        options.clients = qMax(2, args.value(QStringLiteral("clients")).toInt());
        options.rate = qMax(1, args.value(QStringLiteral("rate")).toInt());
        options.seconds = qMax(1, args.value(QStringLiteral("seconds")).toInt());
        options.server = args.value(QStringLiteral("server"));
        return confab::bench::runMessageBench(options);
    }
    if (which == QLatin1String("connections"))
        return confab::bench::runConnectionBench(qMax(1, args.value(QStringLiteral("count")).toInt()));
    if (which == QLatin1String("flood")) {
        confab::bench::FloodOptions options;
        options.seconds = qMax(1, args.value(QStringLiteral("seconds")).toInt());
        return confab::bench::runFloodBench(options);
    }
    if (which == QLatin1String("attack")) {
        confab::bench::AttackOptions options;
        if (args.isSet(QStringLiteral("count")))
            options.connections = qMax(1, args.value(QStringLiteral("count")).toInt());
        if (args.isSet(QStringLiteral("seconds")))
            options.seconds = qMax(1, args.value(QStringLiteral("seconds")).toInt());
        return confab::bench::runAttackBench(options);
    }
    if (which == QLatin1String("flood-child"))
        return confab::bench::runFloodChild(quint16(args.positionalArguments().value(1).toUInt()),
                                            qMax(1, args.positionalArguments().value(2).toInt()));
    if (which == QLatin1String("client-start-child"))
        return confab::bench::runClientStartChild(args.positionalArguments().value(1));
    QTextStream(stderr) << "confab-bench: name a benchmark (see --help)\n";
    return 2;
}
