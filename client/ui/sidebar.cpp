#include "sidebar.h"

#include "contactdelegate.h"
#include "emptylisthint.h"
#include "messaging/messenger.h"
#include "model/departmenttreemodel.h"
#include "model/searchmodel.h"
#include "sessiondelegate.h"

#include <QEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace confab::ui {

using client::ConversationId;
using client::DepartmentTreeModel;
using client::SessionListModel;

Sidebar::Sidebar(DepartmentTreeModel &directory, client::Messenger &messenger, QWidget *parent)
    : QWidget(parent)
    , m_directory(directory)
    , m_messenger(messenger)
    , m_search(new client::SearchModel(directory, messenger.groups(), messenger.names(), messenger.cache(), this))
    , m_stack(new QStackedWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_sessions(new QListView(this))
    , m_contacts(new QWidget(this))
    , m_buddiesLabel(new QLabel(m_contacts))
    , m_buddies(new QListView(m_contacts))
    , m_tree(new QTreeView(m_contacts))
    , m_groupsPage(new QWidget(this))
    , m_groups(new QListView(m_groupsPage))
    , m_newGroup(new QPushButton(m_groupsPage))
    , m_results(new QListView(this))
{
    m_tabs->setObjectName(QStringLiteral("sidebarTabs"));
    m_sessions->setObjectName(QStringLiteral("sessionList"));
    m_buddies->setObjectName(QStringLiteral("buddyList"));
    m_tree->setObjectName(QStringLiteral("departmentTree"));
    m_groups->setObjectName(QStringLiteral("groupList"));
    m_newGroup->setObjectName(QStringLiteral("newGroupButton"));
    m_results->setObjectName(QStringLiteral("searchResults"));

    m_sessions->setModel(&messenger.sessions());
    m_sessions->setItemDelegate(new SessionDelegate(m_sessions));
    m_sessions->setUniformItemSizes(true);
    m_sessions->setContextMenuPolicy(Qt::CustomContextMenu);
    m_buddies->setModel(&messenger.buddies());
    m_buddies->setItemDelegate(new ContactDelegate(
        {client::BuddyListModel::PresenceRole, client::BuddyListModel::SignLineRole, true}, m_buddies));
    m_buddies->setMaximumHeight(160);
    m_tree->setModel(&directory); // searching shows the results list instead, so the tree is never filtered
    m_tree->setItemDelegate(new ContactDelegate(m_tree));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true); // 100,000 people scroll smoothly only with this
    m_tree->setAnimated(true);
    m_tree->expandToDepth(0);
    m_groups->setModel(&messenger.groups());
    m_groups->setItemDelegate(new ContactDelegate({-1, client::GroupListModel::AnnouncementRole, true}, m_groups));
    m_results->setModel(m_search);
    m_results->setWordWrap(true);
    m_results->setAlternatingRowColors(true);
    m_sessionsHint = new EmptyListHint(m_sessions, QStringLiteral("sessionsEmptyHint"));
    m_groupsHint = new EmptyListHint(m_groups, QStringLiteral("groupsEmptyHint"));
    m_resultsHint = new EmptyListHint(m_results, QStringLiteral("searchEmptyHint"));
    m_resultsHint->setSettled(false);
    connect(m_search, &client::SearchModel::modelReset, this, [this] { m_resultsHint->setSettled(false); });
    connect(m_search, &client::SearchModel::finished, this, [this] {
        retranslate(); // the hint names what was searched for
        m_resultsHint->setSettled(true);
    });
    m_buddiesHint = new QLabel(m_contacts);
    m_buddiesHint->setObjectName(QStringLiteral("buddiesEmptyHint"));
    m_buddiesHint->setWordWrap(true);
    m_buddiesHint->setForegroundRole(QPalette::PlaceholderText);

    auto *contactsLayout = new QVBoxLayout(m_contacts);
    contactsLayout->setContentsMargins(0, 4, 0, 0);
    contactsLayout->addWidget(m_buddiesLabel);
    contactsLayout->addWidget(m_buddies);
    contactsLayout->addWidget(m_buddiesHint);
    contactsLayout->addWidget(m_tree, 1);
    auto *groupsLayout = new QVBoxLayout(m_groupsPage);
    groupsLayout->setContentsMargins(0, 4, 0, 0);
    groupsLayout->addWidget(m_groups, 1);
    groupsLayout->addWidget(m_newGroup);
    m_tabs->addTab(m_sessions, QString());
    m_tabs->addTab(m_contacts, QString());
    m_tabs->addTab(m_groupsPage, QString());
    m_stack->addWidget(m_tabs);
    m_stack->addWidget(m_results);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    const auto buddiesVisibility = [this] {
        const bool any = m_messenger.buddies().rowCount() > 0;
        m_buddies->setVisible(any);
        m_buddiesHint->setVisible(!any);
    };
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&messenger.buddies(), signal, this, buddiesVisibility);
    connect(&messenger.buddies(), &QAbstractItemModel::modelReset, this, buddiesVisibility);
    buddiesVisibility();

    // A removed row moves the current index on; that is not the person choosing the next conversation.
    for (QAbstractItemModel *list :
         std::initializer_list<QAbstractItemModel *>{&messenger.sessions(), &messenger.groups()}) {
        connect(list, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { ++m_removingRows; });
        connect(list, &QAbstractItemModel::rowsRemoved, this, [this] { --m_removingRows; });
    }
    const auto open = [this](const QModelIndex &index, int role) {
        if (m_removingRows > 0)
            return;
        const auto conversation = index.data(role).value<ConversationId>();
        if (conversation.isValid())
            emit conversationChosen(conversation);
    };
    // Moving through the list (arrow keys, a screen reader, a click) opens what is chosen, as in other messengers.
    // (Selection, not the current index: assistive technology "toggles" an item, which selects without moving.)
    connect(m_sessions->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [open](const QItemSelection &selected) {
                if (!selected.indexes().isEmpty())
                    open(selected.indexes().first(), SessionListModel::ConversationRole);
            });
    connect(m_groups->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [open](const QItemSelection &selected) {
                if (!selected.indexes().isEmpty())
                    open(selected.indexes().first(), client::GroupListModel::ConversationRole);
            });
    connect(m_sessions, &QListView::activated, this,
            [open](const QModelIndex &i) { open(i, SessionListModel::ConversationRole); });
    connect(m_sessions, &QListView::clicked, this,
            [open](const QModelIndex &i) { open(i, SessionListModel::ConversationRole); });
    connect(m_groups, &QListView::activated, this,
            [open](const QModelIndex &i) { open(i, client::GroupListModel::ConversationRole); });
    connect(m_groups, &QListView::clicked, this,
            [open](const QModelIndex &i) { open(i, client::GroupListModel::ConversationRole); });
    connect(m_buddies, &QListView::activated, this,
            [open](const QModelIndex &i) { open(i, client::BuddyListModel::ConversationRole); });
    connect(m_buddies, &QListView::clicked, this,
            [open](const QModelIndex &i) { open(i, client::BuddyListModel::ConversationRole); });
    const auto personAt = [](const QModelIndex &index) -> quint64 {
        const bool person = index.data(DepartmentTreeModel::KindRole).value<DepartmentTreeModel::Kind>() ==
                            DepartmentTreeModel::Kind::Person;
        return person ? index.data(DepartmentTreeModel::IdRole).toULongLong() : 0;
    };
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this, personAt](const QModelIndex &i) {
                if (const quint64 id = personAt(i))
                    emit personChosen(id);
            });
    connect(m_tree, &QTreeView::doubleClicked, this, [this, personAt](const QModelIndex &i) {
        if (const quint64 id = personAt(i))
            emit conversationChosen(ConversationId::single(id));
    });
    connect(m_results, &QListView::activated, this, &Sidebar::openSearchResult);
    connect(m_results, &QListView::clicked, this, &Sidebar::openSearchResult);
    connect(m_newGroup, &QPushButton::clicked, this, &Sidebar::newGroupRequested);
    connect(m_sessions, &QListView::customContextMenuRequested, this, &Sidebar::showSessionMenu);
    connect(&directory, &QAbstractItemModel::modelReset, this, [this] {
        m_tree->expandToDepth(0); // the company and its divisions, not all 5,000 teams
    });
    retranslate();
}

