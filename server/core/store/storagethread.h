// Runs a Store on a thread of its own, so that the thread serving sockets never waits on a disk sync.
//
// Jobs queue in order. The thread takes every job waiting, runs the writes among them inside one transaction and
// commits once. A second thread syncs to disk (Store::syncToDisk) what the commits wrote, one sync for however many
// batches committed meanwhile, while the first runs the next batch; only then are the jobs' results handed back, in
// order, to their context objects' threads, so no result is seen before it is durable. The results of a batch whose
// contexts live on the thread that made the StorageThread travel there in one event, in order, rather than one
// event (and one wake-up) each.
//
// When one write of a group fails, the group runs again with each write in its own savepoint, so that the failure
// loses nothing of the others. A job may therefore run twice; what it returns the second time counts.
#pragma once

#include "store/store.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <memory>
#include <thread>
#include <variant>

namespace confab::server {

// The outcome of a store job: a value, or the StoreError that stopped it.
template <class T>
class StoreResult
{
public:
    StoreResult(T value)
        : m_state(std::move(value))
    {}
    StoreResult(StoreError error)
        : m_state(std::move(error))
    {}
    bool ok() const { return m_state.index() == 0; }
    const T &value() const { return std::get<0>(m_state); }
    T &value() { return std::get<0>(m_state); }
    const StoreError &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, StoreError> m_state;
};

class StorageThread
{
public:
    explicit StorageThread(std::unique_ptr<Store> store);
    ~StorageThread();

    // Opens the store on the storage thread. Throws StoreError when it cannot.
    void start();
    // Finishes every queued job, then closes the store. Idempotent.
    void stop();

    // Queues `op`; `done` later runs on `context`'s thread with the result, unless `context` is gone by then.
    template <class Op, class Done>
    void read(QObject *context, Op op, Done done)
    {
        enqueue(false, context, std::move(op), std::move(done));
    }
    template <class Op, class Done>
    void write(QObject *context, Op op, Done done)
    {
        enqueue(true, context, std::move(op), std::move(done));
    }

    // Runs `op` on the storage thread and waits for it: for start-up and admin tools, never for the socket thread.
    template <class Op>
    auto blocking(Op op, bool isWrite = true) -> decltype(op(std::declval<Store &>()));

    quint64 commitCount() const { return m_commits.load(); }

private:
    struct Job
    {
        bool write = false;
        std::function<bool(Store &)> run;           // runs on the storage thread, keeps its result; false on failure
        std::function<void(bool committed)> settle; // on the storage thread after the batch: final result
        QPointer<QObject> context;                  // whose thread `handOff` runs on (none for blocking jobs)
        bool onHomeThread = false;                  // the context lives where the StorageThread was made
        std::function<void()> handOff;              // hands the result to the caller, on the context's thread
    };

    template <class Op, class Done>
    void enqueue(bool write, QObject *context, Op op, Done done);
    // Runs `op` and keeps what it returns or throws in `result`; false when it threw. Any exception is caught
    // here, not only StoreError: one escaping the storage thread would end the whole server.
    template <class Op, class R>
    static bool runCaught(Op &op, Store &store, std::optional<StoreResult<R>> &result);
    void push(Job job);
    void loop();
    enum class BatchOutcome
    {
        Committed,
        WriteFailed,
        StoreFailed
    };
    void runBatch(std::deque<Job> &batch);
    BatchOutcome runWrites(std::deque<Job> &batch, bool isolateWrites);
    void syncLoop();
    void deliver(std::deque<Job> &batch, bool committed);

    // A batch that has run, waiting for the disk before its results are handed out.
    struct RanBatch
    {
        std::deque<Job> jobs;
        bool committed = false;
        bool wrote = false;
    };

    std::unique_ptr<Store> m_store;
    QObject m_homeCourier; // lives on the thread that made the StorageThread; carries batches of results there
    std::thread m_thread;
    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Job> m_queue;
    bool m_stopping = false;
    bool m_running = false;

    std::thread m_syncThread;
    QMutex m_syncMutex;
    QWaitCondition m_syncWake;
    std::deque<RanBatch> m_ran;
    bool m_syncStopping = false;
    std::atomic<quint64> m_commits{0};
};

template <class Op, class R>
bool StorageThread::runCaught(Op &op, Store &store, std::optional<StoreResult<R>> &result)
{
    try {
        result.emplace(op(store));
        return true;
    } catch (const StoreError &e) {
        result.emplace(e);
    } catch (const std::exception &e) {
        result.emplace(StoreError(StoreError::Kind::Internal, QString::fromUtf8(e.what())));
    } catch (...) {
        result.emplace(StoreError(StoreError::Kind::Internal, QStringLiteral("a storage job failed")));
    }
    return false;
}

template <class Op, class Done>
void StorageThread::enqueue(bool write, QObject *context, Op op, Done done)
{
    using R = decltype(op(std::declval<Store &>()));
    auto result = std::make_shared<std::optional<StoreResult<R>>>();
    Job job;
    job.write = write;
    job.run = [op = std::move(op), result](Store &store) mutable { return runCaught(op, store, *result); };
    job.settle = [result](bool committed) {
        if (!result->has_value()) // never ran: the store was closed or closing
            result->emplace(StoreError(StoreError::Kind::Internal, QStringLiteral("the store is closed")));
        else if (!committed && result->value().ok())
            result->emplace(StoreError(StoreError::Kind::Internal, QStringLiteral("the commit failed")));
    };
    job.context = context;
    job.onHomeThread = context && context->thread() == m_homeCourier.thread();
    job.handOff = [done = std::move(done), result]() mutable { done(std::move(**result)); };
    push(std::move(job));
}

template <class Op>
auto StorageThread::blocking(Op op, bool isWrite) -> decltype(op(std::declval<Store &>()))
{
    using R = decltype(op(std::declval<Store &>()));
    QMutex doneMutex;
    QWaitCondition doneWake;
    bool finished = false;
    std::optional<StoreResult<R>> result;
    Job job;
    job.write = isWrite;
    job.run = [&](Store &store) { return runCaught(op, store, result); };
    job.settle = [&](bool committed) {
        if (!result)
            result.emplace(StoreError(StoreError::Kind::Internal, QStringLiteral("the store is closed")));
        else if (!committed && result->ok())
            result.emplace(StoreError(StoreError::Kind::Internal, QStringLiteral("the commit failed")));
        QMutexLocker lock(&doneMutex);
        finished = true;
        doneWake.wakeAll();
    };
    push(std::move(job));
    QMutexLocker lock(&doneMutex);
    while (!finished)
        doneWake.wait(&doneMutex);
    if (!result->ok())
        throw result->error();
    return std::move(result->value());
}

} // namespace confab::server
