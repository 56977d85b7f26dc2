#include "services/messageservice.h"

#include "services/conversationaccess.h"
#include "services/onlineregistry.h"
#include "services/responsebudget.h"

Q_LOGGING_CATEGORY(lcServices, "confab.server.services")

namespace confab::server {

using namespace protocol;

namespace {

// Blank by Unicode's idea of white space, not ASCII's: a message of ideographic spaces (U+3000) or no-break
// spaces shows as nothing in every client.
bool isBlank(const std::string &text)
{
    const QString decoded = QString::fromUtf8(text);
    return std::all_of(decoded.begin(), decoded.end(), [](QChar c) { return c.isSpace(); });
}

void keepFirstOfEach(google::protobuf::RepeatedField<google::protobuf::uint64> &ids)
{
    auto kept = ids.begin();
    for (auto it = ids.begin(); it != ids.end(); ++it) {
        if (std::find(ids.begin(), kept, *it) == kept)
            *kept++ = *it;
    }
    ids.Truncate(int(kept - ids.begin()));
}

} // namespace

MessageService::MessageService(ServerContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    auto &d = context.dispatcher;
    d.handle<rpc::SendMessage>([this](Connection &c, pb::SendMessageRequest &&r, Reply<rpc::SendMessage> reply) {
        send(c, std::move(r), reply);
    });
    d.handle<rpc::ReadAck>(
        [this](Connection &c, pb::ReadAckRequest &&r, Reply<rpc::ReadAck> reply) { readAck(c, std::move(r), reply); });
    d.handle<rpc::History>(
        [this](Connection &c, pb::HistoryRequest &&r, Reply<rpc::History> reply) { history(c, std::move(r), reply); });
    d.handle<rpc::MessagesById>([this](Connection &c, pb::MessagesByIdRequest &&r, Reply<rpc::MessagesById> reply) {
        byId(c, std::move(r), reply);
    });
    d.handle<rpc::LatestId>(
        [this](Connection &c, pb::LatestIdRequest &&r, Reply<rpc::LatestId> reply) { latest(c, std::move(r), reply); });
    d.handle<rpc::UnreadCount>(
        [this](Connection &c, pb::UnreadCountRequest &&, Reply<rpc::UnreadCount> reply) { unread(c, reply); });
    d.handle<rpc::Receipts>([this](Connection &c, pb::ReceiptsRequest &&r, Reply<rpc::Receipts> reply) {
        receipts(c, std::move(r), reply);
    });
    d.handle<rpc::ServerTime>([this](Connection &, pb::ServerTimeRequest &&, Reply<rpc::ServerTime> reply) {
        pb::ServerTimeResponse response;
        response.set_server_time_ms(m_context.now());
        reply(response);
    });
    d.handleOneWay<oneway::P2P>(
        [this](Connection &c, pb::P2PCommand &&command) { relayTyping(c, std::move(command)); });
}

void MessageService::send(Connection &connection, pb::SendMessageRequest &&request, Reply<rpc::SendMessage> reply)
{
    // What can be judged from the request alone is judged here, without a trip to the storage thread.
    // Lengths and counts were checked against the schema before this handler ran.
    if (request.client_msg_id().empty()) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT, QStringLiteral("client_msg_id is required"));
        return;
    }
    // File messages wait for the file service: until a file can be uploaded, no file_id names one, and a message
    // that pointed at nothing would reach every member's cache.
    if (request.kind() != pb::MESSAGE_KIND_TEXT || request.file_id() != 0) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT, QStringLiteral("clients send text messages; files are not served yet"));
        return;
    }
    if (isBlank(request.text())) {
        reply.fail(pb::ERROR_EMPTY_MESSAGE, QStringLiteral("the message has no text"));
        return;
    }
    keepFirstOfEach(*request.mutable_mentions()); // a person mentioned twice is mentioned once
    struct Sent
    {
        pb::Message message; // as the sender sees it
        bool duplicate = false;
        std::vector<quint64> recipients;
    };
    const quint64 sender = connection.userId();
    const qint64 now = m_context.now();
    m_context.store.write(
        this,
        [sender, now, request = std::move(request)](Store &s) -> Outcome<Sent> {
            Sent sent;
            // A resend is answered with the original, whatever changed since (even if the recipient left).
            if (std::optional<pb::Message> original = s.messageByClientId(sender, request.client_msg_id())) {
                if (original->conversation().type() != request.to().type() ||
                    original->conversation().peer_id() != request.to().peer_id())
                    return Outcome<Sent>::refuse(pb::ERROR_CONVERSATION_MISMATCH,
                                                 QStringLiteral("client_msg_id already used in another conversation"));
                sent.message = std::move(*original);
                sent.duplicate = true;
                return Outcome<Sent>::of(std::move(sent));
            }
            const auto [code, why] = checkAccess(s, sender, request.to(), true);
            if (code != pb::ERROR_NONE)
                return Outcome<Sent>::refuse(code, why);
            const ConversationKey key = ConversationKey::seenBy(sender, request.to());
            if (request.reply_to() != 0 && request.reply_to() > s.latestMessageId(key))
                return Outcome<Sent>::refuse(
                    pb::ERROR_CONVERSATION_MISMATCH,
                    QStringLiteral("reply_to %1 is not in this conversation").arg(request.reply_to()));
            if (key.isGroup()) {
                sent.recipients = s.groupMemberIds(key.a);
                for (quint64 mentioned : request.mentions()) {
                    if (std::find(sent.recipients.begin(), sent.recipients.end(), mentioned) == sent.recipients.end())
                        return Outcome<Sent>::refuse(pb::ERROR_INVALID_ARGUMENT,
                                                     QStringLiteral("user %1 is not in the group").arg(mentioned));
                }
                std::erase(sent.recipients, sender);
            } else {
                sent.recipients = {request.to().peer_id()};
            }
            pb::Message &m = sent.message;
            m.set_sender_id(sender);
            m.set_kind(request.kind());
            m.set_text(request.text());
            if (key.isGroup())
                m.mutable_mentions()->CopyFrom(request.mentions());
            m.set_reply_to(request.reply_to());
            m.set_client_msg_id(request.client_msg_id());
            m.set_file_id(request.file_id());
            s.appendMessage(key, m, now);
            return Outcome<Sent>::of(std::move(sent));
        },
        [this, reply](StoreResult<Outcome<Sent>> result) {
            if (!succeeded(result, reply))
                return;
            const Sent &sent = result.value().value;
            pb::SendMessageResponse response;
            *response.mutable_to() = sent.message.conversation();
            response.set_id(sent.message.id());
            response.set_sent_ms(sent.message.sent_ms());
            response.set_client_msg_id(sent.message.client_msg_id());
            response.set_duplicate(sent.duplicate);
            reply(response);
            if (!sent.duplicate) // the first send already told everyone
                deliver(sent.message, sent.recipients, reply.connection());
        });
}

