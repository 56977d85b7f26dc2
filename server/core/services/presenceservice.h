// Presence is live state; only the person's choice (away, busy, invisible) is stored, so that it outlives
// reconnects and restarts. Changes go to the people who have the user in their buddy list or who
// watch them (an open conversation, a visible part of the tree), and to the user's own devices; never to the
// whole company. Invisible users appear offline to everyone but themselves.
#pragma once

#include "rpc/dispatcher.h"
#include "services/servercontext.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace confab::server {

class PresenceService : public QObject
{
    Q_OBJECT

public:
    explicit PresenceService(ServerContext &context, QObject *parent = nullptr);

    // What `viewer` sees of `userId`.
    pb::Presence presenceAsSeenBy(quint64 userId, quint64 viewer) const;

    // The user's device is online; `chosen` is the stored choice, read with the sign-in.
    void onUserOnline(quint64 userId, pb::Presence chosen);
    void onUserDeviceGone(quint64 userId, bool lastDevice);
    void onConnectionClosed(Connection *connection);

private:
    void set(quint64 userId, pb::Presence presence);
    void publish(quint64 userId, pb::Presence visible);

    ServerContext &m_context;
    QHash<quint64, pb::Presence> m_chosen;          // online users' chosen presence
    QHash<quint64, QSet<Connection *>> m_watchers;  // user id -> connections watching it
    QHash<Connection *, QList<quint64>> m_watching; // the reverse, to clean up
};

} // namespace confab::server
