// The sync contract (sync.md), each property proven against the real server over real sockets: full and
// incremental sync by cursor, pages, deletions as tombstones, resets, resuming after a drop, pushes whose
// prev_cursor reveals gaps, and racing writers against a follower that must end equal to a full fetch.
#include "store/storagethread.h"
#include "support/testserver.h"

#include <QTest>

#include <map>

using namespace confab;
using namespace confab::protocol;
using confab::test::TestClient;
using confab::test::TestServer;

namespace {

// A client-side copy of the users data set, kept up to date the way the client core will.
struct UserMirror
{
    std::map<quint64, std::string> signLines; // id -> sign line
    quint64 cursor = 0;
    int pages = 0;
    int resets = 0;

    void apply(const pb::UserSyncResponse &page)
    {
        if (page.page().reset()) {
            signLines.clear();
            ++resets;
        }
        for (const pb::User &u : page.users())
            signLines[u.id()] = u.sign_line();
        for (quint64 id : page.removed())
            signLines.erase(id);
        cursor = page.page().cursor();
        ++pages;
    }

    // Pages until has_more is false; false when a request fails.
    bool syncAll(TestClient &client, quint32 limit)
    {
        for (;;) {
            pb::SyncRequest request;
            request.set_cursor(cursor);
            request.set_limit(limit);
            const auto result = client.call<rpc::UserSync>(request);
            if (!result.ok())
                return false;
            apply(result.value);
            if (!result.value.page().has_more())
                return true;
        }
    }
};

UserMirror fullFetch(TestClient &client)
{
    UserMirror mirror;
    mirror.syncAll(client, 0);
    return mirror;
}

} // namespace

