// Each user's recent sessions: sync by cursor, remove, pin and mute, and telling the user's other devices.
#pragma once

#include "rpc/dispatcher.h"
#include "services/servercontext.h"

#include <QObject>

namespace confab::server {

class SessionService : public QObject
{
    Q_OBJECT

public:
    explicit SessionService(ServerContext &context, QObject *parent = nullptr);

    // Tells every device of `userId` but `except` how the session now stands (or that it went).
    void announce(quint64 userId, const pb::Conversation &conversation, const std::optional<pb::Session> &session,
                  const Connection *except);

private:
    void remove(Connection &connection, pb::RemoveSessionRequest &&request, Reply<protocol::rpc::RemoveSession> reply);
    void update(Connection &connection, pb::UpdateSessionRequest &&request, Reply<protocol::rpc::UpdateSession> reply);

    ServerContext &m_context;
};

} // namespace confab::server
