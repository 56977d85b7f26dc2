// The messaging item models on their own: every change is a row insert, move, removal or dataChanged (never a
// reset after the first fill), order holds (sessions pinned then newest; messages by id, pending last), and
// QAbstractItemModelTester checks the model contract throughout.
#include "model/departmenttreemodel.h"
#include "model/displaynames.h"
#include "model/grouplistmodel.h"
#include "model/messagelistmodel.h"
#include "model/sessionlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <limits>

using namespace confab;
using client::ConversationId;
using client::MessageListModel;
using client::PersonRecord;
using client::SessionListModel;

namespace {

pb::Session session(ConversationId c, qint64 updatedMs, quint64 latest, quint64 read, bool pinned = false)
{
    pb::Session s;
    *s.mutable_conversation() = c.toProto();
    s.set_updated_ms(updatedMs);
    s.set_latest_id(latest);
    s.set_read_cursor(read);
    s.set_unread(latest - read);
    s.set_pinned(pinned);
    return s;
}

pb::Message message(ConversationId c, quint64 id, quint64 sender, qint64 sentMs, const std::string &text = "hi")
{
    pb::Message m;
    *m.mutable_conversation() = c.toProto();
    m.set_id(id);
    m.set_sender_id(sender);
    m.set_sent_ms(sentMs);
    m.set_text(text);
    return m;
}

QList<quint64> peers(const SessionListModel &model)
{
    QList<quint64> list;
    for (int r = 0; r < model.rowCount(); ++r)
        list.append(model.index(r).data(SessionListModel::PeerIdRole).toULongLong());
    return list;
}

QList<quint64> ids(const MessageListModel &model)
{
    QList<quint64> list;
    for (int r = 0; r < model.rowCount(); ++r)
        list.append(model.index(r).data(MessageListModel::IdRole).toULongLong());
    return list;
}

} // namespace

class TestMessagingModels : public QObject
{
    Q_OBJECT

private:
    client::DepartmentTreeModel m_directory;
    client::GroupListModel m_groups;
    client::DisplayNames m_names{m_directory, m_groups};

private slots:
    void aServerSendingFourBillionUnreadGetsABadgeNotAnOverflow()
    {
        // Found by fuzz_client_pushes: two such counts summed past an int (undefined behaviour, a negative total).
        SessionListModel model(m_names);
        pb::Session huge = session(ConversationId::single(2), 100, 1, 0);
        huge.set_unread(0xffffffffu);
        pb::Session another = session(ConversationId::single(3), 200, 1, 0);
        another.set_unread(0x80000000u);
        model.setSessions({huge, another});
        QCOMPARE(model.totalUnread(), std::numeric_limits<int>::max());
        QCOMPARE(model.totalUnreadUnmuted(), std::numeric_limits<int>::max());
        QCOMPARE(model.index(model.rowOf(ConversationId::single(2))).data(SessionListModel::UnreadRole).toInt(),
                 std::numeric_limits<int>::max());
    }