void MessageService::deliver(const pb::Message &senderView, const std::vector<quint64> &recipients,
                             const Connection *origin)
{
    const OnlineRegistry &online = m_context.online;
    pb::MessageNotify notify;
    *notify.mutable_message() = senderView;
    online.sendEncodedToUser(senderView.sender_id(), encodeFrame(oneway::MessageNotify::id, 0, notify), origin);

    // Everyone else sees the conversation from their side and not the sender's idempotency key. A group looks
    // the same to every member, so its frame is encoded once for all of them.
    notify.mutable_message()->clear_client_msg_id();
    QByteArray frame;
    for (quint64 recipient : recipients) {
        if (!online.isOnline(recipient))
            continue;
        if (senderView.conversation().type() == pb::SESSION_TYPE_SINGLE || frame.isEmpty()) {
            notify.mutable_message()->mutable_conversation()->set_peer_id(
                senderView.conversation().type() == pb::SESSION_TYPE_SINGLE ? senderView.sender_id()
                                                                            : senderView.conversation().peer_id());
            frame = encodeFrame(oneway::MessageNotify::id, 0, notify);
        }
        online.sendEncodedToUser(recipient, frame);
    }
}

void MessageService::readAck(Connection &connection, pb::ReadAckRequest &&request, Reply<rpc::ReadAck> reply)
{
    struct Read
    {
        quint64 before = 0;
        quint64 after = 0;
    };
    const quint64 reader = connection.userId();
    m_context.store.write(
        this,
        [reader, request](Store &s) -> Outcome<Read> {
            const auto [code, why] = checkAccess(s, reader, request.conversation(), false);
            if (code != pb::ERROR_NONE)
                return Outcome<Read>::refuse(code, why);
            const ConversationKey key = ConversationKey::seenBy(reader, request.conversation());
            if (request.up_to_id() > s.latestMessageId(key))
                return Outcome<Read>::refuse(
                    pb::ERROR_CONVERSATION_MISMATCH,
                    QStringLiteral("message %1 is not in this conversation").arg(request.up_to_id()));
            const std::optional<pb::Session> session = s.session(reader, key);
            Read read;
            read.before = session ? session->read_cursor() : 0;
            read.after = session ? s.markRead(reader, key, request.up_to_id()) : read.before;
            return Outcome<Read>::of(read);
        },
        [this, reader, request, reply](StoreResult<Outcome<Read>> result) {
            if (!succeeded(result, reply))
                return;
            const Read &read = result.value().value;
            pb::ReadAckResponse response;
            *response.mutable_conversation() = request.conversation();
            response.set_read_cursor(read.after);
            reply(response);
            if (read.after == read.before)
                return;
            pb::ReadNotify notify;
            *notify.mutable_conversation() = request.conversation();
            notify.set_reader_id(reader);
            notify.set_read_cursor(read.after);
            // The reader's other devices drop their badge.
            m_context.online.sendToUser(reader, oneway::ReadNotify::id, notify, reply.connection());
            if (request.conversation().type() == pb::SESSION_TYPE_SINGLE) {
                // The other person sees their messages read.
                notify.mutable_conversation()->set_peer_id(reader);
                m_context.online.sendToUser(request.conversation().peer_id(), oneway::ReadNotify::id, notify);
                return;
            }
            auto watchers = m_receiptWatchers.find(request.conversation().peer_id());
            if (watchers == m_receiptWatchers.end())
                return;
            watchers->removeIf([](const QPointer<Connection> &c) { return !c || !c->isOpen(); });
            const QByteArray frame = encodeFrame(oneway::ReadNotify::id, 0, notify);
            for (const QPointer<Connection> &c : *watchers) {
                if (c->userId() != reader)
                    c->sendEncoded(frame);
            }
            if (watchers->isEmpty())
                m_receiptWatchers.erase(watchers);
        });
}

