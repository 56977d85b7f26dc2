// Keeps the department tree up to date from the server: a full sync when it holds nothing (or the server says
// reset), incremental by cursor otherwise, in pages; pushes are applied when their prev_cursor matches the cursor
// held, and a mismatch (a missed change) triggers a pull. Progress is reported so a first sync can show a bar.
//
// With a LocalCache, the cached directory reaches the model before the network answers (a person can read while
// offline), syncs continue from the cached cursors, and every page is written with its cursor in one transaction.
#pragma once

#include "cache/localcache.h"
#include "model/departmenttreemodel.h"
#include "net/serverconnection.h"

#include <QObject>

namespace confab::client {

class DirectorySync : public QObject
{
    Q_OBJECT

public:
    DirectorySync(ServerConnection &connection, DepartmentTreeModel &model, QObject *parent = nullptr);

    // Optional; set before loadCache() or start().
    void setCache(LocalCache *cache) { m_cache = cache; }
    // Fills the model from the cache (once); emits cacheLoaded. start() does it first if nobody did.
    void loadCache();
    bool isCacheLoaded() const { return m_cacheLoaded; }

    // Syncs both data sets (after every login: a push never replaces the pull).
    void start();
    bool isSyncing() const { return m_syncing; }
    quint64 departmentsCursor() const { return m_departmentsCursor; }
    quint64 usersCursor() const { return m_usersCursor; }

signals:
    void cacheLoaded(int people);
    // `expected` is 0 when unknown (incremental syncs).
    void progress(pb::DataSet dataSet, quint64 rows, quint64 expected);
    void finished();
    void failed(pb::ErrorCode error); // the server's English message is for logs, not for people

private:
    void onUserPush(const pb::UserChangedNotify &notify);
    void onSyncPush(const pb::SyncNotify &notify);
    void sync();
    // Pages through one data set from `cursor`; onPage(response, full, first) applies or collects a page and
    // returns its row count, onDone(cursor) runs after the last page.
    template <class Rpc, class OnPage, class OnDone>
    void pull(pb::DataSet dataSet, quint64 cursor, bool full, OnPage onPage, OnDone onDone);
    void done();

    ServerConnection &m_connection;
    DepartmentTreeModel &m_model;
    LocalCache *m_cache = nullptr;
    bool m_cacheLoaded = false;
    bool m_cacheLoading = false;
    bool m_startAfterLoad = false;
    quint64 m_departmentsCursor = 0;
    quint64 m_usersCursor = 0;
    bool m_syncing = false;
    bool m_pullAgain = false; // a push arrived mid-sync with news the running pull may have missed
    quint64 m_rows = 0;
    // A full sync collects everything before handing the model one complete directory.
    std::vector<pb::Department> m_fullDepartments;
    std::vector<PersonRecord> m_fullPeople; // packed as each page arrives: the pages themselves are freed
};

} // namespace confab::client
