#include "services/presenceservice.h"

#include "services/onlineregistry.h"
#include "store/storagethread.h"

namespace confab::server {

using namespace protocol;

namespace {
pb::Presence visibleToOthers(pb::Presence p)
{
    return p == pb::PRESENCE_INVISIBLE ? pb::PRESENCE_OFFLINE : p;
}
} // namespace

PresenceService::PresenceService(ServerContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    auto &d = context.dispatcher;
    d.handle<rpc::SetPresence>([this](Connection &c, pb::SetPresenceRequest &&r, Reply<rpc::SetPresence> reply) {
        if (r.presence() == pb::PRESENCE_OFFLINE || !pb::Presence_IsValid(r.presence())) {
            reply.fail(pb::ERROR_INVALID_ARGUMENT, QStringLiteral("choose online, away, busy or invisible"));
            return;
        }
        // Stored before anyone hears of it: a choice that a restart forgot would show an invisible person online.
        const quint64 userId = c.userId();
        const pb::Presence chosen = r.presence();
        m_context.store.write(
            this,
            [userId, chosen](Store &s) {
                s.setChosenPresence(userId, chosen);
                return true;
            },
            [this, userId, chosen, reply](StoreResult<bool> stored) {
                if (!stored.ok()) {
                    reply.fail(pb::ERROR_INTERNAL, QStringLiteral("the presence could not be saved"));
                    return;
                }
                if (m_context.online.isOnline(userId))
                    set(userId, chosen);
                pb::SetPresenceResponse response;
                response.set_presence(chosen);
                reply(response);
            });
    });
    d.handle<rpc::PresenceQuery>([this](Connection &c, pb::PresenceQueryRequest &&r, Reply<rpc::PresenceQuery> reply) {
        pb::PresenceQueryResponse response;
        for (quint64 id : r.user_ids()) {
            pb::UserPresence *p = response.add_presences();
            p->set_user_id(id);
            p->set_presence(presenceAsSeenBy(id, c.userId()));
        }
        reply(response);
    });
    d.handle<rpc::PresenceWatch>([this](Connection &c, pb::PresenceWatchRequest &&r, Reply<rpc::PresenceWatch> reply) {
        onConnectionClosed(&c); // replaces the previous watch set
        QList<quint64> &watching = m_watching[&c];
        for (quint64 id : r.user_ids()) {
            m_watchers[id].insert(&c);
            watching.append(id);
        }
        reply(pb::PresenceWatchResponse());
    });
}

pb::Presence PresenceService::presenceAsSeenBy(quint64 userId, quint64 viewer) const
{
    const pb::Presence chosen =
        m_context.online.isOnline(userId) ? m_chosen.value(userId, pb::PRESENCE_ONLINE) : pb::PRESENCE_OFFLINE;
    return userId == viewer ? chosen : visibleToOthers(chosen);
}

void PresenceService::onUserOnline(quint64 userId, pb::Presence chosen)
{
    // A second device changes nothing unless the person chose anew when signing in there.
    if (m_chosen.contains(userId) && m_chosen.value(userId) == chosen)
        return;
    set(userId, chosen == pb::PRESENCE_OFFLINE ? pb::PRESENCE_ONLINE : chosen);
}

void PresenceService::onUserDeviceGone(quint64 userId, bool lastDevice)
{
    if (!lastDevice)
        return;
    const pb::Presence before = m_chosen.take(userId);
    if (visibleToOthers(before) != pb::PRESENCE_OFFLINE)
        publish(userId, pb::PRESENCE_OFFLINE);
}

void PresenceService::onConnectionClosed(Connection *connection)
{
    for (quint64 id : m_watching.take(connection)) {
        auto it = m_watchers.find(id);
        if (it == m_watchers.end())
            continue;
        it->remove(connection);
        if (it->isEmpty())
            m_watchers.erase(it);
    }
}

void PresenceService::set(quint64 userId, pb::Presence presence)
{
    const pb::Presence before = visibleToOthers(m_chosen.value(userId, pb::PRESENCE_OFFLINE));
    m_chosen.insert(userId, presence);
    // The user's own devices always hear of it (they show the real state, invisible included).
    pb::PresenceNotify own;
    own.mutable_presence()->set_user_id(userId);
    own.mutable_presence()->set_presence(presence);
    m_context.online.sendToUser(userId, oneway::PresenceNotify::id, own);
    if (before != visibleToOthers(presence)) // an invisible person coming online is news to nobody
        publish(userId, visibleToOthers(presence));
}

void PresenceService::publish(quint64 userId, pb::Presence visible)
{
    pb::PresenceNotify notify;
    notify.mutable_presence()->set_user_id(userId);
    notify.mutable_presence()->set_presence(visible);
    const QByteArray frame = encodeFrame(oneway::PresenceNotify::id, 0, notify);
    QSet<Connection *> sent;
    for (Connection *c : m_watchers.value(userId)) {
        if (c->isOpen() && c->userId() != userId) {
            c->sendEncoded(frame);
            sent.insert(c);
        }
    }
    // Buddy lists live in the store; ask it who has this user, then tell those of them who are online.
    m_context.store.read(
        this, [userId](Store &s) { return s.usersWithBuddy(userId); },
        [this, frame, sent, userId](StoreResult<std::vector<quint64>> owners) {
            if (!owners.ok())
                return;
            for (quint64 owner : owners.value()) {
                if (owner == userId)
                    continue;
                for (Connection *c : m_context.online.connectionsOf(owner)) {
                    if (!sent.contains(c))
                        c->sendEncoded(frame);
                }
            }
        });
}

} // namespace confab::server
