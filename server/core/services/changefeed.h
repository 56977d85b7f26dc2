// Knows the latest cursor of each organisation-wide data set and pushes SyncNotify (with the previous cursor, so
// a client notices a gap) whenever one moves without a service having announced it: admin commands run in another
// process, or writes straight to the store. It polls the data sets' last cursors, which moves for every writer.
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

    // A change a service has already announced with its own push; the poll will not announce it again.
    void noteAnnounced(pb::DataSet dataSet, Cursor cursor);

    // Tells every online client that a data set moved.
    void pushSyncNotify(pb::DataSet dataSet, Cursor cursor, Cursor previous);

signals:
    // A data set moved without a service announcing it (after the SyncNotify went out).
    void unannouncedChange(pb::DataSet dataSet, confab::protocol::Cursor previous, confab::protocol::Cursor now);

private:
    void poll();

    StorageThread &m_store;
    OnlineRegistry &m_online;
    QTimer m_pollTimer;
    bool m_polling = false;
    QHash<int, Cursor> m_latest;
};

} // namespace confab::server
