#include "model/contactfilterproxy.h"

#include "model/departmenttreemodel.h"

namespace confab::client {

ContactFilterProxy::ContactFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true); // keep the departments on the way to a match
}

void ContactFilterProxy::setSearchText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool ContactFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(DepartmentTreeModel::KindRole).value<DepartmentTreeModel::Kind>() !=
        DepartmentTreeModel::Kind::Person)
        return false; // departments show when something inside matches
    const auto *directory = qobject_cast<const DepartmentTreeModel *>(sourceModel());
    const PersonRecord *person =
        directory ? directory->person(index.data(DepartmentTreeModel::IdRole).toULongLong()) : nullptr;
    return person && DepartmentTreeModel::matches(*person, m_text);
}

} // namespace confab::client
