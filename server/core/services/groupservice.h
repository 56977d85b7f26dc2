// Groups: create, rename and announce, invite and remove, leave, dissolve, mute for oneself; the group list by
// cursor, details by version, members by version plus the events between versions; members hear every change.
#pragma once

#include "rpc/dispatcher.h"
#include "services/servercontext.h"

#include <QObject>

namespace confab::server {

class SessionService;

class GroupService : public QObject
{
    Q_OBJECT

public:
    GroupService(ServerContext &context, SessionService &sessions, QObject *parent = nullptr);

signals:
    // These people are no longer in the group (removed, left, or it was dissolved): nothing more of it reaches
    // them, such as the read receipts they once asked to watch.
    void membersGone(quint64 groupId, const QList<quint64> &userIds);

private:
    void create(Connection &connection, pb::CreateGroupRequest &&request, Reply<protocol::rpc::CreateGroup> reply);
    void info(Connection &connection, pb::GroupInfoRequest &&request, Reply<protocol::rpc::GroupInfo> reply);
    void changeMembers(Connection &connection, pb::ChangeMembersRequest &&request,
                       Reply<protocol::rpc::ChangeMembers> reply);
    void update(Connection &connection, pb::UpdateGroupRequest &&request, Reply<protocol::rpc::UpdateGroup> reply);
    void dissolve(Connection &connection, pb::DissolveGroupRequest &&request,
                  Reply<protocol::rpc::DissolveGroup> reply);
    void mute(Connection &connection, pb::MuteGroupRequest &&request, Reply<protocol::rpc::MuteGroup> reply);
    void members(Connection &connection, pb::GroupMembersRequest &&request, Reply<protocol::rpc::GroupMembers> reply);

    void sendToUsers(const std::vector<quint64> &users, protocol::CommandId command,
                     const google::protobuf::Message &body, const Connection *except = nullptr) const;

    ServerContext &m_context;
    SessionService &m_sessions;
};

} // namespace confab::server
