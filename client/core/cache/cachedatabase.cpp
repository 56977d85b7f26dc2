#include "cache/cachedatabase.h"

#include "cache/cacherows.h"
#include "cache/cacheschema.h"
#include "text/pinyin.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QUuid>

Q_LOGGING_CATEGORY(lcCache, "confab.client.cache")

namespace confab::client {

using namespace cacherows;

int CacheDatabase::currentSchemaVersion()
{
    return int(cacheMigrationSteps().size());
}

CacheDatabase::CacheDatabase(QString path)
    : m_path(std::move(path))
    , m_connectionName(QStringLiteral("confab-cache-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

CacheDatabase::~CacheDatabase()
{
    close();
}

void CacheDatabase::open()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    // One app instance per account writes here; a lock held longer than this means something else is wrong.
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=1000"));
    if (!m_db.open())
        throw CacheError(
            QStringLiteral("cannot open the cache %1: %2").arg(m_path, m_db.lastError().text()).toStdString());
    exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    exec(QStringLiteral("PRAGMA synchronous=NORMAL")); // a lost cache page is fetched again; no fsync per page
    migrate();
}

void CacheDatabase::close()
{
    if (!m_db.isValid())
        return;
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

void CacheDatabase::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        throw CacheError(QStringLiteral("%1: %2").arg(sql, q.lastError().text()).toStdString());
}

QSqlQuery &CacheDatabase::run(const QString &sql, const QVariantList &values)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql))
            throw CacheError(QStringLiteral("%1: %2").arg(sql, q.lastError().text()).toStdString());
        it = m_statements.insert(sql, q);
    }
    QSqlQuery &q = *it;
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bindValue(int(i), values[i]);
    if (!q.exec())
        throw CacheError(QStringLiteral("%1: %2").arg(sql, q.lastError().text()).toStdString());
    return q;
}

int CacheDatabase::schemaVersion()
{
    QSqlQuery &q = run(QStringLiteral("PRAGMA user_version"));
    const int version = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return version;
}

void CacheDatabase::migrate()
{
    const int found = schemaVersion();
    const int target = currentSchemaVersion();
    if (found > target)
        throw CacheError(QStringLiteral("the cache %1 was written by a newer Confab (schema %2, this one knows %3)")
                             .arg(m_path)
                             .arg(found)
                             .arg(target)
                             .toStdString());
    for (int version = found; version < target; ++version) {
        qCInfo(lcCache) << "migrating" << m_path << "from cache schema" << version << "to" << version + 1;
        inTransaction([&] {
            for (const QString &statement : cacheMigrationSteps()[size_t(version)])
                exec(statement);
            exec(QStringLiteral("PRAGMA user_version=%1").arg(version + 1));
        });
        if (version + 1 == 3)
            reindexPeople(); // the people index starts out holding everyone already cached
    }
}

void CacheDatabase::indexPeople(const std::vector<pb::User> &users, const std::vector<quint64> &removed)
{
    const QString drop = QStringLiteral("DELETE FROM people_search WHERE rowid = ?");
    for (quint64 userId : removed)
        run(drop, {id(userId)});
    for (const pb::User &u : users) {
        if (u.status() == pb::USER_STATUS_LEFT) {
            run(drop, {id(u.id())}); // nobody searches for people who left
            continue;
        }
        // REPLACE deletes an older entry only where there is one: a first sync's hundred thousand pay nothing.
        run(QStringLiteral("INSERT OR REPLACE INTO people_search (rowid, name, pinyin, initials, login, email)"
                           " VALUES (?, ?, ?, ?, ?, ?)"),
            {id(u.id()), QString::fromStdString(u.real_name()), QString::fromStdString(u.pinyin()),
             pinyinInitials(u.pinyin()), QString::fromStdString(u.login_name()), QString::fromStdString(u.email())});
    }
}

void CacheDatabase::reindexPeople()
{
    inTransaction([&] {
        exec(QStringLiteral("DELETE FROM people_search"));
        QSqlQuery &users = run(QStringLiteral("SELECT data FROM users"));
        std::vector<pb::User> all;
        while (users.next())
            all.push_back(parse<pb::User>(users.value(0)));
        users.finish();
        indexPeople(all, {});
    });
}

