// Admission as pure bookkeeping: per-address and total caps on connections not logged in yet, the cap on all
// connections, and how addresses are grouped.
#include "net/admission.h"

#include <QTest>

using confab::server::Admission;
using confab::server::ConnectionLimits;
using Verdict = Admission::Verdict;

class TestAdmission : public QObject
{
    Q_OBJECT

private slots:
    void addressesAreCountedByHostAndIpv6ByPrefix()
    {
        QCOMPARE(Admission::addressKey(QHostAddress(QStringLiteral("192.0.2.7"))), QStringLiteral("192.0.2.7"));
        QCOMPARE(Admission::addressKey(QHostAddress(QStringLiteral("::ffff:192.0.2.7"))), QStringLiteral("192.0.2.7"));
        QCOMPARE(Admission::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2:aaaa::1"))),
                 Admission::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2:bbbb::9"))));
        QVERIFY(Admission::addressKey(QHostAddress(QStringLiteral("2001:db8:1:2::1"))) !=
                Admission::addressKey(QHostAddress(QStringLiteral("2001:db8:1:3::1"))));
    }

    void eachCapRefusesWithItsOwnVerdictAndPlacesComeBack()
    {
        ConnectionLimits limits;
        limits.maxPreLoginPerAddress = 2;
        limits.maxPreLogin = 3;
        limits.maxConnections = 4;
        Admission admission(limits);
        const QString a = QStringLiteral("10.0.0.1"), b = QStringLiteral("10.0.0.2"), c = QStringLiteral("10.0.0.3");
        QCOMPARE(admission.admit(a), Verdict::Admit);
        QCOMPARE(admission.admit(a), Verdict::Admit);
        QCOMPARE(admission.admit(a), Verdict::AddressFull);
        QCOMPARE(admission.admit(b), Verdict::Admit);
        QCOMPARE(admission.admit(c), Verdict::PreLoginFull);
        admission.loggedIn(a); // one of a's logs in: a has room again, and so has the pre-login pool
        QCOMPARE(admission.preLoginFrom(a), 1);
        QCOMPARE(admission.admit(c), Verdict::Admit);
        QVERIFY(admission.isFull());
        QCOMPARE(admission.admit(b), Verdict::ServerFull);
        admission.closed(a, true);
        QVERIFY(!admission.isFull());
        admission.closed(c, false);
        admission.closed(b, false);
        admission.closed(a, false);
        QCOMPARE(admission.total(), 0);
        QCOMPARE(admission.preLogin(), 0);
        QCOMPARE(admission.preLoginFrom(a), 0);
    }
};

QTEST_GUILESS_MAIN(TestAdmission)
#include "tst_admission.moc"
