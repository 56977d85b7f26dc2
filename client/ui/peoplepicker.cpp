#include "peoplepicker.h"

#include "contactdelegate.h"
#include "model/contactfilterproxy.h"
#include "model/departmenttreemodel.h"

#include <QDialogButtonBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace confab::ui {

using client::DepartmentTreeModel;

PeoplePicker::PeoplePicker(DepartmentTreeModel &directory, Purpose purpose, QWidget *parent)
    : QDialog(parent)
    , m_directory(directory)
    , m_filter(new client::ContactFilterProxy(this))
    , m_purpose(purpose)
    , m_name(new QLineEdit(this))
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeView(this))
    , m_count(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("peoplePicker"));
    const bool newGroup = purpose == Purpose::NewGroup;
    setWindowTitle(newGroup ? tr("New group") : tr("Invite people"));
    m_name->setObjectName(QStringLiteral("groupNameInput"));
    m_name->setAccessibleName(tr("Group name"));
    m_name->setPlaceholderText(tr("Group name"));
    m_name->setMaxLength(100);
    m_name->setVisible(newGroup);
    m_search->setObjectName(QStringLiteral("pickerSearch"));
    m_search->setAccessibleName(tr("Search people"));
    m_search->setPlaceholderText(tr("Search people by name, pinyin or email"));
    m_search->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("pickerTree"));
    m_tree->setAccessibleName(tr("People to choose from"));
    m_count->setObjectName(QStringLiteral("pickerCount"));
    m_buttons->setObjectName(QStringLiteral("pickerButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("pickerOk"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(newGroup ? tr("Create group") : tr("Invite"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(newGroup ? tr("Create group") : tr("Invite"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("pickerCancel"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    m_filter->setSourceModel(&directory);
    m_tree->setModel(m_filter);
    m_tree->setItemDelegate(new ContactDelegate(m_tree));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::MultiSelection);
    m_tree->expandToDepth(0);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_name);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_buttons);
    resize(420, 560);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        if (!text.trimmed().isEmpty())
            m_tree->expandAll();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PeoplePicker::updateAcceptable);
    connect(m_name, &QLineEdit::textChanged, this, &PeoplePicker::updateAcceptable);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateAcceptable();
}

QString PeoplePicker::groupName() const
{
    return m_name->text().trimmed();
}

std::vector<quint64> PeoplePicker::chosen() const
{
    std::vector<quint64> ids;
    for (const QModelIndex &i : m_tree->selectionModel()->selectedIndexes()) {
        if (i.data(DepartmentTreeModel::KindRole).value<DepartmentTreeModel::Kind>() ==
            DepartmentTreeModel::Kind::Person)
            ids.push_back(i.data(DepartmentTreeModel::IdRole).toULongLong());
    }
    return ids;
}

void PeoplePicker::choose(quint64 userId)
{
    const QModelIndex index = m_filter->mapFromSource(m_directory.indexOfUser(userId));
    if (!index.isValid())
        return;
    for (QModelIndex at = index.parent(); at.isValid(); at = at.parent())
        m_tree->expand(at);
    m_tree->selectionModel()->select(index, QItemSelectionModel::Select);
}

void PeoplePicker::updateAcceptable()
{
    const int people = int(chosen().size());
    m_count->setText(tr("%n people chosen", nullptr, people));
    const bool ok = people > 0 && (m_purpose == Purpose::Invite || !groupName().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace confab::ui
