#include "chatpanel.h"

#include "errortext.h"
#include "memberpicker.h"
#include "messagedelegate.h"
#include "messageinput.h"
#include "messaging/messenger.h"
#include "model/departmenttreemodel.h"
#include "peoplepicker.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace confab::ui {

using client::ConversationId;
using client::MessageListModel;

ChatPanel::ChatPanel(client::Messenger &messenger, client::DepartmentTreeModel &directory, QWidget *parent)
    : QWidget(parent)
    , m_messenger(messenger)
    , m_directory(directory)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_actions(new QToolButton(this))
    , m_popOut(new QToolButton(this))
    , m_announcement(new QLabel(this))
    , m_view(new QListView(this))
    , m_delegate(new MessageDelegate(m_view))
    , m_input(new MessageInput(this))
    , m_send(new QPushButton(this))
    , m_placeholder(new QLabel(this))
{
    setObjectName(QStringLiteral("chatPanel"));
    m_title->setObjectName(QStringLiteral("chatTitle"));
    m_subtitle->setObjectName(QStringLiteral("chatSubtitle"));
    m_actions->setObjectName(QStringLiteral("chatActions"));
    m_popOut->setObjectName(QStringLiteral("chatPopOut"));
    m_announcement->setObjectName(QStringLiteral("chatAnnouncement"));
    m_view->setObjectName(QStringLiteral("messageView"));
    m_input->setObjectName(QStringLiteral("messageInput"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_placeholder->setObjectName(QStringLiteral("chatPlaceholder"));

    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_actions->setPopupMode(QToolButton::InstantPopup);
    m_actions->setText(QStringLiteral("⋯"));
    m_actions->setAutoRaise(true);
    m_popOut->setIcon(style()->standardIcon(QStyle::SP_TitleBarNormalButton));
    m_popOut->setAutoRaise(true);
    m_announcement->setWordWrap(true);
    m_announcement->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_announcement->setBackgroundRole(QPalette::AlternateBase);
    m_announcement->setAutoFillBackground(true);
    m_announcement->setContentsMargins(8, 6, 8, 6);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);

    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setResizeMode(QListView::Adjust); // bubbles wrap again when the width changes
    m_view->setWordWrap(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setFrameShape(QFrame::NoFrame);
    m_input->setFixedHeight(m_input->fontMetrics().lineSpacing() * 4 + 12);
    m_send->setDefault(false);

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    header->addWidget(m_popOut);
    header->addWidget(m_actions);
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_send, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addLayout(header);
    layout->addWidget(m_announcement);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_placeholder, 1);
    layout->addLayout(inputRow);

    connect(m_send, &QPushButton::clicked, this, &ChatPanel::send);
    connect(m_input, &MessageInput::submitted, this, &ChatPanel::send);
    connect(m_input, &MessageInput::typingChanged, this,
            [this](bool typing) { m_messenger.conversations().setTyping(m_conversation, typing); });
    connect(m_popOut, &QToolButton::clicked, this, [this] { emit popOutRequested(m_conversation); });
    connect(m_actions, &QToolButton::pressed, this, &ChatPanel::showActionsMenu);
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_stickToBottom = isAtBottom();
        if (value == m_view->verticalScrollBar()->minimum() && m_model && m_model->canFetchMore({})) {
            m_heightBeforeOlder = m_view->verticalScrollBar()->maximum();
            m_model->fetchMore({});
        }
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_heightBeforeOlder >= 0) {
            // Older messages came in above: keep the ones being read where they were.
            m_view->verticalScrollBar()->setValue(max - m_heightBeforeOlder);
            m_heightBeforeOlder = -1;
        } else if (m_stickToBottom) {
            m_view->scrollToBottom();
        }
    });
    m_view->viewport()->installEventFilter(this); // a click on a sender's avatar or name opens their profile
    connect(m_view, &QListView::clicked, this, [this](const QModelIndex &index) {
        if (index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>() ==
            MessageListModel::Delivery::Failed)
            m_messenger.conversations().retry(m_conversation, index.data(MessageListModel::ClientMsgIdRole).toString());
    });
    connect(m_view, &QListView::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu menu(this);
        menu.setObjectName(QStringLiteral("messageMenu"));
        menu.addAction(tr("Copy text"), this, &ChatPanel::copySelected);
        const QModelIndex index = m_view->indexAt(at);
        if (index.isValid() && !index.data(MessageListModel::IsOwnRole).toBool()) {
            const quint64 sender = index.data(MessageListModel::SenderIdRole).toULongLong();
            menu.addAction(tr("View profile"), this, [this, sender] { emit profileRequested(sender); });
        }
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    auto *copy = new QShortcut(QKeySequence::Copy, m_view, nullptr, nullptr, Qt::WidgetShortcut);
    connect(copy, &QShortcut::activated, this, &ChatPanel::copySelected);
    connect(&m_messenger.conversations(), &client::Conversations::peerTyping, this,
            [this](ConversationId conversation, bool typing) {
                if (conversation == m_conversation) {
                    m_peerTyping = typing;
                    refreshHeader();
                }
            });
    connect(&m_messenger.groups(), &client::GroupListModel::groupChanged, this, [this](quint64 id) {
        if (m_conversation == ConversationId::group(id))
            refreshHeader();
    });
    connect(&m_messenger.groupSync(), &client::GroupSync::membersChanged, this, [this](quint64 id) {
        if (m_conversation == ConversationId::group(id))
            updateMentionCandidates();
    });
    connect(&m_messenger.names(), &client::DisplayNames::changed, this, [this](ConversationId c) {
        if (c == m_conversation)
            refreshHeader();
    });
    retranslate();
    showConversation({});
}

