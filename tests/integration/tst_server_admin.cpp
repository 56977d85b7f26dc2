// Organisation import and directory administration on a real store: CSV and JSON, errors with line numbers and
// nothing half-applied, re-imports that update in place, and people missing from a re-import marked as left.
#include "admin/directoryadmin.h"
#include "admin/orgimport.h"
#include "store/sqlitestore.h"
#include "store/storagethread.h"

#include <QTemporaryDir>
#include <QTest>

using namespace confab;
using namespace confab::server;

class TestServerAdmin : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    std::unique_ptr<StorageThread> freshStore()
    {
        auto thread = std::make_unique<StorageThread>(
            std::make_unique<SqliteStore>(m_dir.filePath(QStringLiteral("s%1.sqlite").arg(++m_files))));
        thread->start();
        return thread;
    }

    static const QByteArray &sampleCsv()
    {
        static const QByteArray csv = "\xEF\xBB\xBF"
                                      "login_name,real_name,department,gender,email,title\r\n"
                                      "zhangsan,张三,研发中心/客户端,男,zs@example.com,Engineer\r\n"
                                      "lisi,李四,研发中心/服务端,female,ls@example.com,\"Lead, \"\"Server\"\"\"\r\n"
                                      "wangwu,王五,市场部,m,ww@example.com,Marketing\r\n";
        return csv;
    }

