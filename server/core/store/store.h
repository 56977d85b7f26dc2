// The server's storage, as the rest of the server sees it: domain operations with no SQL in their signatures and
// no SQLite-only assumptions, so that a PostgreSQL backend can stand in. A Store is used from the storage thread
// only (StorageThread); operations throw StoreError, and the caller's savepoint undoes a failed one.
#pragma once

#include "protocol/ids.h"
#include "protocol/messages.h"
#include "store/conversationkey.h"

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
template <class Row, class RemovedId = quint64>
struct ChangePage
{
    std::vector<Row> rows;
    std::vector<RemovedId> removed;
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

// A person's sessions were ended (a new password, a disabled account): what each running server reads to kick
// their online devices, whichever process wrote it.
struct SessionEnd
{
    qint64 seq = 0; // increasing
    quint64 userId = 0;
    pb::KickReason reason = pb::KICK_REASON_UNSPECIFIED;
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
    // A commit is visible at once and durable once syncToDisk() has returned. StorageThread calls it from a thread
    // of its own, while the next batch runs, so it must not touch what the other methods use. A store whose
    // commits are durable by themselves does nothing here.
    virtual void syncToDisk() {}

    // --- accounts -------------------------------------------------------------------------------------------
    virtual std::optional<Credentials> credentials(const QString &loginName) = 0;
    virtual void setPasswordHash(quint64 userId, const QByteArray &hash) = 0;
    virtual void storeToken(const QByteArray &tokenHash, const TokenRecord &record) = 0;
    virtual std::optional<TokenRecord> token(const QByteArray &tokenHash) = 0;
    virtual void revokeToken(const QByteArray &tokenHash) = 0;
    // Ends every session of a person: their resume tokens go, and a SessionEnd is logged for running servers.
    virtual void endSessionsOf(quint64 userId, pb::KickReason reason) = 0;
    // The SessionEnds after `seq`, oldest first, at most `limit`; latestSessionEnd() is where to start watching.
    virtual std::vector<SessionEnd> sessionEndsAfter(qint64 seq, int limit) = 0;
    virtual qint64 latestSessionEnd() = 0;
    // Revokes the user's tokens issued to devices of these types (one category of devices).
    virtual void revokeTokensOf(quint64 userId, const std::vector<pb::ClientType> &clientTypes) = 0;
    // The presence the person chose last (ONLINE when they never chose): what they show whenever they are online.
    virtual pb::Presence chosenPresence(quint64 userId) = 0;
    virtual void setChosenPresence(quint64 userId, pb::Presence presence) = 0;

    // --- directory ------------------------------------------------------------------------------------------
    virtual std::optional<pb::User> user(quint64 id) = 0;
    virtual std::optional<pb::User> userByLogin(const QString &loginName) = 0;
    virtual std::vector<pb::User> users(const std::vector<quint64> &ids) = 0;
    // A user's status without reading the profile; nullopt for no such user.
    virtual std::optional<pb::UserStatus> userStatus(quint64 id) = 0;
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

    // --- messages -------------------------------------------------------------------------------------------
    // The message `senderId` already sent with this client id, seen from the sender, if any.
    virtual std::optional<pb::Message> messageByClientId(quint64 senderId, const std::string &clientMsgId) = 0;
    // Appends `message` (sender, kind, text, mentions, reply_to, client id, file id set) to the conversation: takes
    // the next id, stamps `sent_ms` and moves the sender's read cursor to it (one has read what one wrote). Both
    // people of a one-to-one conversation have its session from its first message on. `message.conversation`
    // comes back as the sender sees it.
    virtual void appendMessage(const ConversationKey &key, pb::Message &message, qint64 nowMs) = 0;
    virtual quint64 latestMessageId(const ConversationKey &key) = 0;
    // Up to `limit` messages: below `fromId` newest first (0 = from the latest), or above it oldest first.
    virtual std::vector<pb::Message> history(const ConversationKey &key, quint64 viewerId, quint64 fromId, int limit,
                                             bool forward) = 0;
    virtual std::vector<pb::Message> messagesById(const ConversationKey &key, quint64 viewerId,
                                                  const std::vector<quint64> &ids) = 0;

