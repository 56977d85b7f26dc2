// The embedded store: one SQLite file in the data dir, WAL mode, durable commits (synchronous=FULL), schema
// migrated by ordered steps keyed on PRAGMA user_version.
#pragma once

#include "store/store.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>

namespace confab::server {

class SqliteStore final : public Store
{
public:
    using Clock = std::function<qint64()>;

    // The schema version this build creates and understands.
    static int currentSchemaVersion();

    explicit SqliteStore(QString path, Clock clock = {});
    ~SqliteStore() override;

    void open() override;
    void close() override;
    int schemaVersion() override;

    void begin() override;
    void commit() override;
    void rollback() override;
    void savepoint() override;
    void releaseSavepoint() override;
    void rollbackToSavepoint() override;
    void endBatch() override;

    std::optional<Credentials> credentials(const QString &loginName) override;
    void setPasswordHash(quint64 userId, const QByteArray &hash) override;
    void storeToken(const QByteArray &tokenHash, const TokenRecord &record) override;
    std::optional<TokenRecord> token(const QByteArray &tokenHash) override;
    void revokeToken(const QByteArray &tokenHash) override;
    void revokeTokensOf(quint64 userId) override;

    std::optional<pb::User> user(quint64 id) override;
    std::optional<pb::User> userByLogin(const QString &loginName) override;
    std::vector<pb::User> users(const std::vector<quint64> &ids) override;
    std::vector<pb::User> allUsers() override;
    std::optional<pb::Department> department(quint64 id) override;
    std::vector<pb::Department> allDepartments() override;
    Cursor upsertDepartment(pb::Department &department) override;
    Cursor closeDepartment(quint64 id) override;
    Cursor upsertUser(pb::User &user) override;
    ChangePage<pb::Department> departmentsSince(Cursor since, const PageLimits &limits) override;
    ChangePage<pb::User> usersSince(Cursor since, const PageLimits &limits) override;

    Cursor addBuddy(quint64 ownerId, quint64 buddyId, qint64 nowMs) override;
    Cursor removeBuddy(quint64 ownerId, quint64 buddyId) override;
    ChangePage<pb::Buddy> buddiesSince(quint64 ownerId, Cursor since, const PageLimits &limits) override;
    std::vector<quint64> usersWithBuddy(quint64 buddyId) override;

    Cursor lastCursor(pb::DataSet dataSet, quint64 scope) override;
    int pruneTombstones(qint64 beforeMs) override;

private:
    QSqlQuery &prepare(const char *sql);
    QSqlQuery &run(const char *sql, const QVariantList &values = {});
    void exec(const QString &sql);
    void migrate();

    // Stamps the next change of a data set: max(now, last + 1), taken inside the writing transaction. The single
    // storage thread is the data set's lock, so cursors commit in the order they are issued.
    Cursor nextCursor(pb::DataSet dataSet, quint64 scope);
    void addTombstone(pb::DataSet dataSet, quint64 scope, quint64 itemId, Cursor cursor);
    void dropTombstone(pb::DataSet dataSet, quint64 scope, quint64 itemId);

    template <class Row>
    ChangePage<Row> changesSince(pb::DataSet dataSet, quint64 scope, Cursor since, const PageLimits &limits,
                                 const char *rowsSql, const char *countSql, const QVariantList &scopeArgs,
                                 const std::function<Row(const QSqlQuery &)> &readRow);

    QString m_path;
    QString m_connectionName;
    Clock m_clock;
    QSqlDatabase m_db;
    QHash<const char *, QSqlQuery> m_statements;
};

} // namespace confab::server
