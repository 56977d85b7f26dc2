#include "mainwindow.h"

#include "contactdelegate.h"
#include "model/contactfilterproxy.h"
#include "model/departmenttreemodel.h"
#include "profilepanel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace confab::ui {

MainWindow::MainWindow(client::DepartmentTreeModel &directory, QWidget *parent)
    : QMainWindow(parent)
    , m_directory(directory)
    , m_filter(new client::ContactFilterProxy(this))
    , m_ownName(new QLabel(this))
    , m_ownSignLine(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_tree(new QTreeView(this))
    , m_profile(new ProfilePanel(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_ownName->setObjectName(QStringLiteral("ownName"));
    m_ownSignLine->setObjectName(QStringLiteral("ownSignLine"));
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setClearButtonEnabled(true);
    m_tabs->setObjectName(QStringLiteral("sidebarTabs"));
    m_tree->setObjectName(QStringLiteral("departmentTree"));
    m_status->setObjectName(QStringLiteral("connectionStatus"));
    QFont bold = m_ownName->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_ownName->setFont(bold);

    m_filter->setSourceModel(&m_directory);
    m_tree->setModel(m_filter);
    m_tree->setItemDelegate(new ContactDelegate(m_tree));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true); // 100,000 people scroll smoothly only with this
    m_tree->setAnimated(true);

    auto *sidebar = new QWidget(this);
    auto *sidebarLayout = new QVBoxLayout(sidebar);
    sidebarLayout->setContentsMargins(8, 8, 8, 8);
    sidebarLayout->addWidget(m_ownName);
    sidebarLayout->addWidget(m_ownSignLine);
    sidebarLayout->addWidget(m_search);
    sidebarLayout->addWidget(m_tabs);
    m_tabs->addTab(m_tree, QString());

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(sidebar);
    splitter->addWidget(m_profile);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({320, 560});
    setCentralWidget(splitter);
    statusBar()->addWidget(m_status);
    resize(960, 640);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        if (!text.trimmed().isEmpty())
            m_tree->expandAll(); // show where the matches are
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::showSelected);
    connect(&m_directory, &QAbstractItemModel::modelReset, this, [this] {
        m_tree->expandToDepth(0); // the company and its divisions, not all 5,000 teams
    });
    m_tree->expandToDepth(0);
    retranslate();
}

void MainWindow::setOwnProfile(const pb::User &user)
{
    m_ownName->setText(QString::fromStdString(user.real_name()));
    const QString signLine = QString::fromStdString(user.sign_line());
    m_ownSignLine->setText(signLine.isEmpty() ? tr("No sign line") : signLine);
}

void MainWindow::setConnectionStatus(const QString &text)
{
    m_status->setText(text);
}

void MainWindow::revealUser(quint64 userId)
{
    const QModelIndex index = m_filter->mapFromSource(m_directory.indexOfUser(userId));
    if (!index.isValid())
        return;
    for (QModelIndex at = index.parent(); at.isValid(); at = at.parent())
        m_tree->expand(at);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void MainWindow::showSelected()
{
    const QModelIndex current = m_filter->mapToSource(m_tree->currentIndex());
    const bool person =
        current.data(client::DepartmentTreeModel::KindRole).value<client::DepartmentTreeModel::Kind>() ==
        client::DepartmentTreeModel::Kind::Person;
    m_profile->showPerson(person ? current : QModelIndex());
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Confab"));
    m_search->setPlaceholderText(tr("Search people by name, pinyin or email"));
    m_search->setAccessibleName(tr("Search"));
    m_tabs->setTabText(m_tabs->indexOf(m_tree), tr("Contacts"));
    m_tabs->setAccessibleName(tr("Sidebar"));
    m_tree->setAccessibleName(tr("Organisation"));
    m_ownName->setAccessibleName(tr("Your name"));
    m_ownSignLine->setAccessibleName(tr("Your sign line"));
    m_status->setAccessibleName(tr("Connection status"));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

} // namespace confab::ui
