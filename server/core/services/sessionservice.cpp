#include "services/sessionservice.h"

#include "services/conversationaccess.h"
#include "services/onlineregistry.h"
#include "services/syncpages.h"

namespace confab::server {

using namespace protocol;

SessionService::SessionService(ServerContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    auto &d = context.dispatcher;
    d.handle<rpc::SessionSync>([this](Connection &c, pb::SyncRequest &&r, Reply<rpc::SessionSync> reply) {
        serveSyncPage<rpc::SessionSync, pb::Session>(
            m_context, this, r, reply,
            [user = c.userId()](Store &s, Cursor since, PageLimits l) { return s.sessionsSince(user, since, l); },
            [](pb::SessionSyncResponse &resp, pb::Session &&row) { *resp.add_sessions() = std::move(row); });
    });
    d.handle<rpc::RemoveSession>([this](Connection &c, pb::RemoveSessionRequest &&r, Reply<rpc::RemoveSession> reply) {
        remove(c, std::move(r), reply);
    });
    d.handle<rpc::UpdateSession>([this](Connection &c, pb::UpdateSessionRequest &&r, Reply<rpc::UpdateSession> reply) {
        update(c, std::move(r), reply);
    });
}

void SessionService::announce(quint64 userId, const pb::Conversation &conversation,
                              const std::optional<pb::Session> &session, const Connection *except)
{
    // The pushed session is its whole state, so applying it twice does no harm; `sync` stays unset because a
    // user's sessions move with every message of every conversation and no push could name the one before.
    pb::SessionChangedNotify notify;
    if (session)
        *notify.mutable_session() = *session;
    else
        *notify.mutable_removed() = conversation;
    m_context.online.sendToUser(userId, oneway::SessionChangedNotify::id, notify, except);
}

void SessionService::remove(Connection &connection, pb::RemoveSessionRequest &&request, Reply<rpc::RemoveSession> reply)
{
    const quint64 user = connection.userId();
    m_context.store.write(
        this,
        [user, request](Store &s) -> Outcome<Cursor> {
            if (request.conversation().type() != pb::SESSION_TYPE_SINGLE &&
                request.conversation().type() != pb::SESSION_TYPE_GROUP)
                return Outcome<Cursor>::refuse(pb::ERROR_INVALID_ARGUMENT,
                                               QStringLiteral("a conversation is one-to-one or a group"));
            const ConversationKey key = ConversationKey::seenBy(user, request.conversation());
            if (!s.session(user, key))
                return Outcome<Cursor>::refuse(pb::ERROR_NOT_FOUND, QStringLiteral("no such session"));
            Cursor removed = s.removeSession(user, key);
            return Outcome<Cursor>::of(removed.isNull() ? s.lastCursor(pb::DATA_SET_SESSIONS, 0) : removed);
        },
        [this, user, request, reply](StoreResult<Outcome<Cursor>> result) {
            if (!succeeded(result, reply))
                return;
            pb::RemoveSessionResponse response;
            response.set_cursor(result.value().value.value());
            reply(response);
            announce(user, request.conversation(), std::nullopt, reply.connection());
        });
}

void SessionService::update(Connection &connection, pb::UpdateSessionRequest &&request, Reply<rpc::UpdateSession> reply)
{
    struct Updated
    {
        pb::Session session;
        Cursor cursor;
    };
    const quint64 user = connection.userId();
    m_context.store.write(
        this,
        [user, request](Store &s) -> Outcome<Updated> {
            const auto [code, why] = checkAccess(s, user, request.conversation(), false);
            if (code != pb::ERROR_NONE)
                return Outcome<Updated>::refuse(code, why);
            const ConversationKey key = ConversationKey::seenBy(user, request.conversation());
            if (!s.session(user, key))
                return Outcome<Updated>::refuse(pb::ERROR_NOT_FOUND, QStringLiteral("no such session"));
            Updated updated;
            updated.cursor =
                s.updateSession(user, key, request.has_pinned() ? std::optional(request.pinned()) : std::nullopt,
                                request.has_muted() ? std::optional(request.muted()) : std::nullopt);
            updated.session = *s.session(user, key);
            return Outcome<Updated>::of(std::move(updated));
        },
        [this, user, reply](StoreResult<Outcome<Updated>> result) {
            if (!succeeded(result, reply))
                return;
            const Updated &updated = result.value().value;
            pb::UpdateSessionResponse response;
            *response.mutable_session() = updated.session;
            response.set_cursor(updated.cursor.value());
            reply(response);
            if (!updated.cursor.isNull())
                announce(user, updated.session.conversation(), updated.session, reply.connection());
        });
}

} // namespace confab::server
