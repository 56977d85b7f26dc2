#include "store/sqlitestore.h"

#include "store/blob.h"
#include "store/coalescingvfs.h"

#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcStore, "confab.server.store")

namespace confab::server {

namespace {

// Each step brings the schema from version N to N + 1 in one transaction. Steps are never edited once released:
// a change to the schema is a new step (and a new test in tst_server_store).
const std::vector<QStringList> &migrationSteps()
{
    static const std::vector<QStringList> steps = {
        // 1: the organisation, accounts, buddies and the sync bookkeeping.
        {
            QStringLiteral("CREATE TABLE data_sets (data_set INTEGER NOT NULL, scope INTEGER NOT NULL,"
                           " last_cursor INTEGER NOT NULL, pruned_before INTEGER NOT NULL DEFAULT 0,"
                           " PRIMARY KEY (data_set, scope))"),
            QStringLiteral("CREATE TABLE tombstones (data_set INTEGER NOT NULL, scope INTEGER NOT NULL,"
                           " item_id INTEGER NOT NULL, cursor INTEGER NOT NULL,"
                           " PRIMARY KEY (data_set, scope, item_id))"),
            QStringLiteral("CREATE INDEX tombstones_by_cursor ON tombstones (data_set, scope, cursor)"),
            QStringLiteral("CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                           " parent_id INTEGER NOT NULL, priority INTEGER NOT NULL, cursor INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX departments_by_cursor ON departments (cursor)"),
            QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, login_name TEXT NOT NULL,"
                           " department_id INTEGER NOT NULL, status INTEGER NOT NULL, password_hash BLOB,"
                           " profile BLOB NOT NULL, cursor INTEGER NOT NULL)"),
            QStringLiteral("CREATE UNIQUE INDEX users_by_login ON users (login_name)"),
            QStringLiteral("CREATE INDEX users_by_cursor ON users (cursor)"),
            QStringLiteral("CREATE TABLE buddies (owner_id INTEGER NOT NULL, buddy_id INTEGER NOT NULL,"
                           " added_ms INTEGER NOT NULL, cursor INTEGER NOT NULL, PRIMARY KEY (owner_id, buddy_id))"),
            QStringLiteral("CREATE INDEX buddies_by_cursor ON buddies (owner_id, cursor)"),
            QStringLiteral("CREATE INDEX buddies_by_buddy ON buddies (buddy_id)"),
            QStringLiteral("CREATE TABLE tokens (token_hash BLOB PRIMARY KEY, user_id INTEGER NOT NULL,"
                           " client_type INTEGER NOT NULL, device_name TEXT NOT NULL, expires_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX tokens_by_user ON tokens (user_id)"),
        },
        // 2: messaging. A message is one row whatever the size of its conversation; each user's view of a
        // conversation (read cursor, pin, mute, removal) is one `sessions` row, so unread counts are derived.
        {
            QStringLiteral("CREATE TABLE conversations (id INTEGER PRIMARY KEY, type INTEGER NOT NULL,"
                           " a INTEGER NOT NULL, b INTEGER NOT NULL, latest_id INTEGER NOT NULL DEFAULT 0,"
                           " last_ms INTEGER NOT NULL DEFAULT 0, stamp INTEGER NOT NULL DEFAULT 0,"
                           " UNIQUE (type, a, b))"),
            QStringLiteral("CREATE TABLE messages (conversation_id INTEGER NOT NULL, id INTEGER NOT NULL,"
                           " sender_id INTEGER NOT NULL, client_msg_id TEXT NOT NULL, body BLOB NOT NULL,"
                           " PRIMARY KEY (conversation_id, id)) WITHOUT ROWID"),
            QStringLiteral("CREATE UNIQUE INDEX messages_by_client_id ON messages (sender_id, client_msg_id)"),
            QStringLiteral("CREATE TABLE sessions (user_id INTEGER NOT NULL, conversation_id INTEGER NOT NULL,"
                           " read_cursor INTEGER NOT NULL DEFAULT 0, pinned INTEGER NOT NULL DEFAULT 0,"
                           " muted INTEGER NOT NULL DEFAULT 0, removed_at INTEGER, active INTEGER NOT NULL DEFAULT 1,"
                           " stamp INTEGER NOT NULL, PRIMARY KEY (user_id, conversation_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX sessions_by_conversation ON sessions (conversation_id)"),
            QStringLiteral("CREATE TABLE chat_groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                           " avatar_url TEXT NOT NULL, owner_id INTEGER NOT NULL, announcement TEXT NOT NULL,"
                           " created_ms INTEGER NOT NULL, version INTEGER NOT NULL, member_count INTEGER NOT NULL,"
                           " dissolved INTEGER NOT NULL DEFAULT 0, request_id TEXT NOT NULL, stamp INTEGER NOT NULL)"),
            QStringLiteral("CREATE UNIQUE INDEX chat_groups_by_request ON chat_groups (owner_id, request_id)"
                           " WHERE request_id <> ''"),
            QStringLiteral("CREATE TABLE group_members (group_id INTEGER NOT NULL, user_id INTEGER NOT NULL,"
                           " role INTEGER NOT NULL, joined_ms INTEGER NOT NULL, stamp INTEGER NOT NULL,"
                           " PRIMARY KEY (group_id, user_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX group_members_by_user ON group_members (user_id)"),
            QStringLiteral("CREATE TABLE group_events (group_id INTEGER NOT NULL, version INTEGER NOT NULL,"
                           " user_id INTEGER NOT NULL, change INTEGER NOT NULL, role INTEGER NOT NULL,"
                           " joined_ms INTEGER NOT NULL, PRIMARY KEY (group_id, version, user_id)) WITHOUT ROWID"),
        },
        // 3: a one-to-one conversation keeps both people's views (read cursor, pin, mute, removal, stamp) in its
        // own row, as columns a_* and b_*. A first message to someone then writes one row where it wrote three:
        // each `sessions` row was a random page in a per-user index, two of the five pages the busiest path wrote
        // per message. Group members' views stay rows of their own, now `group_sessions`; `user_sessions` shows
        // both kinds as one row per user and conversation, for reading.
        {
            QStringLiteral("ALTER TABLE conversations ADD COLUMN a_read_cursor INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN a_pinned INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN a_muted INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN a_removed_at INTEGER"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN a_stamp INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN b_read_cursor INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN b_pinned INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN b_muted INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN b_removed_at INTEGER"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN b_stamp INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("UPDATE conversations SET a_read_cursor = s.read_cursor, a_pinned = s.pinned,"
                           " a_muted = s.muted, a_removed_at = s.removed_at, a_stamp = s.stamp FROM sessions s"
                           " WHERE conversations.type = 1 AND s.conversation_id = conversations.id"
                           " AND s.user_id = conversations.a"),
            QStringLiteral("UPDATE conversations SET b_read_cursor = s.read_cursor, b_pinned = s.pinned,"
                           " b_muted = s.muted, b_removed_at = s.removed_at, b_stamp = s.stamp FROM sessions s"
                           " WHERE conversations.type = 1 AND s.conversation_id = conversations.id"
                           " AND s.user_id = conversations.b"),
            QStringLiteral(
                "DELETE FROM sessions WHERE conversation_id IN (SELECT id FROM conversations WHERE type = 1)"),
            QStringLiteral("DROP INDEX sessions_by_conversation"),
            QStringLiteral("ALTER TABLE sessions RENAME TO group_sessions"),
            QStringLiteral("CREATE INDEX group_sessions_by_conversation ON group_sessions (conversation_id)"),
            // The b side's sessions; the a side's come from the UNIQUE (type, a, b) index.
            QStringLiteral("CREATE INDEX conversations_by_b ON conversations (type, b)"),
            // SQLite pushes `user_id = ?` (or the conversation) down into each arm, so each reads only its index.
            QStringLiteral(
                "CREATE VIEW user_sessions (user_id, conversation_id, read_cursor, pinned, muted, removed_at, active,"
                " stamp, latest_id, last_ms, conversation_stamp, type, a, b) AS"
                " SELECT s.user_id, s.conversation_id, s.read_cursor, s.pinned, s.muted, s.removed_at, s.active,"
                " s.stamp, c.latest_id, c.last_ms, c.stamp, c.type, c.a, c.b"
                " FROM group_sessions s JOIN conversations c ON c.id = s.conversation_id"
                " UNION ALL SELECT a, id, a_read_cursor, a_pinned, a_muted, a_removed_at, 1, a_stamp, latest_id,"
                " last_ms, stamp, type, a, b FROM conversations WHERE type = 1"
                " UNION ALL SELECT b, id, b_read_cursor, b_pinned, b_muted, b_removed_at, 1, b_stamp, latest_id,"
                " last_ms, stamp, type, a, b FROM conversations WHERE type = 1"),
        },
        // 4: the presence each person chose (away, busy, invisible), kept across reconnects and restarts. It is
        // no part of the profile, which everyone syncs: an invisible person's choice is theirs alone.
        {
            QStringLiteral("CREATE TABLE presence_choices (user_id INTEGER PRIMARY KEY, presence INTEGER NOT NULL)"),
        },
        // 5: sessions ended by a new password or a disabled account, for every running server to kick the
        // person's online devices (the admin commands write from another process). Pruned with the tombstones.
        {
            QStringLiteral("CREATE TABLE session_ends (seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL,"
                           " reason INTEGER NOT NULL, at_ms INTEGER NOT NULL)"),
        },
    };
    return steps;
}

QString normalisedLogin(const QString &loginName)
{
    return loginName.trimmed().toCaseFolded();
}

pb::User parseUser(const QVariant &blob)
{
    return parseBlob<pb::User>(blob, "user profile");
}

pb::Department readDepartment(const QSqlQuery &q, int first)
{
    pb::Department d;
    d.set_id(q.value(first).toULongLong());
    d.set_name(q.value(first + 1).toString().toStdString());
    d.set_parent_id(q.value(first + 2).toULongLong());
    d.set_priority(q.value(first + 3).toInt());
    return d;
}

} // namespace

int SqliteStore::currentSchemaVersion()
{
    return int(migrationSteps().size());
}

SqliteStore::SqliteStore(QString path, Clock clock)
    : m_path(std::move(path))
    , m_connectionName(QStringLiteral("confab-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); }))
{}

SqliteStore::~SqliteStore()
{
    close();
}

void SqliteStore::open()
{
    // Owner-only from the start: it holds password hashes and every message. SQLite gives the WAL and the shared
    // memory file the database's own permissions.
    if (!QFile::exists(m_path)) {
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            throw StoreError(StoreError::Kind::Internal,
                             QStringLiteral("cannot create %1: %2").arg(m_path, file.errorString()));
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    // Through the VFS that gathers a commit's WAL writes into one system call (see CoalescingVfs).
    m_db.setDatabaseName(coalescingVfsUri(m_path));
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_URI"));
    if (!m_db.open())
        throw StoreError(StoreError::Kind::Internal,
                         QStringLiteral("cannot open %1: %2").arg(m_path, m_db.lastError().text()));
    exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    exec(QStringLiteral("PRAGMA synchronous=FULL"));
    exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    // A savepoint's undo copies of the pages it touches went to a temporary file once past 64 KiB: two writes per
    // page, once the storage thread's most frequent system call (it put every job in a savepoint then).
    exec(QStringLiteral("PRAGMA temp_store=MEMORY"));
    // Hot pages stay in memory (64 MiB) and reads of the rest go through a mapping rather than a syscall each.
    exec(QStringLiteral("PRAGMA cache_size=-65536"));
    exec(QStringLiteral("PRAGMA mmap_size=1073741824"));
    // Checkpoints run beside the writer (WalCheckpointer), not inside one of its commits.
    exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
    migrate();
    // Commits are synced by syncToDisk(), which StorageThread calls beside the next batch, so the writer does not
    // wait for the disk; acknowledgements still wait for it. Where the WAL cannot be synced from a second handle,
    // each commit syncs itself.
    if (m_walSync.open(m_path + QStringLiteral("-wal")))
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    const QVariant handle = m_db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        throw StoreError(StoreError::Kind::Internal, QStringLiteral("the SQLite driver hides its connection"));
    sqlite3 *const db = *static_cast<sqlite3 *const *>(handle.constData());
    m_direct.attach(db);
    // After each commit SQLite says how many frames the WAL holds (see restartWalWhenCopied).
    sqlite3_wal_hook(
        db,
        [](void *store, sqlite3 *, const char *, int frames) {
            static_cast<SqliteStore *>(store)->m_walFrames = frames;
            return SQLITE_OK;
        },
        this);
    m_checkpointer = std::make_unique<WalCheckpointer>(m_path);
    m_checkpointer->start();
}

void SqliteStore::syncToDisk()
{
    if (m_walSync.isOpen() && !m_walSync.sync())
        throw StoreError(StoreError::Kind::Internal,
                         QStringLiteral("cannot sync %1-wal: %2").arg(m_path, QString::fromLocal8Bit(strerror(errno))));
}

void SqliteStore::close()
{
    forgetCachedState();
    m_walSync.close();
    m_direct.detach();
    m_checkpointer.reset();
    if (!m_db.isValid())
        return;
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

int SqliteStore::schemaVersion()
{
    QSqlQuery &q = run("PRAGMA user_version");
    const int version = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return version;
}

void SqliteStore::migrate()
{
    const int found = schemaVersion();
    const int target = currentSchemaVersion();
    if (found > target)
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("%1 has schema version %2, newer than this server understands (%3); "
                                        "run a newer confab-server or restore a backup")
                             .arg(m_path)
                             .arg(found)
                             .arg(target));
    for (int version = found; version < target; ++version) {
        qCInfo(lcStore) << "migrating" << m_path << "from schema version" << version << "to" << version + 1;
        begin();
        try {
            for (const QString &statement : migrationSteps()[size_t(version)])
                exec(statement);
            exec(QStringLiteral("PRAGMA user_version=%1").arg(version + 1));
            commit();
        } catch (...) {
            rollback();
            throw;
        }
    }
}

void SqliteStore::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        throw StoreError(StoreError::Kind::Internal, QStringLiteral("%1: %2").arg(sql, q.lastError().text()));
}

QSqlQuery &SqliteStore::prepare(const char *sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(QString::fromLatin1(sql)))
            throw StoreError(StoreError::Kind::Internal,
                             QStringLiteral("%1: %2").arg(QLatin1String(sql), q.lastError().text()));
        it = m_statements.insert(sql, q);
    }
    return *it;
}

QSqlQuery &SqliteStore::run(const char *sql, const QVariantList &values)
{
    QSqlQuery &q = prepare(sql);
    for (qsizetype i = 0; i < values.size(); ++i) {
        // Qt binds unsigned 64-bit values as text, which compares greater than any number in an expression
        // without column affinity (max(a, b) > ?). Ids and cursors stay below 2^63, so bind them as integers.
        const QVariant &v = values[i];
        q.bindValue(int(i), v.typeId() == QMetaType::ULongLong ? QVariant(qint64(v.toULongLong())) : v);
    }
    if (!q.exec()) {
        const QString error = q.lastError().text();
        const auto kind = error.contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive) ? StoreError::Kind::Conflict
                                                                                       : StoreError::Kind::Internal;
        throw StoreError(kind, QStringLiteral("%1: %2").arg(QLatin1String(sql), error));
    }
    return q;
}

