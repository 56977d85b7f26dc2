#include "messaging/unreadprojection.h"

#include "model/departmenttreemodel.h"
#include "model/sessionlistmodel.h"

namespace confab::client {

UnreadProjection::UnreadProjection(const SessionListModel &sessions, DepartmentTreeModel &directory)
    : m_sessions(sessions)
    , m_directory(directory)
{}

void UnreadProjection::update()
{
    QHash<quint64, int> now;
    for (int r = 0; r < m_sessions.rowCount(); ++r) {
        const QModelIndex i = m_sessions.index(r);
        const int count = i.data(SessionListModel::UnreadRole).toInt();
        if (count > 0 && !i.data(SessionListModel::IsGroupRole).toBool())
            now.insert(i.data(SessionListModel::PeerIdRole).toULongLong(), count);
    }
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (m_shown.value(it.key()) != it.value())
            m_directory.setUnread(it.key(), it.value());
    }
    for (auto it = m_shown.cbegin(); it != m_shown.cend(); ++it) {
        if (!now.contains(it.key()))
            m_directory.setUnread(it.key(), 0);
    }
    m_shown = std::move(now);
}

} // namespace confab::client
