// How unread counts show in the organisation tree: a person carries the unread count of one's one-to-one
// conversation with them, and loses it when it is read. The projection keeps the tree in step with the session
// list, touching only the people whose count changed. Pure policy over two models, with its own unit test.
#pragma once

#include <QHash>

namespace confab::client {

class DepartmentTreeModel;
class SessionListModel;

class UnreadProjection
{
public:
    UnreadProjection(const SessionListModel &sessions, DepartmentTreeModel &directory);

    // Brings the tree's badges to what the sessions say now.
    void update();

private:
    const SessionListModel &m_sessions;
    DepartmentTreeModel &m_directory;
    QHash<quint64, int> m_shown; // person -> the count the tree shows
};

} // namespace confab::client
