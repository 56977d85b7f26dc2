#include "store/directstatements.h"

#include <sqlite3.h>

namespace confab::server {

DirectStatements::~DirectStatements()
{
    detach();
}

void DirectStatements::detach()
{
    for (sqlite3_stmt *statement : std::as_const(m_prepared))
        sqlite3_finalize(statement);
    m_prepared.clear();
    m_db = nullptr;
}

qint64 DirectStatements::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

void DirectStatements::fail(const char *sql)
{
    const QString message = QStringLiteral("%1: %2").arg(QLatin1String(sql), QString::fromUtf8(sqlite3_errmsg(m_db)));
    // As SqliteStore::run() says it: a duplicate key is a conflict, anything else the store's own failure.
    const int extended = sqlite3_extended_errcode(m_db);
    const bool duplicate = extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY;
    const auto kind = duplicate ? StoreError::Kind::Conflict : StoreError::Kind::Internal;
    throw StoreError(kind, message);
}

sqlite3_stmt *DirectStatements::bind(const char *sql, std::initializer_list<Value> values)
{
    if (!m_db)
        throw StoreError(StoreError::Kind::Internal, QStringLiteral("the store is not open"));
    sqlite3_stmt *&statement = m_prepared[sql];
    if (!statement) {
        if (const int rc = sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
            rc != SQLITE_OK) {
            statement = nullptr;
            m_prepared.remove(sql);
            fail(sql);
        }
    }
    int index = 1;
    for (const Value &value : values) {
        int rc = SQLITE_OK;
        if (std::holds_alternative<std::nullptr_t>(value))
            rc = sqlite3_bind_null(statement, index);
        else if (const qint64 *integer = std::get_if<qint64>(&value))
            rc = sqlite3_bind_int64(statement, index, *integer);
        else if (const std::string_view *text = std::get_if<std::string_view>(&value))
            rc = sqlite3_bind_text64(statement, index, text->data(), text->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        else if (const Blob *blob = std::get_if<Blob>(&value))
            rc = sqlite3_bind_blob64(statement, index, blob->bytes.data(), sqlite3_uint64(blob->bytes.size()),
                                     SQLITE_TRANSIENT);
        if (rc != SQLITE_OK) {
            sqlite3_reset(statement);
            fail(sql);
        }
        ++index;
    }
    return statement;
}

bool DirectStatements::step(const char *sql, sqlite3_stmt *statement)
{
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(statement);
    fail(sql);
}

void DirectStatements::finish(sqlite3_stmt *statement)
{
    // Reset at once: a statement left mid-result would keep its read snapshot (see SqliteStore::endBatch).
    sqlite3_reset(statement);
}

void DirectStatements::exec(const char *sql, std::initializer_list<Value> values)
{
    sqlite3_stmt *statement = bind(sql, values);
    while (step(sql, statement)) {
    }
    finish(statement);
}

qint64 DirectStatements::Row::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

std::string_view DirectStatements::Row::text(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return text ? std::string_view(text, size_t(sqlite3_column_bytes(m_statement, column))) : std::string_view();
}

QByteArrayView DirectStatements::Row::blob(int column) const
{
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
    return QByteArrayView(bytes, sqlite3_column_bytes(m_statement, column));
}

} // namespace confab::server
