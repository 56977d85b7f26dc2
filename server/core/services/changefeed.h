// Knows the latest cursor of each organisation-wide data set and pushes SyncNotify (with the previous cursor, so
// a client notices a gap) whenever one moves, whether this process wrote the change or another one did (admin
// commands run against the store while the server runs: they are noticed by polling the store's change counter).
#pragma once

#include "services/servercontext.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace confab::server {

class ChangeFeed : public QObject
{
    Q_OBJECT

public:
    explicit ChangeFeed(StorageThread &store, OnlineRegistry &online, QObject *parent = nullptr);

    // Reads the current cursors (blocking; at start-up) and starts watching for other processes' writes.
    void start(int pollIntervalMs);

    // A change this process committed at `cursor`; returns the cursor it follows (for the push's prev_cursor)
    // and notes the new one. Call it on the socket thread, after the commit.
    Cursor advance(pb::DataSet dataSet, Cursor cursor);

    // Tells every online client that a data set moved.
    void pushSyncNotify(pb::DataSet dataSet, Cursor cursor, Cursor previous);

private:
    void poll();

    StorageThread &m_store;
    OnlineRegistry &m_online;
    QTimer m_pollTimer;
    qint64 m_lastCounter = -1;
    bool m_polling = false;
    QHash<int, Cursor> m_latest;
};

} // namespace confab::server
