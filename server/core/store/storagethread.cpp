#include "store/storagethread.h"

#include <QLoggingCategory>

#include <algorithm>
#include <future>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace confab::server {

StorageThread::StorageThread(std::unique_ptr<Store> store)
    : m_store(std::move(store))
{}

StorageThread::~StorageThread()
{
    stop();
}

void StorageThread::start()
{
    // The open's outcome comes back through a promise: once the thread has set it, it must touch nothing of
    // start()'s frame, which may be gone by then.
    std::promise<std::optional<StoreError>> opened;
    std::future<std::optional<StoreError>> outcome = opened.get_future();
    m_thread = std::thread([this, opened = std::move(opened)]() mutable {
        try {
            m_store->open();
        } catch (const StoreError &e) {
            opened.set_value(e);
            return;
        }
        opened.set_value(std::nullopt);
        loop();
    });
    if (const std::optional<StoreError> failure = outcome.get()) {
        m_thread.join();
        throw *failure;
    }
    m_syncStopping = false;
    m_syncThread = std::thread([this] { syncLoop(); });
    QMutexLocker lock(&m_mutex);
    m_running = true;
}

void StorageThread::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_running)
            return;
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread.join();
    {
        QMutexLocker lock(&m_syncMutex);
        m_syncStopping = true; // after what is queued
        m_syncWake.wakeAll();
    }
    m_syncThread.join();
    m_store->close();
    QMutexLocker lock(&m_mutex);
    m_running = false;
}

void StorageThread::push(Job job)
{
    QMutexLocker lock(&m_mutex);
    if (!m_running || m_stopping) {
        lock.unlock();
        // Too late: report a failure instead of dropping the job silently.
        std::deque<Job> refused;
        refused.push_back(std::move(job));
        deliver(refused, false);
        return;
    }
    m_queue.push_back(std::move(job));
    m_wake.wakeOne();
}

void StorageThread::loop()
{
    for (;;) {
        std::deque<Job> batch;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_queue.empty() && m_stopping)
                return;
            batch.swap(m_queue);
        }
        runBatch(batch);
    }
}

void StorageThread::runBatch(std::deque<Job> &batch)
{
    // The writes run one after another in one transaction. Only a write that fails (an error, which is rare: a
    // refusal is a result, not a failure) needs an undo of its own, and then the batch runs once more, each write
    // in a savepoint. A savepoint around every write would cost more than the write: SQLite copies each page the
    // write touches, for the undo.
    BatchOutcome outcome = runWrites(batch, false);
    if (outcome == BatchOutcome::WriteFailed)
        outcome = runWrites(batch, true);
    RanBatch ran;
    ran.committed = outcome == BatchOutcome::Committed;
    ran.wrote = std::any_of(batch.begin(), batch.end(), [](const Job &job) { return job.write; });
    ran.jobs.swap(batch);
    QMutexLocker lock(&m_syncMutex);
    m_ran.push_back(std::move(ran));
    m_syncWake.wakeOne();
}

void StorageThread::syncLoop()
{
    for (;;) {
        std::deque<RanBatch> ran;
        {
            QMutexLocker lock(&m_syncMutex);
            while (m_ran.empty() && !m_syncStopping)
                m_syncWake.wait(&m_syncMutex);
            if (m_ran.empty())
                return; // stopping, and nothing is left
            ran.swap(m_ran);
        }
        // Reads are held back too: what they return may rest on a commit that is not on the disk yet.
        bool synced = true;
        if (std::any_of(ran.begin(), ran.end(), [](const RanBatch &b) { return b.committed && b.wrote; })) {
            try {
                m_store->syncToDisk();
            } catch (const StoreError &e) {
                qCCritical(lcStore) << "syncing" << ran.size() << "batches to disk failed:" << e.what();
                synced = false;
            }
        }
        for (RanBatch &batch : ran)
            deliver(batch.jobs, batch.committed && (synced || !batch.wrote));
    }
}

StorageThread::BatchOutcome StorageThread::runWrites(std::deque<Job> &batch, bool isolateWrites)
{
    bool inTransaction = false;
    try {
        for (Job &job : batch) {
            if (!job.write) {
                job.run(*m_store);
                continue;
            }
            if (!inTransaction) {
                m_store->begin();
                inTransaction = true;
            }
            if (!isolateWrites) {
                if (!job.run(*m_store)) {
                    m_store->rollback(); // every job runs again, each write in a savepoint
                    m_store->endBatch();
                    return BatchOutcome::WriteFailed;
                }
                continue;
            }
            m_store->savepoint();
            if (job.run(*m_store))
                m_store->releaseSavepoint();
            else
                m_store->rollbackToSavepoint(); // undo just this job; the group's other writes stand
        }
        if (inTransaction) {
            m_store->commit();
            ++m_commits;
        }
        m_store->endBatch();
        return BatchOutcome::Committed;
    } catch (const StoreError &e) {
        qCCritical(lcStore) << "storage batch failed, rolling back" << batch.size() << "jobs:" << e.what();
        if (inTransaction)
            m_store->rollback();
        m_store->endBatch();
        return BatchOutcome::StoreFailed;
    }
}

void StorageThread::deliver(std::deque<Job> &batch, bool committed)
{
    auto homeBound = std::make_shared<std::vector<std::pair<QPointer<QObject>, std::function<void()>>>>();
    for (Job &job : batch) {
        job.settle(committed || !job.write);
        if (!job.handOff)
            continue; // a blocking job: settle() woke its caller
        if (job.onHomeThread) {
            homeBound->emplace_back(job.context, std::move(job.handOff));
        } else if (job.context) {
            QMetaObject::invokeMethod(job.context.data(), std::move(job.handOff), Qt::QueuedConnection);
        }
    }
    if (homeBound->empty())
        return;
    QMetaObject::invokeMethod(
        &m_homeCourier,
        [homeBound] {
            for (auto &[context, handOff] : *homeBound) {
                if (context) // the caller may have gone since
                    handOff();
            }
        },
        Qt::QueuedConnection);
}

} // namespace confab::server
