#include "mainwindow.h"

#include "avatarpainter.h"
#include "chatpanel.h"
#include "messaging/messenger.h"
#include "model/buddylistmodel.h"
#include "model/departmenttreemodel.h"
#include "model/sessionlistmodel.h"
#include "otherdevicesbutton.h"
#include "peoplepicker.h"
#include "profilepanel.h"
#include "sidebar.h"
#include "visiblerows.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPainter>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace confab::ui {

using client::ConversationId;

namespace {
const pb::Presence kPresences[] = {pb::PRESENCE_ONLINE, pb::PRESENCE_AWAY, pb::PRESENCE_BUSY, pb::PRESENCE_INVISIBLE};
} // namespace

MainWindow::MainWindow(client::DepartmentTreeModel &directory, client::Messenger &messenger, QWidget *parent)
    : QMainWindow(parent)
    , m_directory(directory)
    , m_messenger(messenger)
    , m_ownAvatar(new QLabel(this))
    , m_ownName(new QLabel(this))
    , m_presence(new QComboBox(this))
    , m_ownSignLine(new QLineEdit(this))
    , m_settings(new QToolButton(this))
    , m_search(new QLineEdit(this))
    , m_sidebar(new Sidebar(directory, messenger, this))
    , m_main(new QStackedWidget(this))
    , m_profile(new ProfilePanel(this))
    , m_chat(new ChatPanel(messenger, directory, this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_ownAvatar->setObjectName(QStringLiteral("ownAvatar"));
    m_ownName->setObjectName(QStringLiteral("ownName"));
    m_presence->setObjectName(QStringLiteral("ownPresence"));
    m_ownSignLine->setObjectName(QStringLiteral("ownSignLine"));
    m_settings->setObjectName(QStringLiteral("settingsButton"));
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("connectionStatus"));
    QFont bold = m_ownName->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_ownName->setFont(bold);
    m_ownSignLine->setFrame(false);
    m_ownSignLine->setMaxLength(200);
    m_settings->setAutoRaise(true);
    m_settings->setText(QStringLiteral("⚙"));
    for (pb::Presence p : kPresences)
        m_presence->addItem(QString(), int(p));

    auto *sidebarPane = new QWidget(this);
    auto *header = new QHBoxLayout;
    header->addWidget(m_ownAvatar);
    header->addWidget(m_ownName, 1);
    header->addWidget(m_presence);
    header->addWidget(m_settings);
    auto *sidebarLayout = new QVBoxLayout(sidebarPane);
    sidebarLayout->setContentsMargins(8, 8, 8, 8);
    sidebarLayout->addLayout(header);
    sidebarLayout->addWidget(m_ownSignLine);
    sidebarLayout->addWidget(m_search);
    sidebarLayout->addWidget(m_sidebar, 1);
    m_main->addWidget(m_profile);
    m_main->addWidget(m_chat);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(sidebarPane);
    splitter->addWidget(m_main);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({330, 630});
    setCentralWidget(splitter);
    statusBar()->addWidget(m_status);
    resize(1000, 680);

    connect(m_search, &QLineEdit::textChanged, m_sidebar, &Sidebar::setSearchText);
    connect(m_sidebar, &Sidebar::conversationChosen, this, &MainWindow::openConversation);
    connect(m_sidebar, &Sidebar::personChosen, this, &MainWindow::showProfile);
    const auto shownPeopleMayHaveChanged = [this] { emit shownPeopleChanged(); };
    for (QAbstractItemView *view : std::initializer_list<QAbstractItemView *>{
             m_sidebar->departmentTree(), m_sidebar->sessionList(), m_sidebar->buddyList()})
        onVisibleRowsChanged(view, this, shownPeopleMayHaveChanged);
    connect(m_sidebar->tabs(), &QTabWidget::currentChanged, this, shownPeopleMayHaveChanged);
    connect(m_sidebar, &Sidebar::newGroupRequested, this, &MainWindow::createGroup);
    connect(m_chat, &ChatPanel::popOutRequested, this, &MainWindow::popOut);
    connect(m_chat, &ChatPanel::profileRequested, this, &MainWindow::revealUser);
    connect(m_profile, &ProfilePanel::messageRequested, this,
            [this](quint64 id) { openConversation(ConversationId::single(id)); });
    connect(m_profile, &ProfilePanel::buddyChangeRequested, this, [this](quint64 id, bool add) {
        if (add)
            m_messenger.buddySync().add(id);
        else
            m_messenger.buddySync().remove(id);
        m_profile->setBuddy(add);
    });
    connect(m_presence, &QComboBox::activated, this,
            [this](int index) { emit presenceChosen(pb::Presence(m_presence->itemData(index).toInt())); });
    connect(m_ownSignLine, &QLineEdit::editingFinished, this, [this] {
        if (m_ownSignLine->isModified()) {
            m_ownSignLine->setModified(false);
            emit signLineEdited(m_ownSignLine->text().trimmed());
        }
    });
    connect(m_settings, &QToolButton::clicked, this, &MainWindow::settingsRequested);
    retranslate();
}

MainWindow::~MainWindow()
{
    for (const QPointer<QWidget> &w : std::as_const(m_popOuts))
        delete w.data();
}

void MainWindow::setAccount(const QString &accountKey)
{
    m_account = accountKey;
    m_chat->setAccount(accountKey);
}

