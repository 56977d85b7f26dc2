// A confab-server process with a demo organisation, for benchmarks: started, waited for, and stopped.
#pragma once

#include <QProcess>
#include <QTemporaryDir>

namespace confab::bench {

class ServerProcess
{
public:
    ~ServerProcess();
    // Starts a server seeded with `users` people; false (and the log on stderr) when it does not come up.
    bool start(int users, const QStringList &extraArgs = {});
    quint16 port() const { return m_port; }
    const QTemporaryDir &dataDir() const { return m_data; }
    qint64 pid() const { return m_process.processId(); }
    // Bytes the server has logged since the last call (its stdout and stderr): what an attack costs the admin's disk.
    qint64 takeLogBytes() { return m_process.readAll().size(); }

private:
    QTemporaryDir m_data;
    QProcess m_process;
    quint16 m_port = 0;
};

// Waits with the event loop running (never a sleep); false on timeout.
bool waitFor(const std::function<bool()> &condition, int timeoutMs);
double rssMb(qint64 pid);
// The process's peak resident set so far (its high-water mark), in MB; -1 when it cannot be read.
double peakRssMb(qint64 pid);

} // namespace confab::bench
