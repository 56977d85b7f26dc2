#include "platform/epolleventdispatcher.h"

#ifdef Q_OS_LINUX

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QThread>
#include <QTimerEvent>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcDispatcher, "confab.server.dispatcher")

namespace confab::server {

namespace {

constexpr quint64 kWakeUpTag = ~quint64(0);
constexpr int kMaxEventsPerWait = 256;
constexpr quint32 kEventsFor[3] = {EPOLLIN, EPOLLOUT, EPOLLPRI}; // by QSocketNotifier::Type
// What a ready descriptor reports that each kind of notifier answers to, as QEventDispatcherUNIX maps poll().
constexpr quint32 kActivatesFor[3] = {EPOLLIN | EPOLLHUP | EPOLLERR, EPOLLOUT | EPOLLHUP | EPOLLERR, EPOLLPRI};

qint64 monotonicNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

quint64 tagOf(int fd, quint32 generation)
{
    return quint64(quint32(fd)) | (quint64(generation) << 32);
}

void retryOnEintr(auto call)
{
    while (call() < 0 && errno == EINTR) {
    }
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeOnlyEpoll(epoll_create1(EPOLL_CLOEXEC))
    , m_eventFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeOnlyEpoll < 0 || m_eventFd < 0)
        qFatal("EpollEventDispatcher: cannot create epoll or eventfd descriptors: %s", std::strerror(errno));
    epoll_event wake{};
    wake.events = EPOLLIN;
    wake.data.u64 = kWakeUpTag;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_eventFd, &wake) != 0 ||
        epoll_ctl(m_wakeOnlyEpoll, EPOLL_CTL_ADD, m_eventFd, &wake) != 0)
        qFatal("EpollEventDispatcher: cannot watch the eventfd: %s", std::strerror(errno));
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_eventFd);
    ::close(m_wakeOnlyEpoll);
    ::close(m_epoll);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false);
    emit awake();
    m_postedWhileRunning = false;
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool mayWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.load() && !m_postedWhileRunning;
    if (m_interrupted.load())
        return false;

    applyChanges();
    const int timeoutMs = waitTimeoutMs(mayWait, includeTimers);
    if (timeoutMs != 0)
        emit aboutToBlock();

    epoll_event ready[kMaxEventsPerWait];
    int count = 0;
    do {
        count = epoll_wait(includeNotifiers ? m_epoll : m_wakeOnlyEpoll, ready, kMaxEventsPerWait, timeoutMs);
    } while (count < 0 && errno == EINTR);
    if (count < 0)
        qFatal("EpollEventDispatcher: epoll_wait failed: %s", std::strerror(errno));

    int handled = dispatchReady(ready, count);
    if (includeNotifiers)
        handled += dispatchAlwaysReady();
    if (includeTimers)
        handled += activateTimers();
    return handled > 0;
}

