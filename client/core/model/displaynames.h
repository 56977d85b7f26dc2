// What a conversation or a person is called, for every list that shows them by id: people come from the
// organisation's directory, groups from the group list. Lists listen to `changed` to repaint only what moved.
#pragma once

#include "types/conversationid.h"

#include <QObject>

namespace confab::client {

class DepartmentTreeModel;
class GroupListModel;

class DisplayNames : public QObject
{
    Q_OBJECT

public:
    DisplayNames(const DepartmentTreeModel &directory, const GroupListModel &groups, QObject *parent = nullptr);

    QString userName(quint64 userId) const;
    QString conversationName(ConversationId conversation) const;
    // One or two letters for an avatar: the first letters of the first two words, or the first character (a
    // Chinese name's family name).
    static QString initials(const QString &name);
    const DepartmentTreeModel &directory() const { return m_directory; }

signals:
    void changed(confab::client::ConversationId conversation); // a person's name (SESSION_TYPE_SINGLE) or a group's
    void allChanged();                                         // a whole new directory or group list

private:
    const DepartmentTreeModel &m_directory;
    const GroupListModel &m_groups;
};

} // namespace confab::client
