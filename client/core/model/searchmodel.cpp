#include "model/searchmodel.h"

#include "model/departmenttreemodel.h"
#include "model/displaynames.h"
#include "model/grouplistmodel.h"

#include <QDateTime>

namespace confab::client {

namespace {
constexpr int kPeople = 30;
constexpr int kMessages = 50;
} // namespace

SearchModel::SearchModel(const DepartmentTreeModel &directory, const GroupListModel &groups, const DisplayNames &names,
                         LocalCache *cache, QObject *parent)
    : QAbstractListModel(parent)
    , m_directory(directory)
    , m_groups(groups)
    , m_names(names)
    , m_cache(cache)
{}

void SearchModel::showPeople(const std::vector<quint64> &ids)
{
    std::vector<Row> people;
    for (quint64 id : ids) {
        if (const PersonRecord *person = m_directory.person(id)) // the tree's copy: the index may lag a push
            people.push_back({Kind::Person, ConversationId::single(id), id, 0, person->realName(), person->title(), 0});
    }
    if (people.empty())
        return;
    beginInsertRows({}, 0, int(people.size()) - 1); // people lead the list
    m_rows.insert(m_rows.begin(), people.begin(), people.end());
    endInsertRows();
    emit peopleFound(int(people.size()));
}

void SearchModel::setQuery(const QString &text)
{
    m_query = text.simplified();
    const int generation = ++m_generation;
    m_pendingAnswers = 0;
    beginResetModel(); // a new query is a new list
    m_rows.clear();
    if (!m_query.isEmpty()) {
        // Groups answer at once; people come from the cache's index below (showPeople), messages after them.
        for (int r = 0; r < m_groups.rowCount(); ++r) {
            const QModelIndex g = m_groups.index(r);
            if (g.data().toString().contains(m_query, Qt::CaseInsensitive))
                m_rows.push_back({Kind::Group,
                                  ConversationId::group(g.data(GroupListModel::IdRole).toULongLong()),
                                  0,
                                  0,
                                  g.data().toString(),
                                  {},
                                  0});
        }
    }
    endResetModel();
    if (m_query.isEmpty())
        return;
    if (!m_cache) {
        showPeople(m_directory.findPeople(m_query, kPeople));
        emit finished(int(m_rows.size()));
        return;
    }
    m_pendingAnswers = 2;
    m_cache->read<std::vector<quint64>>(
        this, [query = m_query](CacheDatabase &db) { return db.searchPeople(query, kPeople); },
        [this, generation](std::vector<quint64> ids) {
            if (generation != m_generation)
                return;
            showPeople(ids);
            answered();
        });
    m_cache->read<std::vector<MessageHit>>(
        this, [query = m_query](CacheDatabase &db) { return db.searchMessages(query, kMessages); },
        [this, generation](std::vector<MessageHit> hits) {
            if (generation != m_generation)
                return;
            showMessages(hits);
            answered();
        });
}

void SearchModel::answered()
{
    if (--m_pendingAnswers == 0)
        emit finished(int(m_rows.size()));
}

void SearchModel::showMessages(const std::vector<MessageHit> &hits)
{
    if (hits.empty())
        return;
    const int first = int(m_rows.size());
    const int count = int(qMin<size_t>(hits.size(), kMessages));
    beginInsertRows({}, first, first + count - 1);
    for (int i = 0; i < count; ++i) {
        const pb::Message &m = hits[size_t(i)].message;
        const ConversationId conversation = ConversationId::of(m.conversation());
        m_rows.push_back({Kind::Message, conversation, m.sender_id(), m.id(), m_names.conversationName(conversation),
                          hits[size_t(i)].snippet, m.sent_ms()});
    }
    endInsertRows();
    emit messagesFound(count);
}

int SearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: {
        const QString detail = data(index, DetailRole).toString();
        return detail.isEmpty() || row.kind == Kind::Group ? row.title : row.title + QLatin1Char('\n') + detail;
    }
    case Qt::AccessibleTextRole:
    case TitleRole:
        return row.title;
    case KindRole:
        return QVariant::fromValue(row.kind);
    case ConversationRole:
        return QVariant::fromValue(row.conversation);
    case UserIdRole:
        return QVariant::fromValue(row.userId);
    case MessageIdRole:
        return QVariant::fromValue(row.messageId);
    case DetailRole:
    case Qt::ToolTipRole:
        return row.kind == Kind::Group ? QVariant(int(m_groups.group(row.conversation.peer)
                                                          ? m_groups.group(row.conversation.peer)->info.member_count()
                                                          : 0))
                                       : QVariant(row.detail);
    case TimeRole:
        return row.timeMs ? QDateTime::fromMSecsSinceEpoch(row.timeMs) : QDateTime();
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{KindRole, "kind"},
                  {ConversationRole, "conversation"},
                  {UserIdRole, "userId"},
                  {MessageIdRole, "messageId"},
                  {DetailRole, "detail"},
                  {TimeRole, "time"},
                  {TitleRole, "title"}});
    return names;
}

} // namespace confab::client