void SqliteStore::begin()
{
    exec(QStringLiteral("BEGIN IMMEDIATE"));
}

void SqliteStore::commit()
{
    exec(QStringLiteral("COMMIT"));
}

void SqliteStore::forgetCachedState()
{
    // What a rolled-back write put in the caches never happened: an id taken by it would leave a hole.
    m_conversations.clear();
    m_sharedCursors.clear();
}

void SqliteStore::rollback()
{
    forgetCachedState();
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK")); // may fail when SQLite already rolled back on its own; nothing to undo then
}

void SqliteStore::endBatch()
{
    // A cached statement stopped before its last row keeps a read transaction, and with it an old WAL snapshot,
    // open: the server would never see what an admin command committed from another process.
    for (QSqlQuery &q : m_statements)
        q.finish();
    restartWalWhenCopied();
}

void SqliteStore::restartWalWhenCopied()
{
    // SQLite starts the WAL over only at a commit that finds all of it copied into the database. Under a steady
    // stream of commits the checkpointer's thread never sees that (a commit always lands during its pass), and the
    // WAL grew by a gigabyte in twelve seconds of load, every commit's sync paying for the growing file too. So once
    // the WAL is large and the checkpointer has copied all but a little, the writer copies the rest itself, between
    // batches, and its next commit starts the WAL from the beginning.
    constexpr int kRestartAtFrames = 16384; // 64 MiB of 4 KiB pages
    constexpr int kCopyAtMostFrames = 256;
    if (m_walFrames < kRestartAtFrames || !m_checkpointer ||
        m_walFrames - m_checkpointer->checkpointedFrames() > kCopyAtMostFrames)
        return;
    m_walFrames = 0;
    try {
        exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
    } catch (const StoreError &e) {
        // Nothing is lost: the WAL only stays longer, and the checkpointer's thread goes on copying it.
        qCWarning(lcStore) << "could not finish copying the WAL:" << e.what();
    }
}

