// The server's storage, as the rest of the server sees it: domain operations with no SQL in their signatures and
// no SQLite-only assumptions, so that a PostgreSQL backend can stand in. A Store is used from the storage thread
// only (StorageThread); operations throw StoreError, and the caller's savepoint undoes a failed one.
#pragma once

#include "protocol/ids.h"
#include "protocol/messages.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <stdexcept>
#include <vector>

namespace confab::server {

using protocol::Cursor;

class StoreError : public std::runtime_error
{
public:
    enum class Kind
    {
        Internal, // the backend failed: logged, reported as ERROR_INTERNAL
        NotFound, // the row the operation needs does not exist
        Conflict, // a unique key is taken (login name)
        Invalid,  // the operation makes no sense (a department its own ancestor)
    };
    StoreError(Kind kind, const QString &what)
        : std::runtime_error(what.toStdString())
        , m_kind(kind)
    {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

// One page of a data set's changes after a cursor (see sync.proto's SyncPage for the meaning of each field).
template <class Row>
struct ChangePage
{
    std::vector<Row> rows;
    std::vector<quint64> removed;
    Cursor cursor;
    bool hasMore = false;
    bool reset = false;
    quint64 totalHint = 0;
};

struct PageLimits
{
    int rows = 1000;
    qsizetype bytes = 768 * 1024; // stays well below the 1 MiB frame limit with the envelope
};

struct Credentials
{
    quint64 userId = 0;
    QByteArray passwordHash; // PasswordHasher's encoding; empty when the account has no password
    pb::UserStatus status = pb::USER_STATUS_ACTIVE;
};

struct TokenRecord
{
    quint64 userId = 0;
    pb::ClientType clientType = pb::CLIENT_TYPE_UNSPECIFIED;
    QString deviceName;
    qint64 expiresMs = 0;
};

class Store
{
public:
    virtual ~Store() = default;

    // Opens (creating or migrating) the store. Throws StoreError with a message for the admin on failure,
    // including a store written by a newer Confab.
    virtual void open() = 0;
    virtual void close() = 0;
    virtual int schemaVersion() = 0;

    // Transactions and savepoints, driven by StorageThread to group many writes into one durable commit.
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual void savepoint() = 0;
    virtual void releaseSavepoint() = 0;
    virtual void rollbackToSavepoint() = 0;
    // Called after every batch: let go of anything that pins a snapshot (half-read statements), so that the next
    // batch sees what other processes committed in between.
    virtual void endBatch() = 0;

    // --- accounts -------------------------------------------------------------------------------------------
    virtual std::optional<Credentials> credentials(const QString &loginName) = 0;
    virtual void setPasswordHash(quint64 userId, const QByteArray &hash) = 0;
    virtual void storeToken(const QByteArray &tokenHash, const TokenRecord &record) = 0;
    virtual std::optional<TokenRecord> token(const QByteArray &tokenHash) = 0;
    virtual void revokeToken(const QByteArray &tokenHash) = 0;
    virtual void revokeTokensOf(quint64 userId) = 0;

    // --- directory ------------------------------------------------------------------------------------------
    virtual std::optional<pb::User> user(quint64 id) = 0;
    virtual std::optional<pb::User> userByLogin(const QString &loginName) = 0;
    virtual std::vector<pb::User> users(const std::vector<quint64> &ids) = 0;
    virtual std::vector<pb::User> allUsers() = 0;
    virtual std::optional<pb::Department> department(quint64 id) = 0;
    virtual std::vector<pb::Department> allDepartments() = 0;

    // Writes return the cursor they were stamped with. A new row gets a fresh id when its id is 0.
    virtual Cursor upsertDepartment(pb::Department &department) = 0;
    virtual Cursor closeDepartment(quint64 id) = 0;
    virtual Cursor upsertUser(pb::User &user) = 0;

    virtual ChangePage<pb::Department> departmentsSince(Cursor since, const PageLimits &limits) = 0;
    virtual ChangePage<pb::User> usersSince(Cursor since, const PageLimits &limits) = 0;

    // --- buddies --------------------------------------------------------------------------------------------
    // Both return a null cursor when nothing changed (already on, or not on, the list).
    virtual Cursor addBuddy(quint64 ownerId, quint64 buddyId, qint64 nowMs) = 0;
    virtual Cursor removeBuddy(quint64 ownerId, quint64 buddyId) = 0;
    virtual ChangePage<pb::Buddy> buddiesSince(quint64 ownerId, Cursor since, const PageLimits &limits) = 0;
    virtual std::vector<quint64> usersWithBuddy(quint64 buddyId) = 0;

    // --- sync bookkeeping -----------------------------------------------------------------------------------
    // The latest cursor of a data set (scope: 0 for organisation-wide sets, the owner's id for per-user ones).
    virtual Cursor lastCursor(pb::DataSet dataSet, quint64 scope) = 0;
    // Drops tombstones stamped before `beforeMs`; clients holding older cursors will be told to reset.
    virtual int pruneTombstones(qint64 beforeMs) = 0;
};

} // namespace confab::server
