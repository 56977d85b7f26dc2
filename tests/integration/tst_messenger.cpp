// The client's messaging core against the real server, over real sockets, with real cache files: sessions with
// badges that follow reads on another device, conversations that fill from the cache and the server, pull what a
// missed push left out, show sending/sent/failed, survive a restart through the outbox; groups with members and
// read receipts; and a restart whose incremental sync ends equal to a fresh full sync. Every model runs under
// QAbstractItemModelTester while the server pushes changes.
#include "messaging/messenger.h"
#include "model/departmenttreemodel.h"
#include "model/searchmodel.h"
#include "support/messaging.h"
#include "sync/directorysync.h"
#include "sync/presencetracker.h"

#include <QAbstractItemModelTester>
#include <QSignalBlocker>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace confab;
using namespace confab::test;
using client::ConversationId;
using client::MessageListModel;

namespace {

// One device of a user: a connection, an (optional) cache file and the messaging core on top.
struct Device
{
    explicit Device(const QString &cachePath = {})
    {
        if (!cachePath.isEmpty()) {
            cache = std::make_unique<client::LocalCache>(cachePath);
            QString error;
            if (!cache->open(&error))
                qFatal("cache: %s", qPrintable(error));
        }
        messenger = std::make_unique<client::Messenger>(client.connection(), cache.get(), directory);
        watch(&messenger->sessions());
        watch(&messenger->groups());
        watch(&messenger->buddies());
    }
    ~Device()
    {
        messenger.reset(); // before the cache it writes to
        if (cache)
            cache->flush();
    }
    void watch(QAbstractItemModel *model)
    {
        testers.push_back(
            std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    // Signs in and waits until every data set is pulled.
    bool signIn(TestServer &server, const QString &user, pb::ClientType type = pb::CLIENT_TYPE_LINUX)
    {
        if (!client.connectAndLogin(server.endpoint(), user, type).isEmpty())
            return false;
        QSignalSpy synced(messenger.get(), &client::Messenger::synced);
        messenger->setOnline(true, server.userId(user));
        return synced.wait(10000);
    }
    MessageListModel *open(ConversationId c)
    {
        MessageListModel *model = messenger->conversations().open(c);
        if (!openedTesters.contains(model))
            openedTesters.insert(model, std::make_shared<QAbstractItemModelTester>(
                                            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        return model;
    }
    int unread(ConversationId c) const
    {
        const pb::Session *s = messenger->sessions().session(c);
        return s ? int(s->unread()) : -1;
    }

    TestClient client;
    client::DepartmentTreeModel directory;
    std::unique_ptr<client::LocalCache> cache;
    std::unique_ptr<client::Messenger> messenger;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    QHash<QObject *, std::shared_ptr<QAbstractItemModelTester>> openedTesters;
};

QList<quint64> ids(const MessageListModel &model)
{
    QList<quint64> list;
    for (int r = 0; r < model.rowCount(); ++r)
        list.append(model.index(r).data(MessageListModel::IdRole).toULongLong());
    return list;
}

QList<quint64> range(quint64 first, quint64 last)
{
    QList<quint64> list;
    for (quint64 id = first; id <= last; ++id)
        list.append(id);
    return list;
}

// What a person sees of their session list: conversation, unread, pinned, muted, preview, in order.
QStringList visibleSessions(const client::SessionListModel &model)
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex i = model.index(r);
        rows.append(QStringLiteral("%1 unread=%2 pinned=%3 muted=%4 %5")
                        .arg(i.data(client::SessionListModel::ConversationRole).value<ConversationId>().toString())
                        .arg(i.data(client::SessionListModel::UnreadRole).toInt())
                        .arg(i.data(client::SessionListModel::PinnedRole).toBool())
                        .arg(i.data(client::SessionListModel::MutedRole).toBool())
                        .arg(i.data(client::SessionListModel::LastMessageRole).toString()));
    }
    return rows;
}

QStringList visibleGroups(const client::GroupListModel &model)
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex i = model.index(r);
        rows.append(QStringLiteral("%1 %2 members=%3 muted=%4")
                        .arg(i.data(client::GroupListModel::IdRole).toULongLong())
                        .arg(i.data().toString())
                        .arg(i.data(client::GroupListModel::MemberCountRole).toInt())
                        .arg(i.data(client::GroupListModel::MutedRole).toBool()));
    }
    return rows;
}

} // namespace

