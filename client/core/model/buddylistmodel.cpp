#include "model/buddylistmodel.h"

#include "model/departmenttreemodel.h"
#include "model/displaynames.h"

namespace confab::client {

BuddyListModel::BuddyListModel(const DisplayNames &names, QObject *parent)
    : QAbstractListModel(parent)
    , m_names(names)
{
    connect(&names, &DisplayNames::changed, this, [this](ConversationId conversation) {
        if (!conversation.isGroup())
            rename(conversation.peer);
    });
    connect(&names, &DisplayNames::allChanged, this, [this] {
        std::vector<pb::Buddy> buddies;
        for (const Entry &e : m_entries) {
            pb::Buddy b;
            b.set_user_id(e.userId);
            buddies.push_back(b);
        }
        setBuddies(buddies); // every name may have changed: sort afresh
    });
}

bool BuddyListModel::lessThan(const Entry &a, const Entry &b)
{
    const int byName = a.name.localeAwareCompare(b.name);
    return byName != 0 ? byName < 0 : a.userId < b.userId;
}

void BuddyListModel::setBuddies(const std::vector<pb::Buddy> &buddies)
{
    beginResetModel();
    m_entries.clear();
    for (const pb::Buddy &b : buddies)
        m_entries.push_back({b.user_id(), m_names.userName(b.user_id())});
    std::sort(m_entries.begin(), m_entries.end(), lessThan);
    endResetModel();
}

int BuddyListModel::rowOf(quint64 userId) const
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].userId == userId)
            return int(i);
    }
    return -1;
}

int BuddyListModel::sortedRow(const Entry &entry, int ignoreRow) const
{
    int row = 0;
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (int(i) != ignoreRow && lessThan(m_entries[i], entry))
            ++row;
    }
    return row;
}

void BuddyListModel::add(quint64 userId)
{
    if (rowOf(userId) >= 0)
        return;
    const Entry entry{userId, m_names.userName(userId)};
    const int at = sortedRow(entry, -1);
    beginInsertRows({}, at, at);
    m_entries.insert(m_entries.begin() + at, entry);
    endInsertRows();
}

void BuddyListModel::remove(quint64 userId)
{
    const int row = rowOf(userId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_entries.erase(m_entries.begin() + row);
    endRemoveRows();
}

void BuddyListModel::rename(quint64 userId)
{
    const int row = rowOf(userId);
    if (row < 0)
        return;
    m_entries[size_t(row)].name = m_names.userName(userId);
    const int target = sortedRow(m_entries[size_t(row)], row);
    if (target != row) {
        beginMoveRows({}, row, row, {}, target > row ? target + 1 : target);
        Entry moved = std::move(m_entries[size_t(row)]);
        m_entries.erase(m_entries.begin() + row);
        m_entries.insert(m_entries.begin() + target, std::move(moved));
        endMoveRows();
    }
    emit dataChanged(index(target), index(target));
}

std::vector<quint64> BuddyListModel::userIds() const
{
    std::vector<quint64> ids;
    for (const Entry &e : m_entries)
        ids.push_back(e.userId);
    return ids;
}

int BuddyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant BuddyListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries[size_t(index.row())];
    const pb::User *user = m_names.directory().user(e.userId);
    switch (role) {
    case Qt::DisplayRole:
        return e.name;
    case Qt::ToolTipRole:
    case SignLineRole:
        return user ? QString::fromStdString(user->sign_line()) : QString();
    case IdRole:
        return QVariant::fromValue(e.userId);
    case PresenceRole:
        return int(m_names.directory().presence(e.userId));
    case InitialsRole:
        return DisplayNames::initials(e.name);
    case ConversationRole:
        return QVariant::fromValue(ConversationId::single(e.userId));
    default:
        return {};
    }
}

QHash<int, QByteArray> BuddyListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"},
                  {PresenceRole, "presence"},
                  {SignLineRole, "signLine"},
                  {InitialsRole, "initials"},
                  {ConversationRole, "conversation"}});
    return names;
}

} // namespace confab::client
