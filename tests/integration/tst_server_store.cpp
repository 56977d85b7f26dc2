// The server's SQLite store on real files: migrations step by step, a newer store refused, cursors that never
// collide or go back whatever the clock does, and grouped commits in which a failing write loses nothing else.
#include "store/sqlitestore.h"
#include "store/storagethread.h"

#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace confab;
using namespace confab::server;

class TestServerStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("store%1.sqlite").arg(++m_files)); }

    static int userVersion(const QString &path)
    {
        int version = -1;
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery q(db);
                q.exec(QStringLiteral("PRAGMA user_version"));
                version = q.next() ? q.value(0).toInt() : -1;
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
        return version;
    }

    // Every user's sessions as a full sync and the unread counts give them, one line each, to compare stores by.
    static QStringList describeSessions(SqliteStore &store, const std::vector<quint64> &users)
    {
        QStringList lines;
        for (quint64 user : users) {
            for (const pb::Session &s : store.sessionsSince(user, Cursor(), PageLimits()).rows)
                lines << QStringLiteral("%1 sees %2:%3 latest %4 read %5 unread %6%7%8")
                             .arg(user)
                             .arg(int(s.conversation().type()))
                             .arg(s.conversation().peer_id())
                             .arg(s.latest_id())
                             .arg(s.read_cursor())
                             .arg(s.unread())
                             .arg(QLatin1String(s.pinned() ? " pinned" : ""), QLatin1String(s.muted() ? " muted" : ""));
            for (const pb::UnreadCount &c : store.unreadCounts(user))
                lines << QStringLiteral("%1 has %2 unread with %3:%4")
                             .arg(user)
                             .arg(c.unread())
                             .arg(int(c.conversation().type()))
                             .arg(c.conversation().peer_id());
        }
        return lines;
    }

