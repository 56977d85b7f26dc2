// Copies the WAL back into the database file from a thread and connection of its own, so that the storage
// thread's commits never stall behind a checkpoint (SQLite would otherwise run one inside the commit that crosses
// the WAL size limit, with all its writes and a disk sync, while every sender waits for an acknowledgement).
#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace confab::server {

class WalCheckpointer
{
public:
    explicit WalCheckpointer(QString path, int intervalMs = 200);
    ~WalCheckpointer();

    void start();
    void stop();

    // How many frames of the current WAL its last pass found copied into the database.
    int checkpointedFrames() const { return m_checkpointed.load(std::memory_order_relaxed); }

private:
    void loop();

    QString m_path;
    int m_intervalMs;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::atomic<int> m_checkpointed{0};
};

} // namespace confab::server
