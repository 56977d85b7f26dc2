// Presence is live only (sync.md): after every sign-in, and whenever the set of people on screen changes, the
// tracker tells the server whom this device shows (the watch set, so their changes are pushed) and fetches their
// presence now, in batches of the server's size. Results land in the directory model, where every list reads it.
#pragma once

#include "net/serverconnection.h"

#include <QObject>
#include <QSet>

#include <vector>

namespace confab::client {

class DepartmentTreeModel;

class PresenceTracker : public QObject
{
    Q_OBJECT

public:
    static constexpr int kBatch = 500; // the server's cap per request

    PresenceTracker(ServerConnection &connection, DepartmentTreeModel &directory, QObject *parent = nullptr);

    // The people shown now; the first kBatch are watched (buddies are watched by the server anyway).
    void setShown(const std::vector<quint64> &userIds);
    // After a sign-in: everything known is stale.
    void refresh();

signals:
    void fetched(int people);

private:
    ServerConnection &m_connection;
    DepartmentTreeModel &m_directory;
    std::vector<quint64> m_shown;
};

} // namespace confab::client