    void sessionsSortPinnedThenNewestAndMoveOneRowAtATime()
    {
        SessionListModel model(m_names);
        model.setSelfId(1);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessions({session(ConversationId::single(2), 100, 3, 3), session(ConversationId::single(3), 300, 5, 2),
                           session(ConversationId::group(7), 200, 9, 9, true)});
        QCOMPARE(peers(model), (QList<quint64>{7, 3, 2}));
        QCOMPARE(model.totalUnread(), 3);

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy moves(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy total(&model, &SessionListModel::totalUnreadChanged);
        model.addMessage(message(ConversationId::single(2), 4, 2, 400)); // someone else's: up and unread
        QCOMPARE(peers(model), (QList<quint64>{7, 2, 3}));
        QCOMPARE(model.session(ConversationId::single(2))->unread(), 1u);
        QCOMPARE(model.totalUnread(), 4);
        model.addMessage(message(ConversationId::single(3), 6, 1, 500)); // our own: reads what was before
        QCOMPARE(peers(model), (QList<quint64>{7, 3, 2}));
        QCOMPARE(model.session(ConversationId::single(3))->unread(), 0u);
        model.addMessage(message(ConversationId::single(3), 6, 1, 500)); // the same twice changes nothing
        model.setReadCursor(ConversationId::single(2), 4);
        model.setReadCursor(ConversationId::single(2), 1); // cursors never go back
        QCOMPARE(model.totalUnread(), 0);
        QCOMPARE(resets.count(), 0);
        QVERIFY(moves.count() >= 2);
        QVERIFY(total.count() >= 2);

        model.remove(ConversationId::single(3));
        model.addMessage(message(ConversationId::single(3), 7, 3, 600)); // back, with only the new one unread
        QCOMPARE(peers(model), (QList<quint64>{7, 3, 2}));
        QCOMPARE(model.session(ConversationId::single(3))->unread(), 1u);
        QCOMPARE(model.index(1).data(SessionListModel::LastMessageRole).toString(), QStringLiteral("hi"));
        model.upsert(session(ConversationId::single(2), 50, 4, 4, true)); // pinned from another device
        QCOMPARE(peers(model), (QList<quint64>{7, 2, 3}));
        QCOMPARE(resets.count(), 0);
    }

    void aSessionRowSaysWhoWhetherOnlineWhatIsUnreadAndTheLastMessage()
    {
        pb::User bob;
        bob.set_id(2);
        bob.set_real_name("Bob 李明");
        m_directory.setDirectory({}, {PersonRecord(bob)});
        m_directory.setPresence(2, pb::PRESENCE_ONLINE);
        SessionListModel model(m_names);
        pb::Session s = session(ConversationId::single(2), 100, 5, 3);
        *s.mutable_last_message() = message(ConversationId::single(2), 5, 2, 100, "See you at ten");
        model.setSessions({s});
        QCOMPARE(model.index(0).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Bob 李明, online, 2 unread messages, last message: See you at ten"));
        m_directory.setDirectory({}, {});
    }

    void messagesKeepIdOrderAndPendingRowsBecomeSentInPlace()
    {
        const ConversationId chat = ConversationId::single(2);
        MessageListModel model(chat, 1, m_names);
        QSignalSpy olderAtOnce(&model, &MessageListModel::olderWanted);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(olderAtOnce.count(), 1); // the tester, like a view, asks an empty model for more
        model.setLoadingOlder(false);     // as the loader does once the cache answered
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        const qint64 day = 1'700'000'000'000;
        model.addMessages({message(chat, 5, 2, day + 5), message(chat, 3, 2, day + 3), message(chat, 4, 1, day + 4)});
        QCOMPARE(ids(model), (QList<quint64>{3, 4, 5}));
        model.addPending(QStringLiteral("k1"), QStringLiteral("on its way"), day + 6);
        model.addPending(QStringLiteral("k2"), QStringLiteral("and another"), day + 7);
        QCOMPARE(ids(model), (QList<quint64>{3, 4, 5, 0, 0}));
        QCOMPARE(model.index(3).data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>(),
                 MessageListModel::Delivery::Sending);
        model.addMessages({message(chat, 6, 2, day + 6)}); // theirs arrives before our answer: above the pending
        QCOMPARE(ids(model), (QList<quint64>{3, 4, 5, 6, 0, 0}));
        model.markSent(QStringLiteral("k2"), 8, day + 8);
        model.markSent(QStringLiteral("k1"), 7, day + 7);
        QCOMPARE(ids(model), (QList<quint64>{3, 4, 5, 6, 7, 8}));
        QCOMPARE(model.index(4).data().toString(), QStringLiteral("on its way"));
        model.addMessages({message(chat, 7, 1, day + 7)}); // the stored copy of ours: once
        QCOMPARE(model.rowCount(), 6);

        model.addPending(QStringLiteral("k3"), QStringLiteral("too long"), day + 9);
        model.markFailed(QStringLiteral("k3"), pb::ERROR_MESSAGE_TOO_LARGE, QStringLiteral("too large"));
        QCOMPARE(model.index(6).data(MessageListModel::FailureCodeRole).toInt(), int(pb::ERROR_MESSAGE_TOO_LARGE));
        model.removePending(QStringLiteral("k3"));
        QCOMPARE(model.rowCount(), 6);

        // Older history pages in on demand, and the first message ends it. (The tester asks for more on some
        // changes, as a view would; the loader clears the flag each time it has answered.)
        model.setLoadingOlder(false);
        QSignalSpy older(&model, &MessageListModel::olderWanted);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(older.count(), 1);
        QCOMPARE(older[0][0].toULongLong(), 3u);
        QVERIFY(!model.canFetchMore({})); // one request at a time
        model.addMessages({message(chat, 1, 2, day + 1), message(chat, 2, 2, day + 2)});
        model.setLoadingOlder(false);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(ids(model), (QList<quint64>{1, 2, 3, 4, 5, 6, 7, 8}));

        // Day separators and runs of one sender; the peer's read cursor marks ours.
        QVERIFY(model.index(0).data(MessageListModel::StartsDayRole).toBool());
        QVERIFY(!model.index(1).data(MessageListModel::StartsDayRole).toBool());
        QVERIFY(model.index(1).data(MessageListModel::SameSenderRole).toBool());
        model.setPeerReadCursor(7);
        QVERIFY(model.index(6).data(MessageListModel::ReadByPeerRole).toBool());
        QVERIFY(!model.index(7).data(MessageListModel::ReadByPeerRole).toBool());
        QCOMPARE(resets.count(), 0);

        // Opened offline before anyone signed in, "own" is learnt late, and the rows follow.
        MessageListModel early(chat, 0, m_names);
        early.addMessages({message(chat, 1, 1, day)});
        QVERIFY(!early.index(0).data(MessageListModel::IsOwnRole).toBool());
        QSignalSpy changed(&early, &QAbstractItemModel::dataChanged);
        early.setSelfId(1);
        QVERIFY(early.index(0).data(MessageListModel::IsOwnRole).toBool());
        QCOMPARE(changed.count(), 1);
    }

    void groupsSortByNameAndAskForDetailsOnlyWhereTheVersionMoved()
    {
        client::GroupListModel groups;
        QAbstractItemModelTester tester(&groups, QAbstractItemModelTester::FailureReportingMode::QtTest);
        groups.setListedVersion(1, 3);
        groups.setListedVersion(2, 1);
        QCOMPARE(int(groups.outdated().size()), 2);
        pb::GroupInfo a;
        a.set_id(1);
        a.set_version(3);
        a.set_name("Zeta");
        a.set_muted(true);
        groups.setInfo(a, true);
        pb::GroupInfo b;
        b.set_id(2);
        b.set_version(1);
        b.set_name("Alpha");
        groups.setInfo(b, true);
        QCOMPARE(groups.index(0).data().toString(), QStringLiteral("Alpha"));
        QVERIFY(groups.outdated().empty());
        a.set_name("Beta");
        a.set_version(4);
        a.set_muted(false); // a pushed change carries no mute flag of ours
        groups.setInfo(a, false);
        QVERIFY(groups.group(1)->info.muted());
        QCOMPARE(groups.index(1).data().toString(), QStringLiteral("Beta"));
        groups.setListedVersion(2, 5);
        QCOMPARE(int(groups.outdated().size()), 1);
        b.set_dissolved(true);
        groups.setInfo(b, true);
        QCOMPARE(groups.rowCount(), 1);
    }

    void initialsOfNames()
    {
        QCOMPARE(client::DisplayNames::initials(QStringLiteral("Alice Wang")), QStringLiteral("AW"));
        QCOMPARE(client::DisplayNames::initials(QStringLiteral("Carol 陈静")), QStringLiteral("C"));
        QCOMPARE(client::DisplayNames::initials(QStringLiteral("王丽")), QStringLiteral("王"));
        QCOMPARE(client::DisplayNames::initials(QString()), QStringLiteral("?"));
    }
};

QTEST_GUILESS_MAIN(TestMessagingModels)
#include "tst_messaging_models.moc"