void MainWindow::setOwnProfile(const pb::User &user)
{
    const QString name = QString::fromStdString(user.real_name());
    m_ownName->setText(name);
    const int size = m_ownName->fontMetrics().height() * 2;
    const qreal ratio = devicePixelRatioF(); // sharp on high-DPI screens
    QPixmap avatar(QSize(size, size) * ratio);
    avatar.setDevicePixelRatio(ratio);
    avatar.fill(Qt::transparent);
    QPainter painter(&avatar);
    paintAvatar(painter, QRect(0, 0, size, size), client::DisplayNames::initials(name), user.id(), false);
    painter.end();
    m_ownAvatar->setPixmap(avatar);
    if (!m_ownSignLine->hasFocus())
        m_ownSignLine->setText(QString::fromStdString(user.sign_line()));
}

void MainWindow::setOwnPresence(pb::Presence presence)
{
    const int index = m_presence->findData(int(presence));
    if (index >= 0)
        m_presence->setCurrentIndex(index);
}

void MainWindow::setConnectionStatus(const QString &text)
{
    m_status->setText(text);
}

QTreeView *MainWindow::departmentTree() const
{
    return m_sidebar->departmentTree();
}

void MainWindow::revealUser(quint64 userId)
{
    m_sidebar->revealUser(userId);
    showProfile(userId);
}

std::vector<quint64> MainWindow::peopleInVisibleRows() const
{
    std::vector<quint64> ids = ui::peopleInVisibleRows(
        m_sidebar->departmentTree(), client::DepartmentTreeModel::IdRole, [](const QModelIndex &index) {
            return index.data(client::DepartmentTreeModel::KindRole).value<client::DepartmentTreeModel::Kind>() ==
                   client::DepartmentTreeModel::Kind::Person;
        });
    for (quint64 id : ui::peopleInVisibleRows(
             m_sidebar->sessionList(), client::SessionListModel::PeerIdRole,
             [](const QModelIndex &index) { return !index.data(client::SessionListModel::IsGroupRole).toBool(); }))
        ids.push_back(id);
    for (quint64 id : ui::peopleInVisibleRows(m_sidebar->buddyList(), client::BuddyListModel::IdRole))
        ids.push_back(id);
    return ids;
}

quint64 MainWindow::profilePerson() const
{
    return m_main->currentWidget() == m_profile ? m_profile->personId() : 0;
}

void MainWindow::showProfile(quint64 userId)
{
    m_profile->showPerson(m_directory.indexOfUser(userId));
    emit shownPeopleChanged();
    m_profile->setBuddy(m_messenger.buddies().contains(userId));
    m_profile->setActionsVisible(userId != m_messenger.selfId());
    m_main->setCurrentWidget(m_profile);
}

void MainWindow::openConversation(ConversationId conversation)
{
    if (!conversation.isValid())
        return;
    if (conversation == ConversationId::single(m_messenger.selfId())) {
        showProfile(conversation.peer); // there is no conversation with oneself
        return;
    }
    if (QWidget *window = m_popOuts.value(conversation)) {
        window->raise();
        window->activateWindow();
        return;
    }
    m_chat->showConversation(conversation);
    m_main->setCurrentWidget(m_chat);
    m_sidebar->selectConversation(conversation);
    emit conversationOpened(conversation);
}

ConversationId MainWindow::currentConversation() const
{
    return m_main->currentWidget() == m_chat ? m_chat->conversation() : ConversationId();
}

void MainWindow::popOut(ConversationId conversation)
{
    if (QWidget *existing = m_popOuts.value(conversation)) {
        existing->raise();
        return;
    }
    auto *window = new ChatPanel(m_messenger, m_directory);
    window->setObjectName(QStringLiteral("chatWindow"));
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setAccount(m_account);
    window->setPopOutVisible(false);
    window->setWindowTitle(m_messenger.names().conversationName(conversation));
    window->resize(560, 640);
    window->showConversation(conversation);
    connect(window, &ChatPanel::profileRequested, this, &MainWindow::revealUser);
    m_popOuts.insert(conversation, window);
    connect(window, &QObject::destroyed, this, [this, conversation] { m_popOuts.remove(conversation); });
    if (m_chat->conversation() == conversation) {
        m_chat->showConversation({});
        m_main->setCurrentWidget(m_profile);
    }
    window->show();
}

void MainWindow::createGroup()
{
    PeoplePicker picker(m_directory, PeoplePicker::Purpose::NewGroup, this);
    if (picker.exec() != QDialog::Accepted)
        return;
    m_messenger.groupSync().createGroup(picker.groupName(), picker.chosen(), this, [this](pb::ErrorCode e, quint64 id) {
        if (e != pb::ERROR_NONE) {
            QMessageBox::warning(this, tr("Confab"), tr("The group could not be created (error %1).").arg(int(e)));
            return;
        }
        openConversation(ConversationId::group(id));
    });
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Confab"));
    m_search->setPlaceholderText(tr("Search people, groups and messages"));
    m_search->setAccessibleName(tr("Search"));
    m_ownName->setAccessibleName(tr("Your name"));
    m_ownAvatar->setAccessibleName(tr("Your picture"));
    m_ownSignLine->setAccessibleName(tr("Your sign line"));
    m_ownSignLine->setPlaceholderText(tr("What are you working on?"));
    m_presence->setAccessibleName(tr("Your presence"));
    m_presence->setItemText(0, tr("Online"));
    m_presence->setItemText(1, tr("Away"));
    m_presence->setItemText(2, tr("Busy"));
    m_presence->setItemText(3, tr("Invisible"));
    m_settings->setAccessibleName(tr("Settings"));
    m_settings->setToolTip(tr("Settings"));
    m_status->setAccessibleName(tr("Connection status"));
}

void MainWindow::setOtherDevices(client::OtherDevices &devices)
{
    auto *button = new OtherDevicesButton(devices, this);
    statusBar()->addPermanentWidget(button);
    connect(button, &OtherDevicesButton::signOutFailed, this, &MainWindow::setConnectionStatus);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

} // namespace confab::ui
