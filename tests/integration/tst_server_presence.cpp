// Buddy lists and presence over real sockets: a buddy list syncs like any data set and reaches the user's other
// devices; presence reaches those who have the user as a buddy or watch them, and nobody else; invisible users
// look offline to everyone but themselves; the last device going away turns into offline.
#include "store/storagethread.h"
#include "support/testserver.h"

#include <QTest>

using namespace confab;
using namespace confab::protocol;
using confab::test::TestClient;
using confab::test::TestServer;

namespace {
quint64 idOf(TestServer &server, const char *login)
{
    return server.store().blocking([login](server::Store &s) { return s.userByLogin(QLatin1String(login))->id(); },
                                   false);
}

// The next presence push about `userId` (pushes about others, such as the viewer's own, are skipped).
std::optional<pb::Presence> nextPresencePush(TestClient &viewer, quint64 userId)
{
    while (auto push = viewer.waitForPush<pb::PresenceNotify>(oneway::PresenceNotify::id)) {
        if (push->presence().user_id() == userId)
            return push->presence().presence();
    }
    return std::nullopt;
}

int presencePushesAbout(TestClient &viewer, quint64 userId)
{
    int count = 0;
    for (const Frame &f : viewer.pushes()) {
        pb::PresenceNotify n;
        count += f.command == oneway::PresenceNotify::id && parseBody(f, n) && n.presence().user_id() == userId;
    }
    return count;
}

pb::Presence presenceOf(TestClient &viewer, quint64 userId)
{
    pb::PresenceQueryRequest query;
    query.add_user_ids(userId);
    const auto result = viewer.call<rpc::PresenceQuery>(query);
    return result.ok() && result.value.presences_size() == 1 ? result.value.presences(0).presence() : pb::Presence(-1);
}
} // namespace

