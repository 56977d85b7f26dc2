#include "memberpicker.h"

#include "model/departmenttreemodel.h"
#include "model/displaynames.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace confab::ui {

MemberPicker::MemberPicker(const std::vector<quint64> &memberIds, const client::DisplayNames &names,
                           const client::DepartmentTreeModel &directory, Purpose purpose, QWidget *parent)
    : QDialog(parent)
    , m_members(new QStandardItemModel(this))
    , m_list(new QListView(this))
{
    setObjectName(QStringLiteral("memberPicker"));
    const bool handOver = purpose == Purpose::HandOver;
    setWindowTitle(handOver ? tr("Hand the group over") : tr("Remove a member"));
    auto *question = new QLabel(handOver ? tr("Who should own the group? You stay in it as an admin.")
                                         : tr("Who should leave the group?"),
                                this);
    question->setObjectName(QStringLiteral("memberPickerQuestion"));
    m_list->setObjectName(QStringLiteral("memberPickerList"));
    m_list->setAccessibleName(tr("Members of the group"));
    m_list->setModel(m_members);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    question->setBuddy(m_list);

    QHash<QString, int> sameName;
    for (quint64 id : memberIds)
        ++sameName[names.userName(id)];
    for (quint64 id : memberIds) {
        const QString name = names.userName(id);
        QString shown = name;
        if (sameName.value(name) > 1) {
            const client::PersonRecord *person = directory.person(id);
            const QString login = person ? person->loginName() : QString::number(id);
            const QString title = person ? person->title() : QString();
            shown = title.isEmpty() ? tr("%1 (%2)").arg(name, login) : tr("%1 (%2, %3)").arg(name, login, title);
        }
        auto *item = new QStandardItem(shown);
        item->setData(id, kUserIdRole);
        item->setData(shown, Qt::AccessibleTextRole);
        m_members->appendRow(item);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("memberPickerButtons"));
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("memberPickerOk"));
    ok->setText(handOver ? tr("Hand over") : tr("Remove"));
    ok->setAccessibleName(ok->text());
    ok->setEnabled(false);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("memberPickerCancel"));
    buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this, ok] { ok->setEnabled(chosen().has_value()); });
    connect(m_list, &QListView::doubleClicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(360, 420);
}

std::optional<quint64> MemberPicker::chosen() const
{
    const QModelIndex current = m_list->selectionModel()->currentIndex();
    if (!current.isValid() || !m_list->selectionModel()->isSelected(current))
        return std::nullopt;
    return current.data(kUserIdRole).toULongLong();
}

void MemberPicker::choose(quint64 userId)
{
    for (int row = 0; row < m_members->rowCount(); ++row) {
        const QModelIndex index = m_members->index(row, 0);
        if (index.data(kUserIdRole).toULongLong() == userId)
            m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    }
}

} // namespace confab::ui