class TestMessenger : public QObject
{
    Q_OBJECT

private slots:
    void aMessageRaisesTheBadgeAndReadingOnAnotherDeviceClearsIt()
    {
        TestServer server;
        const quint64 alice = server.userId(QStringLiteral("alice"));
        const ConversationId withAlice = ConversationId::single(alice);
        const ConversationId withBob = ConversationId::single(server.userId(QStringLiteral("bob")));
        Device desktop;
        Device phone;
        QVERIFY(desktop.signIn(server, QStringLiteral("alice")));
        QVERIFY(phone.signIn(server, QStringLiteral("alice"), pb::CLIENT_TYPE_ANDROID));
        TestClient bob;
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());

        QSignalSpy total(&desktop.messenger->sessions(), &client::SessionListModel::totalUnreadChanged);
        QSignalSpy received(&desktop.messenger->conversations(), &client::Conversations::messageReceived);
        QVERIFY(sendText(bob, withAlice.toProto(), "are you there?").ok());
        QVERIFY(sendText(bob, withAlice.toProto(), "it is about the release").ok());
        QTRY_COMPARE(desktop.unread(withBob), 2);
        QTRY_COMPARE(phone.unread(withBob), 2);
        QCOMPARE(desktop.messenger->sessions().totalUnread(), 2);
        QVERIFY(total.count() >= 1);
        QCOMPARE(received.count(), 2);
        QCOMPARE(desktop.messenger->sessions().index(0).data(client::SessionListModel::LastMessageRole).toString(),
                 QStringLiteral("it is about the release"));

        // Read on the phone: the desktop's badge goes without it doing anything.
        MessageListModel *onPhone = phone.open(withBob);
        QTRY_COMPARE(ids(*onPhone), range(1, 2));
        phone.messenger->sessionSync().markAllRead(withBob);
        QCOMPARE(phone.unread(withBob), 0);
        QTRY_COMPARE(desktop.unread(withBob), 0);
        QCOMPARE(desktop.messenger->sessions().totalUnread(), 0);

