// The client's directory sync against the real server: a full first sync, pushes applied in order, a missed push
// noticed and pulled, writes made behind the server's back arriving through SyncNotify; the tree model watched by
// QAbstractItemModelTester all along.
#include "model/departmenttreemodel.h"
#include "store/storagethread.h"
#include "support/testserver.h"
#include "sync/directorysync.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace confab;
using namespace confab::protocol;
using confab::test::TestClient;
using confab::test::TestServer;

class TestDirectorySync : public QObject
{
    Q_OBJECT

private slots:
    void firstSyncThenPushesAndPulls()
    {
        TestServer server(60);
        TestClient alice, bob;
        QCOMPARE(alice.connectAndLogin(server.endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob")), QString());

        client::DepartmentTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        client::DirectorySync sync(alice.connection(), model);
        QSignalSpy finished(&sync, &client::DirectorySync::finished);
        QSignalSpy progress(&sync, &client::DirectorySync::progress);
        sync.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(model.personCount(), 60);
        QCOMPARE(model.departmentCount(), 16);
        QVERIFY(progress.count() >= 2);
        QCOMPARE(progress.last().at(1).toULongLong(), 60u); // rows so far
        QCOMPARE(progress.last().at(2).toULongLong(), 60u); // rows expected

        // A pushed change in order is applied without a pull.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        pb::ChangeSignLineRequest change;
        change.set_sign_line("pushed");
        QVERIFY(bob.call<rpc::ChangeSignLine>(change).ok());
        const QModelIndex bobIndex = model.indexOfUser(2);
        QVERIFY(TestClient::waitFor(
            [&] {
                return bobIndex.data(client::DepartmentTreeModel::SignLineRole).toString() == QLatin1String("pushed");
            },
            5000));
        QCOMPARE(finished.count(), 1); // no pull was needed

        // A change made behind the server's back arrives as SyncNotify and is pulled incrementally.
        server.store().blocking([](server::Store &s) {
            auto carol = s.userByLogin(QStringLiteral("carol"));
            carol->set_status(pb::USER_STATUS_LEFT);
            return s.upsertUser(*carol);
        });
        QVERIFY(finished.wait(5000));
        QVERIFY(!model.indexOfUser(3).isValid());
        QCOMPARE(model.personCount(), 59);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(sync.usersCursor(), alice.call<rpc::UserSync>(pb::SyncRequest()).value.page().cursor());
    }
};

QTEST_GUILESS_MAIN(TestDirectorySync)
#include "tst_directory_sync.moc"
