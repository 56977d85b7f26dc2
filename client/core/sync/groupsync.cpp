#include "sync/groupsync.h"

#include "sync/pagepuller.h"

#include <QUuid>

namespace confab::client {

namespace {
// The caller's `done`, run only while `context` lives: a group action outlives the window that asked for it.
GroupSync::Done guarded(QObject *context, GroupSync::Done done)
{
    Q_ASSERT(context);
    return [context = QPointer<QObject>(context), done = std::move(done)](pb::ErrorCode error, quint64 groupId) {
        if (context)
            done(error, groupId);
    };
}
} // namespace

using namespace protocol;

GroupSync::GroupSync(ServerConnection &connection, LocalCache *cache, GroupListModel &model, QObject *parent)
    : DataSetSync(connection, cache, pb::DATA_SET_GROUPS, parent)
    , m_model(model)
{
    connection.pushes().on<oneway::GroupChangedNotify>(this, [this](const auto &n) { onGroupPush(n); });
    connection.pushes().on<oneway::GroupMembersNotify>(this, [this](const auto &n) { onMembersPush(n); });
}

void GroupSync::applyCached(std::vector<CachedGroup> groups, quint64 cursor)
{
    setCursor(cursor); // 0 (never pulled, or the data set was empty): the next pull is a full one
    m_model.setGroups(std::move(groups));
}

void GroupSync::pull(quint64 cursor)
{
    m_fullSync.clear();
    const bool full = cursor == 0;
    PageHandlers<rpc::GroupListSync> handlers;
    handlers.page = [this, full](const pb::GroupListSyncResponse &page, bool restart) {
        std::vector<pb::GroupVersion> rows(page.groups().begin(), page.groups().end());
        std::vector<quint64> removed(page.removed().begin(), page.removed().end());
        if (m_cache)
            m_cache->write([=, cursor = page.page().cursor()](CacheDatabase &db) {
                db.applyGroupsPage(restart, rows, removed, cursor);
            });
        if (full || restart) {
            if (restart)
                m_fullSync.clear();
            for (const pb::GroupVersion &v : rows) {
                CachedGroup group;
                group.id = v.group_id();
                group.listedVersion = v.version();
                m_fullSync.push_back(std::move(group));
            }
        } else {
            for (const pb::GroupVersion &v : rows)
                m_model.setListedVersion(v.group_id(), v.version());
            for (quint64 id : removed)
                forget(id);
        }
        pageApplied(int(rows.size()), page.page().total_hint());
    };
    handlers.done = [this, full](quint64 newCursor) {
        if (full || !m_fullSync.empty()) {
            // Details already held stay while their version is current; the rest are fetched below.
            for (CachedGroup &g : m_fullSync) {
                if (const CachedGroup *known = m_model.group(g.id)) {
                    g.info = known->info;
                    if (m_cache && g.info.id() != 0)
                        m_cache->write([info = g.info](CacheDatabase &db) { db.putGroupInfo(info); });
                }
            }
            m_model.setGroups(std::exchange(m_fullSync, {}));
        }
        fetchOutdatedDetails();
        pullDone(newCursor);
    };
    handlers.failed = [this](const QString &reason) { pullFailed(reason); };
    pullPages<rpc::GroupListSync>(m_connection, this, cursor, std::move(handlers));
}

void GroupSync::fetchOutdatedDetails()
{
    const std::vector<pb::GroupVersion> outdated = m_model.outdated();
    if (outdated.empty())
        return;
    // The server takes a bounded list (limits.proto) and answers what fits a frame; the rest comes next round.
    constexpr size_t kPerRequest = 500;
    pb::GroupInfoRequest request;
    for (size_t i = 0; i < std::min(outdated.size(), kPerRequest); ++i)
        *request.add_known() = outdated[i];
    const bool more = outdated.size() > kPerRequest;
    m_connection.call<rpc::GroupInfo>(request, this, [this, more](RpcResult<pb::GroupInfoResponse> r) {
        if (!r.ok())
            return; // the next sign-in asks again
        for (const pb::GroupInfo &info : r.value.groups()) {
            m_model.setInfo(info, true);
            storeInfo(info);
            if (m_members.contains(info.id()))
                pullMembers(info.id()); // an open member list follows the new version
        }
        // Only while answers make progress: a group the server no longer shows must not make this spin.
        if ((more || r.value.has_more()) && r.value.groups_size() > 0)
            fetchOutdatedDetails();
    });
}

void GroupSync::storeInfo(const pb::GroupInfo &info)
{
    if (!m_cache)
        return;
    if (info.dissolved())
        m_cache->write([id = info.id()](CacheDatabase &db) { db.removeGroup(id); });
    else if (const CachedGroup *g = m_model.group(info.id()))
        m_cache->write([stored = g->info](CacheDatabase &db) { db.putGroupInfo(stored); });
}

void GroupSync::forget(quint64 groupId)
{
    m_model.remove(groupId);
    m_members.remove(groupId);
    if (m_cache)
        m_cache->write([groupId](CacheDatabase &db) { db.removeGroup(groupId); });
    emit removedFromGroup(groupId);
}

std::vector<pb::GroupMember> GroupSync::members(quint64 groupId) const
{
    std::vector<pb::GroupMember> list;
    const auto it = m_members.constFind(groupId);
    if (it == m_members.constEnd())
        return list;
    for (const pb::GroupMember &m : it->byUser)
        list.push_back(m);
    std::sort(list.begin(), list.end(), [](const pb::GroupMember &a, const pb::GroupMember &b) {
        return a.role() != b.role() ? a.role() > b.role() : a.joined_ms() < b.joined_ms();
    });
    return list;
}

void GroupSync::fetchMembers(quint64 groupId)
{
    if (m_members.contains(groupId) || !m_cache) {
        pullMembers(groupId);
        return;
    }
    m_cache->read<std::pair<quint64, std::vector<pb::GroupMember>>>(
        this,
        [groupId](CacheDatabase &db) {
            quint64 version = 0;
            auto members = db.loadGroupMembers(groupId, &version);
            return std::make_pair(version, std::move(members));
        },
        [this, groupId](std::pair<quint64, std::vector<pb::GroupMember>> cached) {
            if (!m_members.contains(groupId)) {
                Members &held = m_members[groupId];
                held.version = cached.first;
                for (const pb::GroupMember &m : cached.second)
                    held.byUser.insert(m.user_id(), m);
                if (!cached.second.empty())
                    emit membersChanged(groupId);
            }
            pullMembers(groupId);
        });
}

void GroupSync::pullMembers(quint64 groupId)
{
    if (m_pullingMembers.contains(groupId))
        return;
    m_pullingMembers.insert(groupId);
    pb::GroupMembersRequest request;
    request.set_group_id(groupId);
    request.set_since_version(m_members.value(groupId).version);
    m_connection.call<rpc::GroupMembers>(request, this, [this, groupId](RpcResult<pb::GroupMembersResponse> r) {
        m_pullingMembers.remove(groupId);
        if (!r.ok())
            return;
        applyMembers(groupId, r.value);
        if (r.value.has_more())
            pullMembers(groupId);
    });
}

void GroupSync::applyMembers(quint64 groupId, const pb::GroupMembersResponse &page)
{
    Members &held = m_members[groupId];
    if (page.full())
        held.byUser.clear();
    for (const pb::GroupMember &m : page.members())
        held.byUser.insert(m.user_id(), m);
    applyEvents(groupId, page.events());
    held.version = page.version();
    if (m_cache)
        m_cache->write([groupId, full = page.full(),
                        members = std::vector<pb::GroupMember>(page.members().begin(), page.members().end()),
                        events = std::vector<pb::MemberEvent>(page.events().begin(), page.events().end()),
                        version = page.version()](CacheDatabase &db) {
            db.applyGroupMembers(groupId, full, members, events, version);
        });
    m_model.setMemberCount(groupId, int(held.byUser.size()));
    emit membersChanged(groupId);
}

void GroupSync::applyEvents(quint64 groupId, const google::protobuf::RepeatedPtrField<pb::MemberEvent> &events)
{
    Members &held = m_members[groupId];
    for (const pb::MemberEvent &e : events) {
        if (e.change() == pb::MEMBER_CHANGE_REMOVE)
            held.byUser.remove(e.member().user_id());
        else
            held.byUser.insert(e.member().user_id(), e.member());
    }
}

void GroupSync::onGroupPush(const pb::GroupChangedNotify &notify)
{
    const pb::GroupInfo &info = notify.group();
    if (info.dissolved()) {
        forget(info.id());
        return;
    }
    // A group new to us comes with our own mute flag; changes to a known one leave it out.
    m_model.setInfo(info, m_model.group(info.id()) == nullptr);
    storeInfo(info);
}

void GroupSync::onMembersPush(const pb::GroupMembersNotify &notify)
{
    const quint64 groupId = notify.group_id();
    for (const pb::MemberEvent &e : notify.events()) {
        if (e.change() == pb::MEMBER_CHANGE_REMOVE && e.member().user_id() == m_selfId) {
            forget(groupId);
            return;
        }
    }
    m_model.setListedVersion(groupId, notify.version());
    if (!m_members.contains(groupId)) {
        fetchOutdatedDetails(); // the member count moved; nobody holds the list itself
        return;
    }
    Members &held = m_members[groupId];
    if (held.version != notify.prev_version()) {
        pullMembers(groupId); // a gap: pull what was missed
        return;
    }
    pb::GroupMembersResponse asPage;
    asPage.set_group_id(groupId);
    asPage.set_version(notify.version());
    *asPage.mutable_events() = notify.events();
    applyMembers(groupId, asPage);
}

void GroupSync::createGroup(const QString &name, const std::vector<quint64> &memberIds, QObject *context, Done done)
{
    done = guarded(context, std::move(done));
    pb::CreateGroupRequest request;
    request.set_name(name.toStdString());
    for (quint64 id : memberIds)
        request.add_member_ids(id);
    request.set_client_request_id(QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString());
    m_connection.call<rpc::CreateGroup>(request, this, [this, done](RpcResult<pb::CreateGroupResponse> r) {
        if (r.ok()) {
            m_model.setInfo(r.value.group(), true);
            storeInfo(r.value.group());
        }
        done(r.error, r.ok() ? r.value.group().id() : 0);
    });
}

void GroupSync::changeMembers(quint64 groupId, pb::MemberChange change, const std::vector<quint64> &userIds,
                              QObject *context, Done done)
{
    done = guarded(context, std::move(done));
    pb::ChangeMembersRequest request;
    request.set_group_id(groupId);
    request.set_change(change);
    for (quint64 id : userIds)
        request.add_user_ids(id);
    m_connection.call<rpc::ChangeMembers>(request, this, [this, groupId, done](RpcResult<pb::ChangeMembersResponse> r) {
        if (r.ok()) {
            m_model.setListedVersion(groupId, r.value.version());
            if (m_model.group(groupId))
                fetchOutdatedDetails();
            if (m_members.contains(groupId))
                pullMembers(groupId);
        }
        done(r.error, groupId);
    });
}

void GroupSync::leave(quint64 groupId, QObject *context, Done done)
{
    done = guarded(context, std::move(done));
    changeMembers(groupId, pb::MEMBER_CHANGE_REMOVE, {m_selfId}, this, [this, groupId, done](pb::ErrorCode e, quint64) {
        if (e == pb::ERROR_NONE)
            forget(groupId);
        done(e, groupId);
    });
}

void GroupSync::update(quint64 groupId, std::optional<QString> name, std::optional<QString> announcement,
                       QObject *context, Done done)
{
    done = guarded(context, std::move(done));
    pb::UpdateGroupRequest request;
    request.set_group_id(groupId);
    if (name)
        request.set_name(name->toStdString());
    if (announcement)
        request.set_announcement(announcement->toStdString());
    m_connection.call<rpc::UpdateGroup>(request, this, [this, groupId, done](RpcResult<pb::UpdateGroupResponse> r) {
        if (r.ok()) {
            m_model.setInfo(r.value.group(), true);
            storeInfo(r.value.group());
        }
        done(r.error, groupId);
    });
}

void GroupSync::dissolve(quint64 groupId, QObject *context, Done done)
{
    done = guarded(context, std::move(done));
    pb::DissolveGroupRequest request;
    request.set_group_id(groupId);
    m_connection.call<rpc::DissolveGroup>(request, this, [this, groupId, done](RpcResult<pb::DissolveGroupResponse> r) {
        if (r.ok())
            forget(groupId);
        done(r.error, groupId);
    });
}

} // namespace confab::client
