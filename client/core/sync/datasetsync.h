// What every per-user cursor data set (buddies, groups, sessions) does the same way: it fills its model from the
// cache first, pulls after every sign-in from the cursor it holds (a push never replaces the pull), coalesces pulls
// asked for while one runs, and reports progress. Subclasses say how a page and a push apply.
#pragma once

#include "cache/localcache.h"
#include "net/serverconnection.h"

#include <QObject>

namespace confab::client {

class DataSetSync : public QObject
{
    Q_OBJECT

public:
    // Pulls from the held cursor; a pull asked for while one runs happens once more after it.
    void start();
    bool isSyncing() const { return m_syncing; }
    quint64 cursor() const { return m_cursor; }
    pb::DataSet dataSet() const { return m_dataSet; }

signals:
    void progress(pb::DataSet dataSet, quint64 rows, quint64 expected);
    void finished();
    void failed(const QString &reason);

protected:
    DataSetSync(ServerConnection &connection, LocalCache *cache, pb::DataSet dataSet, QObject *parent);

    // Runs one pull from `cursor`; it ends with pullDone(newCursor) or pullFailed(reason).
    virtual void pull(quint64 cursor) = 0;
    void pullDone(quint64 cursor);
    void pullFailed(const QString &reason);
    // After a page: its rows for the progress bar and, when known, how many the whole data set holds.
    void pageApplied(int rows, quint64 expected);
    // The cursor the cache came with (or a page brought). It only counts with the rows it covers.
    void setCursor(quint64 cursor) { m_cursor = cursor; }

    ServerConnection &m_connection;
    LocalCache *m_cache;

private:
    pb::DataSet m_dataSet;
    quint64 m_cursor = 0;
    quint64 m_rows = 0;
    bool m_syncing = false;
    bool m_pullAgain = false;
};

} // namespace confab::client
