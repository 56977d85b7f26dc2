// SqliteStore: messages and each user's sessions (recent conversations, read cursors, pins, mutes).
//
// A conversation row holds its latest id and the stamp of its last message in the sessions sequence. A user's view
// of it (read cursor, pin, mute, removal, and the stamp of that user's last change to them) is a `group_sessions`
// row for a group member, and the a_* or b_* columns of the row itself for the two people of a one-to-one
// conversation; `user_sessions` reads both alike. A user's sessions changed after cursor C are those whose own
// stamp or whose conversation's stamp is after C, so a message to a 2,000-member group writes one message row and
// one conversation row, and every member's sessions still move; a first message to someone writes one row.
#include "store/blob.h"
#include "store/sqlitestore.h"

#include <QSqlQuery>

#include <optional>

namespace confab::server {

namespace {

// Sessions carry a preview, not the whole of a 32 KiB message.
constexpr int kPreviewChars = 256;

// Where SqliteStore::m_conversations keeps a conversation; looked up and filled in more than one place.
std::pair<quint64, quint64> cacheKeyOf(const ConversationKey &key)
{
    return {key.a, key.b};
}

// Of `user_sessions`.
constexpr const char *kSessionColumns =
    "read_cursor, pinned, muted, removed_at, active, latest_id, last_ms, conversation_id, type, a, b";

} // namespace

Cursor SqliteStore::nextSharedCursor(pb::DataSet dataSet)
{
    auto it = m_sharedCursors.find(int(dataSet));
    if (it == m_sharedCursors.end())
        it = m_sharedCursors.insert(int(dataSet), lastCursor(dataSet, 0));
    *it = Cursor::after(*it, m_clock());
    m_direct.exec("INSERT INTO data_sets (data_set, scope, last_cursor) VALUES (?, 0, ?)"
                  " ON CONFLICT (data_set, scope) DO UPDATE SET last_cursor = excluded.last_cursor",
                  {qint64(dataSet), qint64(it->value())});
    return *it;
}

SqliteStore::ConversationState *SqliteStore::conversationState(const ConversationKey &key, bool create)
{
    const auto cacheKey = cacheKeyOf(key);
    auto it = m_conversations.find(cacheKey);
    if (it != m_conversations.end())
        return &*it;
    // A first message to someone comes here before anything else it writes, so these statements go straight to
    // SQLite too (see DirectStatements).
    std::optional<ConversationState> found;
    m_direct.query("SELECT id, latest_id FROM conversations WHERE type = ? AND a = ? AND b = ?",
                   {qint64(key.type), qint64(key.a), qint64(key.b)}, [&](const DirectStatements::Row &row) {
                       found = ConversationState{quint64(row.integer(0)), quint64(row.integer(1))};
                       return false;
                   });
    if (!found && !create)
        return nullptr;
    if (!found) {
        m_direct.exec("INSERT INTO conversations (type, a, b) VALUES (?, ?, ?)",
                      {qint64(key.type), qint64(key.a), qint64(key.b)});
        found = ConversationState{quint64(m_direct.lastInsertRowId()), 0};
    }
    return &*m_conversations.insert(cacheKey, *found);
}

quint64 SqliteStore::conversationId(const ConversationKey &key, bool create)
{
    const ConversationState *state = conversationState(key, create);
    return state ? state->rowId : 0;
}

pb::Message SqliteStore::readMessage(const QSqlQuery &q, const ConversationKey &key, quint64 viewerId)
{
    // Columns: body, sender_id, client_msg_id.
    pb::Message m = parseBlob<pb::Message>(q.value(0), "message");
    *m.mutable_conversation() = key.viewFor(viewerId);
    if (q.value(1).toULongLong() == viewerId)
        m.set_client_msg_id(q.value(2).toString().toStdString());
    return m;
}

std::optional<pb::Message> SqliteStore::messageByClientId(quint64 senderId, const std::string &clientMsgId)
{
    // Asked before every send, like the statements of appendMessage: straight to SQLite (see DirectStatements).
    std::optional<pb::Message> found;
    m_direct.query("SELECT m.body, c.type, c.a, c.b FROM messages m JOIN conversations c ON c.id = m.conversation_id"
                   " WHERE m.sender_id = ? AND m.client_msg_id = ?",
                   {qint64(senderId), std::string_view(clientMsgId)}, [&](const DirectStatements::Row &row) {
                       pb::Message m = parseBlob<pb::Message>(row.blob(0), "message");
                       const ConversationKey key{pb::SessionType(row.integer(1)), quint64(row.integer(2)),
                                                 quint64(row.integer(3))};
                       *m.mutable_conversation() = key.viewFor(senderId);
                       m.set_client_msg_id(clientMsgId); // the sender's own, as readMessage gives it to them
                       found = std::move(m);
                       return false;
                   });
    return found;
}

void SqliteStore::appendMessage(const ConversationKey &key, pb::Message &message, qint64 nowMs)
{
    // The statements every send runs go straight to SQLite (see DirectStatements).
    const quint64 sender = message.sender_id();
    const bool senderIsA = sender == key.a;
    const qint64 stamp = qint64(nextSharedCursor(pb::DATA_SET_SESSIONS).value());
    // A one-to-one conversation begins with its first message: its row is born with what the UPDATE below would
    // set, the sender's read cursor included.
    ConversationState *state = conversationState(key, key.isGroup());
    if (!state) {
        m_direct.exec(senderIsA ? "INSERT INTO conversations (type, a, b, latest_id, last_ms, stamp, a_read_cursor)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?)"
                                : "INSERT INTO conversations (type, a, b, latest_id, last_ms, stamp, b_read_cursor)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?)",
                      {qint64(key.type), qint64(key.a), qint64(key.b), 1, nowMs, stamp, 1});
        state = &*m_conversations.insert(cacheKeyOf(key), ConversationState{quint64(m_direct.lastInsertRowId()), 1});
    } else if (key.isGroup()) {
        ++state->latestId;
        m_direct.exec("UPDATE conversations SET latest_id = ?, last_ms = ?, stamp = ? WHERE id = ?",
                      {qint64(state->latestId), nowMs, stamp, qint64(state->rowId)});
        m_direct.exec("UPDATE group_sessions SET read_cursor = ? WHERE user_id = ? AND conversation_id = ?",
                      {qint64(state->latestId), qint64(sender), qint64(state->rowId)});
    } else {
        ++state->latestId;
        m_direct.exec(senderIsA ? "UPDATE conversations SET latest_id = ?, last_ms = ?, stamp = ?, a_read_cursor = ?"
                                  " WHERE id = ?"
                                : "UPDATE conversations SET latest_id = ?, last_ms = ?, stamp = ?, b_read_cursor = ?"
                                  " WHERE id = ?",
                      {qint64(state->latestId), nowMs, stamp, qint64(state->latestId), qint64(state->rowId)});
    }
    const quint64 conversation = state->rowId;
    const quint64 id = state->latestId;

    message.set_id(id);
    message.set_sent_ms(nowMs);
    const std::string clientMsgId = message.client_msg_id();
    message.clear_conversation();
    message.clear_client_msg_id();
    const QByteArray body = serialise(message);
    m_direct.exec("INSERT INTO messages (conversation_id, id, sender_id, client_msg_id, body) VALUES (?, ?, ?, ?, ?)",
                  {qint64(conversation), qint64(id), qint64(message.sender_id()), std::string_view(clientMsgId),
                   DirectStatements::Blob{body}});
    *message.mutable_conversation() = key.viewFor(message.sender_id());
    message.set_client_msg_id(clientMsgId);
}

quint64 SqliteStore::latestMessageId(const ConversationKey &key)
{
    const ConversationState *state = conversationState(key, false);
    return state ? state->latestId : 0;
}

std::vector<pb::Message> SqliteStore::history(const ConversationKey &key, quint64 viewerId, quint64 fromId, int limit,
                                              bool forward)
{
    std::vector<pb::Message> page;
    const quint64 conversation = conversationId(key, false);
    if (conversation == 0)
        return page;
    QSqlQuery &q = forward
                       ? run("SELECT body, sender_id, client_msg_id FROM messages"
                             " WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?",
                             {conversation, fromId, limit})
                       : run("SELECT body, sender_id, client_msg_id FROM messages"
                             " WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                             {conversation, fromId == 0 ? std::numeric_limits<qint64>::max() : qint64(fromId), limit});
    while (q.next())
        page.push_back(readMessage(q, key, viewerId));
    return page;
}

std::vector<pb::Message> SqliteStore::messagesById(const ConversationKey &key, quint64 viewerId,
                                                   const std::vector<quint64> &ids)
{
    std::vector<pb::Message> found;
    const quint64 conversation = conversationId(key, false);
    if (conversation == 0)
        return found;
    for (quint64 id : ids) {
        QSqlQuery &q = run("SELECT body, sender_id, client_msg_id FROM messages WHERE conversation_id = ? AND id = ?",
                           {conversation, id});
        if (q.next())
            found.push_back(readMessage(q, key, viewerId));
        q.finish();
    }
    return found;
}

// --- sessions -------------------------------------------------------------------------------------------------

pb::Session SqliteStore::readSession(const QSqlQuery &q, int first, const ConversationKey &key, quint64 userId)
{
    // Columns from `first`: kSessionColumns.
    pb::Session s;
    *s.mutable_conversation() = key.viewFor(userId);
    const quint64 readCursor = q.value(first).toULongLong();
    const quint64 latest = q.value(first + 5).toULongLong();
    s.set_read_cursor(readCursor);
    s.set_pinned(q.value(first + 1).toBool());
    s.set_muted(q.value(first + 2).toBool());
    s.set_latest_id(latest);
    s.set_unread(latest > readCursor ? latest - readCursor : 0);
    s.set_updated_ms(q.value(first + 6).toLongLong());
    if (latest > 0) {
        QSqlQuery &last =
            run("SELECT body, sender_id, client_msg_id FROM messages WHERE conversation_id = ? AND id = ?",
                {q.value(first + 7), latest});
        if (last.next()) {
            pb::Message m = readMessage(last, key, userId);
            if (m.text().size() > size_t(kPreviewChars)) {
                QString text = QString::fromStdString(m.text()).left(kPreviewChars);
                if (text.back().isHighSurrogate())
                    text.chop(1);
                m.set_text(text.toStdString());
            }
            *s.mutable_last_message() = std::move(m);
        }
        last.finish();
    }
    return s;
}

std::optional<pb::Session> SqliteStore::session(quint64 userId, const ConversationKey &key)
{
    const QString sql =
        QStringLiteral("SELECT %1 FROM user_sessions WHERE user_id = ? AND type = ? AND a = ? AND b = ?")
            .arg(QLatin1String(kSessionColumns));
    static const QByteArray sqlBytes = sql.toLatin1();
    QSqlQuery &q = run(sqlBytes.constData(), {userId, int(key.type), key.a, key.b});
    if (!q.next())
        return std::nullopt;
    const bool active = q.value(4).toBool();
    std::optional<pb::Session> s;
    if (active)
        s = readSession(q, 0, key, userId);
    q.finish();
    return s;
}

ChangePage<pb::Session, pb::Conversation> SqliteStore::sessionsSince(quint64 userId, Cursor since,
                                                                     const PageLimits &limits)
{
    ChangePage<pb::Session, pb::Conversation> page;
    const Cursor last = lastCursor(pb::DATA_SET_SESSIONS, 0);
    if (!since.isNull() && since > last) {
        page.reset = true; // a cursor this server never issued
        since = Cursor();
    }
    const bool full = since.isNull();
    static const QByteArray sql =
        QStringLiteral("SELECT max(stamp, conversation_stamp) AS cursor, %1 FROM user_sessions"
                       " WHERE user_id = ? AND (stamp > ? OR (active AND conversation_stamp > ?))"
                       " ORDER BY cursor LIMIT ?")
            .arg(QLatin1String(kSessionColumns))
            .toLatin1();
    QSqlQuery &q = run(sql.constData(), {userId, since.value(), since.value(), limits.rows + 1});
    page.cursor = since;
    qsizetype bytes = 0;
    int taken = 0;
    while (q.next()) {
        if (taken == limits.rows) {
            page.hasMore = true;
            break;
        }
        const ConversationKey key{pb::SessionType(q.value(9).toInt()), q.value(10).toULongLong(),
                                  q.value(11).toULongLong()};
        const QVariant removedAt = q.value(4);
        const bool visible =
            q.value(5).toBool() && (removedAt.isNull() || q.value(6).toULongLong() > removedAt.toULongLong());
        if (visible) {
            pb::Session s = readSession(q, 1, key, userId);
            const qsizetype size = qsizetype(s.ByteSizeLong()) + 8;
            if (taken > 0 && bytes + size > limits.bytes) {
                page.hasMore = true;
                break;
            }
            bytes += size;
            page.rows.push_back(std::move(s));
        } else if (!full) {
            bytes += 16;
            page.removed.push_back(key.viewFor(userId));
        }
        page.cursor = Cursor(q.value(0).toULongLong());
        ++taken;
    }
    q.finish();
    // Everything after `since` is in this page: nothing of this user's lies between its last row and the newest
    // stamp issued, so the client may hold that (and need not start over when it has no sessions yet).
    if (!page.hasMore && last > page.cursor)
        page.cursor = last;
    return page;
}

quint64 SqliteStore::markRead(quint64 userId, const ConversationKey &key, quint64 upToId)
{
    const quint64 conversation = conversationId(key, false);
    const std::optional<SessionState> view = activeSession(userId, conversation);
    if (!view)
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no session"));
    const quint64 current = view->readCursor;
    const quint64 target = std::min(upToId, view->latestId);
    if (target <= current)
        return current;
    const Cursor stamp = nextSharedCursor(pb::DATA_SET_SESSIONS);
    static constexpr SessionWrite kRead{
        "UPDATE group_sessions SET read_cursor = ?, stamp = ? WHERE user_id = ? AND conversation_id = ?",
        "UPDATE conversations SET a_read_cursor = ?, a_stamp = ? WHERE id = ?",
        "UPDATE conversations SET b_read_cursor = ?, b_stamp = ? WHERE id = ?"};
    writeSession(kRead, userId, key, conversation, {target, stamp.value()});
    return target;
}

Cursor SqliteStore::removeSession(quint64 userId, const ConversationKey &key)
{
    const quint64 conversation = conversationId(key, false);
    const std::optional<SessionState> view = activeSession(userId, conversation);
    if (!view)
        return Cursor();
    const quint64 latest = view->latestId;
    if (view->removedAt && *view->removedAt >= latest)
        return Cursor(); // already hidden
    const Cursor stamp = nextSharedCursor(pb::DATA_SET_SESSIONS);
    static constexpr SessionWrite kRemove{
        "UPDATE group_sessions SET removed_at = ?, read_cursor = max(read_cursor, ?), stamp = ?"
        " WHERE user_id = ? AND conversation_id = ?",
        "UPDATE conversations SET a_removed_at = ?, a_read_cursor = max(a_read_cursor, ?), a_stamp = ? WHERE id = ?",
        "UPDATE conversations SET b_removed_at = ?, b_read_cursor = max(b_read_cursor, ?), b_stamp = ? WHERE id = ?"};
    writeSession(kRemove, userId, key, conversation, {latest, latest, stamp.value()});
    return stamp;
}

Cursor SqliteStore::updateSession(quint64 userId, const ConversationKey &key, std::optional<bool> pinned,
                                  std::optional<bool> muted)
{
    const quint64 conversation = conversationId(key, false);
    const std::optional<SessionState> view = activeSession(userId, conversation);
    if (!view)
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no session"));
    const bool newPinned = pinned.value_or(view->pinned);
    const bool newMuted = muted.value_or(view->muted);
    if (newPinned == view->pinned && newMuted == view->muted)
        return Cursor();
    const Cursor stamp = nextSharedCursor(pb::DATA_SET_SESSIONS);
    static constexpr SessionWrite kPinAndMute{
        "UPDATE group_sessions SET pinned = ?, muted = ?, stamp = ? WHERE user_id = ? AND conversation_id = ?",
        "UPDATE conversations SET a_pinned = ?, a_muted = ?, a_stamp = ? WHERE id = ?",
        "UPDATE conversations SET b_pinned = ?, b_muted = ?, b_stamp = ? WHERE id = ?"};
    writeSession(kPinAndMute, userId, key, conversation, {newPinned, newMuted, stamp.value()});
    return stamp;
}

std::optional<SqliteStore::SessionState> SqliteStore::activeSession(quint64 userId, quint64 conversation)
{
    QSqlQuery &q = run("SELECT read_cursor, latest_id, removed_at, pinned, muted FROM user_sessions"
                       " WHERE user_id = ? AND conversation_id = ? AND active",
                       {userId, conversation});
    if (!q.next())
        return std::nullopt;
    SessionState view;
    view.readCursor = q.value(0).toULongLong();
    view.latestId = q.value(1).toULongLong();
    if (!q.value(2).isNull())
        view.removedAt = q.value(2).toULongLong();
    view.pinned = q.value(3).toBool();
    view.muted = q.value(4).toBool();
    q.finish();
    return view;
}

void SqliteStore::writeSession(const SessionWrite &write, quint64 userId, const ConversationKey &key,
                               quint64 conversation, QVariantList values)
{
    if (key.isGroup()) {
        values << userId << conversation;
        run(write.group, values);
    } else {
        values << conversation;
        run(userId == key.a ? write.sideA : write.sideB, values);
    }
}

std::vector<pb::UnreadCount> SqliteStore::unreadCounts(quint64 userId)
{
    std::vector<pb::UnreadCount> counts;
    QSqlQuery &q = run("SELECT type, a, b, latest_id, read_cursor FROM user_sessions"
                       " WHERE user_id = ? AND active AND latest_id > read_cursor",
                       {userId});
    while (q.next()) {
        const ConversationKey key{pb::SessionType(q.value(0).toInt()), q.value(1).toULongLong(),
                                  q.value(2).toULongLong()};
        pb::UnreadCount c;
        *c.mutable_conversation() = key.viewFor(userId);
        c.set_latest_id(q.value(3).toULongLong());
        c.set_read_cursor(q.value(4).toULongLong());
        c.set_unread(c.latest_id() - c.read_cursor());
        counts.push_back(std::move(c));
    }
    return counts;
}

std::vector<quint64> SqliteStore::readersOf(const ConversationKey &key, quint64 messageId, quint64 exceptUserId)
{
    std::vector<quint64> readers;
    QSqlQuery &q = run("SELECT user_id FROM user_sessions WHERE type = ? AND a = ? AND b = ? AND active"
                       " AND read_cursor >= ? AND user_id <> ? ORDER BY user_id",
                       {int(key.type), key.a, key.b, messageId, exceptUserId});
    while (q.next())
        readers.push_back(q.value(0).toULongLong());
    return readers;
}

} // namespace confab::server