int EpollEventDispatcher::waitTimeoutMs(bool mayWait, bool includeTimers) const
{
    if (!mayWait || m_alwaysReadyCount > 0)
        return 0;
    if (!includeTimers || m_deadlines.empty())
        return -1;
    const qint64 leftNs = m_deadlines.begin()->first - monotonicNs();
    if (leftNs <= 0)
        return 0;
    // Rounded up: waking a little early would only spin until the deadline.
    return int(std::min<qint64>((leftNs + 999'999) / 1'000'000, std::numeric_limits<int>::max()));
}

int EpollEventDispatcher::dispatchReady(const epoll_event *events, int count)
{
    int handled = 0;
    for (int i = 0; i < count; ++i) {
        const quint64 tag = events[i].data.u64;
        if (tag == kWakeUpTag) {
            drainWakeUps();
            ++handled;
            continue;
        }
        const int fd = int(quint32(tag));
        const quint32 generation = quint32(tag >> 32);
        for (int type = QSocketNotifier::Read; type <= QSocketNotifier::Exception; ++type) {
            if ((events[i].events & kActivatesFor[type]) && activate(fd, generation, type))
                ++handled;
        }
    }
    return handled;
}

int EpollEventDispatcher::dispatchAlwaysReady()
{
    if (m_alwaysReadyCount == 0)
        return 0;
    std::vector<std::pair<int, quint32>> due;
    for (const auto &[fd, watch] : m_watches) {
        if (watch.alwaysReady)
            due.emplace_back(fd, watch.generation);
    }
    int handled = 0;
    for (const auto &[fd, generation] : due) {
        for (int type = QSocketNotifier::Read; type <= QSocketNotifier::Write; ++type)
            handled += activate(fd, generation, type) ? 1 : 0;
    }
    return handled;
}

bool EpollEventDispatcher::activate(int fd, quint32 generation, int type)
{
    // Looked up afresh for each notifier: the one before may have closed this socket, or opened another that
    // reuses the descriptor (a new generation, so this older readiness is not passed on to it).
    const auto it = m_watches.find(fd);
    if (it == m_watches.end() || it->second.generation != generation)
        return false;
    QSocketNotifier *notifier = it->second.notifiers[type];
    if (!notifier)
        return false;
    QEvent event(QEvent::SockAct);
    QCoreApplication::sendEvent(notifier, &event);
    return true;
}

void EpollEventDispatcher::drainWakeUps()
{
    eventfd_t value = 0;
    retryOnEintr([&] { return eventfd_read(m_eventFd, &value); });
    m_wakeUpPending.store(false, std::memory_order_release);
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    Q_ASSERT(notifier && notifier->thread() == thread() && QThread::currentThread() == thread());
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    Watch &watch = m_watches[fd];
    if (watch.wanted == 0 && watch.lastNotifier != notifier) {
        // A fresh registration by another notifier, perhaps of a new socket on a reused descriptor: readiness seen
        // before is not its own, whether it can be polled is to be found out again, and the kernel may have dropped
        // the descriptor from its set when the old socket closed, so the next pass tells it again. The same
        // notifier switched off and on again is the same socket, and keeps its registration.
        watch.generation = m_nextGeneration++;
        if (watch.alwaysReady) {
            watch.alwaysReady = false;
            --m_alwaysReadyCount;
        }
    }
    watch.lastNotifier = notifier;
    if (watch.notifiers[type] && watch.notifiers[type] != notifier)
        qCWarning(lcDispatcher) << "a second notifier of type" << type << "for descriptor" << fd
                                << "replaces the first";
    watch.notifiers[type] = notifier;
    watch.wanted |= kEventsFor[type];
    watchChanged(fd, watch);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end() || it->second.notifiers[type] != notifier)
        return;
    Watch &watch = it->second;
    watch.notifiers[type] = nullptr;
    watch.wanted &= ~kEventsFor[type];
    watchChanged(fd, watch);
}

void EpollEventDispatcher::watchChanged(int fd, Watch &watch)
{
    if (!watch.queued) {
        watch.queued = true;
        m_changed.push_back(fd);
    }
}

void EpollEventDispatcher::applyChanges()
{
    std::vector<int> changed;
    changed.swap(m_changed);
    for (int fd : changed) {
        const auto it = m_watches.find(fd);
        if (it == m_watches.end())
            continue;
        Watch &watch = it->second;
        watch.queued = false;
        if (watch.alwaysReady) {
            if (watch.wanted == 0) {
                --m_alwaysReadyCount;
                m_watches.erase(it);
            }
            continue;
        }
        if (watch.wanted == watch.inKernel && (watch.wanted == 0 || watch.generation == watch.kernelGeneration)) {
            if (watch.wanted == 0)
                m_watches.erase(it);
            continue; // the toggles netted out
        }
        ++m_kernelUpdates;
        if (watch.wanted == 0) {
            // A closed descriptor has left the epoll set on its own; ENOENT and EBADF just say so.
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
            m_watches.erase(it);
            continue;
        }
        epoll_event event{};
        event.events = watch.wanted;
        event.data.u64 = tagOf(fd, watch.generation);
        int op = watch.inKernel == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
        int result = epoll_ctl(m_epoll, op, fd, &event);
        if (result != 0 && errno == ENOENT && op == EPOLL_CTL_MOD) // closed and reused since: a new description
            result = epoll_ctl(m_epoll, op = EPOLL_CTL_ADD, fd, &event);
        else if (result != 0 && errno == EEXIST && op == EPOLL_CTL_ADD)
            result = epoll_ctl(m_epoll, op = EPOLL_CTL_MOD, fd, &event);
        if (result == 0) {
            watch.inKernel = watch.wanted;
            watch.kernelGeneration = watch.generation;
        } else if (errno == EPERM) {
            watch.alwaysReady = true; // a regular file: poll() calls it ready for ever, and so do we
            ++m_alwaysReadyCount;
            watch.inKernel = 0;
        } else {
            qCWarning(lcDispatcher) << "cannot watch descriptor" << fd << ":" << std::strerror(errno);
            watch.inKernel = 0;
        }
    }
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    Q_ASSERT(timerId > 0 && interval >= 0 && object);
    Timer &timer = m_timers[timerId];
    timer.intervalMs = interval;
    timer.type = timerType;
    timer.object = object;
    timer.firing = false;
    schedule(timerId, timer, monotonicNs());
}

void EpollEventDispatcher::schedule(int timerId, Timer &timer, qint64 fromNs)
{
    m_deadlines.erase({timer.deadlineNs, timerId});
    timer.deadlineNs = fromNs + timer.intervalMs * 1'000'000;
    m_deadlines.emplace(timer.deadlineNs, timerId);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_deadlines.erase({it->second.deadlineNs, timerId});
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second.object == object) {
            m_deadlines.erase({it->second.deadlineNs, it->first});
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    for (const auto &[id, timer] : m_timers) {
        if (timer.object == object)
            timers.append(TimerInfo(id, int(timer.intervalMs), timer.type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return -1;
    return int(std::max<qint64>(0, (it->second.deadlineNs - monotonicNs()) / 1'000'000));
}

int EpollEventDispatcher::activateTimers()
{
    if (m_deadlines.empty())
        return 0;
    const qint64 now = monotonicNs();
    // Those due now, fixed before any handler runs: a timer started by a handler waits for the next pass.
    std::vector<int> due;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first <= now; ++it)
        due.push_back(it->second);
    int fired = 0;
    for (int timerId : due) {
        auto it = m_timers.find(timerId);
        if (it == m_timers.end() || it->second.firing || it->second.deadlineNs > now)
            continue; // stopped or restarted by an earlier handler, or running in a loop further out
        Timer &timer = it->second;
        // A precise timer keeps its rhythm; others count from now. Missed intervals are skipped, not bunched.
        qint64 from = now;
        if (timer.type == Qt::PreciseTimer && timer.intervalMs > 0 &&
            now - timer.deadlineNs < timer.intervalMs * 1'000'000)
            from = timer.deadlineNs;
        schedule(timerId, timer, from);
        timer.firing = true;
        QObject *object = timer.object;
        QTimerEvent event(timerId);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        it = m_timers.find(timerId); // the handler may have stopped it
        if (it != m_timers.end())
            it->second.firing = false;
    }
    return fired;
}

void EpollEventDispatcher::wakeUp()
{
    if (QThread::currentThread() == thread()) {
        // Posted from a handler we are running: the thread is not waiting, so there is nobody to wake; it only
        // must not wait before it has delivered what was posted.
        m_postedWhileRunning = true;
        return;
    }
    if (!m_wakeUpPending.exchange(true, std::memory_order_acq_rel))
        retryOnEintr([&] { return eventfd_write(m_eventFd, 1); });
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true);
    if (QThread::currentThread() == thread())
        m_postedWhileRunning = true;
    else if (!m_wakeUpPending.exchange(true, std::memory_order_acq_rel))
        retryOnEintr([&] { return eventfd_write(m_eventFd, 1); });
}

} // namespace confab::server

#endif // Q_OS_LINUX