class TestServerPresence : public QObject
{
    Q_OBJECT

private slots:
    void buddyListSyncsAndReachesOtherDevices()
    {
        TestServer server;
        const quint64 bob = idOf(server, "bob");
        const quint64 carol = idOf(server, "carol");
        TestClient laptop, phone;
        QCOMPARE(laptop.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_LINUX), QString());
        QCOMPARE(phone.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_IOS), QString());

        pb::AddBuddyRequest add;
        add.set_user_id(bob);
        const auto added = laptop.call<rpc::AddBuddy>(add);
        QVERIFY(added.ok());
        const auto told = phone.waitForPush<pb::BuddyChangedNotify>(oneway::BuddyChangedNotify::id);
        QVERIFY(told.has_value());
        QCOMPARE(told->buddy().user_id(), bob);
        QCOMPARE(told->sync().cursor(), added.value.cursor());
        QCOMPARE(laptop.call<rpc::AddBuddy>(add).value.cursor(), added.value.cursor()); // again: nothing changes
        add.set_user_id(carol);
        QVERIFY(laptop.call<rpc::AddBuddy>(add).ok());

        const auto full = phone.call<rpc::BuddySync>(pb::SyncRequest());
        QCOMPARE(full.value.buddies_size(), 2);
        pb::RemoveBuddyRequest remove;
        remove.set_user_id(bob);
        QVERIFY(laptop.call<rpc::RemoveBuddy>(remove).ok());
        pb::SyncRequest since;
        since.set_cursor(full.value.page().cursor());
        const auto delta = phone.call<rpc::BuddySync>(since);
        QCOMPARE(delta.value.buddies_size(), 0);
        QCOMPARE(delta.value.removed_size(), 1);
        QCOMPARE(delta.value.removed(0), bob);

        // Buddy lists are private: bob's is his own.
        TestClient bobClient;
        QCOMPARE(bobClient.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QCOMPARE(bobClient.call<rpc::BuddySync>(pb::SyncRequest()).value.buddies_size(), 0);

        add.set_user_id(999'999);
        QCOMPARE(laptop.call<rpc::AddBuddy>(add).error, pb::ERROR_NOT_FOUND);
        add.set_user_id(idOf(server, "alice"));
        QCOMPARE(laptop.call<rpc::AddBuddy>(add).error, pb::ERROR_INVALID_ARGUMENT);
    }

    void presenceGoesToBuddiesAndWatchersOnly()
    {
        TestServer server;
        const quint64 alice = idOf(server, "alice");
        TestClient aliceClient, bobClient, carolClient;
        QCOMPARE(bobClient.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QCOMPARE(carolClient.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());
        pb::AddBuddyRequest add;
        add.set_user_id(alice);
        QVERIFY(bobClient.call<rpc::AddBuddy>(add).ok());
        QCOMPARE(presenceOf(bobClient, alice), pb::PRESENCE_OFFLINE);

        QCOMPARE(aliceClient.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(nextPresencePush(bobClient, alice), pb::PRESENCE_ONLINE);

        // A watcher (an open conversation) hears too once it asks to.
        pb::PresenceWatchRequest watch;
        watch.add_user_ids(alice);
        QVERIFY(carolClient.call<rpc::PresenceWatch>(watch).ok());

        pb::SetPresenceRequest busy;
        busy.set_presence(pb::PRESENCE_BUSY);
        QVERIFY(aliceClient.call<rpc::SetPresence>(busy).ok());
        QCOMPARE(nextPresencePush(bobClient, alice), pb::PRESENCE_BUSY);
        QCOMPARE(nextPresencePush(carolClient, alice), pb::PRESENCE_BUSY);

        // Invisible: others see offline; alice's own view is the truth.
        pb::SetPresenceRequest invisible;
        invisible.set_presence(pb::PRESENCE_INVISIBLE);
        QVERIFY(aliceClient.call<rpc::SetPresence>(invisible).ok());
        QCOMPARE(nextPresencePush(bobClient, alice), pb::PRESENCE_OFFLINE);
        QCOMPARE(presenceOf(bobClient, alice), pb::PRESENCE_OFFLINE);
        QCOMPARE(presenceOf(aliceClient, alice), pb::PRESENCE_INVISIBLE);

        pb::SetPresenceRequest offline;
        offline.set_presence(pb::PRESENCE_OFFLINE);
        QCOMPARE(aliceClient.call<rpc::SetPresence>(offline).error, pb::ERROR_INVALID_ARGUMENT);
        pb::PresenceQueryRequest tooMany;
        for (int i = 1; i <= 501; ++i)
            tooMany.add_user_ids(quint64(i));
        QCOMPARE(bobClient.call<rpc::PresenceQuery>(tooMany).error, pb::ERROR_FIELD_TOO_LARGE);
    }

    void aChosenPresenceSurvivesReconnectsAndRestartsAndNeverFlashesOnline()
    {
        // Before the fix the choice lived only in memory and a sign-in without initial_presence meant "online":
        // alice invisible, a reconnect or a server restart, and bob saw her online.
        TestServer server;
        const quint64 alice = idOf(server, "alice");
        const auto bobWatchingAlice = [&](TestClient &bob) {
            if (!bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")).isEmpty())
                return false;
            pb::AddBuddyRequest add;
            add.set_user_id(alice);
            bob.call<rpc::AddBuddy>(add);
            pb::PresenceWatchRequest watch;
            watch.add_user_ids(alice);
            return bob.call<rpc::PresenceWatch>(watch).ok();
        };
        {
            TestClient bob, aliceClient;
            QVERIFY(bobWatchingAlice(bob));
            QCOMPARE(aliceClient.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
            pb::SetPresenceRequest invisible;
            invisible.set_presence(pb::PRESENCE_INVISIBLE);
            QVERIFY(aliceClient.call<rpc::SetPresence>(invisible).ok());
            QCOMPARE(presenceOf(bob, alice), pb::PRESENCE_OFFLINE);
            bob.pushes().clear();

            // A reconnect, as after a network drop: no initial_presence, so the stored choice holds.
            aliceClient.connection().close();
            TestClient again;
            QCOMPARE(again.open(server.endpoint()), true);
            const auto resumed = again.login(QStringLiteral("alice"));
            QVERIFY2(resumed.ok(), qPrintable(resumed.message));
            QCOMPARE(resumed.value.presence(), pb::PRESENCE_INVISIBLE); // her own selector shows the truth
            QCOMPARE(presenceOf(bob, alice), pb::PRESENCE_OFFLINE);
            QCOMPARE(presencePushesAbout(bob, alice), 0); // not even one push said online
        }

        QVERIFY(server.restart());
        TestClient bob, aliceClient;
        QVERIFY(bobWatchingAlice(bob));
        bob.pushes().clear();
        QCOMPARE(aliceClient.open(server.endpoint()), true);
        const auto afterRestart = aliceClient.login(QStringLiteral("alice"));
        QVERIFY(afterRestart.ok());
        QCOMPARE(afterRestart.value.presence(), pb::PRESENCE_INVISIBLE);
        QCOMPARE(presenceOf(bob, alice), pb::PRESENCE_OFFLINE);
        QCOMPARE(presenceOf(aliceClient, alice), pb::PRESENCE_INVISIBLE);
        QCOMPARE(presencePushesAbout(bob, alice), 0);

        // Busy is kept the same way; choosing anew at sign-in replaces the stored choice.
        pb::SetPresenceRequest busy;
        busy.set_presence(pb::PRESENCE_BUSY);
        QVERIFY(aliceClient.call<rpc::SetPresence>(busy).ok());
        QCOMPARE(nextPresencePush(bob, alice), pb::PRESENCE_BUSY);
        aliceClient.connection().close();
        QCOMPARE(nextPresencePush(bob, alice), pb::PRESENCE_OFFLINE);
        TestClient phone;
        QCOMPARE(phone.open(server.endpoint()), true);
        const auto back = phone.login(QStringLiteral("alice"));
        QCOMPARE(back.value.presence(), pb::PRESENCE_BUSY);
        QCOMPARE(nextPresencePush(bob, alice), pb::PRESENCE_BUSY); // straight to busy, never online first
        QCOMPARE(presencePushesAbout(bob, alice), 0);
    }

    void anInitialPresenceThatIsNoPresenceIsRefused()
    {
        TestServer server;
        TestClient client;
        QVERIFY(client.open(server.endpoint()));
        pb::LoginRequest request = TestClient::loginRequest(QStringLiteral("alice"));
        request.set_initial_presence(pb::Presence(77));
        QCOMPARE(client.call<rpc::Login>(request).error, pb::ERROR_UNKNOWN_VALUE);
        request.set_initial_presence(pb::PRESENCE_AWAY); // chosen at sign-in
        const auto away = client.call<rpc::Login>(request);
        QVERIFY(away.ok());
        QCOMPARE(away.value.presence(), pb::PRESENCE_AWAY);
    }

    void replacingALoginIsNotGoingOffline()
    {
        TestServer server;
        const quint64 alice = idOf(server, "alice");
        TestClient bobClient, first, second;
        QCOMPARE(bobClient.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        pb::AddBuddyRequest add;
        add.set_user_id(alice);
        QVERIFY(bobClient.call<rpc::AddBuddy>(add).ok());
        QCOMPARE(first.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_WINDOWS), QString());
        QCOMPARE(nextPresencePush(bobClient, alice), pb::PRESENCE_ONLINE);
        pb::SetPresenceRequest busy;
        busy.set_presence(pb::PRESENCE_BUSY);
        QVERIFY(first.call<rpc::SetPresence>(busy).ok());
        QCOMPARE(nextPresencePush(bobClient, alice), pb::PRESENCE_BUSY);

        QCOMPARE(second.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_MAC), QString());
        QVERIFY(first.waitForDisconnect());
        QCOMPARE(presenceOf(bobClient, alice), pb::PRESENCE_BUSY); // a round trip: earlier pushes have arrived
        QCOMPARE(presencePushesAbout(bobClient, alice), 0);        // no offline blip, and the choice was kept
    }

    void strangersHearNothingAndLastDeviceGoneIsOffline()
    {
        TestServer server;
        const quint64 alice = idOf(server, "alice");
        TestClient aliceClient, bobClient, stranger;
        QCOMPARE(bobClient.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QCOMPARE(stranger.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());
        pb::AddBuddyRequest add;
        add.set_user_id(alice);
        QVERIFY(bobClient.call<rpc::AddBuddy>(add).ok());
        QCOMPARE(aliceClient.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(nextPresencePush(bobClient, alice), pb::PRESENCE_ONLINE);

        aliceClient.connection().close();
        QCOMPARE(nextPresencePush(bobClient, alice), pb::PRESENCE_OFFLINE);
        // A round trip on carol's own connection: any push sent to her before it has arrived by its answer.
        QCOMPARE(presenceOf(stranger, alice), pb::PRESENCE_OFFLINE);
        QCOMPARE(presencePushesAbout(stranger, alice), 0); // neither buddy nor watcher: she heard nothing
    }
};

QTEST_GUILESS_MAIN(TestServerPresence)
#include "tst_server_presence.moc"
