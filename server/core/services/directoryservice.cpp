#include "services/directoryservice.h"

#include "services/changefeed.h"
#include "services/onlineregistry.h"
#include "services/responsebudget.h"
#include "services/syncpages.h"

namespace confab::server {

using namespace protocol;

namespace {
constexpr int kMaxUserInfoIds = 500;
constexpr qsizetype kMaxSignLine = 256;
} // namespace

DirectoryService::DirectoryService(ServerContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    auto &d = context.dispatcher;
    d.handle<rpc::DepartmentSync>([this](Connection &, pb::SyncRequest &&r, Reply<rpc::DepartmentSync> reply) {
        serveSyncPage<rpc::DepartmentSync, pb::Department>(
            m_context, this, r, reply, [](Store &s, Cursor c, PageLimits l) { return s.departmentsSince(c, l); },
            [](pb::DepartmentSyncResponse &resp, pb::Department &&row) { *resp.add_departments() = std::move(row); });
    });
    d.handle<rpc::UserSync>([this](Connection &, pb::SyncRequest &&r, Reply<rpc::UserSync> reply) {
        serveSyncPage<rpc::UserSync, pb::User>(
            m_context, this, r, reply, [](Store &s, Cursor c, PageLimits l) { return s.usersSince(c, l); },
            [](pb::UserSyncResponse &resp, pb::User &&row) { *resp.add_users() = std::move(row); });
    });
    d.handle<rpc::UserInfo>([this](Connection &, pb::UserInfoRequest &&r, Reply<rpc::UserInfo> reply) {
        if (r.user_ids_size() + r.login_names_size() > kMaxUserInfoIds) {
            reply.fail(pb::ERROR_INVALID_ARGUMENT, QStringLiteral("at most %1 ids per request").arg(kMaxUserInfoIds));
            return;
        }
        std::vector<quint64> ids(r.user_ids().begin(), r.user_ids().end());
        QStringList names;
        for (const std::string &name : r.login_names())
            names << QString::fromStdString(name);
        m_context.store.read(
            this,
            [ids, names](Store &s) {
                std::vector<pb::User> found = s.users(ids);
                for (const QString &name : names) {
                    if (std::optional<pb::User> u = s.userByLogin(name))
                        found.push_back(std::move(*u));
                }
                return found;
            },
            [reply](StoreResult<std::vector<pb::User>> result) {
                if (!result.ok()) {
                    reply.fail(pb::ERROR_INTERNAL, QStringLiteral("storage error"));
                    return;
                }
                pb::UserInfoResponse response;
                ResponseBudget budget;
                for (pb::User &u : result.value()) {
                    if (!budget.take(u)) {
                        response.set_has_more(true);
                        break;
                    }
                    *response.add_users() = std::move(u);
                }
                reply(response);
            });
    });
    d.handle<rpc::ChangeSignLine>([this](Connection &c, pb::ChangeSignLineRequest &&r,
                                         Reply<rpc::ChangeSignLine> reply) {
        const QString text = QString::fromStdString(r.sign_line());
        if (text.size() > kMaxSignLine) {
            reply.fail(pb::ERROR_INVALID_ARGUMENT,
                       QStringLiteral("a sign line has at most %1 characters").arg(kMaxSignLine));
            return;
        }
        changeOwnProfile<rpc::ChangeSignLine>(c, reply, [text](pb::User &u) { u.set_sign_line(text.toStdString()); });
    });
    d.handle<rpc::ChangeAvatar>([this](Connection &c, pb::ChangeAvatarRequest &&r, Reply<rpc::ChangeAvatar> reply) {
        const QString url = QString::fromStdString(r.avatar_url()); // at most 2 KiB, by the schema
        changeOwnProfile<rpc::ChangeAvatar>(c, reply, [url](pb::User &u) { u.set_avatar_url(url.toStdString()); });
    });
}

template <class Rpc>
void DirectoryService::changeOwnProfile(Connection &connection, Reply<Rpc> reply,
                                        std::function<void(pb::User &)> change)
{
    m_context.store.write(
        this,
        [userId = connection.userId(), change](Store &s) {
            std::optional<pb::User> user = s.user(userId);
            if (!user)
                throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no user %1").arg(userId));
            change(*user);
            ProfileChange outcome;
            outcome.previous = s.lastCursor(pb::DATA_SET_USERS, 0);
            outcome.cursor = s.upsertUser(*user);
            outcome.user = std::move(*user);
            return outcome;
        },
        [this, reply](StoreResult<ProfileChange> result) {
            if (!result.ok()) {
                reply.fail(pb::ERROR_INTERNAL, QStringLiteral("storage error"));
                return;
            }
            typename Rpc::Response response;
            response.set_cursor(result.value().cursor.value());
            reply(response);
            publishUserChange(result.value());
        });
}

void DirectoryService::publishUserChange(const ProfileChange &change)
{
    m_context.feed.noteAnnounced(pb::DATA_SET_USERS, change.cursor);
    pb::UserChangedNotify notify;
    *notify.mutable_user() = change.user;
    pb::SyncNotify *sync = notify.mutable_sync();
    sync->set_data_set(pb::DATA_SET_USERS);
    sync->set_cursor(change.cursor.value());
    sync->set_prev_cursor(change.previous.value());
    m_context.online.sendToAll(oneway::UserChangedNotify::id, notify);
}

} // namespace confab::server
