// One conversation: its name and what is going on (typing, members), the group's announcement, the messages
// (older ones page in as the person scrolls up), and the box to write in. Drafts are kept per conversation across
// restarts; what is shown while the window is active counts as read. Used in the main window and in pop-outs.
#pragma once

#include "memberpicker.h"
#include "types/conversationid.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QToolButton;

namespace confab::client {
class DepartmentTreeModel;
class MessageListModel;
class Messenger;
} // namespace confab::client

namespace confab::ui {

class MessageDelegate;
class MessageInput;

class ChatPanel : public QWidget
{
    Q_OBJECT

public:
    ChatPanel(client::Messenger &messenger, client::DepartmentTreeModel &directory, QWidget *parent = nullptr);
    ~ChatPanel() override;

    // Drafts are kept under this account's key.
    void setAccount(const QString &accountKey) { m_account = accountKey; }
    void showConversation(client::ConversationId conversation);
    client::ConversationId conversation() const { return m_conversation; }
    void setPopOutVisible(bool visible);
    QListView *messageView() const { return m_view; }
    MessageInput *input() const { return m_input; }
    // Removes a member of the open group, chosen by id (MemberPicker asks whom); a refusal is shown.
    void removeMemberById(quint64 userId);
    // Makes a member the owner; this person stays on as an admin.
    void handOverGroupTo(quint64 userId);

signals:
    void popOutRequested(client::ConversationId conversation);
    void profileRequested(quint64 userId);

protected:
    void changeEvent(QEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();
    void refreshHeader();
    void send();
    void markReadIfSeen();
    void saveDraft();
    void loadDraft();
    void updateMentionCandidates();
    void showActionsMenu();
    void inviteMembers();
    void removeMember();
    void handOverGroup();
    // A member other than this person, picked in a dialog; nullopt when the person cancels.
    std::optional<quint64> pickOtherMember(MemberPicker::Purpose purpose);
    void renameGroup();
    void editAnnouncement();
    void confirmLeaveOrDissolve(bool dissolve);
    void copySelected();
    void reportFailure(int error);
    bool isAtBottom() const;

    client::Messenger &m_messenger;
    client::DepartmentTreeModel &m_directory;
    client::ConversationId m_conversation;
    QPointer<client::MessageListModel> m_model;
    QString m_account;
    bool m_peerTyping = false;
    bool m_stickToBottom = true;
    int m_heightBeforeOlder = -1;

    QLabel *m_title;
    QLabel *m_subtitle;
    QToolButton *m_actions;
    QToolButton *m_popOut;
    QLabel *m_announcement;
    QListView *m_view;
    MessageDelegate *m_delegate;
    MessageInput *m_input;
    QPushButton *m_send;
    QLabel *m_placeholder;
};

} // namespace confab::ui
