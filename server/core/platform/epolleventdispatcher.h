// An event dispatcher for Linux built on epoll, for processes that hold thousands of sockets: the server and the
// load generator.
//
// Qt's own dispatcher polls every registered socket on every wake-up and walks them all afterwards, so each wake-up
// costs time in proportion to the connections held, ready or not; with a thousand clients that scan, not the work,
// was what the server spent most of its time on. epoll hands back only the sockets that are ready.
//
// Three things keep the wake-ups themselves cheap:
// - Notifier changes are recorded and reach the kernel just before the next wait, only if the wanted events
//   differ from what the kernel has. Qt switches a socket's write notifier on for every write and off once the
//   bytes are out, and an unbuffered read switches the read notifier off and on again; most of that nets out.
// - A wake-up from the dispatcher's own thread (an event posted while it runs) sets a flag rather than writing
//   to the eventfd: the thread is not waiting, it only must not wait next.
// - Timers are kept ordered by deadline, so finding the next one is not a scan.
//
// Semantics follow QEventDispatcherUNIX: notifiers are level-triggered, a read notifier fires on input, hang-up
// and error, a write notifier on output room and error, an exception notifier on urgent data.
#pragma once

#include <QtGlobal>

#ifdef Q_OS_LINUX

#include <QAbstractEventDispatcher>
#include <QPointer>
#include <QSocketNotifier>

#include <atomic>
#include <set>
#include <unordered_map>
#include <vector>

struct epoll_event;

namespace confab::server {

class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

    // How many epoll_ctl calls reached the kernel: the tests check that toggling nets out.
    quint64 kernelUpdates() const { return m_kernelUpdates; }

private:
    // The notifiers of one descriptor; the kernel learns of changes in applyChanges().
    struct Watch
    {
        QSocketNotifier *notifiers[3] = {}; // by QSocketNotifier::Type: Read, Write, Exception
        // The last one registered, to tell a toggle from a newcomer. Guarded: a new notifier often gets the address
        // of a deleted one, and that alone must not make it look like the same socket.
        QPointer<QSocketNotifier> lastNotifier;
        quint32 wanted = 0;           // the events the notifiers ask for
        quint32 inKernel = 0;         // the events the kernel has for it (0: not registered)
        quint32 generation = 0;       // tells a ready event of this registration from an older one
        quint32 kernelGeneration = 0; // the generation the kernel tags its events with
        bool queued = false;          // in m_changed
        bool alwaysReady = false;     // not pollable (a regular file): ready on every pass, as poll() says
    };
    struct Timer
    {
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 deadlineNs = 0;
        bool firing = false; // its handler is running (a nested loop must not fire it again)
    };

    void watchChanged(int fd, Watch &watch);
    void applyChanges();
    int dispatchReady(const epoll_event *events, int count);
    int dispatchAlwaysReady();
    bool activate(int fd, quint32 generation, int type);
    int activateTimers();
    int waitTimeoutMs(bool mayWait, bool includeTimers) const;
    void schedule(int timerId, Timer &timer, qint64 fromNs);
    void drainWakeUps();

    int m_epoll = -1;
    int m_wakeOnlyEpoll = -1; // holds just the eventfd: a wait that must not see sockets
    int m_eventFd = -1;
    std::atomic<bool> m_wakeUpPending{false}; // the eventfd holds a wake-up not yet read
    std::atomic<bool> m_interrupted{false};
    bool m_postedWhileRunning = false; // own thread posted: do not wait
    quint32 m_nextGeneration = 1;
    quint64 m_kernelUpdates = 0;
    int m_alwaysReadyCount = 0;

    std::unordered_map<int, Watch> m_watches;
    std::vector<int> m_changed;
    std::unordered_map<int, Timer> m_timers;
    std::set<std::pair<qint64, int>> m_deadlines; // (deadline in ns, timer id)
};

} // namespace confab::server

#endif // Q_OS_LINUX
