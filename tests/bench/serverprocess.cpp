#include "serverprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>

namespace confab::bench {

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    // Each pass blocks until something happens; the timer makes sure something does. (processEvents with a time
    // limit would not block at all: it drops WaitForMoreEvents, and the load generator spun a whole core on it,
    // next to the server it measures.)
    QElapsedTimer elapsed;
    elapsed.start();
    QTimer tick;
    tick.start(50);
    while (!condition()) {
        if (elapsed.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

namespace {
double statusFieldMb(qint64 pid, const char *field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression line(QLatin1String(field) + QStringLiteral(":\\s+(\\d+) kB"));
    const auto match = line.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toDouble() / 1024.0 : -1;
}
} // namespace

double rssMb(qint64 pid)
{
    return statusFieldMb(pid, "VmRSS");
}

double peakRssMb(qint64 pid)
{
    return statusFieldMb(pid, "VmHWM");
}

bool ServerProcess::start(int users, const QStringList &extraArgs)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    const QStringList args =
        QStringList{QStringLiteral("--data-dir"), m_data.path(), QStringLiteral("--listen"),
                    QStringLiteral("127.0.0.1:0"), QStringLiteral("--demo-users"), QString::number(users),
                    // plain TCP, as the ejabberd it is compared with
                    QStringLiteral("--insecure"),
                    // the benchmarks measure the server at full load, not its rate limits
                    QStringLiteral("--rate-requests"), QStringLiteral("0"), QStringLiteral("--rate-messages"),
                    QStringLiteral("0")} +
        extraArgs;
    m_process.start(QStringLiteral(CONFAB_SERVER_BINARY), args);
    QString log;
    static const QRegularExpression portLine(QStringLiteral("tcp port (\\d+)"));
    const bool up = waitFor(
        [&] {
            log += QString::fromUtf8(m_process.readAll());
            if (const auto m = portLine.match(log); m.hasMatch())
                m_port = quint16(m.captured(1).toUInt());
            return log.contains(QLatin1String("Log in as")) || m_process.state() == QProcess::NotRunning;
        },
        600'000);
    if (!up || m_port == 0 || m_process.state() == QProcess::NotRunning) {
        QTextStream(stderr) << "the server did not start:\n" << log;
        return false;
    }
    return true;
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        m_process.waitForFinished(10'000);
    }
}

} // namespace confab::bench
