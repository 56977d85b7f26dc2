#include "messaging/messenger.h"

namespace confab::client {

Messenger::Messenger(ServerConnection &connection, LocalCache *cache, const DepartmentTreeModel &directory,
                     QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_names(directory, m_groups)
    , m_sessions(m_names)
    , m_buddies(m_names)
    , m_sessionSync(connection, cache, m_sessions)
    , m_groupSync(connection, cache, m_groups)
    , m_buddySync(connection, cache, m_buddies)
    , m_outbox(connection, cache)
    , m_conversations(connection, cache, m_outbox, m_names)
{
    for (DataSetSync *sync : std::initializer_list<DataSetSync *>{&m_sessionSync, &m_groupSync, &m_buddySync}) {
        connect(sync, &DataSetSync::progress, this, &Messenger::progress);
        connect(sync, &DataSetSync::finished, this, &Messenger::onPullFinished);
        connect(sync, &DataSetSync::failed, this, [this](const QString &reason) {
            onPullFinished();
            emit failed(reason);
        });
    }
    connect(&m_outbox, &Outbox::restored, this, &Messenger::onOutboxRestored);
    connect(&m_conversations, &Conversations::messageSent, &m_sessionSync, &SessionSync::applyOwnMessage);
}

void Messenger::setSelfId(quint64 id)
{
    m_selfId = id;
    m_sessions.setSelfId(id);
    m_sessionSync.setSelfId(id);
    m_groupSync.setSelfId(id);
    m_conversations.setSelfId(id);
}

void Messenger::loadCache()
{
    if (m_cacheLoaded || m_cacheLoading)
        return;
    m_cacheLoading = true;
    if (!m_cache) {
        m_outbox.restore();
        return;
    }
    m_cache->read<CachedMessaging>(
        this, [](CacheDatabase &db) { return db.loadMessaging(); },
        [this](CachedMessaging cached) {
            m_groupSync.applyCached(std::move(cached.groups), cached.groupsCursor);
            m_buddySync.applyCached(cached.buddies, cached.buddiesCursor);
            m_sessionSync.applyCached(std::move(cached.sessions), cached.sessionsCursor);
            m_outbox.restore(); // loaded once it answers (onOutboxRestored)
        });
}

void Messenger::onOutboxRestored()
{
    if (m_cacheLoaded)
        return;
    m_cacheLoading = false;
    m_cacheLoaded = true;
    emit cacheLoaded();
    if (std::exchange(m_pullAfterLoad, false))
        startPulls();
}

void Messenger::setOnline(bool online, quint64 selfId)
{
    if (online)
        setSelfId(selfId); // before anything goes out or comes in as "own"
    m_online = online;
    m_outbox.setOnline(online);
    m_conversations.setOnline(online);
    if (!online)
        return;
    if (!m_cacheLoaded) {
        m_pullAfterLoad = true; // cursors come from the cache: pull once it has answered
        loadCache();
        return;
    }
    startPulls();
}

void Messenger::startPulls()
{
    m_pending = 3;
    m_groupSync.start();
    m_buddySync.start();
    m_sessionSync.start();
}

void Messenger::onPullFinished()
{
    if (m_pending == 0)
        return; // a later pull (a push's gap) finished
    if (--m_pending == 0)
        emit synced();
}

} // namespace confab::client
