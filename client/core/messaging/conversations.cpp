#include "messaging/conversations.h"

#include "net/serverconnection.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcConversations, "confab.client.messages")

namespace confab::client {

using namespace protocol;

namespace {
constexpr int kPageSize = 50;
constexpr int kCatchUpPage = 200; // the server's cap on a history page
constexpr int kReceiptMessages = 10;

// Whether `messages` (oldest first) run without a hole right up to `beforeId`.
bool reachesUpTo(const std::vector<pb::Message> &messages, quint64 beforeId)
{
    if (messages.empty() || (beforeId != 0 && messages.back().id() + 1 != beforeId))
        return false;
    for (size_t i = 1; i < messages.size(); ++i) {
        if (messages[i].id() != messages[i - 1].id() + 1)
            return false;
    }
    return true;
}
} // namespace

Conversations::Conversations(ServerConnection &connection, LocalCache *cache, Outbox &outbox, const DisplayNames &names,
                             QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_cache(cache)
    , m_outbox(outbox)
    , m_names(names)
{
    connection.pushes().on<oneway::MessageNotify>(this, [this](const auto &n) { onMessagePush(n); });
    connection.pushes().on<oneway::ReadNotify>(this, [this](const auto &n) { onReadPush(n); });
    connection.pushes().on<oneway::P2P>(this, [this](const pb::P2PCommand &command) {
        if (command.from_user_id() != m_selfId)
            emit peerTyping(ConversationId::single(command.from_user_id()), command.kind() == pb::P2P_KIND_TYPING);
    });
    connect(&outbox, &Outbox::sent, this, &Conversations::onSent);
    connect(&outbox, &Outbox::failed, this, &Conversations::onFailed);
    connect(&outbox, &Outbox::restored, this, [this] {
        // Whatever an earlier run left is sent now, whether or not its conversation is open.
        for (const pb::SendMessageRequest &r : m_outbox.pending())
            m_sending.insert(QString::fromStdString(r.client_msg_id()), r);
        for (MessageListModel *model : std::as_const(m_models))
            showPending(*model);
    });
}

Conversations::~Conversations() = default;

void Conversations::setSelfId(quint64 id)
{
    m_selfId = id;
    for (MessageListModel *model : std::as_const(m_models))
        model->setSelfId(id);
}

void Conversations::setOnline(bool online)
{
    m_online = online;
    if (!online)
        return;
    for (auto it = m_models.cbegin(); it != m_models.cend(); ++it)
        catchUp(it.key());
}

MessageListModel *Conversations::model(ConversationId conversation) const
{
    return m_models.value(conversation);
}

MessageListModel *Conversations::open(ConversationId conversation)
{
    if (MessageListModel *known = m_models.value(conversation))
        return known;
    auto *model = new MessageListModel(conversation, m_selfId, m_names, this);
    m_models.insert(conversation, model);
    connect(model, &MessageListModel::olderWanted, this,
            [this, conversation](quint64 beforeId) { loadOlder(conversation, beforeId); });
    showPending(*model);
    if (!m_cache) {
        catchUp(conversation);
        return model;
    }
    model->setLoadingOlder(true); // the cache answers first
    m_cache->read<std::vector<pb::Message>>(
        model, [conversation](CacheDatabase &db) { return db.loadMessages(conversation, 0, kPageSize); },
        [this, model, conversation](std::vector<pb::Message> cached) {
            model->addMessages(cached);
            model->setLoadingOlder(false);
            catchUp(conversation);
        });
    return model;
}

void Conversations::close(ConversationId conversation)
{
    if (MessageListModel *model = m_models.take(conversation))
        model->deleteLater();
    m_catchingUp.remove(conversation);
}

void Conversations::showPending(MessageListModel &model)
{
    for (const pb::SendMessageRequest &r : m_outbox.pending()) {
        if (ConversationId::of(r.to()) != model.conversation())
            continue;
        const QString clientMsgId = QString::fromStdString(r.client_msg_id());
        m_sending.insert(clientMsgId, r);
        model.addPending(clientMsgId, QString::fromStdString(r.text()), QDateTime::currentMSecsSinceEpoch());
    }
}

void Conversations::catchUp(ConversationId conversation)
{
    MessageListModel *model = m_models.value(conversation);
    if (!model || !m_online || m_catchingUp.contains(conversation))
        return;
    m_catchingUp.insert(conversation);
    // With nothing shown, the newest page; otherwise everything after the newest shown, page by page.
    fetchHistory(conversation, model->newestId(), model->newestId() != 0);
    if (conversation.isGroup())
        requestReceipts(conversation, model->recentOwnIds(kReceiptMessages));
}

void Conversations::fetchHistory(ConversationId conversation, quint64 fromId, bool forward)
{
    pb::HistoryRequest request;
    *request.mutable_conversation() = conversation.toProto();
    request.set_from_id(fromId);
    request.set_limit(forward ? kCatchUpPage : kPageSize);
    request.set_direction(forward ? pb::HISTORY_FORWARD : pb::HISTORY_BACKWARD);
    m_connection.call<rpc::History>(request, this, [this, conversation, forward](RpcResult<pb::HistoryResponse> r) {
        MessageListModel *model = m_models.value(conversation);
        if (!r.ok()) {
            qCInfo(lcConversations) << "history of" << conversation.toString() << "failed:" << r.message;
            m_catchingUp.remove(conversation);
            if (model)
                model->setLoadingOlder(false);
            return;
        }
        std::vector<pb::Message> messages(r.value.messages().begin(), r.value.messages().end());
        store(messages);
        if (!model)
            return;
        model->addMessages(messages);
        if (forward && r.value.has_more() && !messages.empty()) {
            fetchHistory(conversation, messages.back().id(), true);
            return;
        }
        if (forward) {
            m_catchingUp.remove(conversation);
        } else {
            model->setHasOlder(r.value.has_more());
            model->setLoadingOlder(false);
            if (m_catchingUp.remove(conversation) && conversation.isGroup())
                requestReceipts(conversation, model->recentOwnIds(kReceiptMessages));
        }
    });
}

void Conversations::loadOlder(ConversationId conversation, quint64 beforeId)
{
    MessageListModel *model = m_models.value(conversation);
    if (!model)
        return;
    const auto fromServer = [this, conversation, beforeId] {
        MessageListModel *m = m_models.value(conversation);
        if (!m)
            return;
        if (!m_online) {
            m->setLoadingOlder(false); // scrolling up again once online asks again
            return;
        }
        fetchHistory(conversation, beforeId, false);
    };
    if (!m_cache) {
        fromServer();
        return;
    }
    m_cache->read<std::vector<pb::Message>>(
        model,
        [conversation, beforeId](CacheDatabase &db) { return db.loadMessages(conversation, beforeId, kPageSize); },
        [model, beforeId, fromServer](std::vector<pb::Message> cached) {
            if (!reachesUpTo(cached, beforeId)) {
                fromServer(); // the cache has a hole here (or nothing): the server fills it
                return;
            }
            model->addMessages(cached);
            model->setLoadingOlder(false);
        });
}

void Conversations::store(std::vector<pb::Message> messages)
{
    if (m_cache && !messages.empty())
        m_cache->write([messages = std::move(messages)](CacheDatabase &db) { db.putMessages(messages); });
}

void Conversations::onMessagePush(const pb::MessageNotify &notify)
{
    const pb::Message &message = notify.message();
    const ConversationId conversation = ConversationId::of(message.conversation());
    store({message});
    if (MessageListModel *model = m_models.value(conversation)) {
        const quint64 newest = model->newestId();
        model->addMessages({message});
        if (newest != 0 && message.id() > newest + 1 && m_online) {
            qCInfo(lcConversations) << "hole in" << conversation.toString() << "after" << newest << "pulling";
            fetchHistory(conversation, newest, true);
        }
    }
    if (message.sender_id() != m_selfId)
        emit messageReceived(message);
}

void Conversations::onReadPush(const pb::ReadNotify &notify)
{
    if (notify.reader_id() == m_selfId)
        return;
    const ConversationId conversation = ConversationId::of(notify.conversation());
    MessageListModel *model = m_models.value(conversation);
    if (!model)
        return;
    if (!conversation.isGroup()) {
        model->setPeerReadCursor(notify.read_cursor());
        return;
    }
    std::vector<quint64> affected;
    for (quint64 id : model->recentOwnIds(kReceiptMessages)) {
        if (id <= notify.read_cursor())
            affected.push_back(id);
    }
    requestReceipts(conversation, affected);
}

void Conversations::requestReceipts(ConversationId conversation, const std::vector<quint64> &messageIds)
{
    if (!m_online || !conversation.isGroup())
        return;
    for (quint64 id : messageIds) {
        pb::ReceiptsRequest request;
        *request.mutable_conversation() = conversation.toProto();
        request.set_message_id(id);
        m_connection.call<rpc::Receipts>(request, this, [this, conversation](RpcResult<pb::ReceiptsResponse> r) {
            if (MessageListModel *model = m_models.value(conversation); model && r.ok())
                model->setReadBy(r.value.message_id(), {r.value.readers().begin(), r.value.readers().end()});
        });
    }
}

QString Conversations::send(ConversationId conversation, const QString &text, quint64 replyTo,
                            const QList<quint64> &mentions)
{
    const QString clientMsgId = m_outbox.sendText(conversation.toProto(), text, replyTo, mentions);
    const std::string key = clientMsgId.toStdString();
    for (const pb::SendMessageRequest &r : m_outbox.pending()) {
        if (r.client_msg_id() == key)
            m_sending.insert(clientMsgId, r);
    }
    if (MessageListModel *model = m_models.value(conversation))
        model->addPending(clientMsgId, text, QDateTime::currentMSecsSinceEpoch());
    return clientMsgId;
}

void Conversations::retry(ConversationId conversation, const QString &clientMsgId)
{
    const auto it = m_sending.find(clientMsgId);
    if (it == m_sending.end())
        return;
    const pb::SendMessageRequest failed = *it;
    m_sending.erase(it);
    if (MessageListModel *model = m_models.value(conversation))
        model->removePending(clientMsgId);
    send(conversation, QString::fromStdString(failed.text()), failed.reply_to(),
         QList<quint64>(failed.mentions().begin(), failed.mentions().end()));
}

void Conversations::onSent(const QString &clientMsgId, quint64 id, qint64 sentMs)
{
    const auto it = m_sending.find(clientMsgId);
    if (it == m_sending.end())
        return;
    const pb::SendMessageRequest request = *it;
    m_sending.erase(it);
    pb::Message message;
    *message.mutable_conversation() = request.to();
    message.set_id(id);
    message.set_sender_id(m_selfId);
    message.set_sent_ms(sentMs);
    message.set_kind(request.kind());
    message.set_text(request.text());
    message.mutable_mentions()->CopyFrom(request.mentions());
    message.set_reply_to(request.reply_to());
    message.set_client_msg_id(request.client_msg_id());
    store({message});
    const ConversationId conversation = ConversationId::of(request.to());
    if (MessageListModel *model = m_models.value(conversation)) {
        const quint64 newest = model->newestId();
        model->markSent(clientMsgId, id, sentMs);
        if (newest != 0 && id > newest + 1 && m_online)
            fetchHistory(conversation, newest, true); // others wrote in between and we missed it
        requestReceipts(conversation, {id});          // "read by 0" at once, and the reads that follow are pushed
    }
    emit messageSent(message);
}

void Conversations::onFailed(const QString &clientMsgId, int errorCode, const QString &message)
{
    const auto it = m_sending.constFind(clientMsgId);
    if (it == m_sending.cend())
        return;
    if (MessageListModel *model = m_models.value(ConversationId::of(it->to())))
        model->markFailed(clientMsgId, errorCode, message);
}

void Conversations::setTyping(ConversationId conversation, bool typing)
{
    if (conversation.isGroup() || !m_online)
        return;
    pb::P2PCommand command;
    command.set_to_user_id(conversation.peer);
    command.set_kind(typing ? pb::P2P_KIND_TYPING : pb::P2P_KIND_STOPPED_TYPING);
    m_connection.send(oneway::P2P::id, command);
}

} // namespace confab::client
