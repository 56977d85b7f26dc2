// Which arriving messages are announced: muted conversations stay quiet unless the message names the person.
#include "messaging/notificationpolicy.h"

#include <QTest>

using namespace confab;
using namespace confab::client;

namespace {
constexpr quint64 kSelf = 7;

pb::Message fromColleague(std::initializer_list<quint64> mentioned = {})
{
    pb::Message m;
    m.set_sender_id(9);
    m.set_text("standup moved");
    for (quint64 id : mentioned)
        m.add_mentions(id);
    return m;
}

ArrivalContext context(bool muted, bool inView = false)
{
    return {kSelf, muted, inView};
}
} // namespace

class TestNotificationPolicy : public QObject
{
    Q_OBJECT

private slots:
    void anUnmutedMessageIsAnnounced()
    {
        QCOMPARE(announcementFor(fromColleague(), context(false)), Announcement::Notify);
    }

    void aMutedConversationStaysQuiet()
    {
        QCOMPARE(announcementFor(fromColleague(), context(true)), Announcement::None);
        QCOMPARE(announcementFor(fromColleague({8, 10}), context(true)), Announcement::None); // others named
    }

    void aMentionInAMutedGroupStillReachesThePerson()
    {
        // Before the fix a muted group silenced everything, the person's own @-mention included.
        QCOMPARE(announcementFor(fromColleague({8, kSelf}), context(true)), Announcement::Notify);
    }

    void whatThePersonSeesOrWroteIsNoNews()
    {
        QCOMPARE(announcementFor(fromColleague({kSelf}), context(false, true)), Announcement::None);
        pb::Message own = fromColleague();
        own.set_sender_id(kSelf); // written on another device
        QCOMPARE(announcementFor(own, context(false)), Announcement::None);
    }
};

QTEST_GUILESS_MAIN(TestNotificationPolicy)
#include "tst_notification_policy.moc"
