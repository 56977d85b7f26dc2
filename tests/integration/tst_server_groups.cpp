// Groups over real sockets: who may do what, the group list by cursor and details by version, members by version
// plus the events between, pushes to members, muting for oneself, dissolving; a 2,000-member group stores one
// row per message and counts each member's unread from their own read cursor.
#include "store/storagethread.h"
#include "support/messaging.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace confab;
using namespace confab::protocol;
using namespace confab::test;

namespace {

client::RpcResult<pb::CreateGroupResponse> createGroup(TestClient &client, const std::string &name,
                                                       const std::vector<quint64> &members,
                                                       const std::string &requestId = {})
{
    pb::CreateGroupRequest r;
    r.set_name(name);
    r.set_client_request_id(requestId);
    for (quint64 id : members)
        r.add_member_ids(id);
    return client.call<rpc::CreateGroup>(r);
}

client::RpcResult<pb::ChangeMembersResponse> changeMembers(TestClient &client, quint64 groupId, pb::MemberChange change,
                                                           const std::vector<quint64> &users,
                                                           pb::GroupRole role = pb::GROUP_ROLE_MEMBER)
{
    pb::ChangeMembersRequest r;
    r.set_group_id(groupId);
    r.set_change(change);
    r.set_role(role);
    for (quint64 id : users)
        r.add_user_ids(id);
    return client.call<rpc::ChangeMembers>(r);
}

client::RpcResult<pb::GroupMembersResponse> members(TestClient &client, quint64 groupId, quint64 since = 0)
{
    pb::GroupMembersRequest r;
    r.set_group_id(groupId);
    r.set_since_version(since);
    return client.call<rpc::GroupMembers>(r);
}

client::RpcResult<pb::GroupListSyncResponse> groupList(TestClient &client, quint64 cursor = 0)
{
    pb::SyncRequest r;
    r.set_cursor(cursor);
    return client.call<rpc::GroupListSync>(r);
}

// Rows in a table of the server's SQLite file, read by a connection of its own.
int countRows(const QString &dataDir, const QString &sql)
{
    int count = -1;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(dataDir + QStringLiteral("/confab.sqlite"));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                count = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return count;
}

} // namespace

