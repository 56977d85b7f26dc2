// The main window: who you are (name, presence, sign line, editable in place), a search box over people, groups
// and messages, the sidebar (sessions, contacts, groups), and on the right the open conversation or the profile
// of the person chosen. Conversations can be popped out into windows of their own.
#pragma once

#include "protocol/messages.h"
#include "types/conversationid.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace confab::client {
class DepartmentTreeModel;
class Messenger;
class OtherDevices;
} // namespace confab::client

namespace confab::ui {

class ChatPanel;
class ProfilePanel;
class Sidebar;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(client::DepartmentTreeModel &directory, client::Messenger &messenger, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setAccount(const QString &accountKey);
    void setOwnProfile(const pb::User &user);
    void setOwnPresence(pb::Presence presence);
    void setConnectionStatus(const QString &text);
    // Expands the way to a person in the tree, selects them and shows their profile.
    void revealUser(quint64 userId);
    void openConversation(client::ConversationId conversation);
    void popOut(client::ConversationId conversation);
    client::ConversationId currentConversation() const;
    QTreeView *departmentTree() const;
    Sidebar *sidebar() const { return m_sidebar; }
    ChatPanel *chat() const { return m_chat; }
    // The people in the rows on screen now (tree, sessions, buddies) and on the open profile card (0: none).
    std::vector<quint64> peopleInVisibleRows() const;
    quint64 profilePerson() const;
    // Shows the person's other devices signed in now, with a way to sign one out.
    void setOtherDevices(client::OtherDevices &devices);

signals:
    void presenceChosen(pb::Presence presence);
    void signLineEdited(const QString &signLine);
    void settingsRequested();
    void conversationOpened(client::ConversationId conversation);
    // What peopleInVisibleRows() or profilePerson() give may have changed (scrolling, a profile opened).
    void shownPeopleChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showProfile(quint64 userId);
    void createGroup();

    client::DepartmentTreeModel &m_directory;
    client::Messenger &m_messenger;
    QString m_account;
    QLabel *m_ownAvatar;
    QLabel *m_ownName;
    QComboBox *m_presence;
    QLineEdit *m_ownSignLine;
    QToolButton *m_settings;
    QLineEdit *m_search;
    Sidebar *m_sidebar;
    QStackedWidget *m_main;
    ProfilePanel *m_profile;
    ChatPanel *m_chat;
    QLabel *m_status;
    QHash<client::ConversationId, QPointer<QWidget>> m_popOuts;
};

} // namespace confab::ui