void Sidebar::setSearchText(const QString &text)
{
    // The results list stands in for the tabs while searching, so the tree is not filtered as well.
    m_search->setQuery(text);
    m_stack->setCurrentWidget(text.trimmed().isEmpty() ? static_cast<QWidget *>(m_tabs) : m_results);
}

void Sidebar::openSearchResult(const QModelIndex &index)
{
    const auto kind = index.data(client::SearchModel::KindRole).value<client::SearchModel::Kind>();
    if (kind == client::SearchModel::Kind::Person)
        emit personChosen(index.data(client::SearchModel::UserIdRole).toULongLong());
    emit conversationChosen(index.data(client::SearchModel::ConversationRole).value<ConversationId>());
}

void Sidebar::revealUser(quint64 userId)
{
    const QModelIndex index = m_directory.indexOfUser(userId);
    if (!index.isValid())
        return;
    for (QModelIndex at = index.parent(); at.isValid(); at = at.parent())
        m_tree->expand(at);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void Sidebar::selectConversation(ConversationId conversation)
{
    const int row = m_messenger.sessions().rowOf(conversation);
    if (row >= 0)
        m_sessions->setCurrentIndex(m_messenger.sessions().index(row));
}

void Sidebar::showSessions()
{
    m_tabs->setCurrentWidget(m_sessions);
}

void Sidebar::showSessionMenu(const QPoint &at)
{
    const QModelIndex index = m_sessions->indexAt(at);
    if (!index.isValid())
        return;
    const auto conversation = index.data(SessionListModel::ConversationRole).value<ConversationId>();
    const bool pinned = index.data(SessionListModel::PinnedRole).toBool();
    const bool muted = index.data(SessionListModel::MutedRole).toBool();
    client::SessionSync &sessions = m_messenger.sessionSync();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("sessionMenu"));
    menu.addAction(pinned ? tr("Unpin") : tr("Pin to top"), this,
                   [&sessions, conversation, pinned] { sessions.setPinned(conversation, !pinned); });
    menu.addAction(muted ? tr("Unmute") : tr("Mute"), this,
                   [&sessions, conversation, muted] { sessions.setMuted(conversation, !muted); });
    QAction *read =
        menu.addAction(tr("Mark as read"), this, [&sessions, conversation] { sessions.markAllRead(conversation); });
    read->setEnabled(index.data(SessionListModel::UnreadRole).toInt() > 0);
    menu.addSeparator();
    menu.addAction(tr("Remove from list"), this, [&sessions, conversation] { sessions.removeSession(conversation); });
    menu.exec(m_sessions->viewport()->mapToGlobal(at));
}

