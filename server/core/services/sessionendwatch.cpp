#include "services/sessionendwatch.h"

#include "store/storagethread.h"

namespace confab::server {

namespace {
constexpr int kBatch = 500;
} // namespace

SessionEndWatch::SessionEndWatch(StorageThread &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    connect(&m_pollTimer, &QTimer::timeout, this, &SessionEndWatch::poll);
}

void SessionEndWatch::start(int pollIntervalMs)
{
    m_seen = m_store.blocking([](Store &s) { return s.latestSessionEnd(); }, false);
    m_pollTimer.start(pollIntervalMs);
}

void SessionEndWatch::poll()
{
    if (m_polling)
        return;
    m_polling = true;
    const qint64 after = m_seen;
    m_store.read(
        this, [after](Store &s) { return s.sessionEndsAfter(after, kBatch); },
        [this](StoreResult<std::vector<SessionEnd>> ends) {
            m_polling = false;
            if (!ends.ok())
                return;
            for (const SessionEnd &end : ends.value()) {
                m_seen = std::max(m_seen, end.seq);
                emit sessionsEnded(end.userId, end.reason);
            }
            if (ends.value().size() == size_t(kBatch))
                poll(); // a bulk import: the rest now, not a batch per tick
        });
}

} // namespace confab::server
