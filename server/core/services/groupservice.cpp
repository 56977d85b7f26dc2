#include "services/groupservice.h"

#include "services/conversationaccess.h"
#include "services/onlineregistry.h"
#include "services/responsebudget.h"
#include "services/sessionservice.h"
#include "services/syncpages.h"

namespace confab::server {

using namespace protocol;

namespace {

constexpr int kMaxGroupNameChars = 100;
constexpr int kDefaultMemberEvents = 500;

// ERROR_NONE when every user exists and has not left.
std::pair<pb::ErrorCode, QString> checkUsers(Store &s, const std::vector<quint64> &ids)
{
    for (quint64 id : ids) {
        const std::optional<pb::UserStatus> status = s.userStatus(id);
        if (!status || *status == pb::USER_STATUS_LEFT)
            return {pb::ERROR_UNKNOWN_RECIPIENT, QStringLiteral("no active user %1").arg(id)};
    }
    return {pb::ERROR_NONE, {}};
}

QString checkName(const std::string &name)
{
    const QString trimmed = QString::fromStdString(name).trimmed();
    if (trimmed.isEmpty())
        return QStringLiteral("a group needs a name");
    if (trimmed.size() > kMaxGroupNameChars)
        return QStringLiteral("a group name has at most %1 characters").arg(kMaxGroupNameChars);
    return {};
}

// The member's role when they may manage others (owner or admin); otherwise the refusal.
std::pair<pb::ErrorCode, QString> checkManager(Store &s, quint64 groupId, quint64 userId, bool ownerOnly)
{
    const auto access = checkAccess(s, userId, groupConversation(groupId), true);
    if (access.first != pb::ERROR_NONE)
        return access;
    const pb::GroupRole role = *s.memberRole(groupId, userId);
    if (role == pb::GROUP_ROLE_OWNER || (!ownerOnly && role == pb::GROUP_ROLE_ADMIN))
        return {pb::ERROR_NONE, {}};
    return {pb::ERROR_NOT_GROUP_OWNER, ownerOnly ? QStringLiteral("only the owner may do this")
                                                 : QStringLiteral("only the owner and admins may do this")};
}

} // namespace

GroupService::GroupService(ServerContext &context, SessionService &sessions, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_sessions(sessions)
{
    auto &d = context.dispatcher;
    d.handle<rpc::GroupListSync>([this](Connection &c, pb::SyncRequest &&r, Reply<rpc::GroupListSync> reply) {
        serveSyncPage<rpc::GroupListSync, pb::GroupVersion>(
            m_context, this, r, reply,
            [user = c.userId()](Store &s, Cursor since, PageLimits l) { return s.groupsSince(user, since, l); },
            [](pb::GroupListSyncResponse &resp, pb::GroupVersion &&row) { *resp.add_groups() = std::move(row); });
    });
    d.handle<rpc::CreateGroup>([this](Connection &c, pb::CreateGroupRequest &&r, Reply<rpc::CreateGroup> reply) {
        create(c, std::move(r), reply);
    });
    d.handle<rpc::GroupInfo>(
        [this](Connection &c, pb::GroupInfoRequest &&r, Reply<rpc::GroupInfo> reply) { info(c, std::move(r), reply); });
    d.handle<rpc::ChangeMembers>([this](Connection &c, pb::ChangeMembersRequest &&r, Reply<rpc::ChangeMembers> reply) {
        changeMembers(c, std::move(r), reply);
    });
    d.handle<rpc::UpdateGroup>([this](Connection &c, pb::UpdateGroupRequest &&r, Reply<rpc::UpdateGroup> reply) {
        update(c, std::move(r), reply);
    });
    d.handle<rpc::DissolveGroup>([this](Connection &c, pb::DissolveGroupRequest &&r, Reply<rpc::DissolveGroup> reply) {
        dissolve(c, std::move(r), reply);
    });
    d.handle<rpc::MuteGroup>(
        [this](Connection &c, pb::MuteGroupRequest &&r, Reply<rpc::MuteGroup> reply) { mute(c, std::move(r), reply); });
    d.handle<rpc::GroupMembers>([this](Connection &c, pb::GroupMembersRequest &&r, Reply<rpc::GroupMembers> reply) {
        members(c, std::move(r), reply);
    });
}

void GroupService::sendToUsers(const std::vector<quint64> &users, CommandId command,
                               const google::protobuf::Message &body, const Connection *except) const
{
    const QByteArray frame = encodeFrame(command, 0, body);
    for (quint64 user : users)
        m_context.online.sendEncodedToUser(user, frame, except);
}

void GroupService::create(Connection &connection, pb::CreateGroupRequest &&request, Reply<rpc::CreateGroup> reply)
{
    if (const QString problem = checkName(request.name()); !problem.isEmpty()) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT, problem);
        return;
    }
    if (request.member_ids_size() >= m_context.settings.maxGroupMembers) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT,
                   QStringLiteral("a group has at most %1 members").arg(m_context.settings.maxGroupMembers));
        return;
    }
    request.set_name(QString::fromStdString(request.name()).trimmed().toStdString());
    const quint64 owner = connection.userId();
    const qint64 now = m_context.now();
    m_context.store.write(
        this,
        [owner, now, request](Store &s) -> Outcome<Store::CreatedGroup> {
            const std::vector<quint64> ids(request.member_ids().begin(), request.member_ids().end());
            const auto [code, why] = checkUsers(s, ids);
            if (code != pb::ERROR_NONE)
                return Outcome<Store::CreatedGroup>::refuse(code, why);
            return Outcome<Store::CreatedGroup>::of(s.createGroup(owner, request, now));
        },
        [this, reply](StoreResult<Outcome<Store::CreatedGroup>> result) {
            if (!succeeded(result, reply))
                return;
            const Store::CreatedGroup &created = result.value().value;
            pb::CreateGroupResponse response;
            *response.mutable_group() = created.group;
            reply(response);
            if (!created.created)
                return;
            std::vector<quint64> members;
            for (const pb::MemberEvent &e : created.events)
                members.push_back(e.member().user_id());
            pb::GroupChangedNotify notify;
            *notify.mutable_group() = created.group;
            sendToUsers(members, oneway::GroupChangedNotify::id, notify, reply.connection());
        });
}

