// The client's local cache on real SQLite files against the real server: migrations, a newer cache refused, a
// first sync written page by page, a restart that reads the cache with no network at all, and incremental syncs
// (a reset included) that end equal to a fresh full sync.
#include "cache/localcache.h"
#include "model/departmenttreemodel.h"
#include "store/storagethread.h"
#include "support/testserver.h"
#include "sync/directorysync.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace confab;
using namespace confab::protocol;
using confab::test::TestClient;
using confab::test::TestServer;

namespace {

const QStringList kStep3Tables = {QStringLiteral("sessions"),       QStringLiteral("buddies"),
                                  QStringLiteral("groups"),         QStringLiteral("group_members"),
                                  QStringLiteral("message_search"), QStringLiteral("messages"),
                                  QStringLiteral("people_search")};

// Turns a cache file back into what an older client left: the tables named dropped, user_version set.
bool downgrade(const QString &path, int version, const QStringList &tables)
{
    bool ok = true;
    {
        auto raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
        raw.setDatabaseName(path);
        ok = raw.open();
        QSqlQuery q(raw);
        for (const QString &table : tables)
            ok = ok && q.exec(QStringLiteral("DROP TABLE %1").arg(table));
        ok = ok && q.exec(QStringLiteral("PRAGMA user_version=%1").arg(version));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
    return ok;
}

// id -> "name|sign line" for everyone the model shows: what a person would see.
std::map<quint64, QString> visiblePeople(const client::DepartmentTreeModel &model)
{
    std::map<quint64, QString> people;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < model.rowCount(parent); ++r) {
            const QModelIndex i = model.index(r, 0, parent);
            if (i.data(client::DepartmentTreeModel::KindRole).value<client::DepartmentTreeModel::Kind>() ==
                client::DepartmentTreeModel::Kind::Person)
                people[i.data(client::DepartmentTreeModel::IdRole).toULongLong()] =
                    i.data().toString() + QLatin1Char('|') +
                    i.data(client::DepartmentTreeModel::SignLineRole).toString();
            walk(i);
        }
    };
    walk({});
    return people;
}

std::map<quint64, QString> freshFullSync(TestServer &server)
{
    TestClient client;
    if (!client.connectAndLogin(server.endpoint(), QStringLiteral("bob")).isEmpty())
        return {};
    client::DepartmentTreeModel model;
    client::DirectorySync sync(client.connection(), model);
    QSignalSpy finished(&sync, &client::DirectorySync::finished);
    sync.start();
    finished.wait(10000);
    return visiblePeople(model);
}

} // namespace

