// The messaging half of the cache: sessions, buddies, groups and their members, messages and their search index.
#include "cache/cachedatabase.h"
#include "cache/cacherows.h"

namespace confab::client {

using namespace cacherows;

CachedMessaging CacheDatabase::loadMessaging()
{
    CachedMessaging cached;
    QSqlQuery &sessions = run(QStringLiteral("SELECT data FROM sessions"));
    while (sessions.next())
        cached.sessions.push_back(parse<pb::Session>(sessions.value(0)));
    QSqlQuery &buddies = run(QStringLiteral("SELECT data FROM buddies"));
    while (buddies.next())
        cached.buddies.push_back(parse<pb::Buddy>(buddies.value(0)));
    QSqlQuery &groups = run(QStringLiteral("SELECT id, version, info, members_version FROM groups"));
    while (groups.next()) {
        CachedGroup group;
        group.id = groups.value(0).toULongLong();
        group.listedVersion = groups.value(1).toULongLong();
        if (!groups.value(2).isNull())
            group.info = parse<pb::GroupInfo>(groups.value(2));
        group.membersVersion = groups.value(3).toULongLong();
        cached.groups.push_back(std::move(group));
    }
    cached.sessionsCursor = cursor(pb::DATA_SET_SESSIONS);
    cached.buddiesCursor = cursor(pb::DATA_SET_BUDDIES);
    cached.groupsCursor = cursor(pb::DATA_SET_GROUPS);
    return cached;
}

void CacheDatabase::applySessionsPage(bool restart, const std::vector<pb::Session> &rows,
                                      const std::vector<pb::Conversation> &removed, quint64 cursor)
{
    inTransaction([&] {
        if (restart)
            exec(QStringLiteral("DELETE FROM sessions"));
        for (const pb::Session &session : rows)
            putSession(session);
        for (const pb::Conversation &conversation : removed)
            removeSession(ConversationId::of(conversation));
        setCursor(pb::DATA_SET_SESSIONS, cursor);
    });
}

void CacheDatabase::putSession(const pb::Session &session)
{
    run(QStringLiteral("INSERT OR REPLACE INTO sessions (type, peer, data) VALUES (?, ?, ?)"),
        {int(session.conversation().type()), id(session.conversation().peer_id()), serialise(session)});
}

void CacheDatabase::removeSession(ConversationId conversation)
{
    run(QStringLiteral("DELETE FROM sessions WHERE type = ? AND peer = ?"),
        {int(conversation.type), id(conversation.peer)});
}

void CacheDatabase::putBuddy(const pb::Buddy &buddy)
{
    run(QStringLiteral("INSERT OR REPLACE INTO buddies (id, data) VALUES (?, ?)"),
        {id(buddy.user_id()), serialise(buddy)});
}

void CacheDatabase::removeBuddy(quint64 userId)
{
    run(QStringLiteral("DELETE FROM buddies WHERE id = ?"), {id(userId)});
}

void CacheDatabase::applyGroupsPage(bool restart, const std::vector<pb::GroupVersion> &rows,
                                    const std::vector<quint64> &removed, quint64 cursor)
{
    inTransaction([&] {
        if (restart) {
            exec(QStringLiteral("DELETE FROM groups"));
            exec(QStringLiteral("DELETE FROM group_members"));
        }
        for (const pb::GroupVersion &group : rows)
            run(QStringLiteral("INSERT INTO groups (id, version) VALUES (?, ?)"
                               " ON CONFLICT (id) DO UPDATE SET version = excluded.version"),
                {id(group.group_id()), id(group.version())});
        for (quint64 groupId : removed)
            removeGroup(groupId);
        setCursor(pb::DATA_SET_GROUPS, cursor);
    });
}

void CacheDatabase::putGroupInfo(const pb::GroupInfo &info)
{
    run(QStringLiteral("INSERT INTO groups (id, version, info) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                       " version = max(version, excluded.version), info = excluded.info"),
        {id(info.id()), id(info.version()), serialise(info)});
}

void CacheDatabase::removeGroup(quint64 groupId)
{
    run(QStringLiteral("DELETE FROM groups WHERE id = ?"), {id(groupId)});
    run(QStringLiteral("DELETE FROM group_members WHERE group_id = ?"), {id(groupId)});
}

void CacheDatabase::applyGroupMembers(quint64 groupId, bool full, const std::vector<pb::GroupMember> &members,
                                      const std::vector<pb::MemberEvent> &events, quint64 version)
{
    const QString upsert =
        QStringLiteral("INSERT OR REPLACE INTO group_members (group_id, user_id, data) VALUES (?, ?, ?)");
    inTransaction([&] {
        if (full)
            run(QStringLiteral("DELETE FROM group_members WHERE group_id = ?"), {id(groupId)});
        for (const pb::GroupMember &member : members)
            run(upsert, {id(groupId), id(member.user_id()), serialise(member)});
        for (const pb::MemberEvent &event : events) {
            if (event.change() == pb::MEMBER_CHANGE_REMOVE)
                run(QStringLiteral("DELETE FROM group_members WHERE group_id = ? AND user_id = ?"),
                    {id(groupId), id(event.member().user_id())});
            else
                run(upsert, {id(groupId), id(event.member().user_id()), serialise(event.member())});
        }
        run(QStringLiteral("UPDATE groups SET members_version = ? WHERE id = ?"), {id(version), id(groupId)});
    });
}

std::vector<pb::GroupMember> CacheDatabase::loadGroupMembers(quint64 groupId, quint64 *version)
{
    std::vector<pb::GroupMember> members;
    QSqlQuery &q = run(QStringLiteral("SELECT data FROM group_members WHERE group_id = ?"), {id(groupId)});
    while (q.next())
        members.push_back(parse<pb::GroupMember>(q.value(0)));
    if (version) {
        QSqlQuery &v = run(QStringLiteral("SELECT members_version FROM groups WHERE id = ?"), {id(groupId)});
        *version = v.next() ? v.value(0).toULongLong() : 0;
        v.finish();
    }
    return members;
}

void CacheDatabase::putMessages(const std::vector<pb::Message> &messages)
{
    inTransaction([&] {
        for (const pb::Message &m : messages)
            run(QStringLiteral("INSERT INTO messages (type, peer, id, text, data) VALUES (?, ?, ?, ?, ?)"
                               " ON CONFLICT DO NOTHING"),
                {int(m.conversation().type()), id(m.conversation().peer_id()), id(m.id()),
                 QString::fromStdString(m.text()), serialise(m)});
    });
}

std::vector<pb::Message> CacheDatabase::loadMessages(ConversationId conversation, quint64 beforeId, int limit)
{
    std::vector<pb::Message> messages;
    QSqlQuery &q = run(QStringLiteral("SELECT data FROM messages WHERE type = ? AND peer = ? AND id < ?"
                                      " ORDER BY id DESC LIMIT ?"),
                       {int(conversation.type), id(conversation.peer),
                        id(beforeId == 0 ? std::numeric_limits<qint64>::max() : beforeId), limit});
    while (q.next())
        messages.push_back(parse<pb::Message>(q.value(0)));
    std::reverse(messages.begin(), messages.end());
    return messages;
}

quint64 CacheDatabase::newestMessageId(ConversationId conversation)
{
    QSqlQuery &q = run(QStringLiteral("SELECT max(id) FROM messages WHERE type = ? AND peer = ?"),
                       {int(conversation.type), id(conversation.peer)});
    const quint64 newest = q.next() ? q.value(0).toULongLong() : 0;
    q.finish();
    return newest;
}

std::vector<MessageHit> CacheDatabase::searchMessages(const QString &text, int limit)
{
    std::vector<MessageHit> hits;
    const QString phrase = text.simplified();
    if (phrase.isEmpty())
        return hits;
    QSqlQuery *q = nullptr;
    if (phrase.size() >= 3) {
        // The phrase as one quoted FTS5 string: whatever the person typed is text, never query syntax.
        QString quoted = phrase;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        q = &run(QStringLiteral("SELECT m.data, snippet(message_search, 0, '', '', '…', 12) FROM message_search"
                                " JOIN messages m ON m.rowid = message_search.rowid WHERE message_search MATCH ?"
                                " ORDER BY m.rowid DESC LIMIT ?"),
                 {QLatin1Char('"') + quoted + QLatin1Char('"'), limit});
    } else {
        QString pattern = phrase;
        pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('%'), QStringLiteral("\\%"))
            .replace(QLatin1Char('_'), QStringLiteral("\\_"));
        q = &run(QStringLiteral("SELECT data, text FROM messages WHERE text LIKE ? ESCAPE '\\'"
                                " ORDER BY rowid DESC LIMIT ?"),
                 {QLatin1Char('%') + pattern + QLatin1Char('%'), limit});
    }
    while (q->next())
        hits.push_back({parse<pb::Message>(q->value(0)), q->value(1).toString()});
    return hits;
}

std::vector<quint64> CacheDatabase::searchPeople(const QString &text, int limit)
{
    // Each word typed as a quoted prefix: "wang li" finds Wang Li, "zs" finds Zhang San by initials, and whatever
    // was typed is text, never FTS query syntax (quotes and operators are not letters, so they never get in).
    // Words are cut where the index's tokenizer cuts them (at anything but letters and digits), so that
    // "zs@example" is two prefixes rather than a phrase, which an index without positions cannot answer.
    QStringList terms;
    QString word;
    const auto endWord = [&] {
        if (!word.isEmpty())
            terms.append(QLatin1Char('"') + word + QStringLiteral("\"*"));
        word.clear();
    };
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c.isMark())
            word += c;
        else
            endWord();
    }
    endWord();
    std::vector<quint64> ids;
    if (terms.isEmpty())
        return ids;
    QSqlQuery &q =
        run(QStringLiteral("SELECT rowid FROM people_search WHERE people_search MATCH ? ORDER BY rank LIMIT ?"),
            {terms.join(QLatin1Char(' ')), limit});
    while (q.next())
        ids.push_back(q.value(0).toULongLong());
    return ids;
}

} // namespace confab::client
