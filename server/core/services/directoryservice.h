// The organisation directory: department and user sync, profiles by id, and a user's own sign line and avatar.
#pragma once

#include "rpc/dispatcher.h"
#include "services/servercontext.h"

#include <QObject>

namespace confab::server {

class DirectoryService : public QObject
{
    Q_OBJECT

public:
    explicit DirectoryService(ServerContext &context, QObject *parent = nullptr);

    // A committed profile change; `previous` is the users cursor just before it, read in the same transaction.
    struct ProfileChange
    {
        pb::User user;
        Cursor previous;
        Cursor cursor;
    };
    // Tells everyone online that a user's profile changed.
    void publishUserChange(const ProfileChange &change);

private:
    template <class Rpc>
    void changeOwnProfile(Connection &connection, Reply<Rpc> reply, std::function<void(pb::User &)> change);

    ServerContext &m_context;
};

} // namespace confab::server