ChatPanel::~ChatPanel()
{
    saveDraft();
}

void ChatPanel::showConversation(ConversationId conversation)
{
    if (conversation == m_conversation && m_model)
        return;
    saveDraft();
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_conversation = conversation;
    m_peerTyping = false;
    m_stickToBottom = true;
    m_heightBeforeOlder = -1;
    const bool shown = conversation.isValid();
    for (QWidget *w : std::initializer_list<QWidget *>{m_title, m_subtitle, m_actions, m_view, m_input, m_send})
        w->setVisible(shown);
    m_popOut->setVisible(shown && m_popOut->isEnabled());
    m_placeholder->setVisible(!shown);
    m_model = shown ? m_messenger.conversations().open(conversation) : nullptr;
    m_delegate->setGroup(conversation.isGroup());
    m_view->setModel(m_model);
    if (m_model) {
        connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { markReadIfSeen(); });
        if (conversation.isGroup())
            m_messenger.groupSync().fetchMembers(conversation.peer);
        m_view->scrollToBottom();
    }
    updateMentionCandidates();
    loadDraft();
    refreshHeader();
    markReadIfSeen();
    if (shown)
        m_input->setFocus();
}

void ChatPanel::setPopOutVisible(bool visible)
{
    m_popOut->setEnabled(visible);
    m_popOut->setVisible(visible && m_conversation.isValid());
}

void ChatPanel::refreshHeader()
{
    m_announcement->hide();
    if (!m_conversation.isValid())
        return;
    const QString name = m_messenger.names().conversationName(m_conversation);
    m_title->setText(name);
    setAccessibleName(tr("Conversation with %1").arg(name));
    if (m_conversation.isGroup()) {
        const client::CachedGroup *group = m_messenger.groups().group(m_conversation.peer);
        m_subtitle->setText(group ? tr("%n members", nullptr, int(group->info.member_count())) : QString());
        const QString announcement = group ? QString::fromStdString(group->info.announcement()) : QString();
        m_announcement->setText(tr("Announcement: %1").arg(announcement));
        m_announcement->setVisible(!announcement.isEmpty());
    } else if (m_peerTyping) {
        m_subtitle->setText(tr("%1 is typing…").arg(name));
    } else {
        const client::PersonRecord *person = m_directory.person(m_conversation.peer);
        m_subtitle->setText(person ? person->title() : QString());
    }
}

void ChatPanel::send()
{
    const QString text = m_input->toPlainText().trimmed();
    if (text.isEmpty() || !m_conversation.isValid())
        return;
    m_messenger.conversations().send(m_conversation, text, 0, m_input->mentions());
    m_input->clear();
    m_input->clearMentions();
    m_stickToBottom = true;
    m_view->scrollToBottom();
    QSettings().remove(QStringLiteral("drafts/%1/%2").arg(m_account, m_conversation.toString()));
}

bool ChatPanel::isAtBottom() const
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    return bar->value() >= bar->maximum() - 4;
}

