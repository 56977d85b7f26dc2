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
    for (pb::DataSet set : kWatched)
        m_latest[set] = m_store.blocking([set](Store &s) { return s.lastCursor(set, 0); }, false);
    m_pollTimer.start(pollIntervalMs);
}

void ChangeFeed::noteAnnounced(pb::DataSet dataSet, Cursor cursor)
{
    if (cursor > m_latest.value(dataSet))
        m_latest[dataSet] = cursor;
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
    m_store.read(
        this,
        [](Store &s) {
            std::vector<Cursor> cursors;
            for (pb::DataSet set : kWatched)
                cursors.push_back(s.lastCursor(set, 0));
            return cursors;
        },
        [this](StoreResult<std::vector<Cursor>> result) {
            m_polling = false;
            if (!result.ok())
                return;
            for (size_t i = 0; i < std::size(kWatched); ++i) {
                const Cursor now = result.value()[i];
                const Cursor previous = m_latest.value(kWatched[i]);
                if (now > previous) {
                    m_latest[kWatched[i]] = now;
                    pushSyncNotify(kWatched[i], now, previous);
                    emit unannouncedChange(kWatched[i], previous, now);
                }
            }
        });
}

} // namespace confab::server
