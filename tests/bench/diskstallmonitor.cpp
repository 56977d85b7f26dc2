#include "diskstallmonitor.h"

#include <QFile>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#endif

namespace confab::bench {

namespace {
using Clock = std::chrono::steady_clock;
// Every 2 ms: stalls are told to within 2 ms, for about 4 % of one core (measured on the 2-core VM; every read of
// /proc/diskstats has the kernel sum each CPU's counters), which the machine being measured gives up.
constexpr auto kPeriod = std::chrono::milliseconds(2);
// A sampler that wakes later than this saw nothing in between; the gap is not counted either way, so that a
// descheduled sampler (on a shared host, often) never passes for a stalled disk.
constexpr auto kLateSample = std::chrono::milliseconds(4);
} // namespace

DiskStallMonitor::DiskStallMonitor(const QString &directory, int thresholdMs)
    : m_threshold(thresholdMs)
{
#ifdef Q_OS_LINUX
    struct stat info = {};
    if (::stat(QFile::encodeName(directory).constData(), &info) != 0)
        return;
    m_stats = ::open("/proc/diskstats", O_RDONLY | O_CLOEXEC);
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
#ifdef Q_OS_LINUX
    if (m_stats >= 0)
        ::close(m_stats);
#endif
}

bool DiskStallMonitor::read(Sample &sample) const
{
#ifdef Q_OS_LINUX
    // Sampled hundreds of times a second beside the server being measured, so it costs one pread and a scan: no
    // open, no allocation.
    char text[65536]; // room for hundreds of devices
    const ssize_t size = ::pread(m_stats, text, sizeof text - 1, 0);
    if (size <= 0)
        return false;
    text[size] = '\0';
    for (const char *line = text; *line;) {
        // major minor name, reads completed (3), writes completed (7), in flight (11), discards completed (14,
        // since Linux 4.18), flushes completed (18, since 5.5).
        int deviceMajor = -1, deviceMinor = -1;
        unsigned long long reads = 0, writes = 0, inFlight = 0, discards = 0, flushes = 0;
        const int fields =
            std::sscanf(line, "%d %d %*s %llu %*s %*s %*s %llu %*s %*s %*s %llu %*s %*s %llu %*s %*s %*s %llu",
                        &deviceMajor, &deviceMinor, &reads, &writes, &inFlight, &discards, &flushes);
        if (fields >= 5 && deviceMajor == m_major && deviceMinor == m_minor) {
            sample.completed = reads + writes + (fields >= 6 ? discards : 0) + (fields >= 7 ? flushes : 0);
            sample.inFlight = inFlight;
            return true;
        }
        const char *next = std::strchr(line, '\n');
        line = next ? next + 1 : line + std::strlen(line);
    }
#else
    Q_UNUSED(sample);
#endif
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
