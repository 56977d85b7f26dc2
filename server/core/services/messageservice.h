// One-to-one and group messages: exactly-once sends acknowledged only once durable, delivery to every online
// device, history, holes filled by id, read cursors with derived unread counts, group read receipts, typing notices.
#pragma once

#include "rpc/dispatcher.h"
#include "services/servercontext.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace confab::server {

class MessageService : public QObject
{
    Q_OBJECT

public:
    explicit MessageService(ServerContext &context, QObject *parent = nullptr);

    // Pushes a stored message to every online device of `recipients` and to the sender's devices but `origin`.
    void deliver(const pb::Message &senderView, const std::vector<quint64> &recipients, const Connection *origin);
    // People who left a group stop hearing its read receipts (GroupService::membersGone).
    void forgetReceiptWatchers(quint64 groupId, const QList<quint64> &userIds);

private:
    void send(Connection &connection, pb::SendMessageRequest &&request, Reply<protocol::rpc::SendMessage> reply);
    void readAck(Connection &connection, pb::ReadAckRequest &&request, Reply<protocol::rpc::ReadAck> reply);
    void history(Connection &connection, pb::HistoryRequest &&request, Reply<protocol::rpc::History> reply);
    void byId(Connection &connection, pb::MessagesByIdRequest &&request, Reply<protocol::rpc::MessagesById> reply);
    void latest(Connection &connection, pb::LatestIdRequest &&request, Reply<protocol::rpc::LatestId> reply);
    void unread(Connection &connection, Reply<protocol::rpc::UnreadCount> reply);
    void receipts(Connection &connection, pb::ReceiptsRequest &&request, Reply<protocol::rpc::Receipts> reply);
    void relayTyping(Connection &connection, pb::P2PCommand &&command);

    ServerContext &m_context;
    // Connections that asked for a group's receipts hear when its members read on (ReadNotify).
    QHash<quint64, QList<QPointer<Connection>>> m_receiptWatchers;
};

} // namespace confab::server
