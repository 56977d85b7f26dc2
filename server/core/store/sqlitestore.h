// The embedded store: one SQLite file in the data dir, WAL mode, durable commits (synchronous=FULL), schema
// migrated by ordered steps keyed on PRAGMA user_version.
#pragma once

#include "platform/filesync.h"
#include "store/directstatements.h"
#include "store/store.h"
#include "store/walcheckpointer.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <memory>

namespace confab::server {

class SqliteStore : public Store
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
    void syncToDisk() override;

    std::optional<Credentials> credentials(const QString &loginName) override;
    void setPasswordHash(quint64 userId, const QByteArray &hash) override;
    void storeToken(const QByteArray &tokenHash, const TokenRecord &record) override;
    std::optional<TokenRecord> token(const QByteArray &tokenHash) override;
    void revokeToken(const QByteArray &tokenHash) override;
    void endSessionsOf(quint64 userId, pb::KickReason reason) override;
    std::vector<SessionEnd> sessionEndsAfter(qint64 seq, int limit) override;
    qint64 latestSessionEnd() override;
    void revokeTokensOf(quint64 userId, const std::vector<pb::ClientType> &clientTypes) override;
    pb::Presence chosenPresence(quint64 userId) override;
    void setChosenPresence(quint64 userId, pb::Presence presence) override;

    std::optional<pb::User> user(quint64 id) override;
    std::optional<pb::User> userByLogin(const QString &loginName) override;
    std::vector<pb::User> users(const std::vector<quint64> &ids) override;
    std::optional<pb::UserStatus> userStatus(quint64 id) override;
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

    std::optional<pb::Message> messageByClientId(quint64 senderId, const std::string &clientMsgId) override;
    void appendMessage(const ConversationKey &key, pb::Message &message, qint64 nowMs) override;
    quint64 latestMessageId(const ConversationKey &key) override;
    std::vector<pb::Message> history(const ConversationKey &key, quint64 viewerId, quint64 fromId, int limit,
                                     bool forward) override;
    std::vector<pb::Message> messagesById(const ConversationKey &key, quint64 viewerId,
                                          const std::vector<quint64> &ids) override;

    std::optional<pb::Session> session(quint64 userId, const ConversationKey &key) override;
    ChangePage<pb::Session, pb::Conversation> sessionsSince(quint64 userId, Cursor since,
                                                            const PageLimits &limits) override;
    quint64 markRead(quint64 userId, const ConversationKey &key, quint64 upToId) override;
    Cursor removeSession(quint64 userId, const ConversationKey &key) override;
    Cursor updateSession(quint64 userId, const ConversationKey &key, std::optional<bool> pinned,
                         std::optional<bool> muted) override;
    std::vector<pb::UnreadCount> unreadCounts(quint64 userId) override;
    std::vector<quint64> readersOf(const ConversationKey &key, quint64 messageId, quint64 exceptUserId) override;

    CreatedGroup createGroup(quint64 ownerId, const pb::CreateGroupRequest &request, qint64 nowMs) override;
    std::optional<pb::GroupInfo> group(quint64 groupId, quint64 viewerId) override;
    std::optional<pb::GroupRole> memberRole(quint64 groupId, quint64 userId) override;
    std::vector<quint64> groupMemberIds(quint64 groupId) override;
    std::vector<pb::MemberEvent> changeMembers(quint64 groupId, pb::MemberChange change,
                                               const std::vector<quint64> &userIds, pb::GroupRole role,
                                               qint64 nowMs) override;
    pb::GroupInfo updateGroup(quint64 groupId, const pb::UpdateGroupRequest &request) override;
    std::vector<quint64> dissolveGroup(quint64 groupId) override;
    ChangePage<pb::GroupVersion> groupsSince(quint64 userId, Cursor since, const PageLimits &limits) override;
    pb::GroupMembersResponse groupMembers(quint64 groupId, quint64 sinceVersion, int limit) override;

    Cursor lastCursor(pb::DataSet dataSet, quint64 scope) override;
    int pruneTombstones(qint64 beforeMs) override;

private:
    void restartWalWhenCopied();
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
                                 const std::function<Row(const QSqlQuery &)> &readRow,
                                 std::optional<quint64> sequenceScope = std::nullopt);
    // Sessions and groups of every user draw their cursors from one sequence each (scope 0), so that a message
    // to a group moves every member's sessions without a row per member.
    Cursor nextSharedCursor(pb::DataSet dataSet);
    quint64 conversationId(const ConversationKey &key, bool create);
    pb::Message readMessage(const QSqlQuery &q, const ConversationKey &key, quint64 viewerId);
    pb::Session readSession(const QSqlQuery &q, int first, const ConversationKey &key, quint64 userId);
    void joinGroupSession(quint64 userId, quint64 conversationId, Cursor stamp);
    // A user's view of a conversation they still take part in, as the writes below need it; nullopt when none.
    struct SessionState
    {
        quint64 readCursor = 0;
        quint64 latestId = 0;
        std::optional<quint64> removedAt;
        bool pinned = false;
        bool muted = false;
    };
    std::optional<SessionState> activeSession(quint64 userId, quint64 conversation);
    // One change to a user's view of a conversation, written where that view lives: the user's `group_sessions`
    // row, or the a_* or b_* columns of a one-to-one conversation's row. All three statements take the same values
    // first; then the user and the conversation (group) or the conversation alone (one-to-one).
    struct SessionWrite
    {
        const char *group;
        const char *sideA;
        const char *sideB;
    };
    void writeSession(const SessionWrite &write, quint64 userId, const ConversationKey &key, quint64 conversation,
                      QVariantList values);
    void leaveGroup(quint64 groupId, quint64 userId, Cursor groupsStamp, Cursor sessionsStamp);

    QString m_path;
    QString m_connectionName;
    Clock m_clock;
    QSqlDatabase m_db;
    QHash<const char *, QSqlQuery> m_statements;
    DirectStatements m_direct; // the statements of a message send, on SQLite itself
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    int m_walFrames = 0; // frames in the WAL after our last commit
    FileSync m_walSync;  // the WAL, synced from StorageThread's sync thread

    // The hot path of a send reads nothing it wrote itself: each conversation's row id and latest message id, and
    // the shared sequences' last cursors, are kept here. Only this process writes messaging data; any rollback
    // clears the caches (forgetCachedState) so that they never run ahead of the file.
    struct ConversationState
    {
        quint64 rowId = 0;
        quint64 latestId = 0;
    };
    QHash<std::pair<quint64, quint64>, ConversationState> m_conversations; // (a, b): b is 0 only for groups
    QHash<int, Cursor> m_sharedCursors;
    ConversationState *conversationState(const ConversationKey &key, bool create);
    void forgetCachedState();
};

} // namespace confab::server
