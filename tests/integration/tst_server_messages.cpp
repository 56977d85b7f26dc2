// One-to-one messaging over real sockets: delivery to every device, consecutive ids, exactly-once resends, each
// refusal with its own code, history in both directions, unread counts derived from read cursors, sessions that
// follow the user across devices, typing notices, and nobody reading what is not theirs.
#include "store/storagethread.h"
#include "support/messaging.h"

#include <QTest>

using namespace confab;
using namespace confab::protocol;
using namespace confab::test;

class TestServerMessages : public QObject
{
    Q_OBJECT

private slots:
    void messagesReachEveryDeviceWithConsecutiveIds()
    {
        TestServer server;
        const quint64 alice = server.userId(QStringLiteral("alice"));
        const quint64 bob = server.userId(QStringLiteral("bob"));
        TestClient aliceDesk, alicePhone, bobDesk;
        QCOMPARE(aliceDesk.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(alicePhone.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_ANDROID),
                 QString());
        QCOMPARE(bobDesk.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());

        for (quint64 expected = 1; expected <= 5; ++expected) {
            const auto sent =
                sendText(aliceDesk, single(bob), "hello " + std::to_string(expected), "m" + std::to_string(expected));
            QVERIFY2(sent.ok(), qPrintable(sent.message));
            QCOMPARE(quint64(sent.value.id()), expected);
            QVERIFY(!sent.value.duplicate());

            const auto atBob = bobDesk.waitForPush<pb::MessageNotify>(oneway::MessageNotify::id);
            QVERIFY(atBob);
            QCOMPARE(quint64(atBob->message().id()), expected);
            QCOMPARE(quint64(atBob->message().conversation().peer_id()), alice); // seen from bob: the other person
            QCOMPARE(quint64(atBob->message().sender_id()), alice);
            QVERIFY(atBob->message().client_msg_id().empty()); // the sender's key is the sender's business

            const auto atPhone = alicePhone.waitForPush<pb::MessageNotify>(oneway::MessageNotify::id);
            QVERIFY(atPhone);
            QCOMPARE(quint64(atPhone->message().conversation().peer_id()), bob);
            QCOMPARE(atPhone->message().client_msg_id(), "m" + std::to_string(expected));
        }
        QCOMPARE(aliceDesk.countPushes(oneway::MessageNotify::id), 0); // the sending device has its answer

        // Replies continue the same numbering: one conversation, not one per direction.
        const auto reply = sendText(bobDesk, single(alice), "hi alice");
        QCOMPARE(quint64(reply.value.id()), quint64(6));
    }

