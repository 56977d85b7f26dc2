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
    for (int role : {int(Qt::DisplayRole), int(DepartmentTreeModel::PinyinRole),
                     int(DepartmentTreeModel::LoginNameRole), int(DepartmentTreeModel::EmailRole)}) {
        if (index.data(role).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    // "zs" finds 张三 through the initials of the pinyin "zhang san".
    QString initials;
    for (const QString &syllable :
         index.data(DepartmentTreeModel::PinyinRole).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts))
        initials += syllable.front();
    return initials.startsWith(m_text, Qt::CaseInsensitive);
}

} // namespace confab::client
