#include "sync/buddysync.h"

#include "sync/pagepuller.h"

#include <QDateTime>

namespace confab::client {

using namespace protocol;

BuddySync::BuddySync(ServerConnection &connection, LocalCache *cache, BuddyListModel &model, QObject *parent)
    : DataSetSync(connection, cache, pb::DATA_SET_BUDDIES, parent)
    , m_model(model)
{
    connection.pushes().on<oneway::BuddyChangedNotify>(this, [this](const auto &n) { onBuddyPush(n); });
}

void BuddySync::applyCached(const std::vector<pb::Buddy> &buddies, quint64 cursor)
{
    setCursor(cursor); // 0 (never pulled, or the data set was empty): the next pull is a full one
    m_model.setBuddies(buddies);
}

void BuddySync::pull(quint64 cursor)
{
    m_fullSync.clear();
    const bool full = cursor == 0;
    PageHandlers<rpc::BuddySync> handlers;
    handlers.page = [this, full](const pb::BuddySyncResponse &page, bool restart) {
        std::vector<pb::Buddy> rows(page.buddies().begin(), page.buddies().end());
        std::vector<quint64> removed(page.removed().begin(), page.removed().end());
        if (m_cache)
            m_cache->write([=, cursor = page.page().cursor()](CacheDatabase &db) {
                db.applyBuddiesPage(restart, rows, removed, cursor);
            });
        if (full || restart) {
            if (restart)
                m_fullSync.clear();
            m_fullSync.insert(m_fullSync.end(), rows.begin(), rows.end());
        } else {
            for (const pb::Buddy &b : rows)
                m_model.add(b.user_id());
            for (quint64 id : removed)
                m_model.remove(id);
        }
        pageApplied(int(rows.size()), page.page().total_hint());
    };
    handlers.done = [this, full](quint64 newCursor) {
        if (full || !m_fullSync.empty())
            m_model.setBuddies(std::exchange(m_fullSync, {}));
        pullDone(newCursor);
    };
    handlers.failed = [this](const QString &reason) { pullFailed(reason); };
    pullPages<rpc::BuddySync>(m_connection, this, cursor, std::move(handlers));
}

void BuddySync::onBuddyPush(const pb::BuddyChangedNotify &notify)
{
    if (isSyncing() || notify.sync().prev_cursor() != cursor()) {
        if (notify.sync().cursor() > cursor())
            start(); // a gap (or a pull running that may have read before it): pull what was missed
        return;
    }
    if (notify.has_buddy()) {
        m_model.add(notify.buddy().user_id());
        if (m_cache)
            m_cache->write([buddy = notify.buddy()](CacheDatabase &db) { db.putBuddy(buddy); });
    } else {
        m_model.remove(notify.removed());
        if (m_cache)
            m_cache->write([id = notify.removed()](CacheDatabase &db) { db.removeBuddy(id); });
    }
    // The pushed change is applied, but its cursor is stored only by the next pull: a push is never the pull.
    setCursor(notify.sync().cursor());
}

void BuddySync::add(quint64 userId)
{
    pb::AddBuddyRequest request;
    request.set_user_id(userId);
    m_model.add(userId);
    m_connection.call<rpc::AddBuddy>(request, this, [this, userId](RpcResult<pb::AddBuddyResponse> r) {
        if (!r.ok()) {
            m_model.remove(userId);
            emit actionFailed(r.error, r.message);
            return;
        }
        pb::Buddy buddy;
        buddy.set_user_id(userId);
        buddy.set_added_ms(QDateTime::currentMSecsSinceEpoch());
        if (m_cache)
            m_cache->write([buddy](CacheDatabase &db) { db.putBuddy(buddy); });
        start(); // brings the server's cursor for it
    });
}

void BuddySync::remove(quint64 userId)
{
    pb::RemoveBuddyRequest request;
    request.set_user_id(userId);
    m_model.remove(userId);
    m_connection.call<rpc::RemoveBuddy>(request, this, [this, userId](RpcResult<pb::RemoveBuddyResponse> r) {
        if (!r.ok()) {
            m_model.add(userId);
            emit actionFailed(r.error, r.message);
            return;
        }
        if (m_cache)
            m_cache->write([userId](CacheDatabase &db) { db.removeBuddy(userId); });
        start();
    });
}

} // namespace confab::client