    void aResendStoresNothingNewAfterADropOrARestart()
    {
        TestServer server;
        const quint64 bob = server.userId(QStringLiteral("bob"));
        TestClient bobDesk;
        QCOMPARE(bobDesk.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        quint64 firstId = 0;
        {
            TestClient alice;
            QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
            const auto sent = sendText(alice, single(bob), "only once", "outbox-1");
            QVERIFY(sent.ok());
            firstId = sent.value.id();
            // Resent on the same connection, as after a timed-out answer.
            const auto again = sendText(alice, single(bob), "only once", "outbox-1");
            QVERIFY(again.ok());
            QVERIFY(again.value.duplicate());
            QCOMPARE(quint64(again.value.id()), firstId);
        } // the connection drops
        {
            // A restarted client resends what its outbox still holds.
            TestClient alice;
            QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
            const auto again = sendText(alice, single(bob), "only once", "outbox-1");
            QVERIFY(again.ok());
            QVERIFY(again.value.duplicate());
            QCOMPARE(quint64(again.value.id()), firstId);
            QCOMPARE(quint64(again.value.sent_ms()) > 0, true);
            // Reusing the key for another conversation is a client bug, not a resend.
            const auto elsewhere = sendText(alice, single(server.userId(QStringLiteral("carol"))), "x", "outbox-1");
            QCOMPARE(elsewhere.error, pb::ERROR_CONVERSATION_MISMATCH);
        }
        const auto history = historyOf(bobDesk, single(server.userId(QStringLiteral("alice"))));
        QCOMPARE(history.value.messages_size(), 1);
        QCOMPARE(history.value.latest_id(), firstId);
        QVERIFY(bobDesk.waitForPush<pb::MessageNotify>(oneway::MessageNotify::id));
        QCOMPARE(bobDesk.countPushes(oneway::MessageNotify::id), 0); // resends are not delivered again
    }

    void eachRefusalHasItsOwnCodeAndTheConnectionSurvives()
    {
        TestServer server;
        const quint64 alice = server.userId(QStringLiteral("alice"));
        const quint64 bob = server.userId(QStringLiteral("bob"));
        const quint64 carol = server.userId(QStringLiteral("carol"));
        server.store().blocking([carol](server::Store &s) {
            pb::User u = *s.user(carol);
            u.set_status(pb::USER_STATUS_LEFT);
            return s.upsertUser(u);
        });
        TestClient client;
        QCOMPARE(client.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());

        QCOMPARE(sendText(client, single(999999), "hi").error, pb::ERROR_UNKNOWN_RECIPIENT);
        QCOMPARE(sendText(client, single(carol), "hi").error, pb::ERROR_UNKNOWN_RECIPIENT); // departed
        QCOMPARE(sendText(client, single(alice), "note to self").error, pb::ERROR_SELF_MESSAGE);
        QCOMPARE(sendText(client, single(bob), "").error, pb::ERROR_EMPTY_MESSAGE);
        QCOMPARE(sendText(client, single(bob), " \n\t ").error, pb::ERROR_EMPTY_MESSAGE);
        // Unicode's spaces are blank too: ideographic (U+3000), no-break (U+00A0), em (U+2003), line separator.
        QCOMPARE(sendText(client, single(bob), "\u3000\u3000 \u00a0\u2003\u2028").error, pb::ERROR_EMPTY_MESSAGE);
        QVERIFY(sendText(client, single(bob), "\u3000好\u3000").ok()); // a word between them is a message
        QCOMPARE(sendText(client, single(bob), std::string(32 * 1024 + 1, 'x')).error, pb::ERROR_MESSAGE_TOO_LARGE);
        QCOMPARE(sendText(client, group(4242), "hi").error, pb::ERROR_UNKNOWN_GROUP);

        pb::SendMessageRequest noKey;
        *noKey.mutable_to() = single(bob);
        noKey.set_kind(pb::MESSAGE_KIND_TEXT);
        noKey.set_text("hi");
        QCOMPARE(client.call<rpc::SendMessage>(noKey).error, pb::ERROR_INVALID_ARGUMENT);
        pb::SendMessageRequest system = noKey;
        system.set_client_msg_id("sys");
        system.set_kind(pb::MESSAGE_KIND_SYSTEM);
        QCOMPARE(client.call<rpc::SendMessage>(system).error, pb::ERROR_INVALID_ARGUMENT);
        // No file can be uploaded yet, so no file message can name one: refused whatever its file_id or text.
        pb::SendMessageRequest file = noKey;
        file.set_client_msg_id("file");
        file.set_kind(pb::MESSAGE_KIND_FILE);
        file.set_file_id(77);
        QCOMPARE(client.call<rpc::SendMessage>(file).error, pb::ERROR_INVALID_ARGUMENT);
        file.set_file_id(0);
        QCOMPARE(client.call<rpc::SendMessage>(file).error, pb::ERROR_INVALID_ARGUMENT);
        pb::SendMessageRequest textWithFile = noKey;
        textWithFile.set_client_msg_id("text-with-file");
        textWithFile.set_text("");
        textWithFile.set_file_id(77);
        QCOMPARE(client.call<rpc::SendMessage>(textWithFile).error, pb::ERROR_INVALID_ARGUMENT);

        // The largest allowed body goes through whole, not truncated.
        const std::string largest(32 * 1024, 'y');
        const auto big = sendText(client, single(bob), largest);
        QVERIFY2(big.ok(), qPrintable(big.message));
        pb::MessagesByIdRequest byId;
        *byId.mutable_conversation() = single(bob);
        byId.add_ids(big.value.id());
        const auto fetched = client.call<rpc::MessagesById>(byId);
        QCOMPARE(fetched.value.messages(0).text().size(), largest.size());

        // A reply to, or a read of, an id this conversation never had.
        pb::SendMessageRequest reply = noKey;
        reply.set_client_msg_id("reply");
        reply.set_reply_to(big.value.id() + 5);
        QCOMPARE(client.call<rpc::SendMessage>(reply).error, pb::ERROR_CONVERSATION_MISMATCH);
        QCOMPARE(readUpTo(client, single(bob), big.value.id() + 5).error, pb::ERROR_CONVERSATION_MISMATCH);
        reply.set_reply_to(big.value.id());
        QVERIFY(client.call<rpc::SendMessage>(reply).ok());

        QVERIFY(client.isConnected());
        // Nothing refused left a trace: the conversation holds the three accepted messages only.
        QCOMPARE(historyOf(client, single(bob)).value.latest_id(), quint64(3));
    }

    void historyPagesBackwardsAndForwardsAndFillsHoles()
    {
        TestServer server;
        const quint64 bob = server.userId(QStringLiteral("bob"));
        TestClient alice;
        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        for (int i = 1; i <= 25; ++i)
            QVERIFY(sendText(alice, single(bob), "m" + std::to_string(i)).ok());

        auto page = historyOf(alice, single(bob), 0, 10);
        QCOMPARE(page.value.messages_size(), 10);
        QCOMPARE(page.value.messages(0).id(), quint64(25)); // newest first when scrolling up
        QCOMPARE(page.value.messages(9).id(), quint64(16));
        QVERIFY(page.value.has_more());
        QCOMPARE(page.value.latest_id(), quint64(25));
        page = historyOf(alice, single(bob), 16, 10);
        QCOMPARE(page.value.messages(0).id(), quint64(15));
        page = historyOf(alice, single(bob), 6, 10);
        QCOMPARE(page.value.messages_size(), 5);
        QVERIFY(!page.value.has_more());

        page = historyOf(alice, single(bob), 20, 50, true); // catching up: oldest first
        QCOMPARE(page.value.messages_size(), 5);
        QCOMPARE(page.value.messages(0).id(), quint64(21));
        QVERIFY(!page.value.has_more());
        QCOMPARE(historyOf(alice, single(bob), 0, 201).error, pb::ERROR_PAGE_TOO_LARGE);

        pb::MessagesByIdRequest holes;
        *holes.mutable_conversation() = single(bob);
        for (quint64 id : {3, 7, 99})
            holes.add_ids(id);
        const auto filled = alice.call<rpc::MessagesById>(holes);
        QCOMPARE(filled.value.messages_size(), 2);
        QCOMPARE(filled.value.messages(1).text(), "m7");

        pb::LatestIdRequest latest;
        *latest.add_conversations() = single(bob);
        *latest.add_conversations() = single(server.userId(QStringLiteral("carol")));
        const auto ids = alice.call<rpc::LatestId>(latest);
        QCOMPARE(ids.value.latest(0).latest_id(), quint64(25));
        QCOMPARE(ids.value.latest(1).latest_id(), quint64(0));

        pb::ServerTimeRequest time;
        QVERIFY(alice.call<rpc::ServerTime>(time).value.server_time_ms() > 0);
    }

    void unreadIsLatestMinusTheReadCursorAndCountsOnlyOthers()
    {
        TestServer server;
        const quint64 alice = server.userId(QStringLiteral("alice"));
        const quint64 bob = server.userId(QStringLiteral("bob"));
        const quint64 carol = server.userId(QStringLiteral("carol"));
        TestClient a, b, c;
        QCOMPARE(a.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(b.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QCOMPARE(c.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());
        for (int i = 0; i < 3; ++i)
            QVERIFY(sendText(a, single(bob), "from alice").ok());
        QVERIFY(sendText(c, single(bob), "from carol").ok());
        QVERIFY(sendText(b, single(alice), "bob answers").ok()); // answering reads what came before

        pb::UnreadCountRequest none;
        auto counts = b.call<rpc::UnreadCount>(none);
        QCOMPARE(counts.value.total(), quint64(1)); // carol's; alice's three were answered
        QCOMPARE(counts.value.conversations(0).conversation().peer_id(), carol);
        counts = a.call<rpc::UnreadCount>(none);
        QCOMPARE(counts.value.total(), quint64(1)); // bob's answer, not her own three

        QCOMPARE(readUpTo(b, single(carol), 1).value.read_cursor(), quint64(1));
        QCOMPARE(b.call<rpc::UnreadCount>(none).value.total(), quint64(0));

        // The cursor only moves forward.
        for (int i = 0; i < 4; ++i)
            QVERIFY(sendText(c, single(bob), "more").ok());
        QCOMPARE(readUpTo(b, single(carol), 4).value.read_cursor(), quint64(4));
        QCOMPARE(readUpTo(b, single(carol), 2).value.read_cursor(), quint64(4));
        const auto sessions = syncSessions(b);
        QCOMPARE(sessionWith(sessions, single(carol))->unread(), quint64(1));
        QCOMPARE(sessionWith(sessions, single(alice))->unread(), quint64(0));

        // Carol hears that bob read her messages.
        const auto receipt = c.waitForPush<pb::ReadNotify>(oneway::ReadNotify::id);
        QVERIFY(receipt);
        QCOMPARE(receipt->conversation().peer_id(), bob);
    }

    void twoDevicesShareBadgesRemovalsPinsAndMutes()
    {
        TestServer server;
        const quint64 alice = server.userId(QStringLiteral("alice"));
        const quint64 bob = server.userId(QStringLiteral("bob"));
        TestClient a, laptop, phone;
        QCOMPARE(a.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(laptop.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        QCOMPARE(phone.connectAndLogin(server.endpoint(), QStringLiteral("bob"), pb::CLIENT_TYPE_IOS), QString());
        for (int i = 0; i < 3; ++i)
            QVERIFY(sendText(a, single(bob), "ping").ok());
        quint64 laptopCursor = 0, phoneCursor = 0;
        QCOMPARE(sessionWith(syncSessions(laptop, 0, &laptopCursor), single(alice))->unread(), quint64(3));
        QCOMPARE(sessionWith(syncSessions(phone, 0, &phoneCursor), single(alice))->unread(), quint64(3));

        // Read on the phone: the laptop hears at once and its next sync agrees.
        QVERIFY(readUpTo(phone, single(alice), 3).ok());
        const auto read = laptop.waitForPush<pb::ReadNotify>(oneway::ReadNotify::id);
        QVERIFY(read);
        QCOMPARE(read->read_cursor(), quint64(3));
        QCOMPARE(read->reader_id(), bob);
        QCOMPARE(sessionWith(syncSessions(laptop, laptopCursor, &laptopCursor), single(alice))->unread(), quint64(0));

        // Pin on the laptop: the phone hears it.
        pb::UpdateSessionRequest pin;
        *pin.mutable_conversation() = single(alice);
        pin.set_pinned(true);
        const auto pinned = laptop.call<rpc::UpdateSession>(pin);
        QVERIFY(pinned.ok());
        QVERIFY(pinned.value.session().pinned());
        auto changed = phone.waitForPush<pb::SessionChangedNotify>(oneway::SessionChangedNotify::id);
        QVERIFY(changed && changed->has_session());
        QVERIFY(changed->session().pinned());
        QVERIFY(!changed->session().muted()); // unset fields stay as they were

        // Remove on the laptop: gone on the phone, by push and by incremental sync.
        pb::RemoveSessionRequest remove;
        *remove.mutable_conversation() = single(alice);
        QVERIFY(laptop.call<rpc::RemoveSession>(remove).ok());
        changed = phone.waitForPush<pb::SessionChangedNotify>(oneway::SessionChangedNotify::id);
        QVERIFY(changed && changed->has_removed());
        std::vector<pb::Conversation> removed;
        auto after = syncSessions(phone, phoneCursor, &phoneCursor, &removed);
        QVERIFY(!sessionWith(after, single(alice)));
        QCOMPARE(int(removed.size()), 1);
        QVERIFY(!sessionWith(syncSessions(phone), single(alice))); // a full sync agrees

        // The next message brings the session back, unread 1.
        QVERIFY(sendText(a, single(bob), "still there?").ok());
        after = syncSessions(phone, phoneCursor, &phoneCursor);
        QVERIFY(sessionWith(after, single(alice)));
        QCOMPARE(sessionWith(after, single(alice))->unread(), quint64(1));
        QVERIFY(sessionWith(after, single(alice))->pinned());
        QCOMPARE(sessionWith(after, single(alice))->last_message().text(), "still there?");

        // Nothing changed since: an empty page, and the cursor stays.
        const quint64 before = phoneCursor;
        QVERIFY(syncSessions(phone, phoneCursor, &phoneCursor).empty());
        QCOMPARE(phoneCursor, before);
    }

    void typingNoticesAreRelayedAndNeverStored()
    {
        TestServer server;
        const quint64 alice = server.userId(QStringLiteral("alice"));
        const quint64 bob = server.userId(QStringLiteral("bob"));
        TestClient a, b;
        QCOMPARE(a.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(b.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        pb::P2PCommand typing;
        typing.set_to_user_id(bob);
        typing.set_from_user_id(12345); // forged: the server says who it is from
        typing.set_kind(pb::P2P_KIND_TYPING);
        a.connection().send(oneway::P2P::id, typing);
        const auto relayed = b.waitForPush<pb::P2PCommand>(oneway::P2P::id);
        QVERIFY(relayed);
        QCOMPARE(relayed->from_user_id(), alice);
        QCOMPARE(relayed->kind(), pb::P2P_KIND_TYPING);
        QCOMPARE(historyOf(b, single(alice)).value.latest_id(), quint64(0));
        QVERIFY(syncSessions(b).empty());
    }

    void nobodyReadsAnotherPersonsConversation()
    {
        TestServer server;
        const quint64 alice = server.userId(QStringLiteral("alice"));
        const quint64 bob = server.userId(QStringLiteral("bob"));
        TestClient a, c;
        QCOMPARE(a.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(c.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());
        QVERIFY(sendText(a, single(bob), "between us").ok());
        // Carol can only ever name her own conversations: with alice it is empty, with bob too.
        QCOMPARE(historyOf(c, single(alice)).value.messages_size(), 0);
        QCOMPARE(historyOf(c, single(bob)).value.messages_size(), 0);
        pb::MessagesByIdRequest byId;
        *byId.mutable_conversation() = single(alice);
        byId.add_ids(1);
        QCOMPARE(c.call<rpc::MessagesById>(byId).value.messages_size(), 0);
        QVERIFY(syncSessions(c).empty());
        QCOMPARE(c.countPushes(oneway::MessageNotify::id), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerMessages)
#include "tst_server_messages.moc"