void MessageService::history(Connection &connection, pb::HistoryRequest &&request, Reply<rpc::History> reply)
{
    if (request.limit() > quint32(m_context.settings.maxHistoryPage)) {
        reply.fail(pb::ERROR_PAGE_TOO_LARGE,
                   QStringLiteral("at most %1 messages per page").arg(m_context.settings.maxHistoryPage));
        return;
    }
    const int limit = request.limit() == 0 ? 50 : int(request.limit());
    const quint64 viewer = connection.userId();
    m_context.store.read(
        this,
        [viewer, request, limit](Store &s) -> Outcome<pb::HistoryResponse> {
            const auto [code, why] = checkAccess(s, viewer, request.conversation(), false);
            if (code != pb::ERROR_NONE)
                return Outcome<pb::HistoryResponse>::refuse(code, why);
            const ConversationKey key = ConversationKey::seenBy(viewer, request.conversation());
            const bool forward = request.direction() == pb::HISTORY_FORWARD;
            pb::HistoryResponse response;
            *response.mutable_conversation() = request.conversation();
            response.set_latest_id(s.latestMessageId(key));
            std::vector<pb::Message> page = s.history(key, viewer, request.from_id(), limit + 1, forward);
            response.set_has_more(page.size() > size_t(limit));
            if (response.has_more())
                page.pop_back();
            ResponseBudget budget;
            for (pb::Message &m : page) {
                if (!budget.take(m)) {
                    response.set_has_more(true);
                    break;
                }
                *response.add_messages() = std::move(m);
            }
            return Outcome<pb::HistoryResponse>::of(std::move(response));
        },
        [reply](StoreResult<Outcome<pb::HistoryResponse>> result) {
            if (succeeded(result, reply))
                reply(result.value().value);
        });
}

