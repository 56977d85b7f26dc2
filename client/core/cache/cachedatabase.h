// The client's per-server, per-account SQLite cache: WAL, schema migrated by ordered steps keyed on
// PRAGMA user_version (a newer cache is refused), every value bound. Used only from the cache thread (LocalCache).
#pragma once

#include "protocol/messages.h"
#include "types/cachedgroup.h"
#include "types/conversationid.h"
#include "types/personrecord.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
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
    std::vector<PersonRecord> people; // compact: a cold start holds the whole organisation at once
    quint64 departmentsCursor = 0;
    quint64 usersCursor = 0;
};

// What the cache holds of the user's messaging: sessions, buddies and groups with the cursors they are complete
// up to.
struct CachedMessaging
{
    std::vector<pb::Session> sessions;
    std::vector<pb::Buddy> buddies;
    std::vector<CachedGroup> groups;
    quint64 sessionsCursor = 0;
    quint64 buddiesCursor = 0;
    quint64 groupsCursor = 0;
};

// One hit of a message search: the message and the text around the match.
struct MessageHit
{
    pb::Message message;
    QString snippet;
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

    // Messaging (cachemessaging.cpp). Pages bring their cursor; pushes change rows and keep the cursor, so the
    // next pull brings the same change again, harmlessly.
    CachedMessaging loadMessaging();
    void applySessionsPage(bool restart, const std::vector<pb::Session> &rows,
                           const std::vector<pb::Conversation> &removed, quint64 cursor);
    void putSession(const pb::Session &session);
    void removeSession(ConversationId conversation);
    void applyBuddiesPage(bool restart, const std::vector<pb::Buddy> &rows, const std::vector<quint64> &removed,
                          quint64 cursor);
    void putBuddy(const pb::Buddy &buddy);
    void removeBuddy(quint64 userId);
    void applyGroupsPage(bool restart, const std::vector<pb::GroupVersion> &rows, const std::vector<quint64> &removed,
                         quint64 cursor);
    void putGroupInfo(const pb::GroupInfo &info); // also lists it, for groups learnt of by a push
    void removeGroup(quint64 groupId);
    // Applies a GroupMembersResponse or push: the whole list (`full`) or the events, then stores `version`.
    void applyGroupMembers(quint64 groupId, bool full, const std::vector<pb::GroupMember> &members,
                           const std::vector<pb::MemberEvent> &events, quint64 version);
    std::vector<pb::GroupMember> loadGroupMembers(quint64 groupId, quint64 *version);

    // Messages are immutable: storing one twice keeps the first.
    void putMessages(const std::vector<pb::Message> &messages);
    // Up to `limit` messages with ids below `beforeId` (0: from the newest), oldest first.
    std::vector<pb::Message> loadMessages(ConversationId conversation, quint64 beforeId, int limit);
    quint64 newestMessageId(ConversationId conversation);
    // Full-text search over cached messages, newest first. Words of fewer than three characters match as
    // substrings (the trigram index needs three).
    std::vector<MessageHit> searchMessages(const QString &text, int limit);
    // People whose name, pinyin, pinyin initials, login name or email has a word starting with each word typed.
    std::vector<quint64> searchPeople(const QString &text, int limit);

    // The outbox (see Outbox): kept in write order; adding a client id twice keeps the first.
    void addToOutbox(const pb::SendMessageRequest &request);
    void removeFromOutbox(const std::string &clientMsgId);
    std::vector<pb::SendMessageRequest> loadOutbox();

private:
    // `alsoInTransaction` keeps what derives from the rows (a search index) in the same transaction.
    template <class Row>
    void applyPage(const char *table, pb::DataSet dataSet, bool restart, const std::vector<Row> &rows,
                   const std::vector<quint64> &removed, quint64 cursor,
                   const std::function<void()> &alsoInTransaction = {});
    void indexPeople(const std::vector<pb::User> &users, const std::vector<quint64> &removed);
    void reindexPeople();
    QSqlQuery &run(const QString &sql, const QVariantList &values = {});
    void exec(const QString &sql);
    void setCursor(pb::DataSet dataSet, quint64 cursor);
    // Runs `work` in one write transaction: all of it lands, or none.
    template <class Work>
    void inTransaction(Work work)
    {
        exec(QStringLiteral("BEGIN IMMEDIATE"));
        try {
            work();
            exec(QStringLiteral("COMMIT"));
        } catch (...) {
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
            throw;
        }
    }
    void migrate();

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
};

} // namespace confab::client
