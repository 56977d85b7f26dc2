// The buddies data set: the user's own contact list, pulled by cursor, kept current by pushes from the user's
// other devices (applied when their prev_cursor is the cursor held, pulled otherwise), and changed by add/remove.
#pragma once

#include "model/buddylistmodel.h"
#include "sync/datasetsync.h"

namespace confab::client {

class BuddySync : public DataSetSync
{
    Q_OBJECT

public:
    BuddySync(ServerConnection &connection, LocalCache *cache, BuddyListModel &model, QObject *parent = nullptr);

    void applyCached(const std::vector<pb::Buddy> &buddies, quint64 cursor);
    void add(quint64 userId);
    void remove(quint64 userId);

signals:
    void actionFailed(pb::ErrorCode error, const QString &message);

protected:
    void pull(quint64 cursor) override;

private:
    void onBuddyPush(const pb::BuddyChangedNotify &notify);

    BuddyListModel &m_model;
    std::vector<pb::Buddy> m_fullSync;
};

} // namespace confab::client
