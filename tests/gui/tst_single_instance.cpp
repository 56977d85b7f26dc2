// One Confab per account: a second claim on the same account is refused and asks the first to come forward; other
// accounts are unaffected, and a released (or crashed) holder frees the account.
#include "singleinstance.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using confab::app::SingleInstance;

class TestSingleInstance : public QObject
{
    Q_OBJECT

private slots:
    void aSecondClaimRaisesTheFirst()
    {
        const QString account = QStringLiteral("127.0.0.1_7210/alice-") + QUuid::createUuid().toString();
        SingleInstance first;
        SingleInstance second;
        QSignalSpy raised(&first, &SingleInstance::raiseRequested);
        QVERIFY(first.claim(account));
        QVERIFY(first.claim(account)); // holding it already
        QVERIFY(!second.claim(account));
        QVERIFY(raised.wait(5000));
        QVERIFY(second.claim(account + QStringLiteral("-bob"))); // another account is free
        first.release();
        QVERIFY(second.claim(account));
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_single_instance.moc"