private slots:
    void csvImportCreatesDepartmentsFromPaths()
    {
        const OrgImport import = parseOrgCsv(sampleCsv());
        QVERIFY2(import.errors.isEmpty(), qPrintable(import.errors.join(QLatin1Char('\n'))));
        QCOMPARE(int(import.users.size()), 3);
        QCOMPARE(import.users[1].profile.title(), std::string("Lead, \"Server\""));
        auto store = freshStore();
        const ImportSummary s = store->blocking([&](Store &st) { return applyOrgImport(st, import, false); });
        QCOMPARE(s.usersCreated, 3);
        QCOMPARE(s.departmentsCreated, 4); // 研发中心, 客户端, 服务端, 市场部
        const auto departments = store->blocking([](Store &st) { return st.allDepartments(); }, false);
        QCOMPARE(int(departments.size()), 4);
        const auto lisi = store->blocking([](Store &st) { return st.userByLogin(QStringLiteral("lisi")); }, false);
        QCOMPARE(lisi->gender(), pb::GENDER_FEMALE);
        const auto dept = store->blocking([&](Store &st) { return st.department(lisi->department_id()); }, false);
        QCOMPARE(QString::fromStdString(dept->name()), QStringLiteral("服务端"));
    }

    void reimportUpdatesInPlaceAndMarksTheMissingAsLeft()
    {
        auto store = freshStore();
        store->blocking([&](Store &st) { return applyOrgImport(st, parseOrgCsv(sampleCsv()), false); });
        const auto before = store->blocking([](Store &st) { return st.lastCursor(pb::DATA_SET_USERS, 0); }, false);

        const QByteArray again = "login_name,real_name,department,gender,email,title\n"
                                 "zhangsan,张三,研发中心/客户端,男,zs@example.com,Engineer\n"  // unchanged
                                 "lisi,李四,研发中心/服务端,female,ls@example.com,Director\n"; // promoted
        const ImportSummary s =
            store->blocking([&](Store &st) { return applyOrgImport(st, parseOrgCsv(again), true); });
        QCOMPARE(s.usersCreated, 0);
        QCOMPARE(s.usersUpdated, 1);
        QCOMPARE(s.usersMarkedLeft, 1);
        QCOMPARE(s.departmentsCreated, 0);
        const auto changed = store->blocking([&](Store &st) { return st.usersSince(before, PageLimits{}); }, false);
        QCOMPARE(int(changed.rows.size()), 2); // lisi's title and wangwu's departure; zhangsan untouched
        const auto wangwu = store->blocking([](Store &st) { return st.userByLogin(QStringLiteral("wangwu")); }, false);
        QCOMPARE(wangwu->status(), pb::USER_STATUS_LEFT);
    }

    void badRowsAreReportedByLineAndNothingIsApplied()
    {
        const QByteArray bad = "login_name,real_name,department,gender\n"
                               "ok,Fine,Dept,m\n"
                               "has space,Name,Dept,m\n"
                               "gx,Name,Dept,x\n"
                               "noname,,Dept,f\n"
                               "ok,Again,Dept,m\n"
                               "short,row\n"
                               "nodept,Name,,m\n";
        const OrgImport import = parseOrgCsv(bad);
        const QString errors = import.errors.join(QLatin1Char('\n'));
        QCOMPARE(import.errors.size(), 6);
        QVERIFY2(errors.contains(QLatin1String("line 3: login_name must be")), qPrintable(errors));
        QVERIFY2(errors.contains(QLatin1String("line 4: unknown gender 'x'")), qPrintable(errors));
        QVERIFY2(errors.contains(QLatin1String("line 5: real_name is empty")), qPrintable(errors));
        QVERIFY2(errors.contains(QLatin1String("line 6: login_name 'ok' already appears at line 2")),
                 qPrintable(errors));
        QVERIFY2(errors.contains(QLatin1String("line 7: 2 fields, but the header has 4")), qPrintable(errors));
        QVERIFY2(errors.contains(QLatin1String("line 8: department is empty")), qPrintable(errors));
        QVERIFY(parseOrgCsv("name,dept\nx,y\n").errors.join(QString()).contains(QLatin1String("no 'login_name'")));
        QVERIFY(!parseOrgCsv("login_name,real_name,department\n\"open,quote\n").errors.isEmpty());
        QVERIFY(!parseOrgJson("{ not json").errors.isEmpty());
    }

    void jsonImportSetsPriorities()
    {
        const QByteArray json = R"({"departments": [{"path": "Sales/East", "priority": 2}, {"path": "Sales/West",
                                    "priority": 1}],
                                   "users": [{"login_name": "amy", "real_name": "Amy", "department": "Sales/West",
                                              "gender": "f", "password": "s3cret"}]})";
        const OrgImport import = parseOrgJson(json);
        QVERIFY2(import.errors.isEmpty(), qPrintable(import.errors.join(QLatin1Char('\n'))));
        auto store = freshStore();
        store->blocking([&](Store &st) { return applyOrgImport(st, import, false); });
        const auto departments = store->blocking([](Store &st) { return st.allDepartments(); }, false);
        QCOMPARE(int(departments.size()), 3);
        for (const auto &d : departments) {
            if (d.name() == "East")
                QCOMPARE(d.priority(), 2);
            if (d.name() == "West")
                QCOMPARE(d.priority(), 1);
        }
        const auto amy = store->blocking([](Store &st) { return st.credentials(QStringLiteral("amy")); }, false);
        QVERIFY(amy.has_value());
        QVERIFY(amy->passwordHash.startsWith("pbkdf2-sha256$"));
    }

    void reimportingAPasswordEndsSessionsOnlyWhenItChanged()
    {
        const auto importing = [](const char *password) {
            return parseOrgCsv(QByteArray("login_name,real_name,department,password\namy,Amy,Sales,") + password +
                               "\n");
        };
        auto store = freshStore();
        const auto ends = [&] { return store->blocking([](Store &st) { return st.sessionEndsAfter(0, 100); }, false); };
        store->blocking([&](Store &st) { return applyOrgImport(st, importing("first-pass"), false); });
        QCOMPARE(int(ends().size()), 0); // a new person: nobody was signed in
        store->blocking([&](Store &st) { return applyOrgImport(st, importing("first-pass"), false); });
        QCOMPARE(int(ends().size()), 0); // the same file again signs nobody out
        store->blocking([&](Store &st) { return applyOrgImport(st, importing("second-pass"), false); });
        const std::vector<SessionEnd> after = ends();
        QCOMPARE(int(after.size()), 1);
        QCOMPARE(after[0].reason, pb::KICK_REASON_PASSWORD_CHANGED);
        QCOMPARE(store->blocking([](Store &st) { return st.latestSessionEnd(); }, false), after[0].seq);

        // Leaving ends sessions for that reason.
        store->blocking([](Store &st) { return admin::setEnabled(st, QStringLiteral("amy"), false); });
        QCOMPARE(ends().back().reason, pb::KICK_REASON_ACCOUNT_DISABLED);
    }

    void userAndDepartmentCommands()
    {
        auto store = freshStore();
        const pb::User dave = store->blocking([](Store &st) {
            return admin::addUser(st, QStringLiteral("dave"), QStringLiteral("Dave"), QStringLiteral("Ops/Night"),
                                  QStringLiteral("dave@example.com"), QStringLiteral("pw1234"));
        });
        QVERIFY(dave.id() > 0);
        QVERIFY_THROWS_EXCEPTION(StoreError, store->blocking([](Store &st) {
            return admin::addUser(st, QStringLiteral("dave"), {}, QStringLiteral("Ops"), {}, {});
        }));
        store->blocking([](Store &st) { return admin::setEnabled(st, QStringLiteral("dave"), false); });
        QCOMPARE(store->blocking([](Store &st) { return st.credentials(QStringLiteral("dave")); }, false)->status,
                 pb::USER_STATUS_LEFT);
        const quint64 ops =
            store->blocking([](Store &st) { return admin::addDepartment(st, QStringLiteral("Ops"), 5); });
        const quint64 night =
            store->blocking([](Store &st) { return admin::addDepartment(st, QStringLiteral("Ops/Night"), 0); });
        QVERIFY(night != ops);
        QVERIFY_THROWS_EXCEPTION(StoreError, store->blocking([&](Store &st) {
            admin::moveDepartment(st, ops, night); // into its own child
            return true;
        }));
        store->blocking([&](Store &st) {
            admin::renameDepartment(st, night, QStringLiteral("Late shift"));
            return true;
        });
        QCOMPARE(store->blocking([&](Store &st) { return st.department(night); }, false)->name(),
                 std::string("Late shift"));
        // Dave has left, so the department is empty and may close.
        store->blocking([&](Store &st) {
            admin::closeDepartment(st, night);
            return true;
        });
        QVERIFY(!store->blocking([&](Store &st) { return st.department(night); }, false).has_value());
    }
};

QTEST_GUILESS_MAIN(TestServerAdmin)
#include "tst_server_admin.moc"
