#include "model/buddylistmodel.h"

#include "model/departmenttreemodel.h"
#include "model/displaynames.h"
#include "model/rowdescription.h"

namespace confab::client {

BuddyListModel::BuddyListModel(const DisplayNames &names, QObject *parent)
    : SortedListModel(parent)
    , m_names(names)
{
    connect(&names, &DisplayNames::changed, this, [this](ConversationId conversation) {
        if (!conversation.isGroup())
            rename(conversation.peer);
    });
    connect(&names, &DisplayNames::allChanged, this, [this] {
        std::vector<pb::Buddy> buddies;
        for (const BuddyRow &e : m_rows) {
            pb::Buddy b;
            b.set_user_id(e.userId);
            buddies.push_back(b);
        }
        setBuddies(buddies); // every name may have changed: sort afresh
    });
}

bool BuddyListModel::lessThan(const BuddyRow &a, const BuddyRow &b) const
{
    const int byName = a.name.localeAwareCompare(b.name);
    return byName != 0 ? byName < 0 : a.userId < b.userId;
}

void BuddyListModel::setBuddies(const std::vector<pb::Buddy> &buddies)
{
    std::vector<BuddyRow> rows;
    for (const pb::Buddy &b : buddies)
        rows.push_back({b.user_id(), m_names.userName(b.user_id())});
    resetRows(std::move(rows));
}

int BuddyListModel::rowOf(quint64 userId) const
{
    return findRow([userId](const BuddyRow &r) { return r.userId == userId; });
}

void BuddyListModel::add(quint64 userId)
{
    if (rowOf(userId) < 0)
        insertSorted({userId, m_names.userName(userId)});
}

void BuddyListModel::remove(quint64 userId)
{
    const int row = rowOf(userId);
    if (row >= 0)
        removeAt(row);
}

void BuddyListModel::rename(quint64 userId)
{
    const int row = rowOf(userId);
    if (row < 0)
        return;
    m_rows[size_t(row)].name = m_names.userName(userId);
    resort(row);
}

std::vector<quint64> BuddyListModel::userIds() const
{
    std::vector<quint64> ids;
    for (const BuddyRow &e : m_rows)
        ids.push_back(e.userId);
    return ids;
}

QVariant BuddyListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BuddyRow &e = m_rows[size_t(index.row())];
    const PersonRecord *person = m_names.directory().person(e.userId);
    switch (role) {
    case Qt::DisplayRole:
        return e.name;
    case Qt::ToolTipRole:
    case SignLineRole:
        return person ? person->signLine() : QString();
    case IdRole:
        return QVariant::fromValue(e.userId);
    case PresenceRole:
        return int(m_names.directory().presence(e.userId));
    case InitialsRole:
        return DisplayNames::initials(e.name);
    case ConversationRole:
        return QVariant::fromValue(ConversationId::single(e.userId));
    case Qt::AccessibleTextRole:
        return RowDescription::join({e.name, RowDescription::presence(m_names.directory().presence(e.userId)),
                                     person ? person->signLine() : QString()});
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
