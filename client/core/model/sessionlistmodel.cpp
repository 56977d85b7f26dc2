#include "model/sessionlistmodel.h"

#include "model/departmenttreemodel.h"
#include "model/displaynames.h"

#include <QDateTime>

namespace confab::client {

SessionListModel::SessionListModel(const DisplayNames &names, QObject *parent)
    : QAbstractListModel(parent)
    , m_names(names)
{
    connect(&names, &DisplayNames::changed, this, [this](ConversationId conversation) {
        const int row = rowOf(conversation);
        if (row >= 0)
            emit dataChanged(index(row), index(row), {Qt::DisplayRole, InitialsRole, PresenceRole});
        // Group previews name their senders: a person's new name shows there too.
        if (!conversation.isGroup() && !m_sessions.empty())
            emit dataChanged(index(0), index(rowCount() - 1), {LastMessageRole});
    });
    connect(&names, &DisplayNames::allChanged, this, [this] {
        if (!m_sessions.empty())
            emit dataChanged(index(0), index(rowCount() - 1));
    });
}

bool SessionListModel::lessThan(const pb::Session &a, const pb::Session &b)
{
    if (a.pinned() != b.pinned())
        return a.pinned();
    if (a.updated_ms() != b.updated_ms())
        return a.updated_ms() > b.updated_ms();
    if (a.conversation().type() != b.conversation().type())
        return a.conversation().type() < b.conversation().type();
    return a.conversation().peer_id() < b.conversation().peer_id();
}

void SessionListModel::setSessions(std::vector<pb::Session> sessions)
{
    m_removedReadCursors.clear();
    beginResetModel();
    m_sessions = std::move(sessions);
    std::sort(m_sessions.begin(), m_sessions.end(), lessThan);
    endResetModel();
    recountUnread();
}

int SessionListModel::rowOf(ConversationId conversation) const
{
    for (size_t i = 0; i < m_sessions.size(); ++i) {
        if (ConversationId::of(m_sessions[i].conversation()) == conversation)
            return int(i);
    }
    return -1;
}

int SessionListModel::sortedRow(const pb::Session &session, int ignoreRow) const
{
    // Sessions are kept sorted, so the place is found by bisection over the others.
    const auto begin = m_sessions.begin();
    int low = 0;
    int high = int(m_sessions.size()) - (ignoreRow >= 0 ? 1 : 0);
    while (low < high) {
        const int mid = (low + high) / 2;
        const int at = ignoreRow >= 0 && mid >= ignoreRow ? mid + 1 : mid;
        if (lessThan(*(begin + at), session))
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

void SessionListModel::placeChanged(int row)
{
    const int target = sortedRow(m_sessions[size_t(row)], row);
    if (target != row) {
        // beginMoveRows counts the destination before the move: moving down lands one row further.
        beginMoveRows({}, row, row, {}, target > row ? target + 1 : target);
        pb::Session moved = std::move(m_sessions[size_t(row)]);
        m_sessions.erase(m_sessions.begin() + row);
        m_sessions.insert(m_sessions.begin() + target, std::move(moved));
        endMoveRows();
    }
    emit dataChanged(index(target), index(target));
    recountUnread();
}

void SessionListModel::upsert(const pb::Session &session)
{
    const int row = rowOf(ConversationId::of(session.conversation()));
    if (row >= 0) {
        m_sessions[size_t(row)] = session;
        placeChanged(row);
        return;
    }
    const int at = sortedRow(session, -1);
    beginInsertRows({}, at, at);
    m_sessions.insert(m_sessions.begin() + at, session);
    endInsertRows();
    recountUnread();
}

void SessionListModel::remove(ConversationId conversation)
{
    const int row = rowOf(conversation);
    if (row < 0)
        return;
    // Removing a session reads it to its end (the server does the same): when it comes back with its next
    // message, only that message is unread.
    m_removedReadCursors.insert(conversation, m_sessions[size_t(row)].latest_id());
    beginRemoveRows({}, row, row);
    m_sessions.erase(m_sessions.begin() + row);
    endRemoveRows();
    recountUnread();
}

void SessionListModel::addMessage(const pb::Message &message)
{
    const ConversationId conversation = ConversationId::of(message.conversation());
    pb::Session session;
    if (const pb::Session *known = this->session(conversation)) {
        if (known->latest_id() >= message.id())
            return; // old news: a page of history, or the same push twice
        session = *known;
    } else {
        *session.mutable_conversation() = message.conversation();
        session.set_read_cursor(m_removedReadCursors.value(conversation, 0));
    }
    pb::Message &last = *session.mutable_last_message();
    last = message;
    if (last.text().size() > 256)
        last.mutable_text()->resize(256); // the server's preview length; cut whole characters below
    session.set_latest_id(message.id());
    session.set_updated_ms(qMax(session.updated_ms(), message.sent_ms()));
    if (message.sender_id() == m_selfId)
        session.set_read_cursor(message.id()); // sending reads everything before it
    session.set_unread(session.latest_id() - qMin(session.read_cursor(), session.latest_id()));
    upsert(session);
}

void SessionListModel::setReadCursor(ConversationId conversation, quint64 readCursor)
{
    const int row = rowOf(conversation);
    if (row < 0)
        return;
    pb::Session &session = m_sessions[size_t(row)];
    if (readCursor <= session.read_cursor())
        return; // cursors move forward only
    session.set_read_cursor(readCursor);
    session.set_unread(session.latest_id() - qMin(readCursor, session.latest_id()));
    emit dataChanged(index(row), index(row), {UnreadRole});
    recountUnread();
}

const pb::Session *SessionListModel::session(ConversationId conversation) const
{
    const int row = rowOf(conversation);
    return row < 0 ? nullptr : &m_sessions[size_t(row)];
}

void SessionListModel::recountUnread()
{
    int total = 0;
    for (const pb::Session &s : m_sessions)
        total += int(s.unread());
    if (total == m_totalUnread)
        return;
    m_totalUnread = total;
    emit totalUnreadChanged(total);
}

int SessionListModel::totalUnreadUnmuted() const
{
    int total = 0;
    for (const pb::Session &s : m_sessions) {
        if (!s.muted())
            total += int(s.unread());
    }
    return total;
}

QString SessionListModel::preview(const pb::Session &session) const
{
    if (!session.has_last_message())
        return {};
    const pb::Message &m = session.last_message();
    // A preview cut inside a UTF-8 sequence loses the broken tail, not the whole text.
    QString text = QString::fromUtf8(m.text().data(), qsizetype(m.text().size()));
    if (text.endsWith(QChar::ReplacementCharacter))
        text.chop(1);
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (session.conversation().type() == pb::SESSION_TYPE_GROUP && m.sender_id() != m_selfId && m.sender_id() != 0)
        return m_names.userName(m.sender_id()) + QStringLiteral(": ") + text;
    return text;
}

int SessionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sessions.size());
}

QVariant SessionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const pb::Session &s = m_sessions[size_t(index.row())];
    const ConversationId conversation = ConversationId::of(s.conversation());
    switch (role) {
    case Qt::DisplayRole:
        return m_names.conversationName(conversation);
    case ConversationRole:
        return QVariant::fromValue(conversation);
    case IsGroupRole:
        return conversation.isGroup();
    case PeerIdRole:
        return QVariant::fromValue(conversation.peer);
    case LastMessageRole:
        return preview(s);
    case LastMessageIdRole:
        return QVariant::fromValue(quint64(s.latest_id()));
    case TimeRole:
        return s.updated_ms() > 0 ? QDateTime::fromMSecsSinceEpoch(s.updated_ms()) : QDateTime();
    case UnreadRole:
        return int(s.unread());
    case PinnedRole:
        return s.pinned();
    case MutedRole:
        return s.muted();
    case InitialsRole:
        return DisplayNames::initials(m_names.conversationName(conversation));
    case PresenceRole:
        return conversation.isGroup() ? QVariant() : QVariant(int(m_names.directory().presence(conversation.peer)));
    default:
        return {};
    }
}

QHash<int, QByteArray> SessionListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{ConversationRole, "conversation"},
                  {IsGroupRole, "isGroup"},
                  {PeerIdRole, "peerId"},
                  {LastMessageRole, "lastMessage"},
                  {LastMessageIdRole, "lastMessageId"},
                  {TimeRole, "time"},
                  {UnreadRole, "unread"},
                  {PinnedRole, "pinned"},
                  {MutedRole, "muted"},
                  {InitialsRole, "initials"},
                  {PresenceRole, "presence"}});
    return names;
}

} // namespace confab::client