class TestServerGroups : public QObject
{
    Q_OBJECT

private slots:
    void ownersAndAdminsManageMembersEveryoneHears()
    {
        TestServer server;
        const quint64 alice = server.userId(QStringLiteral("alice"));
        const quint64 bob = server.userId(QStringLiteral("bob"));
        const quint64 carol = server.userId(QStringLiteral("carol"));
        const quint64 dave = alice + 3; // demo users beyond the named three
        TestClient a, b, c;
        QCOMPARE(a.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(b.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QCOMPARE(c.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());

        const auto created = createGroup(a, "Launch", {bob}, "req-1");
        QVERIFY2(created.ok(), qPrintable(created.message));
        const pb::GroupInfo launch = created.value.group();
        QCOMPARE(launch.owner_id(), alice);
        QCOMPARE(launch.member_count(), 2u);
        QCOMPARE(launch.version(), quint64(1));
        // The same request again returns the same group.
        QCOMPARE(createGroup(a, "Launch", {bob}, "req-1").value.group().id(), launch.id());
        const auto told = b.waitForPush<pb::GroupChangedNotify>(oneway::GroupChangedNotify::id);
        QVERIFY(told);
        QCOMPARE(told->group().id(), launch.id());

        // A plain member may not invite; the owner may; an admin may, but not remove the owner.
        QCOMPARE(changeMembers(b, launch.id(), pb::MEMBER_CHANGE_ADD, {carol}).error, pb::ERROR_NOT_GROUP_OWNER);
        QCOMPARE(changeMembers(c, launch.id(), pb::MEMBER_CHANGE_ADD, {carol}).error, pb::ERROR_NOT_GROUP_MEMBER);
        QCOMPARE(changeMembers(a, launch.id(), pb::MEMBER_CHANGE_ROLE, {bob}, pb::GROUP_ROLE_ADMIN).value.version(),
                 quint64(2));
        const auto invited = changeMembers(b, launch.id(), pb::MEMBER_CHANGE_ADD, {carol, dave});
        QVERIFY(invited.ok());
        QCOMPARE(invited.value.version(), quint64(3));
        QCOMPARE(changeMembers(b, launch.id(), pb::MEMBER_CHANGE_REMOVE, {alice}).error, pb::ERROR_NOT_GROUP_OWNER);
        QCOMPARE(changeMembers(a, launch.id(), pb::MEMBER_CHANGE_ADD, {999999}).error, pb::ERROR_UNKNOWN_RECIPIENT);

        // Members hear the change with the version before it, so one who missed a change knows to pull.
        // (alice made version 2 herself, so the first she hears of is bob's.)
        const auto notify = a.waitForPush<pb::GroupMembersNotify>(oneway::GroupMembersNotify::id);
        QVERIFY(notify);
        QCOMPARE(notify->version(), quint64(3));
        QCOMPARE(notify->prev_version(), quint64(2));
        QCOMPARE(notify->events_size(), 2);
        QCOMPARE(notify->actor_id(), bob);
        QVERIFY(c.waitForPush<pb::GroupChangedNotify>(oneway::GroupChangedNotify::id)); // the newcomer

        // Members by version: everything from 0, only the events after a version otherwise.
        auto list = members(c, launch.id());
        QVERIFY(list.value.full());
        QCOMPARE(list.value.members_size(), 4);
        QCOMPARE(list.value.version(), quint64(3));
        list = members(a, launch.id(), 1);
        QVERIFY(!list.value.full());
        QCOMPARE(list.value.events_size(), 3); // bob promoted, carol and dave added
        QCOMPARE(list.value.version(), quint64(3));
        QCOMPARE(members(a, launch.id(), 3).value.events_size(), 0);

        // Carol leaves; the owner cannot.
        QVERIFY(changeMembers(c, launch.id(), pb::MEMBER_CHANGE_REMOVE, {carol}).ok());
        QCOMPARE(changeMembers(a, launch.id(), pb::MEMBER_CHANGE_REMOVE, {alice}).error, pb::ERROR_INVALID_ARGUMENT);
        QCOMPARE(sendText(c, group(launch.id()), "still here?").error, pb::ERROR_NOT_GROUP_MEMBER);
        list = members(a, launch.id(), 3);
        QCOMPARE(list.value.events_size(), 1);
        QCOMPARE(list.value.events(0).change(), pb::MEMBER_CHANGE_REMOVE);
    }

    void aGroupHasExactlyOneOwnerWhoHandsItOverByTransfer()
    {
        TestServer server;
        const quint64 alice = server.userId(QStringLiteral("alice"));
        const quint64 bob = server.userId(QStringLiteral("bob"));
        const quint64 carol = server.userId(QStringLiteral("carol"));
        const quint64 dave = alice + 3;
        TestClient a, b, c;
        QCOMPARE(a.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(b.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QCOMPARE(c.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());
        const pb::GroupInfo crew = createGroup(a, "Crew", {bob, carol}, "req-owner").value.group();
        const auto owners = [&](TestClient &asking) {
            QList<quint64> found;
            const auto list = members(asking, crew.id());
            for (const pb::GroupMember &m : list.value.members()) {
                if (m.role() == pb::GROUP_ROLE_OWNER)
                    found << m.user_id();
            }
            return found;
        };

        // No way to leave the group without an owner, or with two.
        const auto transfer = pb::MEMBER_CHANGE_TRANSFER_OWNERSHIP;
        QCOMPARE(changeMembers(a, crew.id(), pb::MEMBER_CHANGE_ROLE, {alice}, pb::GROUP_ROLE_MEMBER).error,
                 pb::ERROR_INVALID_ARGUMENT);
        QCOMPARE(changeMembers(a, crew.id(), pb::MEMBER_CHANGE_ROLE, {bob}, pb::GROUP_ROLE_OWNER).error,
                 pb::ERROR_INVALID_ARGUMENT);
        QCOMPARE(changeMembers(b, crew.id(), transfer, {bob}).error, pb::ERROR_NOT_GROUP_OWNER);
        QCOMPARE(changeMembers(a, crew.id(), transfer, {dave}).error, pb::ERROR_INVALID_ARGUMENT); // not a member
        QCOMPARE(changeMembers(a, crew.id(), transfer, {alice}).error, pb::ERROR_INVALID_ARGUMENT);
        QCOMPARE(changeMembers(a, crew.id(), transfer, {bob, carol}).error, pb::ERROR_INVALID_ARGUMENT);
        QCOMPARE(owners(a), QList<quint64>{alice});

        // Handed to bob: one version, alice stays as an admin, and the members hear both roles at once.
        const auto handed = changeMembers(a, crew.id(), transfer, {bob});
        QVERIFY2(handed.ok(), qPrintable(handed.message));
        QCOMPARE(handed.value.version(), crew.version() + 1);
        QCOMPARE(owners(a), QList<quint64>{bob});
        const auto heard = c.waitForPush<pb::GroupMembersNotify>(oneway::GroupMembersNotify::id);
        QVERIFY(heard);
        QCOMPARE(heard->events_size(), 2);
        for (const pb::MemberEvent &e : heard->events()) {
            QCOMPARE(e.change(), pb::MEMBER_CHANGE_ROLE);
            QCOMPARE(e.version(), handed.value.version());
            QCOMPARE(e.member().role(), e.member().user_id() == bob ? pb::GROUP_ROLE_OWNER : pb::GROUP_ROLE_ADMIN);
        }
        pb::GroupInfoRequest details;
        details.add_known()->set_group_id(crew.id());
        QCOMPARE(c.call<rpc::GroupInfo>(details).value.groups(0).owner_id(), bob);

        // The old owner may now leave; the new one may not, and alone decides roles.
        QCOMPARE(changeMembers(a, crew.id(), pb::MEMBER_CHANGE_ROLE, {carol}, pb::GROUP_ROLE_ADMIN).error,
                 pb::ERROR_NOT_GROUP_OWNER);
        QVERIFY(changeMembers(a, crew.id(), pb::MEMBER_CHANGE_REMOVE, {alice}).ok());
        QCOMPARE(changeMembers(b, crew.id(), pb::MEMBER_CHANGE_REMOVE, {bob}).error, pb::ERROR_INVALID_ARGUMENT);
        QCOMPARE(owners(c), QList<quint64>{bob});
        QCOMPARE(changeMembers(b, crew.id(), pb::MEMBER_CHANGE_ROLE, {carol}, pb::GROUP_ROLE_ADMIN).value.version(),
                 handed.value.version() + 2);
    }

    void aRemovedMemberHearsNothingMoreOfTheGroup()
    {
        TestServer server;
        const quint64 bob = server.userId(QStringLiteral("bob"));
        const quint64 carol = server.userId(QStringLiteral("carol"));
        TestClient a, b, c;
        QCOMPARE(a.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(b.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QCOMPARE(c.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());
        const pb::GroupInfo crew = createGroup(a, "Receipts", {bob, carol}, "req-receipts").value.group();
        const quint64 first = sendText(a, group(crew.id()), "one").value.id();
        const quint64 second = sendText(a, group(crew.id()), "two").value.id();
        // Alice and carol both watch who reads alice's messages.
        pb::ReceiptsRequest watch;
        *watch.mutable_conversation() = group(crew.id());
        watch.set_message_id(first);
        QVERIFY(a.call<rpc::Receipts>(watch).ok());
        QVERIFY(c.call<rpc::Receipts>(watch).ok());
        // What reaches a connection before the answer to its next request was sent before that answer.
        const auto readNotifiesBeforeARoundTrip = [](TestClient &client) {
            client.call<rpc::UnreadCount>(pb::UnreadCountRequest());
            return client.countPushes(oneway::ReadNotify::id);
        };

        QVERIFY(readUpTo(b, group(crew.id()), first).ok());
        QVERIFY(a.waitForPush<pb::ReadNotify>(oneway::ReadNotify::id));
        QCOMPARE(readNotifiesBeforeARoundTrip(c), 1); // a member watching hears it
        c.pushes().clear();

        QVERIFY(changeMembers(a, crew.id(), pb::MEMBER_CHANGE_REMOVE, {carol}).ok());
        QVERIFY(readUpTo(b, group(crew.id()), second).ok());
        QVERIFY(a.waitForPush<pb::ReadNotify>(oneway::ReadNotify::id));
        QCOMPARE(readNotifiesBeforeARoundTrip(c), 0); // removed: not one more receipt
        QCOMPARE(sendText(a, group(crew.id()), "three").ok(), true);
        QCOMPARE(c.call<rpc::UnreadCount>(pb::UnreadCountRequest()).ok(), true);
        QCOMPARE(c.countPushes(oneway::MessageNotify::id), 0);
    }

    void theGroupListSyncsByCursorAndDetailsByVersion()
    {
        TestServer server;
        const quint64 bob = server.userId(QStringLiteral("bob"));
        TestClient a, b;
        QCOMPARE(a.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(b.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        const quint64 first = createGroup(a, "One", {bob}).value.group().id();
        const quint64 second = createGroup(a, "Two", {bob}).value.group().id();

        auto list = groupList(b);
        QCOMPARE(list.value.groups_size(), 2);
        const quint64 cursor = list.value.page().cursor();

        pb::UpdateGroupRequest rename;
        rename.set_group_id(first);
        rename.set_name("One, renamed");
        rename.set_announcement("Standup at ten");
        const auto renamed = a.call<rpc::UpdateGroup>(rename);
        QVERIFY(renamed.ok());
        QCOMPARE(renamed.value.group().version(), quint64(2));
        const auto pushed = b.waitForPush<pb::GroupChangedNotify>(oneway::GroupChangedNotify::id);
        QVERIFY(pushed);
        pb::UpdateGroupRequest byMember;
        byMember.set_group_id(first);
        byMember.set_name("Mine now");
        QCOMPARE(b.call<rpc::UpdateGroup>(byMember).error, pb::ERROR_NOT_GROUP_OWNER);

        // Only the renamed group moved; details come only for versions the client does not hold.
        list = groupList(b, cursor);
        QCOMPARE(list.value.groups_size(), 1);
        QCOMPARE(list.value.groups(0).group_id(), first);
        pb::GroupInfoRequest info;
        auto *known = info.add_known();
        known->set_group_id(first);
        known->set_version(1);
        known = info.add_known();
        known->set_group_id(second);
        known->set_version(1);
        const auto details = b.call<rpc::GroupInfo>(info);
        QCOMPARE(details.value.groups_size(), 1);
        QCOMPARE(details.value.groups(0).announcement(), "Standup at ten");

        // Mute is one's own: the group and its session both say so, and nobody else's changes.
        pb::MuteGroupRequest mute;
        mute.set_group_id(second);
        mute.set_muted(true);
        QVERIFY(b.call<rpc::MuteGroup>(mute).ok());
        QVERIFY(sessionWith(syncSessions(b), group(second))->muted());
        QVERIFY(!sessionWith(syncSessions(a), group(second))->muted());

        // Dissolved: gone from every member's list, and nobody may write to it.
        pb::DissolveGroupRequest dissolve;
        dissolve.set_group_id(second);
        QCOMPARE(b.call<rpc::DissolveGroup>(dissolve).error, pb::ERROR_NOT_GROUP_OWNER);
        QVERIFY(a.call<rpc::DissolveGroup>(dissolve).ok());
        list = groupList(b, cursor);
        QCOMPARE(list.value.removed_size(), 1);
        QCOMPARE(list.value.removed(0), second);
        QCOMPARE(groupList(b).value.groups_size(), 1);
        QCOMPARE(sendText(a, group(second), "anyone?").error, pb::ERROR_UNKNOWN_GROUP);
        QVERIFY(!sessionWith(syncSessions(b), group(second)));
    }

    void outsidersSeeNothingOfAGroup()
    {
        TestServer server;
        const quint64 bob = server.userId(QStringLiteral("bob"));
        TestClient a, c;
        QCOMPARE(a.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(c.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());
        const quint64 id = createGroup(a, "Private", {bob}).value.group().id();
        const quint64 msg = sendText(a, group(id), "secret").value.id();

        QCOMPARE(historyOf(c, group(id)).error, pb::ERROR_NOT_GROUP_MEMBER);
        QCOMPARE(sendText(c, group(id), "let me in").error, pb::ERROR_NOT_GROUP_MEMBER);
        QCOMPARE(members(c, id).error, pb::ERROR_NOT_GROUP_MEMBER);
        QCOMPARE(readUpTo(c, group(id), msg).error, pb::ERROR_NOT_GROUP_MEMBER);
        pb::ReceiptsRequest receipts;
        *receipts.mutable_conversation() = group(id);
        receipts.set_message_id(msg);
        QCOMPARE(c.call<rpc::Receipts>(receipts).error, pb::ERROR_NOT_GROUP_MEMBER);
        pb::MessagesByIdRequest byId;
        *byId.mutable_conversation() = group(id);
        byId.add_ids(msg);
        QCOMPARE(c.call<rpc::MessagesById>(byId).error, pb::ERROR_NOT_GROUP_MEMBER);
        pb::GroupInfoRequest info;
        info.add_known()->set_group_id(id);
        QCOMPARE(c.call<rpc::GroupInfo>(info).value.groups_size(), 0);
        QCOMPARE(groupList(c).value.groups_size(), 0);
        QCOMPARE(c.countPushes(oneway::MessageNotify::id), 0);
    }

    void aTwoThousandMemberGroupStoresOneRowPerMessage()
    {
        TestServer server(2001);
        const quint64 alice = server.userId(QStringLiteral("alice"));
        std::vector<quint64> everyone;
        for (quint64 id = alice + 1; id < alice + 2000; ++id)
            everyone.push_back(id);
        TestClient a, b, c;
        QCOMPARE(a.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(b.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QCOMPARE(c.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());
        const auto created = createGroup(a, "Everyone", everyone);
        QVERIFY2(created.ok(), qPrintable(created.message));
        const quint64 id = created.value.group().id();
        QCOMPARE(created.value.group().member_count(), 2000u);

        for (int i = 1; i <= 5; ++i)
            QVERIFY(sendText(a, group(id), "all hands " + std::to_string(i)).ok());
        QCOMPARE(countRows(server.dataDir(), QStringLiteral("SELECT count(*) FROM messages")), 5);

        // Every online member got each message.
        QVERIFY(TestClient::waitFor([&] { return b.countPushes(oneway::MessageNotify::id) == 5; }, 5000));
        QVERIFY(TestClient::waitFor([&] { return c.countPushes(oneway::MessageNotify::id) == 5; }, 5000));

        // Bob reads two, carol all five: each member's unread is their own.
        QVERIFY(readUpTo(b, group(id), 2).ok());
        QVERIFY(readUpTo(c, group(id), 5).ok());
        QCOMPARE(sessionWith(syncSessions(b), group(id))->unread(), quint64(3));
        QCOMPARE(sessionWith(syncSessions(c), group(id))->unread(), quint64(0));
        QCOMPARE(sessionWith(syncSessions(a), group(id))->unread(), quint64(0)); // her own messages
        TestClient dave;
        QCOMPARE(dave.connectAndLogin(server.endpoint(), QString::fromStdString([&] {
                                          pb::UserInfoRequest r;
                                          r.add_user_ids(alice + 10);
                                          return b.call<rpc::UserInfo>(r).value.users(0).login_name();
                                      }())),
                 QString());
        pb::UnreadCountRequest none;
        QCOMPARE(dave.call<rpc::UnreadCount>(none).value.total(), quint64(5));

        // Receipts: who of the other 1,999 has read message 2, and a watcher hears of later reads.
        pb::ReceiptsRequest receipts;
        *receipts.mutable_conversation() = group(id);
        receipts.set_message_id(2);
        auto read = a.call<rpc::Receipts>(receipts);
        QCOMPARE(read.value.member_count(), 1999u);
        QCOMPARE(read.value.read_count(), 2u);
        QVERIFY(readUpTo(dave, group(id), 2).ok());
        const auto heard = a.waitForPush<pb::ReadNotify>(oneway::ReadNotify::id);
        QVERIFY(heard);
        QCOMPARE(heard->reader_id(), alice + 10);
        QCOMPARE(a.call<rpc::Receipts>(receipts).value.read_count(), 3u);

        // The member list of a big group still comes in one answer.
        const auto list = members(b, id);
        QCOMPARE(list.value.members_size(), 2000);
    }
};

QTEST_GUILESS_MAIN(TestServerGroups)
#include "tst_server_groups.moc"
