// The department tree under QAbstractItemModelTester: ordering, member counts, and single changes applied as
// inserts, removals, moves and dataChanged, never as resets.
#include "model/departmenttreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace confab;
using confab::client::DepartmentTreeModel;
using confab::client::PersonRecord;

namespace {

pb::Department department(quint64 id, const char *name, quint64 parent = 0, int priority = 0)
{
    pb::Department d;
    d.set_id(id);
    d.set_name(name);
    d.set_parent_id(parent);
    d.set_priority(priority);
    return d;
}

pb::User person(quint64 id, const char *name, quint64 department, const char *pinyin = "")
{
    pb::User u;
    u.set_id(id);
    u.set_login_name(std::string("u") + std::to_string(id));
    u.set_real_name(name);
    u.set_pinyin(pinyin);
    u.set_department_id(department);
    return u;
}

QString nameAt(const QAbstractItemModel &model, const QModelIndex &parent, int row)
{
    return model.index(row, 0, parent).data().toString();
}

} // namespace

class TestDepartmentTreeModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DepartmentTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

private slots:
    void init()
    {
        m_model = std::make_unique<DepartmentTreeModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setDirectory({department(1, "Company"), department(2, "Sales", 1, 2), department(3, "R&D", 1, 1),
                               department(4, "Client", 3)},
                              {PersonRecord(person(10, "张三", 4, "zhang san")),
                               PersonRecord(person(11, "Alice", 4, "alice")), PersonRecord(person(12, "Bob", 2, "bob")),
                               PersonRecord(person(13, "Carol", 1, "carol"))});
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void aPackedPersonKeepsEveryFieldOfTheProfile()
    {
        pb::User full = person(21, "王丽 Alice", 4, "wang li");
        full.set_nick("丽丽");
        full.set_gender(pb::GENDER_FEMALE);
        full.set_avatar_url("https://example.com/a.png");
        full.set_email("alice@confab.example");
        full.set_phone("+86 138 0000 0000");
        full.set_status(pb::USER_STATUS_LEFT);
        full.set_sign_line(std::string(300, 'x')); // longer than any small-string buffer
        full.set_title("Team lead");
        const PersonRecord packed(full);
        QCOMPARE(packed.toUser().SerializeAsString(), full.SerializeAsString());
        QCOMPARE(packed.realName(), QStringLiteral("王丽 Alice"));
        QCOMPARE(packed.text(PersonRecord::Text::Email), QStringLiteral("alice@confab.example"));
        QCOMPARE(packed.departmentId(), quint64(4));
        QCOMPARE(packed.status(), pb::USER_STATUS_LEFT);

        PersonRecord copy(packed);
        QCOMPARE(copy.toUser().SerializeAsString(), full.SerializeAsString());
        copy = PersonRecord(person(22, "Bob", 2));
        QCOMPARE(copy.realName(), QStringLiteral("Bob"));
        QCOMPARE(copy.text(PersonRecord::Text::Email), QString());
        QCOMPARE(packed.title(), QStringLiteral("Team lead")); // the copy shares nothing

        const PersonRecord empty{pb::User()};
        QCOMPARE(empty.toUser().SerializeAsString(), std::string());
        QCOMPARE(empty.realName(), QString());
    }

    void ordersByPriorityThenNameWithPeopleAfterDepartments()
    {
        const QModelIndex company = m_model->indexOfDepartment(1);
        QCOMPARE(m_model->rowCount(company), 3);
        QCOMPARE(nameAt(*m_model, company, 0), QStringLiteral("R&D"));   // priority 1
        QCOMPARE(nameAt(*m_model, company, 1), QStringLiteral("Sales")); // priority 2
        QCOMPARE(nameAt(*m_model, company, 2), QStringLiteral("Carol")); // people after departments
        const QModelIndex client = m_model->indexOfDepartment(4);
        QCOMPARE(nameAt(*m_model, client, 0), QStringLiteral("Alice")); // by pinyin: alice < zhang san
        QCOMPARE(nameAt(*m_model, client, 1), QStringLiteral("张三"));
    }

    void countsPeopleInEachSubtree()
    {
        QCOMPARE(m_model->indexOfDepartment(1).data(DepartmentTreeModel::MemberCountRole).toInt(), 4);
        QCOMPARE(m_model->indexOfDepartment(3).data(DepartmentTreeModel::MemberCountRole).toInt(), 2);
        QCOMPARE(m_model->indexOfDepartment(2).data(DepartmentTreeModel::MemberCountRole).toInt(), 1);
    }

    void singleChangesNeverReset()
    {
        QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserts(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removes(m_model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy moves(m_model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy changes(m_model.get(), &QAbstractItemModel::dataChanged);

        m_model->upsertUser(person(14, "Dave", 2, "dave")); // joins Sales
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(m_model->indexOfDepartment(2).data(DepartmentTreeModel::MemberCountRole).toInt(), 2);
        QCOMPARE(m_model->indexOfDepartment(1).data(DepartmentTreeModel::MemberCountRole).toInt(), 5);

        m_model->upsertUser(person(11, "Alice", 2, "alice")); // moves from Client to Sales
        QCOMPARE(moves.count(), 1);
        QCOMPARE(m_model->indexOfDepartment(3).data(DepartmentTreeModel::MemberCountRole).toInt(), 1);
        QCOMPARE(m_model->indexOfDepartment(2).data(DepartmentTreeModel::MemberCountRole).toInt(), 3);

        pb::User signLine = person(12, "Bob", 2, "bob");
        signLine.set_sign_line("on holiday");
        const int before = changes.count();
        m_model->upsertUser(signLine);
        QVERIFY(changes.count() > before);
        QCOMPARE(m_model->indexOfUser(12).data(DepartmentTreeModel::SignLineRole).toString(),
                 QStringLiteral("on holiday"));

        pb::User left = person(13, "Carol", 1, "carol");
        left.set_status(pb::USER_STATUS_LEFT);
        m_model->upsertUser(left); // left the company: gone from the tree
        QCOMPARE(removes.count(), 1);
        QVERIFY(!m_model->indexOfUser(13).isValid());
        QCOMPARE(m_model->indexOfDepartment(1).data(DepartmentTreeModel::MemberCountRole).toInt(), 4);

        m_model->upsertDepartment(department(2, "Sales", 1, 0)); // now sorts before R&D
        QCOMPARE(nameAt(*m_model, m_model->indexOfDepartment(1), 0), QStringLiteral("Sales"));
        m_model->upsertDepartment(department(4, "Client", 2)); // moved under Sales with its people
        QCOMPARE(m_model->indexOfDepartment(4).parent(), m_model->indexOfDepartment(2));
        QCOMPARE(m_model->indexOfDepartment(2).data(DepartmentTreeModel::MemberCountRole).toInt(), 4);

        m_model->upsertDepartment(department(5, "Empty", 1));
        m_model->removeDepartment(5);
        QVERIFY(!m_model->indexOfDepartment(5).isValid());
        m_model->setPresence(12, pb::PRESENCE_BUSY);
        QCOMPARE(m_model->indexOfUser(12).data(DepartmentTreeModel::PresenceRole).toInt(), int(pb::PRESENCE_BUSY));
        QCOMPARE(resets.count(), 0);
    }

    void aScreenReaderHearsWhatASightedPersonSees()
    {
        // Before, a row said only its name: no presence, no unread count, no member count.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setPresence(12, pb::PRESENCE_BUSY);
        m_model->setUnread(12, 2);
        QCOMPARE(m_model->indexOfUser(12).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Bob, busy, 2 unread messages"));
        QCOMPARE(m_model->indexOfUser(13).data(Qt::AccessibleTextRole).toString(), QStringLiteral("Carol, offline"));
        QCOMPARE(m_model->indexOfDepartment(3).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("R&D, 2 people"));
        // Screen readers are told when what they would say changes.
        QVERIFY(std::any_of(changed.begin(), changed.end(), [](const QList<QVariant> &args) {
            return args.at(2).value<QList<int>>().contains(Qt::AccessibleTextRole);
        }));
    }

    void peopleAndDepartmentsArrivingBeforeTheirDepartmentFindTheirPlace()
    {
        m_model->upsertUser(person(20, "Early", 9, "early"));
        m_model->upsertDepartment(department(8, "Child", 9));
        QCOMPARE(m_model->indexOfUser(20).parent(), QModelIndex());
        m_model->upsertDepartment(department(9, "Late parent", 1));
        QCOMPARE(m_model->indexOfUser(20).parent(), m_model->indexOfDepartment(9));
        QCOMPARE(m_model->indexOfDepartment(8).parent(), m_model->indexOfDepartment(9));
        QCOMPARE(m_model->indexOfDepartment(9).data(DepartmentTreeModel::MemberCountRole).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDepartmentTreeModel)
#include "tst_department_tree_model.moc"