        // Pin on the desktop, remove on the phone: each reaches the other.
        desktop.messenger->sessionSync().setPinned(withBob, true);
        QTRY_VERIFY(phone.messenger->sessions().session(withBob) &&
                    phone.messenger->sessions().session(withBob)->pinned());
        phone.messenger->sessionSync().removeSession(withBob);
        QTRY_VERIFY(!desktop.messenger->sessions().session(withBob));
        // A removed session comes back with its next message.
        QVERIFY(sendText(bob, withAlice.toProto(), "one more thing").ok());
        QTRY_COMPARE(desktop.unread(withBob), 1);
    }

    void sendingShowsSendingThenSentAndARefusalShowsWhy()
    {
        TestServer server;
        const ConversationId withBob = ConversationId::single(server.userId(QStringLiteral("bob")));
        Device alice;
        QVERIFY(alice.signIn(server, QStringLiteral("alice")));
        TestClient bob;
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());

        MessageListModel *chat = alice.open(withBob);
        const QString clientId = alice.messenger->conversations().send(withBob, QStringLiteral("hello bob"));
        QCOMPARE(chat->rowCount(), 1);
        QCOMPARE(chat->index(0).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
                 MessageListModel::Delivery::Sending);
        QTRY_COMPARE(chat->index(0).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
                     MessageListModel::Delivery::Sent);
        QCOMPARE(chat->index(0).data(MessageListModel::IdRole).toULongLong(), 1u);
        QCOMPARE(chat->index(0).data(MessageListModel::ClientMsgIdRole).toString(), clientId);
        QVERIFY(chat->index(0).data(MessageListModel::IsOwnRole).toBool());
        // Sending put it at the top of alice's sessions with nothing unread.
        QCOMPARE(alice.unread(withBob), 0);
        QCOMPARE(alice.messenger->sessions().index(0).data(client::SessionListModel::LastMessageRole).toString(),
                 QStringLiteral("hello bob"));
        const auto atBob = bob.waitForPush<pb::MessageNotify>(protocol::oneway::MessageNotify::id);
        QVERIFY(atBob && atBob->message().text() == "hello bob");

        // Too large is refused, not truncated: the row says failed, with the reason; retry writes it anew.
        const QString huge(40 * 1024, QLatin1Char('x'));
        const QString refusedId = alice.messenger->conversations().send(withBob, huge);
        QTRY_COMPARE(chat->index(1).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
                     MessageListModel::Delivery::Failed);
        QVERIFY(!chat->index(1).data(MessageListModel::FailureRole).toString().isEmpty());
        alice.messenger->conversations().retry(withBob, refusedId);
        QCOMPARE(chat->rowCount(), 2); // the failed row went; the new attempt took its place
        QTRY_COMPARE(chat->index(1).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
                     MessageListModel::Delivery::Failed);

        // Typing notices reach the other person.
        Device bobDesktop;
        QVERIFY(bobDesktop.signIn(server, QStringLiteral("bob"), pb::CLIENT_TYPE_WEB));
        QSignalSpy typing(&bobDesktop.messenger->conversations(), &client::Conversations::peerTyping);
        alice.messenger->conversations().setTyping(withBob, true);
        QVERIFY(typing.wait(5000));
        QCOMPARE(typing[0][0].value<ConversationId>(), ConversationId::single(server.userId(QStringLiteral("alice"))));
        QCOMPARE(typing[0][1].toBool(), true);
    }

    void aMissedPushIsPulledAndHistoryPagesInFromCacheAndServer()
    {
        // Bob is a script writing 120 messages at once, past a person's rate.
        TestServer server(30, [](server::ServerConfig &c) { c.limits.messagesPerUser = {}; });
        const quint64 aliceId = server.userId(QStringLiteral("alice"));
        const ConversationId withBob = ConversationId::single(server.userId(QStringLiteral("bob")));
        QTemporaryDir dir;
        TestClient bob;
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        for (int i = 1; i <= 120; ++i)
            QVERIFY(sendText(bob, ConversationId::single(aliceId).toProto(), "message " + std::to_string(i)).ok());

        Device alice(dir.filePath(QStringLiteral("alice.sqlite")));
        QVERIFY(alice.signIn(server, QStringLiteral("alice")));
        MessageListModel *chat = alice.open(withBob);
        QTRY_COMPARE(ids(*chat), range(71, 120)); // the newest page
        QVERIFY(chat->canFetchMore({}));
        chat->fetchMore({});
        QTRY_COMPARE(ids(*chat), range(21, 120)); // older, from the server (the cache had a hole there)
        chat->fetchMore({});
        QTRY_COMPARE(ids(*chat), range(1, 120));
        QVERIFY(!chat->canFetchMore({})); // id 1 is here: nothing older exists

        {
            // The push of 121 never arrives; 122 does, and reveals the hole.
            const QSignalBlocker deaf(&alice.client.connection());
            QVERIFY(sendText(bob, ConversationId::single(aliceId).toProto(), "lost push").ok());
        }
        QVERIFY(sendText(bob, ConversationId::single(aliceId).toProto(), "reveals the hole").ok());
        QTRY_COMPARE(ids(*chat), range(1, 122));
        QCOMPARE(chat->index(120).data().toString(), QStringLiteral("lost push"));

        // Closed and opened again offline: the cache has all of it, in pages, with no server at all.
        alice.messenger->conversations().close(withBob);
        alice.messenger->setOnline(false, aliceId);
        alice.client.connection().close();
        MessageListModel *again = alice.open(withBob);
        QTRY_COMPARE(ids(*again), range(73, 122));
        again->fetchMore({});
        QTRY_COMPARE(ids(*again), range(23, 122));

        // The full-text index over what is cached.
        std::optional<std::vector<client::MessageHit>> hits;
        alice.cache->read<std::vector<client::MessageHit>>(
            this, [](client::CacheDatabase &db) { return db.searchMessages(QStringLiteral("reveals"), 50); },
            [&](auto found) { hits = found; });
        QTRY_VERIFY(hits.has_value());
        QCOMPARE(int(hits->size()), 1);
        QCOMPARE(hits->front().message.id(), 122u);
    }

    void theOutboxSendsWhatARestartLeftAndTheChatShowsIt()
    {
        TestServer server;
        const ConversationId withBob = ConversationId::single(server.userId(QStringLiteral("bob")));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alice.sqlite"));
        {
            Device offline(path);
            offline.messenger->loadCache();
            QTRY_VERIFY(offline.messenger->isCacheLoaded());
            MessageListModel *chat = offline.open(withBob);
            offline.messenger->conversations().send(withBob, QStringLiteral("written on the plane"));
            QCOMPARE(chat->rowCount(), 1);
        } // quits before ever going online
        Device alice(path);
        alice.messenger->loadCache();
        QTRY_VERIFY(alice.messenger->isCacheLoaded());
        MessageListModel *chat = alice.open(withBob);
        QCOMPARE(chat->rowCount(), 1);
        QCOMPARE(chat->index(0).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
                 MessageListModel::Delivery::Sending);
        QVERIFY(alice.signIn(server, QStringLiteral("alice")));
        QTRY_COMPARE(chat->index(0).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
                     MessageListModel::Delivery::Sent);
        QTRY_COMPARE(ids(*chat), QList<quint64>{1});
        QCOMPARE(alice.messenger->outbox().pendingCount(), 0);
    }

    void groupsWithMembersAndReadReceipts()
    {
        TestServer server;
        const quint64 bobId = server.userId(QStringLiteral("bob"));
        const quint64 carolId = server.userId(QStringLiteral("carol"));
        Device alice;
        QVERIFY(alice.signIn(server, QStringLiteral("alice")));
        TestClient bob;
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        TestClient carol;
        QCOMPARE(carol.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());

        std::optional<quint64> created;
        alice.messenger->groupSync().createGroup(QStringLiteral("Release crew"), {bobId, carolId}, this,
                                                 [&](pb::ErrorCode e, quint64 id) {
                                                     QCOMPARE(e, pb::ERROR_NONE);
                                                     created = id;
                                                 });
        QTRY_VERIFY(created.has_value());
        const ConversationId crew = ConversationId::group(*created);
        QCOMPARE(alice.messenger->groups().rowCount(), 1);
        QCOMPARE(alice.messenger->groups().index(0).data().toString(), QStringLiteral("Release crew"));
        QCOMPARE(alice.messenger->names().conversationName(crew), QStringLiteral("Release crew"));

        QSignalSpy membersChanged(&alice.messenger->groupSync(), &client::GroupSync::membersChanged);
        alice.messenger->groupSync().fetchMembers(*created);
        QTRY_COMPARE(int(alice.messenger->groupSync().members(*created).size()), 3);
        QCOMPARE(alice.messenger->groupSync().members(*created).front().role(), pb::GROUP_ROLE_OWNER);

        // Carol leaves: the push reaches alice's member list and the group's count.
        pb::ChangeMembersRequest leave;
        leave.set_group_id(*created);
        leave.set_change(pb::MEMBER_CHANGE_REMOVE);
        leave.add_user_ids(carolId);
        QVERIFY(carol.call<protocol::rpc::ChangeMembers>(leave).ok());
        QTRY_COMPARE(int(alice.messenger->groupSync().members(*created).size()), 2);
        QTRY_COMPARE(alice.messenger->groups().index(0).data(client::GroupListModel::MemberCountRole).toInt(), 2);

        // Alice writes; bob reads; the chat shows it read by one.
        MessageListModel *chat = alice.open(crew);
        alice.messenger->conversations().send(crew, QStringLiteral("standup at ten"));
        QTRY_COMPARE(ids(*chat), QList<quint64>{1});
        QTRY_COMPARE(chat->index(0).data(MessageListModel::ReadByRole).toInt(), 0);
        QVERIFY(readUpTo(bob, crew.toProto(), 1).ok());
        QTRY_COMPARE(chat->index(0).data(MessageListModel::ReadByRole).toInt(), 1);
        QCOMPARE(chat->index(0).data(MessageListModel::ReadersRole).toStringList(), // who, for the tooltip
                 QStringList{alice.messenger->names().userName(bobId)});

        // Bob answers: a group preview names its sender; muting keeps the count but marks the session.
        QVERIFY(sendText(bob, crew.toProto(), "ok").ok());
        QTRY_COMPARE(alice.unread(crew), 1);
        QVERIFY(alice.messenger->sessions()
                    .index(alice.messenger->sessions().rowOf(crew))
                    .data(client::SessionListModel::LastMessageRole)
                    .toString()
                    .endsWith(QStringLiteral(": ok")));
        alice.messenger->sessionSync().setMuted(crew, true);
        QTRY_VERIFY(alice.messenger->sessions().session(crew)->muted());
        QCOMPARE(alice.unread(crew), 1);
        QCOMPARE(alice.messenger->sessions().totalUnreadUnmuted(), 0);

        // Renamed by its owner, dissolved: the list follows.
        // An answer whose asker is gone is dropped: a closed chat window hears nothing of its rename.
        auto gone = std::make_unique<QObject>();
        bool heardByGone = false;
        alice.messenger->groupSync().update(*created, QStringLiteral("Renamed by a closed window"), std::nullopt,
                                            gone.get(), [&](pb::ErrorCode, quint64) { heardByGone = true; });
        gone.reset();
        std::optional<pb::ErrorCode> renamed;
        alice.messenger->groupSync().update(*created, QStringLiteral("Release crew 2.0"), std::nullopt, this,
                                            [&](pb::ErrorCode e, quint64) { renamed = e; });
        QTRY_VERIFY(renamed.has_value());
        QVERIFY(!heardByGone); // answered first, on the same connection
        QCOMPARE(alice.messenger->groups().index(0).data().toString(), QStringLiteral("Release crew 2.0"));
        std::optional<pb::ErrorCode> dissolved;
        alice.messenger->groupSync().dissolve(*created, this, [&](pb::ErrorCode e, quint64) { dissolved = e; });
        QTRY_VERIFY(dissolved.has_value());
        QCOMPARE(*dissolved, pb::ERROR_NONE);
        QCOMPARE(alice.messenger->groups().rowCount(), 0);
    }

    void searchFindsPeopleGroupsAndMessagesFromTheCache()
    {
        TestServer server;
        const quint64 aliceId = server.userId(QStringLiteral("alice"));
        const quint64 bobId = server.userId(QStringLiteral("bob"));
        QTemporaryDir dir;
        Device alice(dir.filePath(QStringLiteral("alice.sqlite")));
        client::DirectorySync directory(alice.client.connection(), alice.directory);
        directory.setCache(alice.cache.get());
        QVERIFY(alice.signIn(server, QStringLiteral("alice")));
        QSignalSpy organisation(&directory, &client::DirectorySync::finished);
        directory.start();
        QVERIFY(organisation.wait(10000));
        TestClient bob;
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        pb::CreateGroupRequest group;
        group.set_name("Lunch club");
        group.add_member_ids(aliceId);
        QVERIFY(bob.call<protocol::rpc::CreateGroup>(group).ok());
        QVERIFY(sendText(bob, ConversationId::single(aliceId).toProto(), "pizza on friday?").ok());
        QTRY_COMPARE(alice.messenger->groups().rowCount(), 1);
        alice.cache->flush();

        client::SearchModel search(alice.directory, alice.messenger->groups(), alice.messenger->names(),
                                   alice.cache.get());
        QAbstractItemModelTester tester(&search, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy people(&search, &client::SearchModel::peopleFound);
        search.setQuery(QStringLiteral("bob"));
        QVERIFY(people.wait(5000));
        QCOMPARE(search.index(0).data(client::SearchModel::UserIdRole).toULongLong(), bobId);
        QCOMPARE(search.index(0).data(client::SearchModel::KindRole).value<client::SearchModel::Kind>(),
                 client::SearchModel::Kind::Person);
        int bobRows = 0; // once, not once per way of finding him
        for (int r = 0; r < search.rowCount(); ++r) {
            const QModelIndex i = search.index(r);
            if (i.data(client::SearchModel::KindRole).value<client::SearchModel::Kind>() ==
                    client::SearchModel::Kind::Person &&
                i.data(client::SearchModel::UserIdRole).toULongLong() == bobId)
                ++bobRows;
        }
        QCOMPARE(bobRows, 1);

        search.setQuery(QStringLiteral("lunch"));
        QCOMPARE(search.rowCount(), 1); // groups answer at once
        QCOMPARE(search.index(0).data(client::SearchModel::ConversationRole).value<ConversationId>().isGroup(), true);

        QSignalSpy messages(&search, &client::SearchModel::messagesFound);
        search.setQuery(QStringLiteral("pizza"));
        QVERIFY(messages.wait(5000));
        const QModelIndex hit = search.index(search.rowCount() - 1);
        QCOMPARE(hit.data(client::SearchModel::KindRole).value<client::SearchModel::Kind>(),
                 client::SearchModel::Kind::Message);
        QCOMPARE(hit.data(client::SearchModel::ConversationRole).value<ConversationId>(),
                 ConversationId::single(bobId));
        QVERIFY(hit.data(client::SearchModel::DetailRole).toString().contains(QLatin1String("pizza")));
    }

    void presenceIsFetchedForWhoIsShownAndTheirChangesArePushed()
    {
        TestServer server;
        const quint64 bobId = server.userId(QStringLiteral("bob"));
        const quint64 carolId = server.userId(QStringLiteral("carol"));
        TestClient bob;
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        Device alice;
        QVERIFY(alice.signIn(server, QStringLiteral("alice")));
        client::PresenceTracker tracker(alice.client.connection(), alice.directory);
        QSignalSpy fetched(&tracker, &client::PresenceTracker::fetched);
        tracker.setShown({bobId, carolId, bobId});
        QVERIFY(fetched.wait(5000));
        QCOMPARE(fetched[0][0].toInt(), 2); // bob once, carol too
        QCOMPARE(alice.directory.presence(bobId), pb::PRESENCE_ONLINE);
        QCOMPARE(alice.directory.presence(carolId), pb::PRESENCE_OFFLINE);
        // Watched: bob going busy is pushed to alice, who is not his buddy.
        alice.client.pushes().clear();
        pb::SetPresenceRequest busy;
        busy.set_presence(pb::PRESENCE_BUSY);
        QVERIFY(bob.call<protocol::rpc::SetPresence>(busy).ok());
        const auto pushed = alice.client.waitForPush<pb::PresenceNotify>(protocol::oneway::PresenceNotify::id);
        QVERIFY(pushed.has_value());
        QCOMPARE(pushed->presence().user_id(), bobId);
        QCOMPARE(pushed->presence().presence(), pb::PRESENCE_BUSY);
    }

    void aRestartSyncsIncrementallyToWhatAFullSyncSees()
    {
        TestServer server;
        const quint64 aliceId = server.userId(QStringLiteral("alice"));
        const quint64 bobId = server.userId(QStringLiteral("bob"));
        const quint64 carolId = server.userId(QStringLiteral("carol"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alice.sqlite"));
        TestClient bob;
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QVERIFY(sendText(bob, ConversationId::single(aliceId).toProto(), "before").ok());
        {
            Device first(path);
            QVERIFY(first.signIn(server, QStringLiteral("alice")));
            QSignalSpy pulled(&first.messenger->buddySync(), &client::DataSetSync::finished);
            first.messenger->buddySync().add(bobId);
            QVERIFY(first.messenger->buddies().contains(bobId)); // at once; the server confirms, then a pull
            QVERIFY(pulled.wait(5000));
        }
        // While alice is away: new messages, a group with her in it, a buddy added and a session pinned from
        // her phone.
        QVERIFY(sendText(bob, ConversationId::single(aliceId).toProto(), "while you were out").ok());
        pb::CreateGroupRequest group;
        group.set_name("Lunch");
        group.add_member_ids(aliceId);
        const auto lunch = bob.call<protocol::rpc::CreateGroup>(group);
        QVERIFY(lunch.ok());
        QVERIFY(sendText(bob, ConversationId::group(lunch.value.group().id()).toProto(), "pizza?").ok());
        TestClient phone;
        QCOMPARE(phone.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_IOS), QString());
        pb::AddBuddyRequest buddy;
        buddy.set_user_id(carolId);
        QVERIFY(phone.call<protocol::rpc::AddBuddy>(buddy).ok());
        pb::UpdateSessionRequest pin;
        *pin.mutable_conversation() = ConversationId::single(bobId).toProto();
        pin.set_pinned(true);
        QVERIFY(phone.call<protocol::rpc::UpdateSession>(pin).ok());

        Device restarted(path);
        restarted.messenger->loadCache();
        QTRY_VERIFY(restarted.messenger->isCacheLoaded());
        QCOMPARE(restarted.messenger->sessions().rowCount(), 1); // what the last run knew, at once
        QCOMPARE(restarted.messenger->buddies().rowCount(), 1);
        QVERIFY(restarted.messenger->sessionSync().cursor() != 0);
        QVERIFY(restarted.signIn(server, QStringLiteral("alice")));
        QTRY_VERIFY(restarted.messenger->groups().index(0).data().toString() == QStringLiteral("Lunch"));

        Device fresh;
        QVERIFY(fresh.signIn(server, QStringLiteral("alice"), pb::CLIENT_TYPE_WEB));
        QTRY_VERIFY(fresh.messenger->groups().rowCount() == 1 &&
                    fresh.messenger->groups().index(0).data().toString() == QStringLiteral("Lunch"));
        QCOMPARE(visibleSessions(restarted.messenger->sessions()), visibleSessions(fresh.messenger->sessions()));
        QCOMPARE(visibleGroups(restarted.messenger->groups()), visibleGroups(fresh.messenger->groups()));
        QCOMPARE(restarted.messenger->buddies().userIds(), fresh.messenger->buddies().userIds());
        QCOMPARE(restarted.messenger->sessions().rowCount(), 2);
        QVERIFY(restarted.messenger->sessions().index(0).data(client::SessionListModel::PinnedRole).toBool());
    }
};

QTEST_GUILESS_MAIN(TestMessenger)
#include "tst_messenger.moc"
