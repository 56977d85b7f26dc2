// Login (password or resume token), logout, kicking older logins of the same device category, and telling a
// user's devices about each other.
#pragma once

#include "net/logbudget.h"
#include "protocol/devicecategory.h"
#include "rpc/dispatcher.h"
#include "services/loginthrottle.h"
#include "services/servercontext.h"

#include <QObject>

namespace confab::server {

class AuthService : public QObject
{
    Q_OBJECT

public:
    explicit AuthService(ServerContext &context, QObject *parent = nullptr);

    // Client categories: a new login replaces an older one of the same category only.
    static protocol::DeviceCategory categoryOf(pb::ClientType type) { return protocol::deviceCategoryOf(type); }

    void onConnectionClosed(Connection *connection);

    // Disconnects every device of a user with a reason (an admin disabled the account).
    void kickUser(quint64 userId, pb::KickReason reason, const QString &detail);

signals:
    void userOnline(quint64 userId, pb::Presence chosenPresence); // the person's stored choice
    void userDeviceGone(quint64 userId, bool lastDevice);

private:
    void login(Connection &connection, pb::LoginRequest &&request, Reply<protocol::rpc::Login> reply);
    void logout(Connection &connection, pb::LogoutRequest &&request, Reply<protocol::rpc::Logout> reply);
    void signOutDevice(Connection &connection, pb::SignOutDeviceRequest &&request,
                       Reply<protocol::rpc::SignOutDevice> reply);
    void passwordChecked(const QString &loginName, const QString &address, pb::LoginRequest request,
                         pb::ErrorCode outcome, quint64 userId, Reply<protocol::rpc::Login> reply);
    void completeLogin(quint64 userId, const pb::LoginRequest &request, const QByteArray &existingToken,
                       Reply<protocol::rpc::Login> reply);
    // Ends a login that began in the throttle (`hashed`: it was a password check) with an error.
    void fail(const QString &loginName, const QString &address, bool hashed, pb::ErrorCode code,
              const Reply<protocol::rpc::Login> &reply);

    ServerContext &m_context;
    LoginThrottle m_throttle;
    LogBudget m_log;
};

} // namespace confab::server
