// Watches the store's log of ended sessions (a new password, a disabled account) and says whose online devices
// must go. The admin commands write it from another process, so it is polled, like the ChangeFeed's cursors.
#pragma once

#include "store/store.h"

#include <QObject>
#include <QTimer>

namespace confab::server {

class StorageThread;

class SessionEndWatch : public QObject
{
    Q_OBJECT

public:
    explicit SessionEndWatch(StorageThread &store, QObject *parent = nullptr);

    // Starts after what is logged already (blocking; at start-up, when nobody is online yet).
    void start(int pollIntervalMs);

signals:
    void sessionsEnded(quint64 userId, pb::KickReason reason);

private:
    void poll();

    StorageThread &m_store;
    QTimer m_pollTimer;
    qint64 m_seen = 0;
    bool m_polling = false;
};

} // namespace confab::server