void SqliteStore::savepoint()
{
    exec(QStringLiteral("SAVEPOINT op"));
}

void SqliteStore::releaseSavepoint()
{
    exec(QStringLiteral("RELEASE op"));
}

void SqliteStore::rollbackToSavepoint()
{
    forgetCachedState();
    exec(QStringLiteral("ROLLBACK TO op"));
    exec(QStringLiteral("RELEASE op"));
}

// --- accounts -------------------------------------------------------------------------------------------------

std::optional<Credentials> SqliteStore::credentials(const QString &loginName)
{
    QSqlQuery &q =
        run("SELECT id, password_hash, status FROM users WHERE login_name = ?", {normalisedLogin(loginName)});
    if (!q.next())
        return std::nullopt;
    Credentials c;
    c.userId = q.value(0).toULongLong();
    c.passwordHash = q.value(1).toByteArray();
    c.status = pb::UserStatus(q.value(2).toInt());
    q.finish();
    return c;
}

void SqliteStore::setPasswordHash(quint64 userId, const QByteArray &hash)
{
    QSqlQuery &q = run("UPDATE users SET password_hash = ? WHERE id = ?", {hash, userId});
    if (q.numRowsAffected() != 1)
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no user %1").arg(userId));
}

void SqliteStore::storeToken(const QByteArray &tokenHash, const TokenRecord &record)
{
    run("INSERT OR REPLACE INTO tokens (token_hash, user_id, client_type, device_name, expires_ms)"
        " VALUES (?, ?, ?, ?, ?)",
        {tokenHash, record.userId, int(record.clientType), record.deviceName, record.expiresMs});
}

