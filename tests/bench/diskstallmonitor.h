// Watches the block device under a directory and measures how long it sat with requests in flight while none
// finished: the disk's own stalls (on a virtual machine, mostly the host's), which no server can hide from a
// write that must be durable before it is acknowledged. Printed beside a latency figure, they tell a slow server
// from a slow disk.
#pragma once

#include <QString>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace confab::bench {

class DiskStallMonitor
{
public:
    // A stall counts once it lasts `thresholdMs`.
    explicit DiskStallMonitor(const QString &directory, int thresholdMs);
    ~DiskStallMonitor();
    DiskStallMonitor(const DiskStallMonitor &) = delete;
    DiskStallMonitor &operator=(const DiskStallMonitor &) = delete;

    // False when the device cannot be found or watched here (not Linux, no /proc/diskstats).
    bool available() const { return m_major >= 0; }

    // Starts a new measurement; stop() ends it and keeps its figures.
    void start();
    void stop();

    struct Figures
    {
        int stalls = 0;
        double stalledMs = 0;
        double longestMs = 0;
    };
    Figures figures() const;

private:
    struct Sample
    {
        quint64 completed = 0; // requests of any kind finished so far
        quint64 inFlight = 0;
    };
    bool read(Sample &sample) const;
    void watch();
    void record(std::chrono::steady_clock::duration stall);

    int m_stats = -1; // /proc/diskstats, kept open
    int m_major = -1;
    int m_minor = -1;
    std::chrono::milliseconds m_threshold;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    mutable std::mutex m_mutex;
    Figures m_figures;
};

} // namespace confab::bench
