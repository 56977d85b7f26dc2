// SqliteStore: groups, their members and the membership events between versions.
//
// A group's version moves on every change of its details or members; `group_events` keeps what each version did
// to whom, so that a member holding version N learns only the events after it. Each member's groups data set is
// derived like sessions: a membership row or its group stamped after the cursor, plus tombstones for groups the
// user left, was removed from, or that were dissolved.
#include "store/blob.h"
#include "store/sqlitestore.h"

#include <QSqlQuery>

namespace confab::server {

namespace {

pb::GroupInfo readGroup(const QSqlQuery &q)
{
    // Columns: id, version, name, avatar_url, owner_id, announcement, member_count, created_ms, dissolved.
    pb::GroupInfo g;
    g.set_id(q.value(0).toULongLong());
    g.set_version(q.value(1).toULongLong());
    g.set_name(q.value(2).toString().toStdString());
    g.set_avatar_url(q.value(3).toString().toStdString());
    g.set_owner_id(q.value(4).toULongLong());
    g.set_announcement(q.value(5).toString().toStdString());
    g.set_member_count(q.value(6).toUInt());
    g.set_created_ms(q.value(7).toLongLong());
    g.set_dissolved(q.value(8).toBool());
    return g;
}

pb::MemberEvent event(quint64 version, pb::MemberChange change, quint64 userId, pb::GroupRole role, qint64 joinedMs)
{
    pb::MemberEvent e;
    e.set_version(version);
    e.set_change(change);
    e.mutable_member()->set_user_id(userId);
    e.mutable_member()->set_role(role);
    e.mutable_member()->set_joined_ms(joinedMs);
    return e;
}

} // namespace

void SqliteStore::joinGroupSession(quint64 userId, quint64 conversationId, Cursor stamp)
{
    // A (re)joining member starts with nothing unread: what was said before they came is history, not news.
    // (Qt counts every `?` as a parameter of its own, so repeated values are passed again rather than numbered.)
    run("INSERT INTO group_sessions (user_id, conversation_id, read_cursor, stamp)"
        " VALUES (?, ?, (SELECT latest_id FROM conversations WHERE id = ?), ?)"
        " ON CONFLICT (user_id, conversation_id) DO UPDATE SET active = 1, removed_at = NULL,"
        " read_cursor = max(read_cursor, excluded.read_cursor), stamp = excluded.stamp",
        {userId, conversationId, conversationId, stamp.value()});
}

void SqliteStore::leaveGroup(quint64 groupId, quint64 userId, Cursor groupsStamp, Cursor sessionsStamp)
{
    run("DELETE FROM group_members WHERE group_id = ? AND user_id = ?", {groupId, userId});
    addTombstone(pb::DATA_SET_GROUPS, userId, groupId, groupsStamp);
    run("UPDATE group_sessions SET active = 0, stamp = ? WHERE user_id = ? AND conversation_id = ?",
        {sessionsStamp.value(), userId, conversationId(ConversationKey::group(groupId), true)});
}

Store::CreatedGroup SqliteStore::createGroup(quint64 ownerId, const pb::CreateGroupRequest &request, qint64 nowMs)
{
    CreatedGroup created;
    if (!request.client_request_id().empty()) {
        QSqlQuery &q = run("SELECT id FROM chat_groups WHERE owner_id = ? AND request_id = ?",
                           {ownerId, QString::fromStdString(request.client_request_id())});
        if (q.next()) {
            const quint64 id = q.value(0).toULongLong();
            q.finish();
            created.group = *group(id, ownerId);
            created.created = false;
            return created;
        }
    }
    const Cursor groupsStamp = nextSharedCursor(pb::DATA_SET_GROUPS);
    const Cursor sessionsStamp = nextSharedCursor(pb::DATA_SET_SESSIONS);
    std::vector<quint64> members{ownerId};
    for (quint64 id : request.member_ids()) {
        if (std::find(members.begin(), members.end(), id) == members.end())
            members.push_back(id);
    }
    QSqlQuery &insert =
        run("INSERT INTO chat_groups (name, avatar_url, owner_id, announcement, created_ms, version,"
            " member_count, request_id, stamp) VALUES (?, ?, ?, '', ?, 1, ?, ?, ?)",
            {QString::fromStdString(request.name()), QString::fromStdString(request.avatar_url()), ownerId, nowMs,
             qint64(members.size()), QString::fromStdString(request.client_request_id()), groupsStamp.value()});
    const quint64 groupId = insert.lastInsertId().toULongLong();
    const quint64 conversation = conversationId(ConversationKey::group(groupId), true);
    for (quint64 userId : members) {
        const pb::GroupRole role = userId == ownerId ? pb::GROUP_ROLE_OWNER : pb::GROUP_ROLE_MEMBER;
        run("INSERT INTO group_members (group_id, user_id, role, joined_ms, stamp) VALUES (?, ?, ?, ?, ?)",
            {groupId, userId, int(role), nowMs, groupsStamp.value()});
        run("INSERT INTO group_events (group_id, version, user_id, change, role, joined_ms) VALUES (?, 1, ?, ?, ?, ?)",
            {groupId, userId, int(pb::MEMBER_CHANGE_ADD), int(role), nowMs});
        joinGroupSession(userId, conversation, sessionsStamp);
        created.events.push_back(event(1, pb::MEMBER_CHANGE_ADD, userId, role, nowMs));
    }
    created.group = *group(groupId, ownerId);
    return created;
}

std::optional<pb::GroupInfo> SqliteStore::group(quint64 groupId, quint64 viewerId)
{
    QSqlQuery &q = run("SELECT id, version, name, avatar_url, owner_id, announcement, member_count, created_ms,"
                       " dissolved FROM chat_groups WHERE id = ?",
                       {groupId});
    if (!q.next())
        return std::nullopt;
    pb::GroupInfo g = readGroup(q);
    q.finish();
    QSqlQuery &muted = run("SELECT s.muted FROM group_sessions s JOIN conversations c ON c.id = s.conversation_id"
                           " WHERE s.user_id = ? AND c.type = ? AND c.a = ? AND c.b = 0",
                           {viewerId, int(pb::SESSION_TYPE_GROUP), groupId});
    g.set_muted(muted.next() && muted.value(0).toBool());
    muted.finish();
    return g;
}

std::optional<pb::GroupRole> SqliteStore::memberRole(quint64 groupId, quint64 userId)
{
    QSqlQuery &q = run("SELECT role FROM group_members WHERE group_id = ? AND user_id = ?", {groupId, userId});
    if (!q.next())
        return std::nullopt;
    const auto role = pb::GroupRole(q.value(0).toInt());
    q.finish();
    return role;
}

std::vector<quint64> SqliteStore::groupMemberIds(quint64 groupId)
{
    std::vector<quint64> ids;
    QSqlQuery &q = run("SELECT user_id FROM group_members WHERE group_id = ?", {groupId});
    while (q.next())
        ids.push_back(q.value(0).toULongLong());
    return ids;
}

std::vector<pb::MemberEvent> SqliteStore::changeMembers(quint64 groupId, pb::MemberChange change,
                                                        const std::vector<quint64> &userIds, pb::GroupRole role,
                                                        qint64 nowMs)
{
    std::vector<pb::MemberEvent> events;
    QSqlQuery &q = run("SELECT version FROM chat_groups WHERE id = ? AND NOT dissolved", {groupId});
    if (!q.next())
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no group %1").arg(groupId));
    const quint64 version = q.value(0).toULongLong() + 1;
    q.finish();
    const Cursor groupsStamp = nextSharedCursor(pb::DATA_SET_GROUPS);
    const Cursor sessionsStamp = nextSharedCursor(pb::DATA_SET_SESSIONS);
    const quint64 conversation = conversationId(ConversationKey::group(groupId), true);
    const auto record = [&](pb::MemberChange kind, quint64 who, pb::GroupRole itsRole, qint64 joinedMs) {
        events.push_back(event(version, kind, who, itsRole, joinedMs));
        run("INSERT INTO group_events (group_id, version, user_id, change, role, joined_ms) VALUES (?, ?, ?, ?, ?, ?)",
            {groupId, version, who, int(kind), int(itsRole), joinedMs});
    };
    const auto setRole = [&](quint64 who, pb::GroupRole newRole) {
        run("UPDATE group_members SET role = ?, stamp = ? WHERE group_id = ? AND user_id = ?",
            {int(newRole), groupsStamp.value(), groupId, who});
        record(pb::MEMBER_CHANGE_ROLE, who, newRole, 0);
    };
    for (quint64 userId : userIds) {
        const std::optional<pb::GroupRole> current = memberRole(groupId, userId);
        switch (change) {
        case pb::MEMBER_CHANGE_ADD:
            if (current)
                continue;
            run("INSERT INTO group_members (group_id, user_id, role, joined_ms, stamp) VALUES (?, ?, ?, ?, ?)",
                {groupId, userId, int(pb::GROUP_ROLE_MEMBER), nowMs, groupsStamp.value()});
            dropTombstone(pb::DATA_SET_GROUPS, userId, groupId);
            joinGroupSession(userId, conversation, sessionsStamp);
            record(change, userId, pb::GROUP_ROLE_MEMBER, nowMs);
            break;
        case pb::MEMBER_CHANGE_REMOVE:
            if (!current)
                continue;
            leaveGroup(groupId, userId, groupsStamp, sessionsStamp);
            record(change, userId, *current, 0);
            break;
        case pb::MEMBER_CHANGE_ROLE:
            if (!current || *current == role)
                continue;
            if (*current == pb::GROUP_ROLE_OWNER || role == pb::GROUP_ROLE_OWNER)
                throw StoreError(StoreError::Kind::Invalid, QStringLiteral("ownership changes only by transfer"));
            setRole(userId, role);
            break;
        case pb::MEMBER_CHANGE_TRANSFER_OWNERSHIP: {
            // One version, two role events: the new owner, and the old one staying on as an admin. Clients that
            // know role events need nothing new.
            if (!current || *current == pb::GROUP_ROLE_OWNER)
                continue;
            const std::optional<pb::GroupInfo> g = group(groupId, 0);
            if (!g)
                throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no group %1").arg(groupId));
            setRole(g->owner_id(), pb::GROUP_ROLE_ADMIN);
            setRole(userId, pb::GROUP_ROLE_OWNER);
            run("UPDATE chat_groups SET owner_id = ? WHERE id = ?", {userId, groupId});
            break;
        }
        default:
            throw StoreError(StoreError::Kind::Invalid, QStringLiteral("unknown membership change"));
        }
    }
    if (!events.empty())
        run("UPDATE chat_groups SET version = ?, stamp = ?,"
            " member_count = (SELECT count(*) FROM group_members WHERE group_id = ?) WHERE id = ?",
            {version, groupsStamp.value(), groupId, groupId});
    return events;
}

pb::GroupInfo SqliteStore::updateGroup(quint64 groupId, const pb::UpdateGroupRequest &request)
{
    std::optional<pb::GroupInfo> g = group(groupId, 0);
    if (!g || g->dissolved())
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no group %1").arg(groupId));
    if (request.has_name())
        g->set_name(request.name());
    if (request.has_announcement())
        g->set_announcement(request.announcement());
    if (request.has_avatar_url())
        g->set_avatar_url(request.avatar_url());
    g->set_version(g->version() + 1);
    const Cursor stamp = nextSharedCursor(pb::DATA_SET_GROUPS);
    run("UPDATE chat_groups SET name = ?, announcement = ?, avatar_url = ?, version = ?, stamp = ? WHERE id = ?",
        {QString::fromStdString(g->name()), QString::fromStdString(g->announcement()),
         QString::fromStdString(g->avatar_url()), quint64(g->version()), stamp.value(), groupId});
    return *g;
}

std::vector<quint64> SqliteStore::dissolveGroup(quint64 groupId)
{
    std::vector<quint64> members = groupMemberIds(groupId);
    const Cursor groupsStamp = nextSharedCursor(pb::DATA_SET_GROUPS);
    const Cursor sessionsStamp = nextSharedCursor(pb::DATA_SET_SESSIONS);
    for (quint64 userId : members)
        leaveGroup(groupId, userId, groupsStamp, sessionsStamp);
    run("UPDATE chat_groups SET dissolved = 1, member_count = 0, version = version + 1, stamp = ? WHERE id = ?",
        {groupsStamp.value(), groupId});
    return members;
}

ChangePage<pb::GroupVersion> SqliteStore::groupsSince(quint64 userId, Cursor since, const PageLimits &limits)
{
    return changesSince<pb::GroupVersion>(
        pb::DATA_SET_GROUPS, userId, since, limits,
        "SELECT max(m.stamp, g.stamp) AS cursor, g.id, g.version FROM group_members m"
        " JOIN chat_groups g ON g.id = m.group_id WHERE m.user_id = ? AND max(m.stamp, g.stamp) > ?"
        " ORDER BY cursor LIMIT ?",
        "SELECT count(*) FROM group_members WHERE user_id = ?", {userId},
        [](const QSqlQuery &q) {
            pb::GroupVersion v;
            v.set_group_id(q.value(1).toULongLong());
            v.set_version(q.value(2).toULongLong());
            return v;
        },
        0);
}

pb::GroupMembersResponse SqliteStore::groupMembers(quint64 groupId, quint64 sinceVersion, int limit)
{
    pb::GroupMembersResponse response;
    response.set_group_id(groupId);
    QSqlQuery &v = run("SELECT version FROM chat_groups WHERE id = ?", {groupId});
    const quint64 current = v.next() ? v.value(0).toULongLong() : 0;
    v.finish();
    if (sinceVersion == 0 || sinceVersion > current) {
        // The whole list: a few bytes a member, so even a 2,000-member group is one small frame.
        response.set_full(true);
        response.set_version(current);
        QSqlQuery &q =
            run("SELECT user_id, role, joined_ms FROM group_members WHERE group_id = ? ORDER BY user_id", {groupId});
        while (q.next()) {
            pb::GroupMember *m = response.add_members();
            m->set_user_id(q.value(0).toULongLong());
            m->set_role(pb::GroupRole(q.value(1).toInt()));
            m->set_joined_ms(q.value(2).toLongLong());
        }
        return response;
    }
    // Whole versions only: a client applies a version's events together and then holds that version.
    response.set_version(sinceVersion);
    QSqlQuery &q = run("SELECT version, change, user_id, role, joined_ms FROM group_events"
                       " WHERE group_id = ? AND version > ? ORDER BY version, user_id",
                       {groupId, sinceVersion});
    while (q.next()) {
        const quint64 version = q.value(0).toULongLong();
        if (version != response.version() && response.events_size() >= limit) {
            response.set_has_more(true);
            break;
        }
        *response.add_events() = event(version, pb::MemberChange(q.value(1).toInt()), q.value(2).toULongLong(),
                                       pb::GroupRole(q.value(3).toInt()), q.value(4).toLongLong());
        response.set_version(version);
    }
    q.finish();
    // Versions that only changed details have no events; the client still ends at the current version.
    if (!response.has_more())
        response.set_version(current);
    return response;
}

} // namespace confab::server