std::optional<TokenRecord> SqliteStore::token(const QByteArray &tokenHash)
{
    QSqlQuery &q =
        run("SELECT user_id, client_type, device_name, expires_ms FROM tokens WHERE token_hash = ?", {tokenHash});
    if (!q.next())
        return std::nullopt;
    TokenRecord r{q.value(0).toULongLong(), pb::ClientType(q.value(1).toInt()), q.value(2).toString(),
                  q.value(3).toLongLong()};
    q.finish();
    return r;
}

void SqliteStore::revokeToken(const QByteArray &tokenHash)
{
    run("DELETE FROM tokens WHERE token_hash = ?", {tokenHash});
}

void SqliteStore::endSessionsOf(quint64 userId, pb::KickReason reason)
{
    run("DELETE FROM tokens WHERE user_id = ?", {userId});
    run("INSERT INTO session_ends (user_id, reason, at_ms) VALUES (?, ?, ?)", {userId, int(reason), m_clock()});
}

std::vector<SessionEnd> SqliteStore::sessionEndsAfter(qint64 seq, int limit)
{
    QSqlQuery &q =
        run("SELECT seq, user_id, reason FROM session_ends WHERE seq > ? ORDER BY seq LIMIT ?", {seq, limit});
    std::vector<SessionEnd> ends;
    while (q.next())
        ends.push_back(
            SessionEnd{q.value(0).toLongLong(), q.value(1).toULongLong(), pb::KickReason(q.value(2).toInt())});
    q.finish();
    return ends;
}

