// Unread counts projected onto the organisation tree: a person carries the count of one's conversation with them,
// loses it when read or removed, and groups never badge a person.
#include "messaging/unreadprojection.h"
#include "model/departmenttreemodel.h"
#include "model/displaynames.h"
#include "model/grouplistmodel.h"
#include "model/sessionlistmodel.h"

#include <QSignalSpy>
#include <QTest>

using namespace confab;
using namespace confab::client;

namespace {
pb::Session session(ConversationId c, quint64 latest, quint64 read)
{
    pb::Session s;
    *s.mutable_conversation() = c.toProto();
    s.set_updated_ms(qint64(latest));
    s.set_latest_id(latest);
    s.set_read_cursor(read);
    s.set_unread(latest - read);
    return s;
}

int badge(const DepartmentTreeModel &tree, quint64 id)
{
    return tree.indexOfUser(id).data(DepartmentTreeModel::UnreadRole).toInt();
}
} // namespace

class TestUnreadProjection : public QObject
{
    Q_OBJECT

private slots:
    void theTreeFollowsTheSessions()
    {
        DepartmentTreeModel tree;
        GroupListModel groups;
        DisplayNames names(tree, groups);
        pb::Department d;
        d.set_id(1);
        d.set_name("Company");
        std::vector<PersonRecord> people;
        for (quint64 id : {2, 3, 4}) {
            pb::User u;
            u.set_id(id);
            u.set_real_name("person " + std::to_string(id));
            u.set_department_id(1);
            people.emplace_back(u);
        }
        tree.setDirectory({d}, people);
        SessionListModel sessions(names);
        UnreadProjection projection(sessions, tree);

        sessions.setSessions({session(ConversationId::single(2), 5, 3), session(ConversationId::single(3), 4, 4),
                              session(ConversationId::group(4), 9, 1)}); // a group whose id is also a person's
        projection.update();
        QCOMPARE(badge(tree, 2), 2);
        QCOMPARE(badge(tree, 3), 0);
        QCOMPARE(badge(tree, 4), 0); // the group's unread is not person 4's

        // Read: the badge goes. Only the person whose count moved is touched.
        QSignalSpy changed(&tree, &QAbstractItemModel::dataChanged);
        sessions.setReadCursor(ConversationId::single(2), 5);
        projection.update();
        QCOMPARE(badge(tree, 2), 0);
        QCOMPARE(changed.count(), 1);
        projection.update(); // nothing changed: nothing touched
        QCOMPARE(changed.count(), 1);

        // A new message from 3, then the session removed: the badge comes and goes.
        sessions.setSessions({session(ConversationId::single(3), 6, 4)});
        projection.update();
        QCOMPARE(badge(tree, 3), 2);
        sessions.setSessions({});
        projection.update();
        QCOMPARE(badge(tree, 3), 0);
    }
};

QTEST_GUILESS_MAIN(TestUnreadProjection)
#include "tst_unread_projection.moc"