class TestLocalCache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void step1CreatesTheCacheAndANewerOneIsRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("schema.sqlite"));
        {
            client::CacheDatabase db(path);
            db.open();
            QCOMPARE(db.schemaVersion(), client::CacheDatabase::currentSchemaVersion());
            QCOMPARE(db.cursor(pb::DATA_SET_USERS), 0u);
            pb::User u;
            u.set_id(7);
            u.set_real_name("Seven");
            db.applyUsersPage(true, {u}, {}, 123);
            QCOMPARE(db.cursor(pb::DATA_SET_USERS), 123u);
            QCOMPARE(db.loadDirectory().people.at(0).realName(), QStringLiteral("Seven"));
        }
        {
            auto raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery(raw).exec(QStringLiteral("PRAGMA user_version=42"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        client::LocalCache cache(path);
        QString error;
        QVERIFY(!cache.open(&error));
        QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
    }

    void step2AddsTheOutboxToAVersion1CacheAndKeepsItsData()
    {
        const QString path = m_dir.filePath(QStringLiteral("step2.sqlite"));
        {
            client::CacheDatabase db(path);
            db.open();
            pb::User u;
            u.set_id(7);
            db.applyUsersPage(true, {u}, {}, 123);
        }
        // Back to what a version-1 client left: no outbox (nor anything later).
        QVERIFY(downgrade(path, 1, kStep3Tables + QStringList{QStringLiteral("outbox")}));
        client::CacheDatabase db(path);
        db.open();
        QCOMPARE(db.schemaVersion(), client::CacheDatabase::currentSchemaVersion());
        QCOMPARE(db.cursor(pb::DATA_SET_USERS), 123u);
        QCOMPARE(int(db.loadDirectory().people.size()), 1);
        pb::SendMessageRequest r;
        r.set_client_msg_id("k");
        db.addToOutbox(r);
        db.addToOutbox(r); // the same key twice is one entry
        QCOMPARE(int(db.loadOutbox().size()), 1);
    }

    void step3AddsMessagingToAVersion2CacheAndKeepsItsData()
    {
        const QString path = m_dir.filePath(QStringLiteral("step3.sqlite"));
        {
            client::CacheDatabase db(path);
            db.open();
            pb::User u;
            u.set_id(7);
            u.set_real_name("张三 Zhang San");
            u.set_pinyin("zhang san");
            u.set_email("zs@example.com");
            db.applyUsersPage(true, {u}, {}, 123);
            pb::SendMessageRequest r;
            r.set_client_msg_id("left by version 2");
            db.addToOutbox(r);
        }
        QVERIFY(downgrade(path, 2, kStep3Tables));
        client::CacheDatabase db(path);
        db.open();
        QCOMPARE(db.schemaVersion(), 3);
        QCOMPARE(int(db.loadDirectory().people.size()), 1);
        QCOMPARE(int(db.loadOutbox().size()), 1);
        // The people index starts out with everyone the cache held: by name, pinyin, initials, email.
        for (const char *typed : {"zhang", "San", "zs", "张三", "zs@example", "zhang s"})
            QCOMPARE(db.searchPeople(QString::fromUtf8(typed), 10), std::vector<quint64>{7});
        QVERIFY(db.searchPeople(QStringLiteral("li"), 10).empty());
        QVERIFY(db.searchPeople(QStringLiteral("\"zhang OR"), 10).empty()); // typed text, never query syntax
        pb::User left;
        left.set_id(7);
        left.set_status(pb::USER_STATUS_LEFT);
        db.applyUsersPage(false, {left}, {}, 124);
        QVERIFY(db.searchPeople(QStringLiteral("zhang"), 10).empty()); // nobody searches for people who left

        pb::Session session;
        session.mutable_conversation()->set_type(pb::SESSION_TYPE_SINGLE);
        session.mutable_conversation()->set_peer_id(9);
        session.set_latest_id(3);
        db.applySessionsPage(true, {session}, {}, 555);
        QCOMPARE(int(db.loadMessaging().sessions.size()), 1);
        QCOMPARE(db.loadMessaging().sessionsCursor, 555u);

        std::vector<pb::Message> messages;
        for (quint64 id : {1u, 2u, 3u}) {
            pb::Message m;
            *m.mutable_conversation() = session.conversation();
            m.set_id(id);
            m.set_text(id == 2 ? "明天下午三点开会" : "lunch at noon?");
            messages.push_back(m);
        }
        db.putMessages(messages);
        db.putMessages(messages); // stored twice is stored once
        QCOMPARE(int(db.loadMessages(client::ConversationId::single(9), 0, 10).size()), 3);
        QCOMPARE(db.loadMessages(client::ConversationId::single(9), 3, 10).back().id(), 2u);
        QCOMPARE(db.newestMessageId(client::ConversationId::single(9)), 3u);
        // Chinese has no spaces: the trigram index finds words inside it; two letters match as a substring.
        QCOMPARE(int(db.searchMessages(QStringLiteral("下午三点"), 10).size()), 1);
        QCOMPARE(int(db.searchMessages(QStringLiteral("开会"), 10).size()), 1);
        QCOMPARE(int(db.searchMessages(QStringLiteral("LUNCH"), 10).size()), 2);
        QCOMPARE(int(db.searchMessages(QStringLiteral("\"noon"), 10).size()), 0); // query syntax is only text
        QCOMPARE(int(db.searchMessages(QStringLiteral("%"), 10).size()), 0);
    }

    void aPageAndItsCursorAreOneTransaction()
    {
        const QString path = m_dir.filePath(QStringLiteral("atomic.sqlite"));
        client::CacheDatabase db(path);
        db.open();
        pb::User first;
        first.set_id(1);
        db.applyUsersPage(true, {first}, {}, 10);
        // Another process holds the write lock: the next page fails as a whole, rows and cursor untouched.
        auto other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        other.setDatabaseName(path);
        QVERIFY(other.open());
        QVERIFY(QSqlQuery(other).exec(QStringLiteral("BEGIN EXCLUSIVE")));
        pb::User second;
        second.set_id(2);
        QVERIFY_THROWS_EXCEPTION(client::CacheError, db.applyUsersPage(false, {second}, {}, 20));
        QSqlQuery(other).exec(QStringLiteral("ROLLBACK"));
        other.close();
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        QCOMPARE(db.cursor(pb::DATA_SET_USERS), 10u);
        QCOMPARE(int(db.loadDirectory().people.size()), 1);
        db.applyUsersPage(false, {second}, {}, 20);
        QCOMPARE(int(db.loadDirectory().people.size()), 2);
        db.applyUsersPage(true, {first}, {}, 30); // a restart drops what was there
        QCOMPARE(int(db.loadDirectory().people.size()), 1);
    }

    void offlineStartThenIncrementalEqualsAFullSync()
    {
        TestServer server(40);
        const QString path = m_dir.filePath(QStringLiteral("alice.sqlite"));
        {
            // First run: an empty cache, a full sync written page by page.
            TestClient alice;
            QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
            client::LocalCache cache(path);
            QVERIFY(cache.open(nullptr));
            client::DepartmentTreeModel model;
            client::DirectorySync sync(alice.connection(), model);
            sync.setCache(&cache);
            QSignalSpy finished(&sync, &client::DirectorySync::finished);
            sync.start();
            QVERIFY(finished.wait(10000));
            QCOMPARE(model.personCount(), 40);
            cache.flush();
        }
        // Changes while alice is away: a new sign line, someone leaves, a department closes.
        server.store().blocking([](server::Store &s) {
            auto bob = s.userByLogin(QStringLiteral("bob"));
            bob->set_sign_line("changed while you were away");
            s.upsertUser(*bob);
            auto carol = s.userByLogin(QStringLiteral("carol"));
            carol->set_status(pb::USER_STATUS_LEFT);
            s.upsertUser(*carol);
            pb::Department temporary;
            temporary.set_name("Temporary");
            s.upsertDepartment(temporary);
            return s.closeDepartment(temporary.id());
        });

        // Second run: the cache fills the model with no server at all.
        client::LocalCache cache(path);
        QVERIFY(cache.open(nullptr));
        client::ServerConnection offline; // never opened
        client::DepartmentTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        client::DirectorySync sync(offline, model);
        sync.setCache(&cache);
        QSignalSpy loaded(&sync, &client::DirectorySync::cacheLoaded);
        sync.loadCache();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.at(0).at(0).toInt(), 40);
        QCOMPARE(model.personCount(), 40); // readable offline, as it was when alice left

        // Back online: only the changes travel, and the result is what a fresh full sync shows.
        TestClient alice;
        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        client::DirectorySync online(alice.connection(), model);
        online.setCache(&cache);
        QSignalSpy progress(&online, &client::DirectorySync::progress);
        QSignalSpy finished(&online, &client::DirectorySync::finished);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        online.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(resets.count(), 1); // the cache load; the changes themselves were fine-grained
        quint64 rowsFetched = 0;
        for (const auto &p : progress)
            rowsFetched = qMax(rowsFetched, p.at(1).toULongLong());
        QVERIFY2(rowsFetched <= 2, "only bob and carol travel");
        QCOMPARE(visiblePeople(model), freshFullSync(server));
        QCOMPARE(model.personCount(), 39);
        cache.flush();
    }

    void theCacheHoldsWhatTheLastSyncBrought()
    {
        // Reopened after the previous test: the cursors and rows it wrote are there.
        client::CacheDatabase db(m_dir.filePath(QStringLiteral("alice.sqlite")));
        db.open();
        const client::CachedDirectory cached = db.loadDirectory();
        QVERIFY(cached.usersCursor > 0);
        QVERIFY(cached.departmentsCursor > 0);
        const auto carol = std::find_if(cached.people.begin(), cached.people.end(),
                                        [](const client::PersonRecord &p) { return p.loginName() == u"carol"; });
        QVERIFY(carol != cached.people.end());
        QCOMPARE(carol->status(), pb::USER_STATUS_LEFT); // kept (old messages need her name), hidden in the tree
    }
};

QTEST_GUILESS_MAIN(TestLocalCache)
#include "tst_local_cache.moc"