void MessageService::byId(Connection &connection, pb::MessagesByIdRequest &&request, Reply<rpc::MessagesById> reply)
{
    if (request.ids_size() > m_context.settings.maxHistoryPage) {
        reply.fail(pb::ERROR_PAGE_TOO_LARGE,
                   QStringLiteral("at most %1 ids per request").arg(m_context.settings.maxHistoryPage));
        return;
    }
    const quint64 viewer = connection.userId();
    m_context.store.read(
        this,
        [viewer, request](Store &s) -> Outcome<pb::MessagesByIdResponse> {
            const auto [code, why] = checkAccess(s, viewer, request.conversation(), false);
            if (code != pb::ERROR_NONE)
                return Outcome<pb::MessagesByIdResponse>::refuse(code, why);
            pb::MessagesByIdResponse response;
            *response.mutable_conversation() = request.conversation();
            const std::vector<quint64> ids(request.ids().begin(), request.ids().end());
            ResponseBudget budget;
            for (pb::Message &m :
                 s.messagesById(ConversationKey::seenBy(viewer, request.conversation()), viewer, ids)) {
                if (!budget.take(m)) {
                    response.set_has_more(true);
                    break;
                }
                *response.add_messages() = std::move(m);
            }
            return Outcome<pb::MessagesByIdResponse>::of(std::move(response));
        },
        [reply](StoreResult<Outcome<pb::MessagesByIdResponse>> result) {
            if (succeeded(result, reply))
                reply(result.value().value);
        });
}

void MessageService::latest(Connection &connection, pb::LatestIdRequest &&request, Reply<rpc::LatestId> reply)
{
    const quint64 viewer = connection.userId();
    m_context.store.read(
        this,
        [viewer, request](Store &s) -> Outcome<pb::LatestIdResponse> {
            pb::LatestIdResponse response;
            for (const pb::Conversation &conversation : request.conversations()) {
                const auto [code, why] = checkAccess(s, viewer, conversation, false);
                if (code != pb::ERROR_NONE)
                    return Outcome<pb::LatestIdResponse>::refuse(code, why);
                const ConversationKey key = ConversationKey::seenBy(viewer, conversation);
                pb::UnreadCount *entry = response.add_latest();
                *entry->mutable_conversation() = conversation;
                if (const std::optional<pb::Session> session = s.session(viewer, key)) {
                    entry->set_latest_id(session->latest_id());
                    entry->set_read_cursor(session->read_cursor());
                    entry->set_unread(session->unread());
                } else {
                    entry->set_latest_id(s.latestMessageId(key));
                }
            }
            return Outcome<pb::LatestIdResponse>::of(std::move(response));
        },
        [reply](StoreResult<Outcome<pb::LatestIdResponse>> result) {
            if (succeeded(result, reply))
                reply(result.value().value);
        });
}