void CacheDatabase::setCursor(pb::DataSet dataSet, quint64 cursor)
{
    run(QStringLiteral("INSERT OR REPLACE INTO cursors (data_set, cursor) VALUES (?, ?)"), {int(dataSet), id(cursor)});
}

quint64 CacheDatabase::cursor(pb::DataSet dataSet)
{
    QSqlQuery &q = run(QStringLiteral("SELECT cursor FROM cursors WHERE data_set = ?"), {int(dataSet)});
    const quint64 cursor = q.next() ? q.value(0).toULongLong() : 0;
    q.finish();
    return cursor;
}

void CacheDatabase::addToOutbox(const pb::SendMessageRequest &request)
{
    run(QStringLiteral("INSERT OR IGNORE INTO outbox (client_msg_id, request) VALUES (?, ?)"),
        {QString::fromStdString(request.client_msg_id()), serialise(request)});
}

void CacheDatabase::removeFromOutbox(const std::string &clientMsgId)
{
    run(QStringLiteral("DELETE FROM outbox WHERE client_msg_id = ?"), {QString::fromStdString(clientMsgId)});
}

std::vector<pb::SendMessageRequest> CacheDatabase::loadOutbox()
{
    std::vector<pb::SendMessageRequest> pending;
    QSqlQuery &q = run(QStringLiteral("SELECT request FROM outbox ORDER BY seq"));
    while (q.next())
        pending.push_back(parse<pb::SendMessageRequest>(q.value(0)));
    return pending;
}

CachedDirectory CacheDatabase::loadDirectory()
{
    CachedDirectory directory;
    QSqlQuery &departments = run(QStringLiteral("SELECT data FROM departments"));
    while (departments.next())
        directory.departments.push_back(parse<pb::Department>(departments.value(0)));
    QSqlQuery &users = run(QStringLiteral("SELECT data FROM users"));
    while (users.next())
        directory.people.emplace_back(parse<pb::User>(users.value(0)));
    directory.departmentsCursor = cursor(pb::DATA_SET_DEPARTMENTS);
    directory.usersCursor = cursor(pb::DATA_SET_USERS);
    return directory;
}

template <class Row>
void CacheDatabase::applyPage(const char *table, pb::DataSet dataSet, bool restart, const std::vector<Row> &rows,
                              const std::vector<quint64> &removed, quint64 cursor,
                              const std::function<void()> &alsoInTransaction)
{
    const QString name = QLatin1String(table);
    inTransaction([&] {
        if (restart)
            exec(QStringLiteral("DELETE FROM %1").arg(name));
        const QString upsert = QStringLiteral("INSERT OR REPLACE INTO %1 (id, data) VALUES (?, ?)").arg(name);
        for (const Row &row : rows)
            run(upsert, {id(quint64(rowId(row))), serialise(row)});
        const QString remove = QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(name);
        for (quint64 removedId : removed)
            run(remove, {id(removedId)});
        if (alsoInTransaction)
            alsoInTransaction();
        setCursor(dataSet, cursor);
    });
}

void CacheDatabase::applyDepartmentsPage(bool restart, const std::vector<pb::Department> &rows,
                                         const std::vector<quint64> &removed, quint64 cursor)
{
    applyPage("departments", pb::DATA_SET_DEPARTMENTS, restart, rows, removed, cursor);
}

void CacheDatabase::applyUsersPage(bool restart, const std::vector<pb::User> &rows, const std::vector<quint64> &removed,
                                   quint64 cursor)
{
    applyPage("users", pb::DATA_SET_USERS, restart, rows, removed, cursor, [&] {
        if (restart)
            exec(QStringLiteral("DELETE FROM people_search"));
        indexPeople(rows, removed);
    });
}

void CacheDatabase::applyBuddiesPage(bool restart, const std::vector<pb::Buddy> &rows,
                                     const std::vector<quint64> &removed, quint64 cursor)
{
    applyPage("buddies", pb::DATA_SET_BUDDIES, restart, rows, removed, cursor);
}

} // namespace confab::client
