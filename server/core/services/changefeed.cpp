#include "services/changefeed.h"

#include "services/onlineregistry.h"
#include "store/storagethread.h"

namespace confab::server {

namespace {
constexpr pb::DataSet kWatched[] = {pb::DATA_SET_DEPARTMENTS, pb::DATA_SET_USERS};
}

ChangeFeed::ChangeFeed(StorageThread &store, OnlineRegistry &online, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_online(online)
{
    connect(&m_pollTimer, &QTimer::timeout, this, &ChangeFeed::poll);
}

void ChangeFeed::start(int pollIntervalMs)
{
    m_lastCounter = m_store.blocking([](Store &s) { return s.externalChangeCounter(); }, false);
    for (pb::DataSet set : kWatched)
        m_latest[set] = m_store.blocking([set](Store &s) { return s.lastCursor(set, 0); }, false);
    m_pollTimer.start(pollIntervalMs);
}

Cursor ChangeFeed::advance(pb::DataSet dataSet, Cursor cursor)
{
    const Cursor previous = m_latest.value(dataSet);
    if (cursor > previous)
        m_latest[dataSet] = cursor;
    return previous;
}

void ChangeFeed::pushSyncNotify(pb::DataSet dataSet, Cursor cursor, Cursor previous)
{
    pb::SyncNotify notify;
    notify.set_data_set(dataSet);
    notify.set_cursor(cursor.value());
    notify.set_prev_cursor(previous.value());
    m_online.sendToAll(protocol::oneway::SyncNotify::id, notify);
}

void ChangeFeed::poll()
{
    if (m_polling)
        return;
    m_polling = true;
    struct Snapshot
    {
        qint64 counter = 0;
        std::vector<Cursor> cursors;
    };
    m_store.read(
        this,
        [](Store &s) {
            Snapshot snap;
            snap.counter = s.externalChangeCounter();
            for (pb::DataSet set : kWatched)
                snap.cursors.push_back(s.lastCursor(set, 0));
            return snap;
        },
        [this](StoreResult<Snapshot> result) {
            m_polling = false;
            if (!result.ok() || result.value().counter == m_lastCounter)
                return;
            m_lastCounter = result.value().counter;
            for (size_t i = 0; i < std::size(kWatched); ++i) {
                const Cursor now = result.value().cursors[i];
                const Cursor previous = m_latest.value(kWatched[i]);
                if (now > previous) {
                    m_latest[kWatched[i]] = now;
                    pushSyncNotify(kWatched[i], now, previous);
                }
            }
        });
}

} // namespace confab::server
