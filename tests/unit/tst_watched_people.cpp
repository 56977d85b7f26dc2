// Whose presence is watched: what is on screen first, each person once, never oneself.
#include "sync/watchedpeople.h"

#include <QTest>

using namespace confab::client;

class TestWatchedPeople : public QObject
{
    Q_OBJECT

private slots:
    void whatIsOnScreenComesFirstAndEachPersonOnce()
    {
        ShownPeople shown;
        shown.self = 1;
        shown.profile = 40;
        shown.openConversation = {1, 7, 8};
        shown.visibleRows = {30, 31, 7, 0};
        shown.sessions = {7, 9};
        shown.buddies = {31, 50};
        QCOMPARE(peopleToWatch(shown), (std::vector<quint64>{40, 7, 8, 30, 31, 9, 50}));
    }

    void theTreeAloneIsWatchedToo()
    {
        // Before, only sessions, buddies and the open conversation were asked for: everyone else in the tree and
        // on a profile card showed offline.
        ShownPeople shown;
        shown.self = 1;
        shown.visibleRows = {100, 101, 102};
        QCOMPARE(peopleToWatch(shown), (std::vector<quint64>{100, 101, 102}));
        shown.visibleRows.clear();
        shown.profile = 55;
        QCOMPARE(peopleToWatch(shown), (std::vector<quint64>{55}));
    }
};

QTEST_GUILESS_MAIN(TestWatchedPeople)
#include "tst_watched_people.moc"