void MessageService::unread(Connection &connection, Reply<rpc::UnreadCount> reply)
{
    m_context.store.read(
        this, [user = connection.userId()](Store &s) { return s.unreadCounts(user); },
        [reply](StoreResult<std::vector<pb::UnreadCount>> result) {
            if (!result.ok()) {
                reply.fail(pb::ERROR_INTERNAL, QStringLiteral("storage error"));
                return;
            }
            pb::UnreadCountResponse response;
            quint64 total = 0;
            ResponseBudget budget;
            for (pb::UnreadCount &c : result.value()) {
                total += c.unread();
                if (response.has_more() || !budget.take(c))
                    response.set_has_more(true);
                else
                    *response.add_conversations() = std::move(c);
            }
            response.set_total(total);
            reply(response);
        });
}

void MessageService::receipts(Connection &connection, pb::ReceiptsRequest &&request, Reply<rpc::Receipts> reply)
{
    if (request.conversation().type() != pb::SESSION_TYPE_GROUP) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT, QStringLiteral("receipts are for group conversations"));
        return;
    }
    const quint64 viewer = connection.userId();
    m_context.store.read(
        this,
        [viewer, request](Store &s) -> Outcome<pb::ReceiptsResponse> {
            const auto [code, why] = checkAccess(s, viewer, request.conversation(), false);
            if (code != pb::ERROR_NONE)
                return Outcome<pb::ReceiptsResponse>::refuse(code, why);
            const ConversationKey key = ConversationKey::group(request.conversation().peer_id());
            const std::vector<pb::Message> found = s.messagesById(key, viewer, {request.message_id()});
            if (found.empty())
                return Outcome<pb::ReceiptsResponse>::refuse(
                    pb::ERROR_CONVERSATION_MISMATCH,
                    QStringLiteral("message %1 is not in this group").arg(request.message_id()));
            const quint64 sender = found.front().sender_id();
            const std::vector<quint64> members = s.groupMemberIds(key.a);
            const std::vector<quint64> readers = s.readersOf(key, request.message_id(), sender);
            pb::ReceiptsResponse response;
            response.set_message_id(request.message_id());
            response.set_read_count(quint32(readers.size()));
            const bool senderIsMember = std::find(members.begin(), members.end(), sender) != members.end();
            response.set_member_count(quint32(members.size() - (senderIsMember ? 1 : 0)));
            for (quint64 r : readers)
                response.add_readers(r);
            return Outcome<pb::ReceiptsResponse>::of(std::move(response));
        },
        [this, request, reply](StoreResult<Outcome<pb::ReceiptsResponse>> result) {
            if (!succeeded(result, reply))
                return;
            QList<QPointer<Connection>> &watchers = m_receiptWatchers[request.conversation().peer_id()];
            if (reply.connection() && !watchers.contains(reply.connection()))
                watchers.append(reply.connection());
            reply(result.value().value);
        });
}

void MessageService::forgetReceiptWatchers(quint64 groupId, const QList<quint64> &userIds)
{
    const auto watchers = m_receiptWatchers.find(groupId);
    if (watchers == m_receiptWatchers.end())
        return;
    watchers->removeIf([&userIds](const QPointer<Connection> &c) { return !c || userIds.contains(c->userId()); });
    if (watchers->isEmpty())
        m_receiptWatchers.erase(watchers);
}

void MessageService::relayTyping(Connection &connection, pb::P2PCommand &&command)
{
    // Transient: relayed to the peer's devices if they are online, never stored, never answered.
    if (command.to_user_id() == connection.userId() || command.to_user_id() == 0 ||
        (command.kind() != pb::P2P_KIND_TYPING && command.kind() != pb::P2P_KIND_STOPPED_TYPING)) {
        connection.sendError(0, oneway::P2P::id, pb::ERROR_INVALID_ARGUMENT,
                             QStringLiteral("typing notices go to another user"));
        return;
    }
    command.set_from_user_id(connection.userId());
    m_context.online.sendToUser(command.to_user_id(), oneway::P2P::id, command);
}

} // namespace confab::server
