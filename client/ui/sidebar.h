// The main window's sidebar: Sessions (recent conversations with badges; pin, mute, mark read, remove), Contacts
// (the user's buddies above the organisation's tree) and Groups (with "New group"), or, while something is typed
// in the search box, what the search found.
#pragma once

#include "types/conversationid.h"

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTreeView;

namespace confab::client {
class DepartmentTreeModel;
class Messenger;
class SearchModel;
} // namespace confab::client

namespace confab::ui {

class EmptyListHint;

class Sidebar : public QWidget
{
    Q_OBJECT

public:
    Sidebar(client::DepartmentTreeModel &directory, client::Messenger &messenger, QWidget *parent = nullptr);

    void setSearchText(const QString &text);
    // Selects the person in the tree, opening the departments on the way.
    void revealUser(quint64 userId);
    void selectConversation(client::ConversationId conversation);
    void showSessions();

    QTreeView *departmentTree() const { return m_tree; }
    QListView *sessionList() const { return m_sessions; }
    QListView *groupList() const { return m_groups; }
    QListView *buddyList() const { return m_buddies; }
    QListView *searchResults() const { return m_results; }
    QTabWidget *tabs() const { return m_tabs; }

signals:
    void conversationChosen(client::ConversationId conversation);
    void personChosen(quint64 userId); // in the tree: show the profile
    void newGroupRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showSessionMenu(const QPoint &at);
    void openSearchResult(const QModelIndex &index);

    client::DepartmentTreeModel &m_directory;
    client::Messenger &m_messenger;
    client::SearchModel *m_search;
    QStackedWidget *m_stack;
    QTabWidget *m_tabs;
    QListView *m_sessions;
    QWidget *m_contacts;
    QLabel *m_buddiesLabel;
    QListView *m_buddies;
    QTreeView *m_tree;
    QWidget *m_groupsPage;
    QListView *m_groups;
    QPushButton *m_newGroup;
    QListView *m_results;
    EmptyListHint *m_sessionsHint;
    QLabel *m_buddiesHint;
    EmptyListHint *m_groupsHint;
    EmptyListHint *m_resultsHint;
    int m_removingRows = 0;
};

} // namespace confab::ui