qint64 SqliteStore::latestSessionEnd()
{
    QSqlQuery &q = run("SELECT coalesce(max(seq), 0) FROM session_ends", {});
    const qint64 latest = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return latest;
}

void SqliteStore::revokeTokensOf(quint64 userId, const std::vector<pb::ClientType> &clientTypes)
{
    for (pb::ClientType type : clientTypes)
        run("DELETE FROM tokens WHERE user_id = ? AND client_type = ?", {userId, int(type)});
}

pb::Presence SqliteStore::chosenPresence(quint64 userId)
{
    QSqlQuery &q = run("SELECT presence FROM presence_choices WHERE user_id = ?", {userId});
    const pb::Presence chosen = q.next() ? pb::Presence(q.value(0).toInt()) : pb::PRESENCE_ONLINE;
    q.finish();
    return chosen;
}

void SqliteStore::setChosenPresence(quint64 userId, pb::Presence presence)
{
    if (presence == pb::PRESENCE_ONLINE)
        run("DELETE FROM presence_choices WHERE user_id = ?", {userId}); // the default needs no row
    else
        run("INSERT OR REPLACE INTO presence_choices (user_id, presence) VALUES (?, ?)", {userId, int(presence)});
}

// --- directory ------------------------------------------------------------------------------------------------

std::optional<pb::User> SqliteStore::user(quint64 id)
{
    QSqlQuery &q = run("SELECT profile FROM users WHERE id = ?", {id});
    if (!q.next())
        return std::nullopt;
    pb::User u = parseUser(q.value(0));
    q.finish();
    return u;
}

std::optional<pb::User> SqliteStore::userByLogin(const QString &loginName)
{
    QSqlQuery &q = run("SELECT profile FROM users WHERE login_name = ?", {normalisedLogin(loginName)});
    if (!q.next())
        return std::nullopt;
    pb::User u = parseUser(q.value(0));
    q.finish();
    return u;
}

std::vector<pb::User> SqliteStore::users(const std::vector<quint64> &ids)
{
    std::vector<pb::User> found;
    found.reserve(ids.size());
    for (quint64 id : ids) {
        if (auto u = user(id))
            found.push_back(std::move(*u));
    }
    return found;
}

