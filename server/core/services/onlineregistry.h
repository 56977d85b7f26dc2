// Who is online, on which connections: the one place pushes look up their receivers.
#pragma once

#include "net/connection.h"

#include <QHash>
#include <QList>
#include <QPointer>

namespace confab::server {

class OnlineRegistry
{
public:
    void add(Connection *connection);
    void remove(Connection *connection);

    QList<Connection *> connectionsOf(quint64 userId) const;
    QList<Connection *> all() const;
    bool isOnline(quint64 userId) const { return m_byUser.contains(userId); }
    int userCount() const { return int(m_byUser.size()); }

    // Sends to every device of the user, but `except`.
    void sendToUser(quint64 userId, protocol::CommandId command, const google::protobuf::Message &body,
                    const Connection *except = nullptr) const;
    // The same, with a frame encoded once for many receivers.
    void sendEncodedToUser(quint64 userId, const QByteArray &frame, const Connection *except = nullptr) const;
    void sendToAll(protocol::CommandId command, const google::protobuf::Message &body) const;

private:
    QHash<quint64, QList<QPointer<Connection>>> m_byUser;
};

} // namespace confab::server