private slots:
    void step1CreatesTheSchemaInOneTransaction()
    {
        const QString path = freshPath();
        {
            SqliteStore store(path);
            store.open();
            QCOMPARE(store.schemaVersion(), SqliteStore::currentSchemaVersion());
            pb::Department d;
            d.set_name("Root");
            store.upsertDepartment(d);
            QVERIFY(d.id() > 0);
        }
        QCOMPARE(userVersion(path), SqliteStore::currentSchemaVersion());
        SqliteStore again(path); // reopening migrates nothing and keeps the data
        again.open();
        QCOMPARE(int(again.allDepartments().size()), 1);
    }

    void step2AddsMessagingToAVersion1StoreAndKeepsItsData()
    {
        const QString path = freshPath();
        {
            SqliteStore store(path);
            store.open();
            pb::Department d;
            d.set_name("Root");
            store.upsertDepartment(d);
        }
        {
            // Take the file back to what a version-1 server left: no messaging tables.
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP VIEW user_sessions")));
            for (const char *table : {"conversations", "messages", "group_sessions", "chat_groups", "group_members",
                                      "group_events", "presence_choices", "session_ends"})
                QVERIFY(q.exec(QStringLiteral("DROP TABLE %1").arg(QLatin1String(table))));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=1")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
        QCOMPARE(userVersion(path), 1);

        SqliteStore store(path);
        store.open();
        QCOMPARE(store.schemaVersion(), SqliteStore::currentSchemaVersion());
        QCOMPARE(int(store.allDepartments().size()), 1);
        pb::User u1, u2;
        u1.set_login_name("a");
        u2.set_login_name("b");
        store.upsertUser(u1);
        store.upsertUser(u2);
        pb::Message m;
        m.set_sender_id(u1.id());
        m.set_text("works");
        m.set_client_msg_id("x");
        store.appendMessage(ConversationKey::single(u1.id(), u2.id()), m, 1000);
        QCOMPARE(m.id(), quint64(1));
    }

    void step3MovesOneToOneSessionsIntoTheirConversationsAndKeepsEveryView()
    {
        const QString path = freshPath();
        std::vector<quint64> users;
        QStringList before;
        {
            SqliteStore store(path);
            store.open();
            for (const char *login : {"ann", "ben", "cat"}) {
                pb::User u;
                u.set_login_name(login);
                store.upsertUser(u);
                users.push_back(u.id());
            }
            const quint64 ann = users[0], ben = users[1], cat = users[2];
            const auto annBen = ConversationKey::single(ann, ben), annCat = ConversationKey::single(ann, cat);
            int sent = 0;
            const auto send = [&](quint64 from, const ConversationKey &to) {
                pb::Message m;
                m.set_sender_id(from);
                m.set_text("hello");
                m.set_client_msg_id(std::to_string(++sent));
                store.appendMessage(to, m, 1000 + sent);
            };
            for (quint64 from : {ann, ben, ben, ben, ben, ben})
                send(from, annBen);
            send(cat, annCat);
            pb::CreateGroupRequest crew;
            crew.set_name("Crew");
            crew.add_member_ids(ben);
            crew.add_member_ids(cat);
            const auto group = ConversationKey::group(store.createGroup(ann, crew, 2000).group.id());
            for (quint64 from : {ann, ben, cat})
                send(from, group);
            store.markRead(ann, annBen, 4); // ann read part way (her own messages do not count)
            store.updateSession(ben, annBen, true, std::nullopt);
            store.updateSession(ann, annCat, std::nullopt, true);
            store.removeSession(cat, annCat);
            store.markRead(ben, group, 2);
            before = describeSessions(store, users);
        }
        // What the views hold, so that the comparison after the migration compares something (1 one-to-one, 2 group).
        const auto [ann, ben, cat] = std::tuple(users[0], users[1], users[2]);
        for (const QString &line : {QStringLiteral("%1 sees 1:%2 latest 6 read 4 unread 2").arg(ann).arg(ben),
                                    QStringLiteral("%1 sees 1:%2 latest 1 read 0 unread 1 muted").arg(ann).arg(cat),
                                    QStringLiteral("%1 sees 1:%2 latest 6 read 6 unread 0 pinned").arg(ben).arg(ann),
                                    QStringLiteral("%1 sees 2:1 latest 3 read 2 unread 1").arg(ben)})
            QVERIFY2(before.contains(line), qPrintable(line + QLatin1String(" is not in:\n") + before.join('\n')));
        QVERIFY2(!before.join('\n').contains(QStringLiteral("%1 sees 1:").arg(cat)), "cat removed her session");
        {
            // Take the file back to what a version-2 server left: every view a `sessions` row.
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const char *sql : {
                     "DROP VIEW user_sessions",
                     "DROP INDEX conversations_by_b",
                     "DROP INDEX group_sessions_by_conversation",
                     "ALTER TABLE group_sessions RENAME TO sessions",
                     "CREATE INDEX sessions_by_conversation ON sessions (conversation_id)",
                     "INSERT INTO sessions (user_id, conversation_id, read_cursor, pinned, muted, removed_at, stamp)"
                     " SELECT a, id, a_read_cursor, a_pinned, a_muted, a_removed_at, a_stamp FROM conversations"
                     " WHERE type = 1",
                     "INSERT INTO sessions (user_id, conversation_id, read_cursor, pinned, muted, removed_at, stamp)"
                     " SELECT b, id, b_read_cursor, b_pinned, b_muted, b_removed_at, b_stamp FROM conversations"
                     " WHERE type = 1",
                 })
                QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text()));
            for (const char *side : {"a", "b"}) {
                for (const char *column : {"read_cursor", "pinned", "muted", "removed_at", "stamp"})
                    QVERIFY(q.exec(QStringLiteral("ALTER TABLE conversations DROP COLUMN %1_%2")
                                       .arg(QLatin1String(side), QLatin1String(column))));
            }
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sessions")) && q.next());
            QCOMPARE(q.value(0).toInt(), 4 + 3); // two people in each of two conversations, three in the group
            q.finish();
            for (const char *table : {"presence_choices", "session_ends"}) // what steps 4 and 5 add
                QVERIFY(q.exec(QStringLiteral("DROP TABLE %1").arg(QLatin1String(table))));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=2")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
        QCOMPARE(userVersion(path), 2);

        SqliteStore store(path);
        store.open();
        QCOMPARE(store.schemaVersion(), SqliteStore::currentSchemaVersion());
        QCOMPARE(describeSessions(store, users), before);
        // And the moved views keep working: a message brings back the session cat removed.
        pb::Message m;
        m.set_sender_id(users[0]);
        m.set_text("still there?");
        m.set_client_msg_id("after");
        store.appendMessage(ConversationKey::single(users[0], users[2]), m, 3000);
        QCOMPARE(m.id(), quint64(2));
        const auto catsSession = store.session(users[2], ConversationKey::single(users[0], users[2]));
        QVERIFY(catsSession.has_value());
        QCOMPARE(catsSession->unread(), quint64(1));
    }

    void step4KeepsEachPersonsChosenPresenceAcrossAReopen()
    {
        const QString path = freshPath();
        {
            SqliteStore store(path);
            store.open();
            QCOMPARE(store.chosenPresence(7), pb::PRESENCE_ONLINE); // never chose: online
            store.setChosenPresence(7, pb::PRESENCE_INVISIBLE);
            store.setChosenPresence(8, pb::PRESENCE_BUSY);
            store.setChosenPresence(8, pb::PRESENCE_ONLINE); // back to the default
        }
        SqliteStore store(path);
        store.open();
        QCOMPARE(store.chosenPresence(7), pb::PRESENCE_INVISIBLE);
        QCOMPARE(store.chosenPresence(8), pb::PRESENCE_ONLINE);
    }

    void aNewerStoreIsRefused()
    {
        const QString path = freshPath();
        {
            SqliteStore store(path);
            store.open();
        }
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=99"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        SqliteStore store(path);
        try {
            store.open();
            QFAIL("a store from a newer Confab was opened");
        } catch (const StoreError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("newer")), e.what());
        }
        QCOMPARE(userVersion(path), 99); // and left untouched
    }

    void hundredsOfChangesInOneMillisecond()
    {
        SqliteStore store(freshPath(), [] { return qint64(1'800'000'000'000); }); // the clock never moves
        store.open();
        pb::Department root;
        root.set_name("Root");
        store.upsertDepartment(root);
        store.begin();
        Cursor last;
        for (int i = 0; i < 500; ++i) {
            pb::User u;
            u.set_login_name("user" + std::to_string(i));
            const Cursor c = store.upsertUser(u);
            QVERIFY(c > last);
            last = c;
        }
        store.commit();
        // Paging through them in small pages finds every one exactly once.
        int seen = 0;
        Cursor cursor;
        for (;;) {
            const auto page = store.usersSince(cursor, PageLimits{7, 1 << 20});
            seen += int(page.rows.size());
            QVERIFY(page.cursor > cursor || page.rows.empty());
            cursor = page.cursor;
            if (!page.hasMore)
                break;
        }
        QCOMPARE(seen, 500);
        QCOMPARE(cursor, last);
    }

    void aClockSteppedBackwardsNeverReusesACursor()
    {
        qint64 now = 1'800'000'000'000;
        SqliteStore store(freshPath(), [&now] { return now; });
        store.open();
        pb::Department d;
        d.set_name("A");
        const Cursor before = store.upsertDepartment(d);
        const Cursor seenByClient = store.departmentsSince(Cursor(), {}).cursor;
        now -= 3'600'000; // NTP steps the clock back an hour
        d.set_name("B");
        const Cursor after = store.upsertDepartment(d);
        QVERIFY(after > before);
        const auto delta = store.departmentsSince(seenByClient, {});
        QCOMPARE(int(delta.rows.size()), 1);
        QCOMPARE(delta.rows[0].name(), std::string("B"));
        now += 7'200'000; // and forward again: cursors read as times once more
        QCOMPARE(store.upsertDepartment(d).value(), quint64(now));
    }

    void aFailingWriteInAGroupLosesNothingElse()
    {
        StorageThread thread(std::make_unique<SqliteStore>(freshPath()));
        thread.start();
        QObject context;
        int ok = 0;
        int failed = 0;
        // Queued back to back so that the storage thread commits them as one group.
        for (int i = 0; i < 20; ++i) {
            thread.write(
                &context,
                [i](Store &s) {
                    pb::User u;
                    // Every fifth one duplicates an earlier login name, which the store refuses.
                    u.set_login_name(i % 5 == 4 ? "user0" : "user" + std::to_string(i));
                    if (i % 5 == 4)
                        u.set_id(0);
                    return s.upsertUser(u);
                },
                [&](StoreResult<Cursor> r) { r.ok() ? ++ok : ++failed; });
        }
        QVERIFY(QTest::qWaitFor([&] { return ok + failed == 20; }, 5000));
        QCOMPARE(failed, 4);
        QCOMPARE(ok, 16);
        const auto users = thread.blocking([](Store &s) { return s.allUsers(); }, false);
        QCOMPARE(int(users.size()), 16);
        QVERIFY(thread.commitCount() < 20); // grouped: fewer commits (disk syncs) than writes
        thread.stop();
    }

    void resultsWaitUntilTheCommitIsOnTheDisk()
    {
        // A store whose disk sync the test holds up: no answer may come back before it is let go.
        class HeldSyncStore : public SqliteStore
        {
        public:
            using SqliteStore::SqliteStore;
            std::atomic<bool> syncing{false};
            std::atomic<int> syncs{0};
            QSemaphore release;
            void syncToDisk() override
            {
                syncing = true;
                release.acquire();
                SqliteStore::syncToDisk();
                ++syncs;
                syncing = false;
            }
        };
        auto owned = std::make_unique<HeldSyncStore>(freshPath());
        HeldSyncStore &store = *owned;
        StorageThread thread(std::move(owned));
        thread.start();
        QObject context;
        bool answered = false;
        thread.write(
            &context,
            [](Store &s) {
                pb::User u;
                u.set_login_name("held");
                return s.upsertUser(u);
            },
            [&](StoreResult<Cursor> r) { answered = r.ok(); });
        QVERIFY(QTest::qWaitFor([&] { return store.syncing.load(); }, 5000));
        // The commit is made and its sync is under way; whatever the event loop does now, the answer waits.
        for (int i = 0; i < 20; ++i)
            QCoreApplication::processEvents();
        QVERIFY(!answered);
        // A read queued meanwhile waits too: it may see what is not on the disk yet.
        bool read = false;
        thread.read(
            &context, [](Store &s) { return s.userByLogin(QStringLiteral("held")).has_value(); },
            [&](StoreResult<bool> r) { read = r.ok() && r.value(); });
        store.release.release(2);
        QVERIFY(QTest::qWaitFor([&] { return answered && read; }, 5000));
        QVERIFY(store.syncs >= 1);
        thread.stop();
    }

    void anotherConnectionSeesACommitAtOnce()
    {
        // Commits are not synced by SQLite itself here, and the VFS gathers WAL writes in memory: a committed
        // transaction must still be in the file when SQLite tells other connections (the admin command, the
        // checkpointer) that the WAL has grown.
        const QString path = freshPath();
        StorageThread thread(std::make_unique<SqliteStore>(path));
        thread.start();
        for (int i = 0; i < 50; ++i) {
            thread.blocking([i](Store &s) {
                pb::User u;
                u.set_login_name("seen" + std::to_string(i));
                u.set_sign_line(std::string(3000, 'x')); // most of a page each
                return s.upsertUser(u);
            });
            int found = -1;
            {
                auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM users WHERE login_name LIKE 'seen%'")));
                found = q.next() ? q.value(0).toInt() : -1;
            }
            QSqlDatabase::removeDatabase(QStringLiteral("other"));
            QCOMPARE(found, i + 1);
        }
        thread.stop();
    }

    void aJobQueuedAfterStopIsAnsweredWithAnError()
    {
        StorageThread thread(std::make_unique<SqliteStore>(freshPath()));
        thread.start();
        thread.stop();
        QObject context;
        std::optional<bool> ok;
        thread.write(
            &context, [](Store &s) { return s.lastCursor(pb::DATA_SET_USERS, 0); },
            [&](StoreResult<Cursor> result) { ok = result.ok(); });
        QTRY_VERIFY(ok.has_value());
        QVERIFY(!*ok);
        QVERIFY_THROWS_EXCEPTION(StoreError, thread.blocking([](Store &s) { return s.schemaVersion(); }));
    }

    void aBlockingJobThatThrowsAnythingIsAnErrorNotACrash()
    {
        // Before the fix only StoreError was caught here: a std::bad_alloc or an out_of_range from a job went
        // through the storage thread and terminated the server.
        StorageThread thread(std::make_unique<SqliteStore>(freshPath()));
        thread.start();
        QVERIFY_THROWS_EXCEPTION(StoreError,
                                 thread.blocking([](Store &) -> int { throw std::out_of_range("no such row"); }));
        QVERIFY_THROWS_EXCEPTION(StoreError, thread.blocking([](Store &) -> int { throw 42; }, false));
        // The thread lives on and serves the next job.
        QCOMPARE(thread.blocking([](Store &s) { return s.schemaVersion(); }, false) > 0, true);
        thread.stop();
    }

    void closingADepartmentThatStillHasPeopleIsRefused()
    {
        SqliteStore store(freshPath());
        store.open();
        pb::Department d;
        d.set_name("Team");
        store.upsertDepartment(d);
        pb::User u;
        u.set_login_name("member");
        u.set_department_id(d.id());
        store.upsertUser(u);
        QVERIFY_THROWS_EXCEPTION(StoreError, store.closeDepartment(d.id()));
        pb::Department loop = d;
        loop.set_parent_id(d.id());
        QVERIFY_THROWS_EXCEPTION(StoreError, store.upsertDepartment(loop));
        pb::User stray;
        stray.set_login_name("stray");
        stray.set_department_id(424242);
        QVERIFY_THROWS_EXCEPTION(StoreError, store.upsertUser(stray));
    }
};

QTEST_GUILESS_MAIN(TestServerStore)
#include "tst_server_store.moc"
