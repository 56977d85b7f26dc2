// The client's outbox against the real server and a real cache file: written offline, sent on login; left
// unsent by one run, sent by the next; a message whose acknowledgement was lost goes again and is stored once;
// a refused message leaves the outbox with its error.
#include "cache/localcache.h"
#include "messaging/outbox.h"
#include "support/messaging.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace confab;
using namespace confab::test;

namespace {

std::vector<pb::SendMessageRequest> outboxRows(const QString &path)
{
    client::CacheDatabase db(path);
    db.open();
    return db.loadOutbox();
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

private slots:
    void writtenOfflineSentOnLoginAndGoneFromTheCache()
    {
        TestServer server;
        const quint64 bob = server.userId(QStringLiteral("bob"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alice.sqlite"));
        client::LocalCache cache(path);
        QString error;
        QVERIFY2(cache.open(&error), qPrintable(error));
        QVERIFY(client::CacheDatabase::currentSchemaVersion() >= 2); // the outbox came with step 2

        TestClient alice;
        client::Outbox outbox(alice.connection(), &cache);
        QSignalSpy sent(&outbox, &client::Outbox::sent);
        outbox.sendText(single(bob), QStringLiteral("written on the train"));
        outbox.sendText(single(bob), QStringLiteral("still offline"));
        QCOMPARE(outbox.pendingCount(), 2);
        cache.flush();
        QCOMPARE(int(outboxRows(path).size()), 2); // on disk before anything was sent

        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        outbox.setOnline(true);
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 2, 10000);
        QCOMPARE(sent[0][1].toULongLong(), quint64(1)); // in the order written
        QCOMPARE(sent[1][1].toULongLong(), quint64(2));
        QCOMPARE(outbox.pendingCount(), 0);
        cache.flush();
        QVERIFY(outboxRows(path).empty());
    }

    void whatOneRunLeftTheNextSendsOnceEvenIfItWasStoredAlready()
    {
        TestServer server;
        const quint64 bob = server.userId(QStringLiteral("bob"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alice.sqlite"));
        QString lostAckId;
        {
            // First run: one message is stored by the server but the app dies before its answer is written down
            // (put back into the cache below); another never left the machine.
            client::LocalCache cache(path);
            QString error;
            QVERIFY(cache.open(&error));
            TestClient alice;
            QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
            client::Outbox outbox(alice.connection(), &cache);
            QSignalSpy sent(&outbox, &client::Outbox::sent);
            outbox.setOnline(true);
            lostAckId = outbox.sendText(single(bob), QStringLiteral("stored, answer lost"));
            QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 10000);
            outbox.setOnline(false);
            outbox.sendText(single(bob), QStringLiteral("never left"));
            cache.flush();
        }
        {
            client::CacheDatabase db(path);
            db.open();
            pb::SendMessageRequest again;
            *again.mutable_to() = single(bob);
            again.set_kind(pb::MESSAGE_KIND_TEXT);
            again.set_text("stored, answer lost");
            again.set_client_msg_id(lostAckId.toStdString());
            db.addToOutbox(again);
        }
        QCOMPARE(int(outboxRows(path).size()), 2);

        // Second run.
        client::LocalCache cache(path);
        QString error;
        QVERIFY(cache.open(&error));
        TestClient alice;
        client::Outbox outbox(alice.connection(), &cache);
        QSignalSpy restored(&outbox, &client::Outbox::restored);
        QSignalSpy sent(&outbox, &client::Outbox::sent);
        outbox.restore();
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 5000);
        QCOMPARE(restored[0][0].toInt(), 2);
        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        outbox.setOnline(true);
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 2, 10000);
        const int lost = sent[0][0].toString() == lostAckId ? 0 : 1;
        QCOMPARE(sent[lost][0].toString(), lostAckId);
        QCOMPARE(sent[lost][1].toULongLong(), quint64(1)); // the original id, not a new message
        QCOMPARE(sent[1 - lost][1].toULongLong(), quint64(2));

        TestClient b;
        QCOMPARE(b.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());
        const auto history = historyOf(b, single(server.userId(QStringLiteral("alice"))));
        QCOMPARE(history.value.messages_size(), 2); // each message once
        QCOMPARE(history.value.messages(0).text(), "never left");
        cache.flush();
        QVERIFY(outboxRows(path).empty());
    }

    void aRefusedMessageLeavesWithItsError()
    {
        TestServer server;
        QTemporaryDir dir;
        client::LocalCache cache(dir.filePath(QStringLiteral("alice.sqlite")));
        QString error;
        QVERIFY(cache.open(&error));
        TestClient alice;
        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        client::Outbox outbox(alice.connection(), &cache);
        QSignalSpy failed(&outbox, &client::Outbox::failed);
        outbox.setOnline(true);
        const QString id = outbox.sendText(single(999999), QStringLiteral("to nobody"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(failed[0][0].toString(), id);
        QCOMPARE(failed[0][1].toInt(), int(pb::ERROR_UNKNOWN_RECIPIENT));
        QCOMPARE(outbox.pendingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
