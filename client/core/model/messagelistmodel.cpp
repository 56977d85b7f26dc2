#include "model/messagelistmodel.h"

#include "model/displaynames.h"

#include <QDateTime>

namespace confab::client {

namespace {
constexpr qint64 kGroupingMs = 5 * 60 * 1000;
} // namespace

MessageListModel::MessageListModel(ConversationId conversation, quint64 selfId, const DisplayNames &names,
                                   QObject *parent)
    : QAbstractListModel(parent)
    , m_conversation(conversation)
    , m_selfId(selfId)
    , m_names(names)
{
    connect(&names, &DisplayNames::changed, this, [this](ConversationId changed) {
        if (!changed.isGroup() && !m_entries.empty())
            emit dataChanged(index(0), index(rowCount() - 1), {SenderNameRole, InitialsRole});
    });
}

void MessageListModel::setSelfId(quint64 selfId)
{
    if (selfId == m_selfId)
        return;
    m_selfId = selfId;
    if (!m_entries.empty())
        emit dataChanged(index(0), index(rowCount() - 1), {IsOwnRole, MentionsMeRole});
}

int MessageListModel::sentCount() const
{
    int n = int(m_entries.size());
    while (n > 0 && m_entries[size_t(n - 1)].message.id() == 0)
        --n;
    return n;
}

int MessageListModel::rowOfId(quint64 id) const
{
    const int sent = sentCount();
    const auto end = m_entries.begin() + sent;
    const auto it = std::lower_bound(m_entries.begin(), end, id,
                                     [](const Entry &e, quint64 value) { return e.message.id() < value; });
    return it != end && it->message.id() == id ? int(it - m_entries.begin()) : -1;
}

int MessageListModel::rowOfClientId(const QString &clientMsgId) const
{
    for (size_t i = m_entries.size(); i-- > 0;) {
        if (m_entries[i].clientMsgId == clientMsgId)
            return int(i);
    }
    return -1;
}

int MessageListModel::insertionRow(quint64 id) const
{
    const int sent = sentCount();
    const auto end = m_entries.begin() + sent;
    return int(std::lower_bound(m_entries.begin(), end, id,
                                [](const Entry &e, quint64 value) { return e.message.id() < value; }) -
               m_entries.begin());
}

void MessageListModel::insertEntry(int row, Entry entry)
{
    beginInsertRows({}, row, row);
    m_entries.insert(m_entries.begin() + row, std::move(entry));
    endInsertRows();
    neighboursChanged(row);
}

void MessageListModel::neighboursChanged(int row)
{
    if (row + 1 >= 0 && row + 1 < rowCount())
        emit dataChanged(index(row + 1), index(row + 1), {StartsDayRole, SameSenderRole});
}

void MessageListModel::addMessages(const std::vector<pb::Message> &messages)
{
    for (const pb::Message &m : messages) {
        if (m.id() == 0 || rowOfId(m.id()) >= 0)
            continue;
        // Our own message written on this device and stored meanwhile (its answer may come later, or was lost).
        const QString clientId = QString::fromStdString(m.client_msg_id());
        if (!clientId.isEmpty() && rowOfClientId(clientId) >= 0) {
            markSent(clientId, m.id(), m.sent_ms());
            continue;
        }
        Entry entry;
        entry.message = m;
        entry.clientMsgId = clientId;
        insertEntry(insertionRow(m.id()), std::move(entry));
    }
    if (!m_entries.empty() && m_entries.front().message.id() == 1)
        m_hasOlder = false;
}

void MessageListModel::addPending(const QString &clientMsgId, const QString &text, qint64 writtenMs)
{
    if (rowOfClientId(clientMsgId) >= 0)
        return;
    Entry entry;
    *entry.message.mutable_conversation() = m_conversation.toProto();
    entry.message.set_sender_id(m_selfId);
    entry.message.set_sent_ms(writtenMs);
    entry.message.set_kind(pb::MESSAGE_KIND_TEXT);
    entry.message.set_text(text.toStdString());
    entry.message.set_client_msg_id(clientMsgId.toStdString());
    entry.delivery = Delivery::Sending;
    entry.clientMsgId = clientMsgId;
    insertEntry(rowCount(), std::move(entry));
}

void MessageListModel::markSent(const QString &clientMsgId, quint64 id, qint64 sentMs)
{
    const int row = rowOfClientId(clientMsgId);
    if (row < 0 || m_entries[size_t(row)].message.id() != 0)
        return;
    if (rowOfId(id) >= 0) { // the stored copy is here already: the pending row goes
        beginRemoveRows({}, row, row);
        m_entries.erase(m_entries.begin() + row);
        endRemoveRows();
        return;
    }
    Entry entry = std::move(m_entries[size_t(row)]);
    entry.message.set_id(id);
    entry.message.set_sent_ms(sentMs);
    entry.delivery = Delivery::Sent;
    entry.failure.clear();
    const int target = insertionRow(id); // among the stored rows, all of which are before `row`
    if (target != row) {
        beginMoveRows({}, row, row, {}, target);
        m_entries.erase(m_entries.begin() + row);
        m_entries.insert(m_entries.begin() + target, std::move(entry));
        endMoveRows();
        neighboursChanged(target);
    } else {
        m_entries[size_t(row)] = std::move(entry);
    }
    emit dataChanged(index(target), index(target));
}

void MessageListModel::markFailed(const QString &clientMsgId, int errorCode, const QString &reason)
{
    const int row = rowOfClientId(clientMsgId);
    if (row < 0 || m_entries[size_t(row)].message.id() != 0)
        return;
    m_entries[size_t(row)].delivery = Delivery::Failed;
    m_entries[size_t(row)].failure = reason;
    m_entries[size_t(row)].failureCode = errorCode;
    emit dataChanged(index(row), index(row), {DeliveryRole, FailureRole, FailureCodeRole});
}

void MessageListModel::removePending(const QString &clientMsgId)
{
    const int row = rowOfClientId(clientMsgId);
    if (row < 0 || m_entries[size_t(row)].message.id() != 0)
        return;
    beginRemoveRows({}, row, row);
    m_entries.erase(m_entries.begin() + row);
    endRemoveRows();
    neighboursChanged(row - 1);
}

void MessageListModel::setReadBy(quint64 messageId, const std::vector<quint64> &readers)
{
    const int row = rowOfId(messageId);
    if (row < 0 || m_entries[size_t(row)].readers == readers)
        return;
    m_entries[size_t(row)].readers = readers;
    emit dataChanged(index(row), index(row), {ReadByRole, ReadersRole});
}

void MessageListModel::setPeerReadCursor(quint64 cursor)
{
    if (cursor <= m_peerReadCursor)
        return;
    const quint64 before = m_peerReadCursor;
    m_peerReadCursor = cursor;
    const int first = insertionRow(before + 1);
    const int last = insertionRow(cursor + 1) - 1;
    if (first <= last)
        emit dataChanged(index(first), index(last), {ReadByPeerRole});
}

quint64 MessageListModel::oldestId() const
{
    return sentCount() > 0 ? m_entries.front().message.id() : 0;
}

quint64 MessageListModel::newestId() const
{
    const int sent = sentCount();
    return sent > 0 ? m_entries[size_t(sent - 1)].message.id() : 0;
}

std::vector<quint64> MessageListModel::recentOwnIds(int count) const
{
    std::vector<quint64> ids;
    for (int row = sentCount() - 1; row >= 0 && count > 0; --row, --count) {
        if (m_entries[size_t(row)].message.sender_id() == m_selfId)
            ids.push_back(m_entries[size_t(row)].message.id());
    }
    return ids;
}

void MessageListModel::setHasOlder(bool hasOlder)
{
    m_hasOlder = hasOlder && oldestId() != 1;
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasOlder && !m_loadingOlder;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_loadingOlder = true;
    emit olderWanted(oldestId());
}

bool MessageListModel::startsDay(int row) const
{
    if (row == 0)
        return true;
    const QDate day = QDateTime::fromMSecsSinceEpoch(m_entries[size_t(row)].message.sent_ms()).date();
    return QDateTime::fromMSecsSinceEpoch(m_entries[size_t(row - 1)].message.sent_ms()).date() != day;
}

bool MessageListModel::sameSender(int row) const
{
    if (row == 0 || startsDay(row))
        return false;
    const pb::Message &m = m_entries[size_t(row)].message;
    const pb::Message &before = m_entries[size_t(row - 1)].message;
    return before.sender_id() == m.sender_id() && m.sent_ms() - before.sent_ms() < kGroupingMs;
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries[size_t(index.row())];
    const pb::Message &m = e.message;
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromStdString(m.text());
    case Qt::AccessibleTextRole: // what a screen reader says: who wrote it, then what
        return m_names.userName(m.sender_id()) + QStringLiteral(": ") + QString::fromStdString(m.text());
    case IdRole:
        return QVariant::fromValue(quint64(m.id()));
    case SenderIdRole:
        return QVariant::fromValue(quint64(m.sender_id()));
    case SenderNameRole:
        return m_names.userName(m.sender_id());
    case InitialsRole:
        return DisplayNames::initials(m_names.userName(m.sender_id()));
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(m.sent_ms());
    case IsOwnRole:
        return m.sender_id() == m_selfId;
    case DeliveryRole:
        return QVariant::fromValue(e.delivery);
    case FailureRole:
        return e.failure;
    case FailureCodeRole:
        return e.failureCode;
    case ReadByRole:
        return e.readers ? int(e.readers->size()) : -1; // -1: not asked yet
    case ReadByPeerRole:
        return m.id() != 0 && m.id() <= m_peerReadCursor;
    case ClientMsgIdRole:
        return e.clientMsgId;
    case StartsDayRole:
        return startsDay(index.row());
    case SameSenderRole:
        return sameSender(index.row());
    case ReplyToRole:
        return QVariant::fromValue(quint64(m.reply_to()));
    case ReadersRole: {
        QStringList names;
        if (e.readers) {
            for (quint64 reader : *e.readers)
                names.append(m_names.userName(reader));
        }
        return names;
    }
    case MentionsMeRole:
        return std::find(m.mentions().begin(), m.mentions().end(), m_selfId) != m.mentions().end();
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"},
                  {SenderIdRole, "senderId"},
                  {SenderNameRole, "senderName"},
                  {InitialsRole, "initials"},
                  {TimeRole, "time"},
                  {IsOwnRole, "isOwn"},
                  {DeliveryRole, "delivery"},
                  {FailureRole, "failure"},
                  {FailureCodeRole, "failureCode"},
                  {ReadByRole, "readBy"},
                  {ReadByPeerRole, "readByPeer"},
                  {ClientMsgIdRole, "clientMsgId"},
                  {StartsDayRole, "startsDay"},
                  {SameSenderRole, "sameSender"},
                  {ReplyToRole, "replyTo"},
                  {MentionsMeRole, "mentionsMe"},
                  {ReadersRole, "readers"}});
    return names;
}

} // namespace confab::client