std::optional<pb::UserStatus> SqliteStore::userStatus(quint64 id)
{
    // Every send asks: straight to SQLite (see DirectStatements).
    std::optional<pb::UserStatus> status;
    m_direct.query("SELECT status FROM users WHERE id = ?", {qint64(id)}, [&](const DirectStatements::Row &row) {
        status = pb::UserStatus(row.integer(0));
        return false;
    });
    return status;
}

std::vector<pb::User> SqliteStore::allUsers()
{
    std::vector<pb::User> all;
    QSqlQuery &q = run("SELECT profile FROM users ORDER BY id");
    while (q.next())
        all.push_back(parseUser(q.value(0)));
    return all;
}

std::optional<pb::Department> SqliteStore::department(quint64 id)
{
    QSqlQuery &q = run("SELECT id, name, parent_id, priority FROM departments WHERE id = ?", {id});
    if (!q.next())
        return std::nullopt;
    pb::Department d = readDepartment(q, 0);
    q.finish();
    return d;
}

std::vector<pb::Department> SqliteStore::allDepartments()
{
    std::vector<pb::Department> all;
    QSqlQuery &q = run("SELECT id, name, parent_id, priority FROM departments ORDER BY id");
    while (q.next())
        all.push_back(readDepartment(q, 0));
    return all;
}

Cursor SqliteStore::upsertDepartment(pb::Department &department)
{
    if (department.name().empty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("a department needs a name"));
    // The parent must exist, and must not be the department itself or one of its descendants.
    for (quint64 ancestor = department.parent_id(); ancestor != 0;) {
        if (ancestor == department.id())
            throw StoreError(StoreError::Kind::Invalid,
                             QStringLiteral("department %1 cannot be inside itself").arg(department.id()));
        const auto parent = this->department(ancestor);
        if (!parent)
            throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no department %1").arg(ancestor));
        ancestor = parent->parent_id();
    }
    const Cursor cursor = nextCursor(pb::DATA_SET_DEPARTMENTS, 0);
    if (department.id() == 0) {
        QSqlQuery &q = run("INSERT INTO departments (name, parent_id, priority, cursor) VALUES (?, ?, ?, ?)",
                           {QString::fromStdString(department.name()), quint64(department.parent_id()),
                            department.priority(), cursor.value()});
        department.set_id(q.lastInsertId().toULongLong());
    } else {
        run("INSERT INTO departments (id, name, parent_id, priority, cursor) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,"
            " priority = excluded.priority, cursor = excluded.cursor",
            {quint64(department.id()), QString::fromStdString(department.name()), quint64(department.parent_id()),
             department.priority(), cursor.value()});
        dropTombstone(pb::DATA_SET_DEPARTMENTS, 0, department.id());
    }
    department.set_status(pb::DEPARTMENT_STATUS_OK);
    return cursor;
}

Cursor SqliteStore::closeDepartment(quint64 id)
{
    if (!department(id))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no department %1").arg(id));
    QSqlQuery &children = run("SELECT count(*) FROM departments WHERE parent_id = ?", {id});
    children.next();
    const int childCount = children.value(0).toInt();
    children.finish();
    QSqlQuery &members =
        run("SELECT count(*) FROM users WHERE department_id = ? AND status = ?", {id, int(pb::USER_STATUS_ACTIVE)});
    members.next();
    const int memberCount = members.value(0).toInt();
    members.finish();
    if (childCount > 0 || memberCount > 0)
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("department %1 still has %2 departments and %3 people in it; move them first")
                             .arg(id)
                             .arg(childCount)
                             .arg(memberCount));
    const Cursor cursor = nextCursor(pb::DATA_SET_DEPARTMENTS, 0);
    run("DELETE FROM departments WHERE id = ?", {id});
    addTombstone(pb::DATA_SET_DEPARTMENTS, 0, id, cursor);
    return cursor;
}

Cursor SqliteStore::upsertUser(pb::User &user)
{
    const QString login = normalisedLogin(QString::fromStdString(user.login_name()));
    if (login.isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("a user needs a login name"));
    if (user.department_id() != 0 && !department(user.department_id()))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no department %1").arg(user.department_id()));
    user.set_login_name(login.toStdString());
    const Cursor cursor = nextCursor(pb::DATA_SET_USERS, 0);
    if (user.id() == 0) {
        // Take the id first so that the stored profile carries it.
        QSqlQuery &q = run("SELECT coalesce(max(id), 0) + 1 FROM users");
        q.next();
        user.set_id(q.value(0).toULongLong());
        q.finish();
    }
    run("INSERT INTO users (id, login_name, department_id, status, profile, cursor) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET login_name = excluded.login_name, department_id = excluded.department_id,"
        " status = excluded.status, profile = excluded.profile, cursor = excluded.cursor",
        {quint64(user.id()), login, quint64(user.department_id()), int(user.status()), serialise(user),
         cursor.value()});
    dropTombstone(pb::DATA_SET_USERS, 0, user.id());
    return cursor;
}