void GroupService::info(Connection &connection, pb::GroupInfoRequest &&request, Reply<rpc::GroupInfo> reply)
{
    if (request.known_size() > m_context.settings.maxPageRows) {
        reply.fail(pb::ERROR_PAGE_TOO_LARGE,
                   QStringLiteral("at most %1 groups per request").arg(m_context.settings.maxPageRows));
        return;
    }
    m_context.store.read(
        this,
        [user = connection.userId(), request](Store &s) {
            pb::GroupInfoResponse response;
            ResponseBudget budget;
            for (const pb::GroupVersion &known : request.known()) {
                // Only groups the user belongs to; one they left shows up as removed in their group list.
                if (!s.memberRole(known.group_id(), user))
                    continue;
                std::optional<pb::GroupInfo> g = s.group(known.group_id(), user);
                if (!g || g->version() <= known.version())
                    continue;
                if (!budget.take(*g)) {
                    response.set_has_more(true);
                    break;
                }
                *response.add_groups() = std::move(*g);
            }
            return response;
        },
        [reply](StoreResult<pb::GroupInfoResponse> result) {
            if (result.ok())
                reply(result.value());
            else
                reply.fail(pb::ERROR_INTERNAL, QStringLiteral("storage error"));
        });
}

void GroupService::changeMembers(Connection &connection, pb::ChangeMembersRequest &&request,
                                 Reply<rpc::ChangeMembers> reply)
{
    if (request.user_ids_size() == 0 || request.user_ids_size() > m_context.settings.maxGroupMembers) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT,
                   QStringLiteral("name between 1 and %1 users").arg(m_context.settings.maxGroupMembers));
        return;
    }
    if (request.change() == pb::MEMBER_CHANGE_ROLE && request.role() == pb::GROUP_ROLE_OWNER) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT,
                   QStringLiteral("a group has one owner: hand it over with MEMBER_CHANGE_TRANSFER_OWNERSHIP"));
        return;
    }
    if (request.change() == pb::MEMBER_CHANGE_TRANSFER_OWNERSHIP && request.user_ids_size() != 1) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT, QStringLiteral("ownership goes to exactly one member"));
        return;
    }
    struct Changed
    {
        std::vector<pb::MemberEvent> events;
        pb::GroupInfo group;
        std::vector<quint64> audience; // members after the change and those who just left
    };
    const quint64 actor = connection.userId();
    const qint64 now = m_context.now();
    const int maxMembers = m_context.settings.maxGroupMembers;
    m_context.store.write(
        this,
        [actor, now, maxMembers, request](Store &s) -> Outcome<Changed> {
            const quint64 groupId = request.group_id();
            const std::vector<quint64> ids(request.user_ids().begin(), request.user_ids().end());
            const bool leaving = request.change() == pb::MEMBER_CHANGE_REMOVE && ids == std::vector<quint64>{actor};
            if (leaving) {
                const auto [code, why] = checkAccess(s, actor, groupConversation(groupId), false);
                if (code != pb::ERROR_NONE)
                    return Outcome<Changed>::refuse(code, why);
                if (s.memberRole(groupId, actor) == pb::GROUP_ROLE_OWNER)
                    return Outcome<Changed>::refuse(
                        pb::ERROR_INVALID_ARGUMENT,
                        QStringLiteral("the owner cannot leave; dissolve the group instead"));
            } else {
                const bool ownerOnly = request.change() == pb::MEMBER_CHANGE_ROLE ||
                                       request.change() == pb::MEMBER_CHANGE_TRANSFER_OWNERSHIP;
                const auto [code, why] = checkManager(s, groupId, actor, ownerOnly);
                if (code != pb::ERROR_NONE)
                    return Outcome<Changed>::refuse(code, why);
            }
            switch (request.change()) {
            case pb::MEMBER_CHANGE_ADD: {
                const auto [code, why] = checkUsers(s, ids);
                if (code != pb::ERROR_NONE)
                    return Outcome<Changed>::refuse(code, why);
                if (s.groupMemberIds(groupId).size() + ids.size() > size_t(maxMembers))
                    return Outcome<Changed>::refuse(pb::ERROR_INVALID_ARGUMENT,
                                                    QStringLiteral("a group has at most %1 members").arg(maxMembers));
                break;
            }
            case pb::MEMBER_CHANGE_REMOVE:
                if (!leaving) {
                    const bool actorIsOwner = s.memberRole(groupId, actor) == pb::GROUP_ROLE_OWNER;
                    for (quint64 id : ids) {
                        const std::optional<pb::GroupRole> role = s.memberRole(groupId, id);
                        if (role == pb::GROUP_ROLE_OWNER ||
                            (role == pb::GROUP_ROLE_ADMIN && !actorIsOwner && id != actor))
                            return Outcome<Changed>::refuse(
                                pb::ERROR_NOT_GROUP_OWNER,
                                QStringLiteral("admins remove members, the owner removes admins"));
                    }
                }
                break;
            case pb::MEMBER_CHANGE_ROLE:
                if (std::find(ids.begin(), ids.end(), actor) != ids.end())
                    return Outcome<Changed>::refuse(
                        pb::ERROR_INVALID_ARGUMENT,
                        QStringLiteral("the owner stays the owner until handing the group to a member"));
                break;
            case pb::MEMBER_CHANGE_TRANSFER_OWNERSHIP:
                if (ids.front() == actor || !s.memberRole(groupId, ids.front()))
                    return Outcome<Changed>::refuse(pb::ERROR_INVALID_ARGUMENT,
                                                    QStringLiteral("ownership goes to another member of the group"));
                break;
            default:
                return Outcome<Changed>::refuse(pb::ERROR_INVALID_ARGUMENT,
                                                QStringLiteral("unknown membership change"));
            }
            Changed changed;
            changed.events = s.changeMembers(groupId, request.change(), ids, request.role(), now);
            changed.group = *s.group(groupId, actor);
            changed.audience = s.groupMemberIds(groupId);
            if (request.change() == pb::MEMBER_CHANGE_REMOVE) {
                for (const pb::MemberEvent &e : changed.events)
                    changed.audience.push_back(e.member().user_id());
            }
            return Outcome<Changed>::of(std::move(changed));
        },
        [this, actor, request, reply](StoreResult<Outcome<Changed>> result) {
            if (!succeeded(result, reply))
                return;
            const Changed &changed = result.value().value;
            pb::ChangeMembersResponse response;
            response.set_group_id(request.group_id());
            response.set_version(changed.group.version());
            reply(response);
            if (changed.events.empty())
                return; // already so
            pb::GroupMembersNotify notify;
            notify.set_group_id(request.group_id());
            notify.set_version(changed.group.version());
            notify.set_prev_version(changed.group.version() - 1);
            notify.set_actor_id(actor);
            for (const pb::MemberEvent &e : changed.events)
                *notify.add_events() = e;
            sendToUsers(changed.audience, oneway::GroupMembersNotify::id, notify, reply.connection());
            if (request.change() == pb::MEMBER_CHANGE_REMOVE) {
                QList<quint64> gone;
                for (const pb::MemberEvent &e : changed.events)
                    gone.append(e.member().user_id());
                emit membersGone(request.group_id(), gone);
            }
            if (request.change() == pb::MEMBER_CHANGE_ADD) {
                // Newcomers learn about the group itself.
                std::vector<quint64> added;
                for (const pb::MemberEvent &e : changed.events)
                    added.push_back(e.member().user_id());
                pb::GroupChangedNotify joined;
                *joined.mutable_group() = changed.group;
                joined.mutable_group()->set_muted(false);
                sendToUsers(added, oneway::GroupChangedNotify::id, joined);
            }
        });
}