void ChatPanel::markReadIfSeen()
{
    if (!m_model || !isVisible() || !window()->isActiveWindow())
        return;
    const quint64 newest = m_model->newestId();
    if (newest != 0)
        m_messenger.sessionSync().markRead(m_conversation, newest);
}

void ChatPanel::saveDraft()
{
    if (!m_conversation.isValid() || m_account.isEmpty())
        return;
    QSettings settings;
    const QString key = QStringLiteral("drafts/%1/%2").arg(m_account, m_conversation.toString());
    const QString text = m_input->toPlainText();
    if (text.trimmed().isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, text);
}

void ChatPanel::loadDraft()
{
    const QSignalBlocker quiet(m_input); // a restored draft is not typing
    m_input->setPlainText(
        m_conversation.isValid() && !m_account.isEmpty()
            ? QSettings().value(QStringLiteral("drafts/%1/%2").arg(m_account, m_conversation.toString())).toString()
            : QString());
    m_input->moveCursor(QTextCursor::End);
}

void ChatPanel::updateMentionCandidates()
{
    QList<QPair<QString, quint64>> people;
    if (m_conversation.isGroup()) {
        for (const pb::GroupMember &m : m_messenger.groupSync().members(m_conversation.peer)) {
            if (m.user_id() != m_messenger.selfId())
                people.append({m_messenger.names().userName(m.user_id()), m.user_id()});
        }
    }
    m_input->setMentionCandidates(people);
}

void ChatPanel::showActionsMenu()
{
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("chatActionsMenu"));
    const pb::Session *session = m_messenger.sessions().session(m_conversation);
    const bool muted = session && session->muted();
    menu.addAction(muted ? tr("Unmute notifications") : tr("Mute notifications"), this,
                   [this, muted] { m_messenger.sessionSync().setMuted(m_conversation, !muted); });
    if (!m_conversation.isGroup()) {
        menu.addAction(tr("View profile"), this, [this] { emit profileRequested(m_conversation.peer); });
    } else {
        const client::CachedGroup *group = m_messenger.groups().group(m_conversation.peer);
        const bool owner = group && group->info.owner_id() == m_messenger.selfId();
        menu.addSeparator();
        menu.addAction(tr("Invite people…"), this, &ChatPanel::inviteMembers);
        menu.addAction(tr("Remove a member…"), this, &ChatPanel::removeMember);
        menu.addAction(tr("Rename group…"), this, &ChatPanel::renameGroup);
        menu.addAction(tr("Edit announcement…"), this, &ChatPanel::editAnnouncement);
        menu.addSeparator();
        if (owner) {
            // The owner cannot leave: handing the group over first is how they do.
            menu.addAction(tr("Hand the group over…"), this, &ChatPanel::handOverGroup);
            menu.addAction(tr("Dissolve group…"), this, [this] { confirmLeaveOrDissolve(true); });
        } else {
            menu.addAction(tr("Leave group…"), this, [this] { confirmLeaveOrDissolve(false); });
        }
    }
    menu.exec(m_actions->mapToGlobal(QPoint(0, m_actions->height())));
    m_actions->setDown(false);
}

void ChatPanel::reportFailure(int error)
{
    if (error != pb::ERROR_NONE)
        QMessageBox::warning(this, tr("Confab"), tr("That did not work: %1.").arg(actionErrorText(error)));
}

void ChatPanel::inviteMembers()
{
    PeoplePicker picker(m_directory, PeoplePicker::Purpose::Invite, this);
    if (picker.exec() != QDialog::Accepted)
        return;
    m_messenger.groupSync().changeMembers(m_conversation.peer, pb::MEMBER_CHANGE_ADD, picker.chosen(), this,
                                          [this](pb::ErrorCode e, quint64) { reportFailure(e); });
}

std::optional<quint64> ChatPanel::pickOtherMember(MemberPicker::Purpose purpose)
{
    std::vector<quint64> others;
    for (const pb::GroupMember &m : m_messenger.groupSync().members(m_conversation.peer)) {
        if (m.user_id() != m_messenger.selfId())
            others.push_back(m.user_id());
    }
    MemberPicker picker(others, m_messenger.names(), m_directory, purpose, this);
    if (picker.exec() != QDialog::Accepted)
        return std::nullopt;
    return picker.chosen();
}

void ChatPanel::removeMember()
{
    if (const std::optional<quint64> chosen = pickOtherMember(MemberPicker::Purpose::Remove))
        removeMemberById(*chosen);
}