class TestServerSync : public QObject
{
    Q_OBJECT

private slots:
    void fullSyncInPagesMatchesTheStore()
    {
        TestServer server(57);
        TestClient client;
        QCOMPARE(client.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        UserMirror mirror;
        QVERIFY(mirror.syncAll(client, 10));
        QCOMPARE(int(mirror.signLines.size()), 57);
        QCOMPARE(mirror.pages, 6);

        pb::SyncRequest first;
        first.set_limit(10);
        const auto page = client.call<rpc::UserSync>(first);
        QCOMPARE(page.value.page().total_hint(), 57u);
        QVERIFY(page.value.page().has_more());

        // Departments too: every one comes, and an empty follow-up page says there is nothing more.
        pb::SyncRequest departments;
        const auto all = client.call<rpc::DepartmentSync>(departments);
        QVERIFY(all.ok());
        QCOMPARE(quint64(all.value.departments_size()), all.value.page().total_hint());
        departments.set_cursor(all.value.page().cursor());
        const auto none = client.call<rpc::DepartmentSync>(departments);
        QCOMPARE(none.value.departments_size(), 0);
        QCOMPARE(none.value.page().cursor(), all.value.page().cursor());
        QVERIFY(!none.value.page().has_more());
    }

    void incrementalSyncReturnsOnlyChanges()
    {
        TestServer server;
        TestClient alice, bob;
        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        UserMirror mirror = fullFetch(alice);
        pb::ChangeSignLineRequest change;
        change.set_sign_line("在开会 in a meeting");
        QVERIFY(bob.call<rpc::ChangeSignLine>(change).ok());

        pb::SyncRequest since;
        since.set_cursor(mirror.cursor);
        const auto delta = alice.call<rpc::UserSync>(since);
        QVERIFY(delta.ok());
        QCOMPARE(delta.value.users_size(), 1);
        QCOMPARE(delta.value.users(0).login_name(), std::string("bob"));
        QCOMPARE(delta.value.users(0).sign_line(), change.sign_line());
        QVERIFY(delta.value.page().cursor() > mirror.cursor);
        QCOMPARE(delta.value.page().total_hint(), 0u);
    }

    void pushCarriesThePreviousCursorSoGapsShow()
    {
        TestServer server;
        TestClient alice, bob;
        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        UserMirror mirror = fullFetch(alice);

        pb::ChangeSignLineRequest change;
        change.set_sign_line("first");
        QVERIFY(bob.call<rpc::ChangeSignLine>(change).ok());
        auto push = alice.waitForPush<pb::UserChangedNotify>(oneway::UserChangedNotify::id);
        QVERIFY(push.has_value());
        QCOMPARE(push->sync().prev_cursor(), mirror.cursor); // in order: apply it
        QCOMPARE(push->user().sign_line(), std::string("first"));
        mirror.cursor = push->sync().cursor();

        // Two more changes; the client "misses" the first push and must notice from the second.
        change.set_sign_line("second");
        QVERIFY(bob.call<rpc::ChangeSignLine>(change).ok());
        change.set_sign_line("third");
        QVERIFY(bob.call<rpc::ChangeSignLine>(change).ok());
        QVERIFY(alice.waitForPush<pb::UserChangedNotify>(oneway::UserChangedNotify::id).has_value());
        push = alice.waitForPush<pb::UserChangedNotify>(oneway::UserChangedNotify::id);
        QVERIFY(push.has_value());
        QVERIFY(push->sync().prev_cursor() != mirror.cursor); // a gap: pull instead
        QVERIFY(mirror.syncAll(alice, 0));
        QCOMPARE(mirror.cursor, push->sync().cursor());
    }

    void departmentClosureTravelsAsATombstone()
    {
        TestServer server;
        TestClient client;
        QCOMPARE(client.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        const auto all = client.call<rpc::DepartmentSync>(pb::SyncRequest());
        const quint64 cursor = all.value.page().cursor();
        const quint64 closed = server.store().blocking([](server::Store &s) {
            pb::Department empty;
            empty.set_name("Temporary task force");
            s.upsertDepartment(empty);
            s.closeDepartment(empty.id());
            return empty.id();
        });
        pb::SyncRequest since;
        since.set_cursor(cursor);
        const auto delta = client.call<rpc::DepartmentSync>(since);
        QVERIFY(delta.ok());
        QCOMPARE(delta.value.departments_size(), 0); // created and closed between two syncs: only the tombstone
        QCOMPARE(delta.value.removed_size(), 1);
        QCOMPARE(delta.value.removed(0), closed);

        // Organisation changes made behind the server's back reach online clients as a SyncNotify.
        const auto notify = client.waitForPush<pb::SyncNotify>(oneway::SyncNotify::id, 3000);
        QVERIFY(notify.has_value());
        QCOMPARE(notify->data_set(), pb::DATA_SET_DEPARTMENTS);
    }

    void prunedTombstonesForceAReset()
    {
        TestServer server;
        TestClient client;
        QCOMPARE(client.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        const quint64 old = client.call<rpc::DepartmentSync>(pb::SyncRequest()).value.page().cursor();
        server.store().blocking([](server::Store &s) {
            pb::Department gone;
            gone.set_name("Gone");
            s.upsertDepartment(gone);
            s.closeDepartment(gone.id());
            return s.pruneTombstones(std::numeric_limits<qint64>::max());
        });
        pb::SyncRequest since;
        since.set_cursor(old);
        const auto reset = client.call<rpc::DepartmentSync>(since);
        QVERIFY(reset.ok());
        QVERIFY(reset.value.page().reset());
        QCOMPARE(quint64(reset.value.departments_size()), reset.value.page().total_hint());

        since.set_cursor(reset.value.page().cursor() + 1'000'000); // a cursor this server never issued
        QVERIFY(client.call<rpc::DepartmentSync>(since).value.page().reset());
    }

    void oversizePagesAreRefused()
    {
        TestServer server;
        TestClient client;
        QCOMPARE(client.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        pb::SyncRequest huge;
        huge.set_limit(1'000'000);
        QCOMPARE(client.call<rpc::UserSync>(huge).error, pb::ERROR_PAGE_TOO_LARGE);
        pb::UserInfoRequest many;
        for (quint64 i = 1; i <= 501; ++i)
            many.add_user_ids(i);
        QCOMPARE(client.call<rpc::UserInfo>(many).error, pb::ERROR_FIELD_TOO_LARGE);
        many.clear_user_ids();
        many.add_user_ids(1);
        many.add_user_ids(999'999); // unknown ids are left out, not an error
        const auto known = client.call<rpc::UserInfo>(many);
        QVERIFY(known.ok());
        QCOMPARE(known.value.users_size(), 1);
        QVERIFY(client.isConnected());
    }

    void droppedConnectionResumesFromTheLastAppliedCursor()
    {
        TestServer server(45);
        UserMirror mirror;
        {
            TestClient first;
            QCOMPARE(first.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
            pb::SyncRequest request;
            request.set_limit(10);
            mirror.apply(first.call<rpc::UserSync>(request).value);
            first.connection().close(); // dropped mid-sync
        }
        server.store().blocking([](server::Store &s) {
            auto bob = s.userByLogin(QStringLiteral("bob"));
            bob->set_sign_line("changed while alice was away");
            return s.upsertUser(*bob);
        });
        TestClient second;
        QCOMPARE(second.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QVERIFY(mirror.syncAll(second, 10));
        QCOMPARE(mirror.signLines, fullFetch(second).signLines);
        QCOMPARE(mirror.signLines.size(), size_t(45));
    }

    void racingWritersAgainstAFollower()
    {
        TestServer server(40);
        TestClient follower;
        QCOMPARE(follower.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QList<TestClient *> writers;
        const QStringList names = {QStringLiteral("bob"), QStringLiteral("carol")};
        for (const QString &name : names) {
            auto *w = new TestClient(this);
            QCOMPARE(w->connectAndLogin(server.endpoint(), name), QString());
            writers.append(w);
        }
        // Writers fire requests without waiting; the follower syncs in small pages all the while.
        UserMirror mirror;
        int sent = 0;
        int acknowledged = 0;
        for (int round = 0; round < 60; ++round) {
            for (TestClient *w : writers) {
                pb::ChangeSignLineRequest change;
                change.set_sign_line(QStringLiteral("round %1").arg(round).toStdString());
                w->connection().call<rpc::ChangeSignLine>(change, w, [&](auto r) { acknowledged += r.ok(); });
                ++sent;
            }
            // Admin-style writes straight to the store interleave with the socket writes.
            server.store().write(
                this,
                [round](server::Store &s) {
                    auto u = s.user(quint64(4 + round % 30));
                    u->set_sign_line("admin " + std::to_string(round));
                    return s.upsertUser(*u);
                },
                [](server::StoreResult<server::Cursor>) {});
            QVERIFY(mirror.syncAll(follower, 3));
        }
        QVERIFY(TestClient::waitFor([&] { return acknowledged == sent; }, 10000));
        QVERIFY(mirror.syncAll(follower, 3));
        const UserMirror truth = fullFetch(follower);
        QCOMPARE(mirror.signLines, truth.signLines);
        QCOMPARE(mirror.signLines[2], std::string("round 59"));
        qDeleteAll(writers);
    }
};

QTEST_GUILESS_MAIN(TestServerSync)
#include "tst_server_sync.moc"
