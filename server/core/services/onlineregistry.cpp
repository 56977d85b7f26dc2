#include "services/onlineregistry.h"

namespace confab::server {

void OnlineRegistry::add(Connection *connection)
{
    m_byUser[connection->userId()].append(connection);
}

void OnlineRegistry::remove(Connection *connection)
{
    const auto it = m_byUser.find(connection->userId());
    if (it == m_byUser.end())
        return;
    it->removeIf([connection](const QPointer<Connection> &c) { return !c || c == connection; });
    if (it->isEmpty())
        m_byUser.erase(it);
}

QList<Connection *> OnlineRegistry::connectionsOf(quint64 userId) const
{
    QList<Connection *> open;
    for (const QPointer<Connection> &c : m_byUser.value(userId)) {
        if (c && c->isOpen())
            open.append(c);
    }
    return open;
}

QList<Connection *> OnlineRegistry::all() const
{
    QList<Connection *> open;
    for (const auto &list : m_byUser) {
        for (const QPointer<Connection> &c : list) {
            if (c && c->isOpen())
                open.append(c);
        }
    }
    return open;
}

void OnlineRegistry::sendToUser(quint64 userId, protocol::CommandId command, const google::protobuf::Message &body,
                                const Connection *except) const
{
    for (Connection *c : connectionsOf(userId)) {
        if (c != except)
            c->send(command, 0, body);
    }
}

void OnlineRegistry::sendEncodedToUser(quint64 userId, const QByteArray &frame, const Connection *except) const
{
    const auto it = m_byUser.constFind(userId);
    if (it == m_byUser.constEnd())
        return;
    for (const QPointer<Connection> &c : *it) {
        if (c && c != except && c->isOpen())
            c->sendEncoded(frame);
    }
}

void OnlineRegistry::sendToAll(protocol::CommandId command, const google::protobuf::Message &body) const
{
    // Encode once, not once per receiver.
    const QByteArray frame = protocol::encodeFrame(command, 0, body);
    for (Connection *c : all())
        c->sendEncoded(frame);
}

} // namespace confab::server
