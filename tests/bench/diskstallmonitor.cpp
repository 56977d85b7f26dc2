#include "diskstallmonitor.h"

#include <QFile>
#include <QList>

#include <algorithm>
#include <optional>

#ifdef Q_OS_LINUX
#include <sys/stat.h>
#include <sys/sysmacros.h>
#endif

namespace confab::bench {

namespace {
using Clock = std::chrono::steady_clock;
constexpr auto kPeriod = std::chrono::milliseconds(1);
// A sampler that wakes later than this saw nothing in between; the gap is not counted either way, so that a
// descheduled sampler (on a shared host, often) never passes for a stalled disk.
constexpr auto kLateSample = std::chrono::milliseconds(3);
} // namespace

DiskStallMonitor::DiskStallMonitor(const QString &directory, int thresholdMs)
    : m_threshold(thresholdMs)
{
#ifdef Q_OS_LINUX
    struct stat info = {};
    if (::stat(QFile::encodeName(directory).constData(), &info) != 0)
        return;
    m_major = int(major(info.st_dev));
    m_minor = int(minor(info.st_dev));
    Sample probe;
    if (!read(probe))
        m_major = m_minor = -1; // not a block device /proc/diskstats knows (tmpfs, overlay)
#else
    Q_UNUSED(directory);
#endif
}

DiskStallMonitor::~DiskStallMonitor()
{
    stop();
}

bool DiskStallMonitor::read(Sample &sample) const
{
    // Fields: major minor name, then reads completed (3), writes completed (7), requests in flight (11),
    // discards completed (14, since Linux 4.18), flushes completed (18, since 5.5).
    QFile stats(QStringLiteral("/proc/diskstats"));
    if (!stats.open(QIODevice::ReadOnly))
        return false;
    const QByteArray all = stats.readAll();
    for (const QByteArray &line : all.split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() < 14 || f[0].toInt() != m_major || f[1].toInt() != m_minor)
            continue;
        sample.completed = f[3].toULongLong() + f[7].toULongLong();
        if (f.size() > 14)
            sample.completed += f[14].toULongLong();
        if (f.size() > 18)
            sample.completed += f[18].toULongLong();
        sample.inFlight = f[11].toULongLong();
        return true;
    }
    return false;
}

void DiskStallMonitor::start()
{
    stop();
    if (!available())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_figures = {};
    }
    m_running = true;
    m_thread = std::thread([this] { watch(); });
}

void DiskStallMonitor::stop()
{
    m_running = false;
    if (m_thread.joinable())
        m_thread.join();
}

DiskStallMonitor::Figures DiskStallMonitor::figures() const
{
    std::lock_guard lock(m_mutex);
    return m_figures;
}

void DiskStallMonitor::record(Clock::duration stall)
{
    if (stall < m_threshold)
        return;
    const double ms = std::chrono::duration<double, std::milli>(stall).count();
    std::lock_guard lock(m_mutex);
    ++m_figures.stalls;
    m_figures.stalledMs += ms;
    m_figures.longestMs = std::max(m_figures.longestMs, ms);
}

void DiskStallMonitor::watch()
{
    Sample last;
    if (!read(last))
        return;
    Clock::time_point sampled = Clock::now();
    // Since when the device has had work in flight without finishing any; unset while idle or unobserved.
    std::optional<Clock::time_point> waitingSince;
    if (last.inFlight > 0)
        waitingSince = sampled;
    while (m_running) {
        std::this_thread::sleep_for(kPeriod); // a sampling period, not a wait for something to happen
        Sample now;
        if (!read(now))
            return;
        const Clock::time_point at = Clock::now();
        const bool late = at - sampled > kLateSample;
        sampled = at;
        if (late) {
            waitingSince = now.inFlight > 0 ? std::optional(at) : std::nullopt;
        } else if (now.completed != last.completed) {
            if (waitingSince)
                record(at - *waitingSince);
            waitingSince = now.inFlight > 0 ? std::optional(at) : std::nullopt;
        } else if (now.inFlight == 0) {
            waitingSince.reset();
        } else if (!waitingSince) {
            waitingSince = at;
        }
        last = now;
    }
    if (waitingSince) // a stall still going on when the measurement ends
        record(sampled - *waitingSince);
}

} // namespace confab::bench