void ChatPanel::removeMemberById(quint64 userId)
{
    m_messenger.groupSync().changeMembers(m_conversation.peer, pb::MEMBER_CHANGE_REMOVE, {userId}, this,
                                          [this](pb::ErrorCode e, quint64) { reportFailure(e); });
}

void ChatPanel::handOverGroup()
{
    if (const std::optional<quint64> chosen = pickOtherMember(MemberPicker::Purpose::HandOver))
        handOverGroupTo(*chosen);
}

void ChatPanel::handOverGroupTo(quint64 userId)
{
    m_messenger.groupSync().changeMembers(m_conversation.peer, pb::MEMBER_CHANGE_TRANSFER_OWNERSHIP, {userId}, this,
                                          [this](pb::ErrorCode e, quint64) { reportFailure(e); });
}

void ChatPanel::renameGroup()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename group"), tr("New name:"), QLineEdit::Normal,
                                               m_messenger.names().conversationName(m_conversation), &ok)
                             .trimmed();
    if (ok && !name.isEmpty())
        m_messenger.groupSync().update(m_conversation.peer, name, std::nullopt, this,
                                       [this](pb::ErrorCode e, quint64) { reportFailure(e); });
}

void ChatPanel::editAnnouncement()
{
    const client::CachedGroup *group = m_messenger.groups().group(m_conversation.peer);
    bool ok = false;
    const QString text =
        QInputDialog::getMultiLineText(this, tr("Announcement"), tr("What every member should know:"),
                                       group ? QString::fromStdString(group->info.announcement()) : QString(), &ok);
    if (ok)
        m_messenger.groupSync().update(m_conversation.peer, std::nullopt, text, this,
                                       [this](pb::ErrorCode e, quint64) { reportFailure(e); });
}

void ChatPanel::confirmLeaveOrDissolve(bool dissolve)
{
    const QString name = m_messenger.names().conversationName(m_conversation);
    const QString question = dissolve ? tr("Dissolve %1 for everyone? This cannot be undone.").arg(name)
                                      : tr("Leave %1? You will no longer get its messages.").arg(name);
    if (QMessageBox::question(this, tr("Confab"), question) != QMessageBox::Yes)
        return;
    const auto done = [this](pb::ErrorCode e, quint64) { reportFailure(e); };
    if (dissolve)
        m_messenger.groupSync().dissolve(m_conversation.peer, this, done);
    else
        m_messenger.groupSync().leave(m_conversation.peer, this, done);
}

void ChatPanel::copySelected()
{
    QStringList lines;
    QModelIndexList selected =
        m_view->selectionModel() ? m_view->selectionModel()->selectedIndexes() : QModelIndexList();
    std::sort(selected.begin(), selected.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &i : selected)
        lines.append(i.data().toString());
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

void ChatPanel::retranslate()
{
    m_send->setText(tr("Send"));
    m_send->setAccessibleName(tr("Send message"));
    m_send->setToolTip(tr("Send (Enter); Shift+Enter starts a new line"));
    m_input->setAccessibleName(tr("Message"));
    m_input->setPlaceholderText(tr("Write a message"));
    m_view->setAccessibleName(tr("Messages"));
    m_actions->setAccessibleName(tr("Conversation actions"));
    m_actions->setToolTip(tr("Conversation actions"));
    m_popOut->setAccessibleName(tr("Open in its own window"));
    m_popOut->setToolTip(tr("Open in its own window"));
    m_title->setAccessibleName(tr("Conversation name"));
    m_placeholder->setText(tr("Choose a conversation, or a colleague in Contacts, to start chatting."));
    refreshHeader();
}

void ChatPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::ActivationChange)
        markReadIfSeen();
    QWidget::changeEvent(event);
}

bool ChatPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonRelease) {
        const QPoint at = static_cast<QMouseEvent *>(event)->position().toPoint();
        const QModelIndex index = m_view->indexAt(at);
        if (index.isValid()) {
            QStyleOptionViewItem option;
            option.initFrom(m_view);
            option.rect = m_view->visualRect(index);
            if (m_delegate->isOnSender(option, index, at))
                emit profileRequested(index.data(MessageListModel::SenderIdRole).toULongLong());
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ChatPanel::hideEvent(QHideEvent *event)
{
    saveDraft();
    QWidget::hideEvent(event);
}

} // namespace confab::ui
