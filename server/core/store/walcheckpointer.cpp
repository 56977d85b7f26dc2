#include "store/walcheckpointer.h"

#include "store/coalescingvfs.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace confab::server {

namespace {
constexpr int kBusyWalFrames = 4096;
constexpr int kBusyIntervalMs = 10;
} // namespace

WalCheckpointer::WalCheckpointer(QString path, int intervalMs)
    : m_path(std::move(path))
    , m_intervalMs(intervalMs)
{}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

void WalCheckpointer::start()
{
    if (m_thread.joinable())
        return;
    m_stopping = false;
    m_thread = std::thread([this] { loop(); });
}

void WalCheckpointer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void WalCheckpointer::loop()
{
    // A QSqlDatabase connection belongs to the thread that opened it: this one opens, uses and closes its own.
    const QString name = QStringLiteral("confab-checkpoint-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(coalescingVfsUri(m_path)); // the same VFS as the writer's connection
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_URI"));
        if (!db.open()) {
            qCWarning(lcStore) << "the WAL checkpointer cannot open" << m_path << db.lastError().text();
        } else {
            QSqlQuery pragma(db);
            pragma.exec(QStringLiteral("PRAGMA synchronous=FULL"));
            std::unique_lock lock(m_mutex);
            while (!m_stopping) {
                lock.unlock();
                // PASSIVE: copy what no reader still needs, never wait for the writer and never make it wait.
                QSqlQuery checkpoint(db);
                int walFrames = 0;
                if (!checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"))) {
                    qCWarning(lcStore) << "WAL checkpoint failed:" << checkpoint.lastError().text();
                } else if (checkpoint.next()) { // busy, frames in the WAL, frames copied
                    walFrames = checkpoint.value(1).toInt();
                    m_checkpointed.store(checkpoint.value(2).toInt(), std::memory_order_relaxed);
                }
                checkpoint.finish();
                // Under load the WAL grows between passes; passing again soon keeps what is left to copy small,
                // which is what the writer waits for when it starts the WAL over (SqliteStore::restartWalWhenCopied).
                const int waitMs = walFrames > kBusyWalFrames ? std::min(m_intervalMs, kBusyIntervalMs) : m_intervalMs;
                lock.lock();
                m_wake.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return m_stopping; });
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace confab::server
