// confab-bench: Confab's benchmarks. Figures, not pass/fail: each prints JSON lines
// {"figure": ..., "value": ..., "unit": ...}.
#include "clientstartbench.h"
#include "syncbench.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("confab.*.info=false\nconfab.*.debug=false"));
    QCommandLineParser args;
    args.setApplicationDescription(
        QStringLiteral("Confab's benchmarks.\n\n"
                       "  sync           full, no-change and incremental directory sync\n"
                       "  client-start   first sync into an empty cache, then a cold start"));
    args.addHelpOption();
    args.addOption({QStringLiteral("users"), QStringLiteral("People in the organisation (default 100000)."),
                    QStringLiteral("N"), QStringLiteral("100000")});
    args.addPositionalArgument(QStringLiteral("benchmark"), QStringLiteral("Which benchmark to run."));
    args.process(app);
    const QString which = args.positionalArguments().value(0);
    const int users = qMax(100, args.value(QStringLiteral("users")).toInt());
    if (which == QLatin1String("sync"))
        return confab::bench::runSyncBench(users);
    if (which == QLatin1String("client-start"))
        return confab::bench::runClientStartBench(users);
    if (which == QLatin1String("client-start-child"))
        return confab::bench::runClientStartChild(args.positionalArguments().value(1));
    QTextStream(stderr) << "confab-bench: name a benchmark (see --help)\n";
    return 2;
}
