#include "services/buddyservice.h"

#include "services/onlineregistry.h"
#include "services/syncpages.h"

namespace confab::server {

using namespace protocol;

BuddyService::BuddyService(ServerContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    auto &d = context.dispatcher;
    d.handle<rpc::BuddySync>([this](Connection &c, pb::SyncRequest &&r, Reply<rpc::BuddySync> reply) {
        serveSyncPage<rpc::BuddySync, pb::Buddy>(
            m_context, this, r, reply,
            [owner = c.userId()](Store &s, Cursor since, PageLimits l) { return s.buddiesSince(owner, since, l); },
            [](pb::BuddySyncResponse &resp, pb::Buddy &&row) { *resp.add_buddies() = std::move(row); });
    });
    d.handle<rpc::AddBuddy>([this](Connection &c, pb::AddBuddyRequest &&r, Reply<rpc::AddBuddy> reply) {
        change(c, r.user_id(), true, reply);
    });
    d.handle<rpc::RemoveBuddy>([this](Connection &c, pb::RemoveBuddyRequest &&r, Reply<rpc::RemoveBuddy> reply) {
        change(c, r.user_id(), false, reply);
    });
}

template <class Rpc>
void BuddyService::change(Connection &connection, quint64 buddyId, bool add, Reply<Rpc> reply)
{
    const quint64 owner = connection.userId();
    if (add && buddyId == owner) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT, QStringLiteral("you cannot be your own buddy"));
        return;
    }
    struct Outcome
    {
        Cursor previous;
        Cursor cursor; // null: nothing changed
        qint64 addedMs = 0;
    };
    const qint64 now = m_context.now();
    m_context.store.write(
        this,
        [owner, buddyId, add, now](Store &s) {
            if (add) {
                const std::optional<pb::User> buddy = s.user(buddyId);
                if (!buddy || buddy->status() == pb::USER_STATUS_LEFT)
                    throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no active user %1").arg(buddyId));
            }
            Outcome outcome;
            outcome.previous = s.lastCursor(pb::DATA_SET_BUDDIES, owner);
            outcome.cursor = add ? s.addBuddy(owner, buddyId, now) : s.removeBuddy(owner, buddyId);
            outcome.addedMs = now;
            return outcome;
        },
        [this, owner, buddyId, add, reply](StoreResult<Outcome> result) {
            if (!result.ok()) {
                if (result.error().kind() == StoreError::Kind::NotFound)
                    reply.fail(pb::ERROR_NOT_FOUND, QStringLiteral("no such user"));
                else
                    reply.fail(pb::ERROR_INTERNAL, QStringLiteral("storage error"));
                return;
            }
            const Outcome &outcome = result.value();
            typename Rpc::Response response;
            response.set_cursor((outcome.cursor.isNull() ? outcome.previous : outcome.cursor).value());
            reply(response);
            if (outcome.cursor.isNull())
                return; // already so: nothing to tell anyone
            pb::BuddyChangedNotify notify;
            if (add) {
                notify.mutable_buddy()->set_user_id(buddyId);
                notify.mutable_buddy()->set_added_ms(outcome.addedMs);
            } else {
                notify.set_removed(buddyId);
            }
            notify.mutable_sync()->set_data_set(pb::DATA_SET_BUDDIES);
            notify.mutable_sync()->set_cursor(outcome.cursor.value());
            notify.mutable_sync()->set_prev_cursor(outcome.previous.value());
            m_context.online.sendToUser(owner, oneway::BuddyChangedNotify::id, notify);
        });
}

} // namespace confab::server