ChangePage<pb::Department> SqliteStore::departmentsSince(Cursor since, const PageLimits &limits)
{
    return changesSince<pb::Department>(
        pb::DATA_SET_DEPARTMENTS, 0, since, limits,
        "SELECT cursor, id, name, parent_id, priority FROM departments WHERE cursor > ? ORDER BY cursor LIMIT ?",
        "SELECT count(*) FROM departments", {}, [](const QSqlQuery &q) { return readDepartment(q, 1); });
}

ChangePage<pb::User> SqliteStore::usersSince(Cursor since, const PageLimits &limits)
{
    return changesSince<pb::User>(pb::DATA_SET_USERS, 0, since, limits,
                                  "SELECT cursor, profile FROM users WHERE cursor > ? ORDER BY cursor LIMIT ?",
                                  "SELECT count(*) FROM users", {},
                                  [](const QSqlQuery &q) { return parseUser(q.value(1)); });
}

// --- buddies --------------------------------------------------------------------------------------------------

Cursor SqliteStore::addBuddy(quint64 ownerId, quint64 buddyId, qint64 nowMs)
{
    QSqlQuery &existing = run("SELECT 1 FROM buddies WHERE owner_id = ? AND buddy_id = ?", {ownerId, buddyId});
    const bool already = existing.next();
    existing.finish();
    if (already)
        return Cursor();
    const Cursor cursor = nextCursor(pb::DATA_SET_BUDDIES, ownerId);
    run("INSERT INTO buddies (owner_id, buddy_id, added_ms, cursor) VALUES (?, ?, ?, ?)",
        {ownerId, buddyId, nowMs, cursor.value()});
    dropTombstone(pb::DATA_SET_BUDDIES, ownerId, buddyId);
    return cursor;
}

Cursor SqliteStore::removeBuddy(quint64 ownerId, quint64 buddyId)
{
    QSqlQuery &q = run("DELETE FROM buddies WHERE owner_id = ? AND buddy_id = ?", {ownerId, buddyId});
    if (q.numRowsAffected() == 0)
        return Cursor();
    const Cursor cursor = nextCursor(pb::DATA_SET_BUDDIES, ownerId);
    addTombstone(pb::DATA_SET_BUDDIES, ownerId, buddyId, cursor);
    return cursor;
}

ChangePage<pb::Buddy> SqliteStore::buddiesSince(quint64 ownerId, Cursor since, const PageLimits &limits)
{
    return changesSince<pb::Buddy>(
        pb::DATA_SET_BUDDIES, ownerId, since, limits,
        "SELECT cursor, buddy_id, added_ms FROM buddies WHERE owner_id = ? AND cursor > ? ORDER BY cursor LIMIT ?",
        "SELECT count(*) FROM buddies WHERE owner_id = ?", {ownerId}, [](const QSqlQuery &q) {
            pb::Buddy b;
            b.set_user_id(q.value(1).toULongLong());
            b.set_added_ms(q.value(2).toLongLong());
            return b;
        });
}

std::vector<quint64> SqliteStore::usersWithBuddy(quint64 buddyId)
{
    std::vector<quint64> owners;
    QSqlQuery &q = run("SELECT owner_id FROM buddies WHERE buddy_id = ?", {buddyId});
    while (q.next())
        owners.push_back(q.value(0).toULongLong());
    return owners;
}

// --- sync bookkeeping -----------------------------------------------------------------------------------------

Cursor SqliteStore::lastCursor(pb::DataSet dataSet, quint64 scope)
{
    QSqlQuery &q = run("SELECT last_cursor FROM data_sets WHERE data_set = ? AND scope = ?", {int(dataSet), scope});
    const Cursor last = q.next() ? Cursor(q.value(0).toULongLong()) : Cursor();
    q.finish();
    return last;
}

Cursor SqliteStore::nextCursor(pb::DataSet dataSet, quint64 scope)
{
    const Cursor next = Cursor::after(lastCursor(dataSet, scope), m_clock());
    run("INSERT INTO data_sets (data_set, scope, last_cursor) VALUES (?, ?, ?)"
        " ON CONFLICT (data_set, scope) DO UPDATE SET last_cursor = excluded.last_cursor",
        {int(dataSet), scope, next.value()});
    return next;
}

