// confab-bench: Confab's benchmarks. Figures, not pass/fail: each prints JSON lines
// {"figure": ..., "value": ..., "unit": ...}.
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
    args.setApplicationDescription(QStringLiteral("Confab's benchmarks.\n\n"
                                                  "  sync   full, no-change and incremental directory sync"));
    args.addHelpOption();
    args.addOption({QStringLiteral("users"), QStringLiteral("People in the organisation (default 100000)."),
                    QStringLiteral("N"), QStringLiteral("100000")});
    args.addPositionalArgument(QStringLiteral("benchmark"), QStringLiteral("Which benchmark to run."));
    args.process(app);
    const QString which = args.positionalArguments().value(0);
    if (which == QLatin1String("sync"))
        return confab::bench::runSyncBench(qMax(100, args.value(QStringLiteral("users")).toInt()));
    QTextStream(stderr) << "confab-bench: name a benchmark (see --help)\n";
    return 2;
}
