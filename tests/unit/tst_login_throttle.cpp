// The login throttle as pure policy: attempts in flight count against the free tries before any hash runs, an
// address has few hashes at once, failures back off, and what it remembers is bounded.
#include "services/loginthrottle.h"

#include <QTest>

using confab::server::LoginThrottle;
using Outcome = LoginThrottle::Outcome;

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private slots:
    void attemptsInFlightUseUpTheFreeTries()
    {
        LoginThrottle::Policy policy;
        policy.hashesPerAddress = 1000; // this test is about the name's budget
        LoginThrottle throttle(policy);
        int admitted = 0;
        for (int i = 0; i < 300; ++i)
            admitted += throttle.begin(QStringLiteral("bob"), QStringLiteral("10.0.0.1"), 0) == 0 ? 1 : 0;
        QCOMPARE(admitted, policy.freeFailuresPerUser);
        // Another name from the same address still has its own tries (the address allows 20).
        QCOMPARE(throttle.begin(QStringLiteral("alice"), QStringLiteral("10.0.0.1"), 0), 0);
    }

    void anAddressHasOnlyAFewHashesAtOnce()
    {
        LoginThrottle throttle;
        QCOMPARE(throttle.begin(QStringLiteral("a"), QStringLiteral("10.0.0.1"), 0), 0);
        QCOMPARE(throttle.begin(QStringLiteral("b"), QStringLiteral("10.0.0.1"), 0), 0);
        QVERIFY(throttle.begin(QStringLiteral("c"), QStringLiteral("10.0.0.1"), 0) > 0);
        QCOMPARE(throttle.begin(QStringLiteral("c"), QStringLiteral("10.0.0.2"), 0), 0);
        throttle.finish(QStringLiteral("a"), QStringLiteral("10.0.0.1"), Outcome::Succeeded, 1);
        QCOMPARE(throttle.begin(QStringLiteral("c"), QStringLiteral("10.0.0.1"), 1), 0);
        QCOMPARE(throttle.hashesInFlight(), 3);
        QCOMPARE(throttle.begin(QStringLiteral("e"), QStringLiteral("10.0.0.3"), 1), 0); // 64 in all, by default
    }

    void failuresBackOffAndASuccessClearsTheName()
    {
        LoginThrottle::Policy policy;
        LoginThrottle throttle(policy);
        const QString name = QStringLiteral("Bob"), address = QStringLiteral("10.0.0.1");
        qint64 now = 0;
        for (int i = 0; i < policy.freeFailuresPerUser; ++i) {
            QCOMPARE(throttle.begin(name, address, now), 0);
            throttle.finish(name, address, Outcome::Failed, now);
        }
        QCOMPARE(throttle.begin(name, address, now), 0); // past the free tries: one at a time
        throttle.finish(name, address, Outcome::Failed, now);
        QCOMPARE(throttle.begin(QStringLiteral("bob"), address, now), policy.baseDelayMs); // case-folded
        now += policy.baseDelayMs;
        QCOMPARE(throttle.begin(name, address, now), 0);
        throttle.finish(name, address, Outcome::Failed, now);
        QCOMPARE(throttle.begin(name, address, now), 2 * policy.baseDelayMs); // doubled
        now += 2 * policy.baseDelayMs;
        QCOMPARE(throttle.begin(name, address, now), 0);
        throttle.finish(name, address, Outcome::Succeeded, now);
        QCOMPARE(throttle.begin(name, address, now), 0);
        throttle.finish(name, address, Outcome::Inconclusive, now); // a storage error counts neither way
    }

    void whatItRemembersIsBounded()
    {
        LoginThrottle::Policy policy;
        policy.maxRecords = 100;
        policy.hashesInAll = 1'000'000;
        policy.hashesPerAddress = 1'000'000;
        policy.freeFailuresPerAddress = 1'000'000;
        LoginThrottle throttle(policy);
        qint64 now = 0;
        for (int i = 0; i < 10'000; ++i) {
            const QString name = QStringLiteral("name-%1").arg(i);
            const QString address = QStringLiteral("10.0.%1.%2").arg(i / 250).arg(i % 250);
            QCOMPARE(throttle.begin(name, address, now), 0);
            throttle.finish(name, address, Outcome::Failed, now);
            now += 1000;
        }
        QVERIFY(throttle.recordCount() <= 2 * policy.maxRecords);
        // Successes leave nothing behind.
        LoginThrottle clean;
        for (int i = 0; i < 1000; ++i) {
            QCOMPARE(clean.begin(QStringLiteral("p%1").arg(i), QStringLiteral("10.1.0.1"), 0), 0);
            clean.finish(QStringLiteral("p%1").arg(i), QStringLiteral("10.1.0.1"), Outcome::Succeeded, 0);
        }
        QCOMPARE(clean.recordCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_login_throttle.moc"
