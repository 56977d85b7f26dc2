// The messages of the conversations the user has open: each one a MessageListModel, filled from the cache at once
// and from the server when online (the newest page, then older pages as the user scrolls up, from the cache while
// it holds them without holes). Pushed messages are stored and shown as they come; one whose id leaves a hole after
// the newest shown pulls the missing ones. Writing goes through the Outbox, so a message shows as sending, then
// sent (or failed, with the reason), and survives restarts. Read receipts and typing notices end up here too.
#pragma once

#include "cache/localcache.h"
#include "messaging/outbox.h"
#include "model/messagelistmodel.h"
#include "protocol/frame.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace confab::client {

class DisplayNames;

class Conversations : public QObject
{
    Q_OBJECT

public:
    Conversations(ServerConnection &connection, LocalCache *cache, Outbox &outbox, const DisplayNames &names,
                  QObject *parent = nullptr);
    ~Conversations() override;

    void setSelfId(quint64 id);
    // Online: the server can be asked. Going online catches every open conversation up.
    void setOnline(bool online);

    // The conversation's model, created and filled on first use; it stays until close().
    MessageListModel *open(ConversationId conversation);
    void close(ConversationId conversation);
    MessageListModel *model(ConversationId conversation) const;

    // Writes a text message; its row shows at once as sending. Returns the client message id.
    QString send(ConversationId conversation, const QString &text, quint64 replyTo = 0,
                 const QList<quint64> &mentions = {});
    // Writes a failed message again, as a new message, and drops the failed row.
    void retry(ConversationId conversation, const QString &clientMsgId);
    // One-to-one only: tell the other person we are typing (true) or stopped (false).
    void setTyping(ConversationId conversation, bool typing);

signals:
    // A message from someone else arrived (for notifications; the session list counts it by itself).
    void messageReceived(const pb::Message &message);
    // An own message written on this device was stored (its id and time are the server's).
    void messageSent(const pb::Message &message);
    void peerTyping(confab::client::ConversationId conversation, bool typing);

private:
    void onMessagePush(const pb::MessageNotify &notify);
    void onReadPush(const pb::ReadNotify &notify);
    void onSent(const QString &clientMsgId, quint64 id, qint64 sentMs);
    void onFailed(const QString &clientMsgId, int errorCode, const QString &message);
    void showPending(MessageListModel &model);
    void loadOlder(ConversationId conversation, quint64 beforeId);
    void fetchHistory(ConversationId conversation, quint64 fromId, bool forward);
    void catchUp(ConversationId conversation);
    void store(std::vector<pb::Message> messages);
    void requestReceipts(ConversationId conversation, const std::vector<quint64> &messageIds);

    ServerConnection &m_connection;
    LocalCache *m_cache;
    Outbox &m_outbox;
    const DisplayNames &m_names;
    quint64 m_selfId = 0;
    bool m_online = false;
    QHash<ConversationId, MessageListModel *> m_models; // owned (children of this)
    QHash<QString, pb::SendMessageRequest> m_sending;   // written on this device, until the server answers
    QSet<ConversationId> m_catchingUp;
};

} // namespace confab::client