void SqliteStore::addTombstone(pb::DataSet dataSet, quint64 scope, quint64 itemId, Cursor cursor)
{
    run("INSERT OR REPLACE INTO tombstones (data_set, scope, item_id, cursor) VALUES (?, ?, ?, ?)",
        {int(dataSet), scope, itemId, cursor.value()});
}

void SqliteStore::dropTombstone(pb::DataSet dataSet, quint64 scope, quint64 itemId)
{
    run("DELETE FROM tombstones WHERE data_set = ? AND scope = ? AND item_id = ?", {int(dataSet), scope, itemId});
}

int SqliteStore::pruneTombstones(qint64 beforeMs)
{
    // Remember, per data set, the newest cursor pruned: a client holding an older cursor may have missed a
    // deletion and must start over.
    run("INSERT INTO data_sets (data_set, scope, last_cursor, pruned_before)"
        " SELECT data_set, scope, max(cursor), max(cursor) FROM tombstones WHERE cursor < ? GROUP BY data_set, scope"
        " ON CONFLICT (data_set, scope) DO UPDATE SET pruned_before = max(pruned_before, excluded.pruned_before)",
        {beforeMs});
    run("DELETE FROM session_ends WHERE at_ms < ?", {beforeMs}); // long read by every running server
    QSqlQuery &q = run("DELETE FROM tombstones WHERE cursor < ?", {beforeMs});
    return q.numRowsAffected();
}

template <class Row>
ChangePage<Row> SqliteStore::changesSince(pb::DataSet dataSet, quint64 scope, Cursor since, const PageLimits &limits,
                                          const char *rowsSql, const char *countSql, const QVariantList &scopeArgs,
                                          const std::function<Row(const QSqlQuery &)> &readRow,
                                          std::optional<quint64> sequenceScope)
{
    ChangePage<Row> page;
    QSqlQuery &state =
        run("SELECT last_cursor, pruned_before FROM data_sets WHERE data_set = ? AND scope = ?", {int(dataSet), scope});
    quint64 last = state.next() ? state.value(0).toULongLong() : 0;
    const quint64 prunedBefore = state.isValid() ? state.value(1).toULongLong() : 0;
    state.finish();
    if (sequenceScope)
        last = lastCursor(dataSet, *sequenceScope).value();
    // Older than what tombstones still cover, or newer than anything issued (a cursor from another server or a
    // restored backup): the client's copy cannot be brought up to date by differences.
    if (!since.isNull() && (since.value() <= prunedBefore || since.value() > last)) {
        page.reset = true;
        since = Cursor();
    }
    const bool full = since.isNull();

    struct Change
    {
        quint64 cursor;
        std::optional<Row> row;
        quint64 removedId = 0;
    };
    std::vector<Change> changes;
    QVariantList args = scopeArgs;
    args << since.value() << limits.rows + 1;
    QSqlQuery &rows = run(rowsSql, args);
    while (rows.next())
        changes.push_back(Change{rows.value(0).toULongLong(), readRow(rows)});
    if (!full) {
        QSqlQuery &tombs = run("SELECT cursor, item_id FROM tombstones WHERE data_set = ? AND scope = ? AND cursor > ?"
                               " ORDER BY cursor LIMIT ?",
                               {int(dataSet), scope, since.value(), limits.rows + 1});
        while (tombs.next())
            changes.push_back(Change{tombs.value(0).toULongLong(), std::nullopt, tombs.value(1).toULongLong()});
        std::sort(changes.begin(), changes.end(), [](const Change &a, const Change &b) { return a.cursor < b.cursor; });
    }

    page.cursor = since;
    qsizetype bytes = 0;
    size_t taken = 0;
    for (; taken < changes.size() && taken < size_t(limits.rows); ++taken) {
        Change &change = changes[taken];
        const qsizetype size = change.row ? qsizetype(change.row->ByteSizeLong()) + 8 : 12;
        if (taken > 0 && bytes + size > limits.bytes)
            break;
        bytes += size;
        page.cursor = Cursor(change.cursor);
        if (change.row)
            page.rows.push_back(std::move(*change.row));
        else
            page.removed.push_back(change.removedId);
    }
    page.hasMore = taken < changes.size();
    if (full) {
        QSqlQuery &count = run(countSql, scopeArgs);
        page.totalHint = count.next() ? count.value(0).toULongLong() : 0;
        count.finish();
    }
    return page;
}

// The groups data set lives in sqlitegroups.cpp.
template ChangePage<pb::GroupVersion> SqliteStore::changesSince<pb::GroupVersion>(
    pb::DataSet, quint64, Cursor, const PageLimits &, const char *, const char *, const QVariantList &,
    const std::function<pb::GroupVersion(const QSqlQuery &)> &, std::optional<quint64>);

} // namespace confab::server