    // --- sessions (the recent conversations of each user) ----------------------------------------------------
    // The user's session of a conversation, unread count derived; nullopt when the user has none.
    virtual std::optional<pb::Session> session(quint64 userId, const ConversationKey &key) = 0;
    virtual ChangePage<pb::Session, pb::Conversation> sessionsSince(quint64 userId, Cursor since,
                                                                    const PageLimits &limits) = 0;
    // Moves the read cursor forward to min(upToId, latest id); returns the cursor after (unchanged if not forward).
    virtual quint64 markRead(quint64 userId, const ConversationKey &key, quint64 upToId) = 0;
    // Hides the session until the next message and marks it read. Null cursor when there was nothing to hide.
    virtual Cursor removeSession(quint64 userId, const ConversationKey &key) = 0;
    virtual Cursor updateSession(quint64 userId, const ConversationKey &key, std::optional<bool> pinned,
                                 std::optional<bool> muted) = 0;
    // Sessions with unread messages.
    virtual std::vector<pb::UnreadCount> unreadCounts(quint64 userId) = 0;
    // Members of a group conversation, but `exceptUserId`, whose read cursor has reached `messageId`.
    virtual std::vector<quint64> readersOf(const ConversationKey &key, quint64 messageId, quint64 exceptUserId) = 0;

    // --- groups ---------------------------------------------------------------------------------------------
    // Creates a group owned by `ownerId` with `memberIds`; a second call with the same non-empty request id
    // returns the group the first one made (`created` false).
    struct CreatedGroup
    {
        pb::GroupInfo group;
        std::vector<pb::MemberEvent> events;
        bool created = true;
    };
    virtual CreatedGroup createGroup(quint64 ownerId, const pb::CreateGroupRequest &request, qint64 nowMs) = 0;
    // The group as `viewerId` sees it (their mute flag); nullopt when there is no such group.
    virtual std::optional<pb::GroupInfo> group(quint64 groupId, quint64 viewerId) = 0;
    // The member's role, or nullopt when not a member.
    virtual std::optional<pb::GroupRole> memberRole(quint64 groupId, quint64 userId) = 0;
    virtual std::vector<quint64> groupMemberIds(quint64 groupId) = 0;
    // Applies a membership change; returns the events that changed something (empty: the version stays).
    virtual std::vector<pb::MemberEvent> changeMembers(quint64 groupId, pb::MemberChange change,
                                                       const std::vector<quint64> &userIds, pb::GroupRole role,
                                                       qint64 nowMs) = 0;
    virtual pb::GroupInfo updateGroup(quint64 groupId, const pb::UpdateGroupRequest &request) = 0;
    // Marks the group dissolved and removes every member; returns who they were.
    virtual std::vector<quint64> dissolveGroup(quint64 groupId) = 0;
    virtual ChangePage<pb::GroupVersion> groupsSince(quint64 userId, Cursor since, const PageLimits &limits) = 0;
    // Members since a version: the events after it, or the whole list (`full`) from version 0.
    virtual pb::GroupMembersResponse groupMembers(quint64 groupId, quint64 sinceVersion, int limit) = 0;

    // --- sync bookkeeping -----------------------------------------------------------------------------------
    // The latest cursor of a data set (scope: 0 for organisation-wide sets, the owner's id for per-user ones).
    virtual Cursor lastCursor(pb::DataSet dataSet, quint64 scope) = 0;
    // Drops tombstones stamped before `beforeMs`; clients holding older cursors will be told to reset.
    virtual int pruneTombstones(qint64 beforeMs) = 0;
};

} // namespace confab::server