void Sidebar::retranslate()
{
    m_tabs->setTabText(m_tabs->indexOf(m_sessions), tr("Sessions"));
    m_tabs->setTabText(m_tabs->indexOf(m_contacts), tr("Contacts"));
    m_tabs->setTabText(m_tabs->indexOf(m_groupsPage), tr("Groups"));
    m_tabs->setAccessibleName(tr("Sidebar"));
    m_sessions->setAccessibleName(tr("Recent conversations"));
    m_buddiesLabel->setText(tr("Buddies"));
    m_buddies->setAccessibleName(tr("Buddies"));
    m_tree->setAccessibleName(tr("Organisation"));
    m_groups->setAccessibleName(tr("Groups"));
    m_newGroup->setText(tr("New group…"));
    m_newGroup->setAccessibleName(tr("New group"));
    m_results->setAccessibleName(tr("Search results"));
    m_sessionsHint->setText(tr("No conversations yet. Find a colleague under Contacts, or create a group under "
                               "Groups, and write the first message."));
    m_buddiesHint->setText(
        tr("No buddies yet. Open a colleague's profile in the organisation below and add them as a buddy."));
    m_buddiesHint->setAccessibleName(m_buddiesHint->text());
    m_groupsHint->setText(tr("You are not in any group yet. Create one with New group and invite colleagues."));
    m_resultsHint->setText(tr("Nothing matches \"%1\". Search looks through people's names, pinyin and email, "
                              "group names and the messages on this computer.")
                               .arg(m_search->query()));
    for (EmptyListHint *hint : {m_sessionsHint, m_groupsHint, m_resultsHint})
        hint->updateVisibility();
}

void Sidebar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace confab::ui
