// The client's per-server, per-account SQLite cache: WAL, schema migrated by ordered steps keyed on
// PRAGMA user_version (a newer cache is refused), every value bound. Used only from the cache thread (LocalCache).
#pragma once

#include "protocol/messages.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <stdexcept>
#include <vector>

namespace confab::client {

class CacheError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// What the cache holds of the organisation, with the cursors it is complete up to.
struct CachedDirectory
{
    std::vector<pb::Department> departments;
    std::vector<pb::User> users;
    quint64 departmentsCursor = 0;
    quint64 usersCursor = 0;
};

class CacheDatabase
{
public:
    static int currentSchemaVersion();

    explicit CacheDatabase(QString path);
    ~CacheDatabase();

    void open(); // throws CacheError
    void close();
    int schemaVersion();

    CachedDirectory loadDirectory();
    // Writes one sync page and the cursor it brings in one transaction. `restart`: the page starts a full sync
    // (first ever, or the server said reset), so what the cache held of the data set goes first.
    void applyDepartmentsPage(bool restart, const std::vector<pb::Department> &rows,
                              const std::vector<quint64> &removed, quint64 cursor);
    void applyUsersPage(bool restart, const std::vector<pb::User> &rows, const std::vector<quint64> &removed,
                        quint64 cursor);
    quint64 cursor(pb::DataSet dataSet);

    // The outbox (see Outbox): kept in write order; adding a client id twice keeps the first.
    void addToOutbox(const pb::SendMessageRequest &request);
    void removeFromOutbox(const std::string &clientMsgId);
    std::vector<pb::SendMessageRequest> loadOutbox();

private:
    template <class Row>
    void applyPage(const char *table, pb::DataSet dataSet, bool restart, const std::vector<Row> &rows,
                   const std::vector<quint64> &removed, quint64 cursor);
    QSqlQuery &run(const QString &sql, const QVariantList &values = {});
    void exec(const QString &sql);
    void migrate();

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
};

} // namespace confab::client
