// Everything of one account's messaging, wired together: the session, group and buddy lists with their syncs,
// the outbox and the open conversations. The desktop app and the tests both build on it; it knows no Widgets.
//
// loadCache() shows what the last run knew at once; setOnline() after every sign-in pulls each data set from its
// cursor (a push never replaces the pull) and sends what the outbox holds.
#pragma once

#include "messaging/conversations.h"
#include "messaging/outbox.h"
#include "model/buddylistmodel.h"
#include "model/displaynames.h"
#include "model/grouplistmodel.h"
#include "model/sessionlistmodel.h"
#include "sync/buddysync.h"
#include "sync/groupsync.h"
#include "sync/sessionsync.h"

#include <QObject>

namespace confab::client {

class DepartmentTreeModel;

class Messenger : public QObject
{
    Q_OBJECT

public:
    // `cache` may be null (no cache: nothing outlives the process).
    Messenger(ServerConnection &connection, LocalCache *cache, const DepartmentTreeModel &directory,
              QObject *parent = nullptr);

    DisplayNames &names() { return m_names; }
    SessionListModel &sessions() { return m_sessions; }
    GroupListModel &groups() { return m_groups; }
    BuddyListModel &buddies() { return m_buddies; }
    SessionSync &sessionSync() { return m_sessionSync; }
    GroupSync &groupSync() { return m_groupSync; }
    BuddySync &buddySync() { return m_buddySync; }
    Outbox &outbox() { return m_outbox; }
    Conversations &conversations() { return m_conversations; }
    quint64 selfId() const { return m_selfId; }
    // Who the user is, before signing in when it is known from the last run (an offline start shows "own"
    // messages as such); every sign-in sets it again.
    void setSelfId(quint64 id);
    LocalCache *cache() const { return m_cache; }

    // Fills the lists from the cache and takes back the unsent messages of the last run, then emits cacheLoaded.
    void loadCache();
    bool isCacheLoaded() const { return m_cacheLoaded; }
    // Signed in (as `selfId`) or not. Signing in pulls every data set; going offline only stops sending.
    void setOnline(bool online, quint64 selfId);
    // Whether the pulls since the last sign-in have all finished.
    bool isSynced() const { return m_pending == 0 && m_online; }

signals:
    void cacheLoaded();
    void synced();
    void progress(pb::DataSet dataSet, quint64 rows, quint64 expected);
    void failed(const QString &reason);

private:
    void startPulls();
    void onOutboxRestored();
    void onPullFinished();

    LocalCache *m_cache;
    GroupListModel m_groups;
    DisplayNames m_names;
    SessionListModel m_sessions;
    BuddyListModel m_buddies;
    SessionSync m_sessionSync;
    GroupSync m_groupSync;
    BuddySync m_buddySync;
    Outbox m_outbox;
    Conversations m_conversations;
    quint64 m_selfId = 0;
    bool m_online = false;
    bool m_cacheLoaded = false;
    bool m_cacheLoading = false;
    bool m_pullAfterLoad = false;
    int m_pending = 0;
};

} // namespace confab::client
