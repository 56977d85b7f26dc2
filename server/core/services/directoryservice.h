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

    // Tells everyone online that a user's profile changed (after a commit made in this process).
    void publishUserChange(const pb::User &user, Cursor cursor);

private:
    template <class Rpc>
    void changeOwnProfile(Connection &connection, Reply<Rpc> reply, std::function<void(pb::User &)> change);

    ServerContext &m_context;
};

} // namespace confab::server