void GroupService::update(Connection &connection, pb::UpdateGroupRequest &&request, Reply<rpc::UpdateGroup> reply)
{
    if (request.has_name()) {
        if (const QString problem = checkName(request.name()); !problem.isEmpty()) {
            reply.fail(pb::ERROR_INVALID_ARGUMENT, problem);
            return;
        }
        request.set_name(QString::fromStdString(request.name()).trimmed().toStdString());
    }
    struct Updated
    {
        pb::GroupInfo group;
        std::vector<quint64> members;
    };
    const quint64 actor = connection.userId();
    m_context.store.write(
        this,
        [actor, request](Store &s) -> Outcome<Updated> {
            const auto [code, why] = checkManager(s, request.group_id(), actor, false);
            if (code != pb::ERROR_NONE)
                return Outcome<Updated>::refuse(code, why);
            Updated updated;
            updated.group = s.updateGroup(request.group_id(), request);
            updated.members = s.groupMemberIds(request.group_id());
            return Outcome<Updated>::of(std::move(updated));
        },
        [this, reply](StoreResult<Outcome<Updated>> result) {
            if (!succeeded(result, reply))
                return;
            const Updated &updated = result.value().value;
            pb::UpdateGroupResponse response;
            *response.mutable_group() = updated.group;
            reply(response);
            pb::GroupChangedNotify notify;
            *notify.mutable_group() = updated.group;
            notify.mutable_group()->clear_muted(); // each member's own; they hold it already
            sendToUsers(updated.members, oneway::GroupChangedNotify::id, notify, reply.connection());
        });
}

