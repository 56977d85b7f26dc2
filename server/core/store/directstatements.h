// Prepared statements run on SQLite itself, for the handful a message send runs.
//
// For a one-row statement QtSql's layers (a QVariant per bound value and per column, a QSqlRecord, QString
// conversions) cost about as much as SQLite's own work, and a send runs six of them on the storage thread (a first
// message to someone five more, to start the conversation), which is what limits how many messages a second the
// server takes. The rest of the store stays on QtSql.
#pragma once

#include "store/store.h"

#include <QByteArrayView>
#include <QHash>

#include <initializer_list>
#include <string_view>
#include <variant>

struct sqlite3;
struct sqlite3_stmt;

namespace confab::server {

class DirectStatements
{
public:
    struct Blob
    {
        QByteArrayView bytes;
    };
    using Value = std::variant<std::nullptr_t, qint64, std::string_view, Blob>;

    // A row of a query's result, valid only inside the callback that receives it.
    class Row
    {
    public:
        explicit Row(sqlite3_stmt *statement)
            : m_statement(statement)
        {}
        qint64 integer(int column) const;
        std::string_view text(int column) const;
        QByteArrayView blob(int column) const;

    private:
        sqlite3_stmt *m_statement;
    };

    DirectStatements() = default;
    ~DirectStatements();
    DirectStatements(const DirectStatements &) = delete;
    DirectStatements &operator=(const DirectStatements &) = delete;

    // The connection QtSql opened; statements are prepared on it as they are first used.
    void attach(sqlite3 *db) { m_db = db; }
    // Finalises every statement: before the connection closes.
    void detach();

    // Runs a statement that returns no rows. Throws StoreError (Kind::Conflict for a constraint).
    void exec(const char *sql, std::initializer_list<Value> values);
    // The rowid the connection's last successful INSERT gave its row.
    qint64 lastInsertRowId() const;
    // Runs a query and hands each row to `onRow` until it returns false; returns how many rows it saw.
    template <class OnRow>
    int query(const char *sql, std::initializer_list<Value> values, OnRow &&onRow)
    {
        sqlite3_stmt *statement = bind(sql, values);
        struct Finish // also when a row's handler throws
        {
            DirectStatements *self;
            sqlite3_stmt *statement;
            ~Finish() { self->finish(statement); }
        } finish{this, statement};
        int rows = 0;
        while (step(sql, statement)) {
            ++rows;
            if (!onRow(Row(statement)))
                break;
        }
        return rows;
    }

private:
    sqlite3_stmt *bind(const char *sql, std::initializer_list<Value> values);
    bool step(const char *sql, sqlite3_stmt *statement); // true: a row is there
    void finish(sqlite3_stmt *statement);
    [[noreturn]] void fail(const char *sql); // throws what the connection's last error says

    sqlite3 *m_db = nullptr;
    QHash<const char *, sqlite3_stmt *> m_prepared; // by the address of the SQL literal
};

} // namespace confab::server
