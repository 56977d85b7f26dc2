#include "cache/cacheschema.h"

namespace confab::client {

// Released steps are never edited; a change is a new step with its own test (tst_local_cache).
const std::vector<QStringList> &cacheMigrationSteps()
{
    static const std::vector<QStringList> steps = {
        // 1: the organisation directory and the cursors it is complete up to.
        {
            QStringLiteral("CREATE TABLE cursors (data_set INTEGER PRIMARY KEY, cursor INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE departments (id INTEGER PRIMARY KEY, data BLOB NOT NULL)"),
            QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, data BLOB NOT NULL)"),
        },
        // 2: the outbox: messages written but not yet acknowledged by the server, in the order they were written.
        {
            QStringLiteral("CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " client_msg_id TEXT NOT NULL UNIQUE, request BLOB NOT NULL)"),
        },
        // 3: messaging: sessions, buddies, groups (the version listed, the details fetched, the members held) and
        // messages with a full-text index. Messages never change once stored, so a row is only ever inserted; the
        // trigram tokenizer finds words inside Chinese text, which has no spaces to split on.
        {
            QStringLiteral("CREATE TABLE sessions (type INTEGER NOT NULL, peer INTEGER NOT NULL, data BLOB NOT NULL,"
                           " PRIMARY KEY (type, peer))"),
            QStringLiteral("CREATE TABLE buddies (id INTEGER PRIMARY KEY, data BLOB NOT NULL)"),
            QStringLiteral("CREATE TABLE groups (id INTEGER PRIMARY KEY, version INTEGER NOT NULL, info BLOB,"
                           " members_version INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE group_members (group_id INTEGER NOT NULL, user_id INTEGER NOT NULL,"
                           " data BLOB NOT NULL, PRIMARY KEY (group_id, user_id))"),
            QStringLiteral("CREATE TABLE messages (rowid INTEGER PRIMARY KEY, type INTEGER NOT NULL,"
                           " peer INTEGER NOT NULL, id INTEGER NOT NULL, text TEXT NOT NULL, data BLOB NOT NULL,"
                           " UNIQUE (type, peer, id))"),
            QStringLiteral("CREATE VIRTUAL TABLE message_search USING fts5(text, content='messages',"
                           " content_rowid='rowid', tokenize='trigram')"),
            QStringLiteral("CREATE TRIGGER messages_indexed AFTER INSERT ON messages BEGIN"
                           " INSERT INTO message_search (rowid, text) VALUES (new.rowid, new.text); END"),
            QStringLiteral("CREATE TRIGGER messages_unindexed AFTER DELETE ON messages BEGIN"
                           " INSERT INTO message_search (message_search, rowid, text)"
                           " VALUES ('delete', old.rowid, old.text); END"),
            // People by the start of any word of their name, pinyin, its initials, login name or email (rowid =
            // user id). Filled from the users table after this step (CacheDatabase::migrate), kept by user pages.
            QStringLiteral("CREATE VIRTUAL TABLE people_search USING fts5(name, pinyin, initials, login, email,"
                           " tokenize='unicode61', detail=none, columnsize=0)"),
        },
    };
    return steps;
}

} // namespace confab::client