void GroupService::dissolve(Connection &connection, pb::DissolveGroupRequest &&request, Reply<rpc::DissolveGroup> reply)
{
    struct Dissolved
    {
        pb::GroupInfo group;
        std::vector<quint64> members;
    };
    const quint64 actor = connection.userId();
    m_context.store.write(
        this,
        [actor, request](Store &s) -> Outcome<Dissolved> {
            const auto [code, why] = checkManager(s, request.group_id(), actor, true);
            if (code != pb::ERROR_NONE)
                return Outcome<Dissolved>::refuse(code, why);
            Dissolved dissolved;
            dissolved.members = s.dissolveGroup(request.group_id());
            dissolved.group = *s.group(request.group_id(), 0);
            return Outcome<Dissolved>::of(std::move(dissolved));
        },
        [this, request, reply](StoreResult<Outcome<Dissolved>> result) {
            if (!succeeded(result, reply))
                return;
            const Dissolved &dissolved = result.value().value;
            pb::DissolveGroupResponse response;
            response.set_group_id(request.group_id());
            reply(response);
            pb::GroupChangedNotify notify;
            *notify.mutable_group() = dissolved.group;
            sendToUsers(dissolved.members, oneway::GroupChangedNotify::id, notify, reply.connection());
            emit membersGone(request.group_id(), QList<quint64>(dissolved.members.begin(), dissolved.members.end()));
        });
}

void GroupService::mute(Connection &connection, pb::MuteGroupRequest &&request, Reply<rpc::MuteGroup> reply)
{
    // The group's mute and its session's mute are one flag, seen from two places.
    struct Muted
    {
        Cursor cursor;
        std::optional<pb::Session> session;
    };
    const quint64 user = connection.userId();
    const pb::Conversation conversation = groupConversation(request.group_id());
    m_context.store.write(
        this,
        [user, request, conversation](Store &s) -> Outcome<Muted> {
            const auto [code, why] = checkAccess(s, user, conversation, false);
            if (code != pb::ERROR_NONE)
                return Outcome<Muted>::refuse(code, why);
            const ConversationKey key = ConversationKey::group(request.group_id());
            Muted muted;
            muted.cursor = s.updateSession(user, key, std::nullopt, request.muted());
            muted.session = s.session(user, key);
            return Outcome<Muted>::of(std::move(muted));
        },
        [this, user, request, conversation, reply](StoreResult<Outcome<Muted>> result) {
            if (!succeeded(result, reply))
                return;
            const Muted &muted = result.value().value;
            pb::MuteGroupResponse response;
            response.set_group_id(request.group_id());
            response.set_muted(request.muted());
            reply(response);
            if (!muted.cursor.isNull())
                m_sessions.announce(user, conversation, muted.session, reply.connection());
        });
}

void GroupService::members(Connection &connection, pb::GroupMembersRequest &&request, Reply<rpc::GroupMembers> reply)
{
    const int limit = request.limit() == 0 ? kDefaultMemberEvents : int(std::min<quint32>(request.limit(), 5000));
    const quint64 user = connection.userId();
    m_context.store.read(
        this,
        [user, request, limit](Store &s) -> Outcome<pb::GroupMembersResponse> {
            const auto [code, why] = checkAccess(s, user, groupConversation(request.group_id()), false);
            if (code != pb::ERROR_NONE)
                return Outcome<pb::GroupMembersResponse>::refuse(code, why);
            return Outcome<pb::GroupMembersResponse>::of(
                s.groupMembers(request.group_id(), request.since_version(), limit));
        },
        [reply](StoreResult<Outcome<pb::GroupMembersResponse>> result) {
            if (succeeded(result, reply))
                reply(result.value().value);
        });
}

} // namespace confab::server
