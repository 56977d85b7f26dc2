#include "model/grouplistmodel.h"

#include "model/rowdescription.h"

namespace confab::client {

GroupListModel::GroupListModel(QObject *parent)
    : SortedListModel(parent)
{}

bool GroupListModel::lessThan(const CachedGroup &a, const CachedGroup &b) const
{
    const int byName = QString::fromStdString(a.info.name()).localeAwareCompare(QString::fromStdString(b.info.name()));
    return byName != 0 ? byName < 0 : a.id < b.id;
}

void GroupListModel::setGroups(std::vector<CachedGroup> groups)
{
    std::erase_if(groups, [](const CachedGroup &g) { return g.info.dissolved(); });
    resetRows(std::move(groups));
}

int GroupListModel::rowOf(quint64 groupId) const
{
    return findRow([groupId](const CachedGroup &g) { return g.id == groupId; });
}

void GroupListModel::changed(int row)
{
    const int at = resort(row);
    emit groupChanged(m_rows[size_t(at)].id);
}

void GroupListModel::setListedVersion(quint64 groupId, quint64 version)
{
    const int row = rowOf(groupId);
    if (row >= 0) {
        m_rows[size_t(row)].listedVersion = qMax(m_rows[size_t(row)].listedVersion, version);
        return; // nothing shown changed until the details come
    }
    CachedGroup group;
    group.id = groupId;
    group.listedVersion = version;
    insertSorted(std::move(group));
    emit groupChanged(groupId);
}

void GroupListModel::setInfo(const pb::GroupInfo &info, bool carriesMuted)
{
    if (info.dissolved()) {
        remove(info.id());
        return;
    }
    int row = rowOf(info.id());
    if (row < 0) {
        setListedVersion(info.id(), info.version());
        row = rowOf(info.id());
    }
    CachedGroup &group = m_rows[size_t(row)];
    const bool muted = carriesMuted ? info.muted() : group.info.muted();
    group.info = info;
    group.info.set_muted(muted);
    group.listedVersion = qMax(group.listedVersion, info.version());
    changed(row);
}

void GroupListModel::setMuted(quint64 groupId, bool muted)
{
    const int row = rowOf(groupId);
    if (row < 0)
        return;
    m_rows[size_t(row)].info.set_muted(muted);
    changed(row);
}

void GroupListModel::setMemberCount(quint64 groupId, int count)
{
    const int row = rowOf(groupId);
    if (row < 0)
        return;
    m_rows[size_t(row)].info.set_member_count(quint32(count));
    changed(row);
}

void GroupListModel::remove(quint64 groupId)
{
    const int row = rowOf(groupId);
    if (row < 0)
        return;
    removeAt(row);
    emit groupChanged(groupId);
}

const CachedGroup *GroupListModel::group(quint64 groupId) const
{
    const int row = rowOf(groupId);
    return row < 0 ? nullptr : &m_rows[size_t(row)];
}

std::vector<pb::GroupVersion> GroupListModel::outdated() const
{
    std::vector<pb::GroupVersion> known;
    for (const CachedGroup &g : m_rows) {
        if (g.info.id() == 0 || g.info.version() < g.listedVersion) {
            pb::GroupVersion v;
            v.set_group_id(g.id);
            v.set_version(g.info.id() == 0 ? 0 : g.info.version());
            known.push_back(v);
        }
    }
    return known;
}

QString GroupListModel::name(quint64 groupId) const
{
    const CachedGroup *g = group(groupId);
    return g ? QString::fromStdString(g->info.name()) : QString();
}

QVariant GroupListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CachedGroup &g = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromStdString(g.info.name());
    case Qt::ToolTipRole:
    case AnnouncementRole:
        return QString::fromStdString(g.info.announcement());
    case IdRole:
        return QVariant::fromValue(g.id);
    case MemberCountRole:
        return int(g.info.member_count());
    case MutedRole:
        return g.info.muted();
    case OwnerIdRole:
        return QVariant::fromValue(quint64(g.info.owner_id()));
    case ConversationRole:
        return QVariant::fromValue(ConversationId::group(g.id));
    case Qt::AccessibleTextRole:
        return RowDescription::join({QString::fromStdString(g.info.name()),
                                     RowDescription::members(int(g.info.member_count())),
                                     g.info.muted() ? RowDescription::muted() : QString()});
    default:
        return {};
    }
}

QHash<int, QByteArray> GroupListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"},
                  {MemberCountRole, "memberCount"},
                  {MutedRole, "muted"},
                  {AnnouncementRole, "announcement"},
                  {OwnerIdRole, "ownerId"},
                  {ConversationRole, "conversation"}});
    return names;
}

} // namespace confab::client
