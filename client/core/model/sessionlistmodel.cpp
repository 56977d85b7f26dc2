#include "model/sessionlistmodel.h"

#include "model/departmenttreemodel.h"
#include "model/displaynames.h"
#include "model/rowdescription.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

namespace confab::client {

namespace {

// A count as a badge shows it: the server's 32 bits trusted no further than an int (a broken or hostile server
// could send four billion, and summing such counts overflowed; found by fuzz_client_pushes).
int shownUnread(const pb::Session &session)
{
    return int(std::min<quint32>(session.unread(), quint32(std::numeric_limits<int>::max())));
}

} // namespace

SessionListModel::SessionListModel(const DisplayNames &names, QObject *parent)
    : SortedListModel(parent)
    , m_names(names)
{
    connect(&names, &DisplayNames::changed, this, [this](ConversationId conversation) {
        const int row = rowOf(conversation);
        if (row >= 0)
            emit dataChanged(index(row), index(row),
                             {Qt::DisplayRole, InitialsRole, PresenceRole, Qt::AccessibleTextRole});
        // Group previews name their senders: a person's new name shows there too.
        if (!conversation.isGroup() && !m_rows.empty())
            emit dataChanged(index(0), index(rowCount() - 1), {LastMessageRole, Qt::AccessibleTextRole});
    });
    connect(&names, &DisplayNames::allChanged, this, [this] {
        if (!m_rows.empty())
            emit dataChanged(index(0), index(rowCount() - 1));
    });
}

bool SessionListModel::lessThan(const pb::Session &a, const pb::Session &b) const
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
    resetRows(std::move(sessions));
    recountUnread();
}

int SessionListModel::rowOf(ConversationId conversation) const
{
    return findRow(
        [conversation](const pb::Session &s) { return ConversationId::of(s.conversation()) == conversation; });
}

void SessionListModel::upsert(const pb::Session &session)
{
    const int row = rowOf(ConversationId::of(session.conversation()));
    if (row >= 0) {
        m_rows[size_t(row)] = session;
        resort(row);
    } else {
        insertSorted(session);
    }
    recountUnread();
}

void SessionListModel::remove(ConversationId conversation)
{
    const int row = rowOf(conversation);
    if (row < 0)
        return;
    // Removing a session reads it to its end (the server does the same): when it comes back with its next
    // message, only that message is unread.
    m_removedReadCursors.insert(conversation, m_rows[size_t(row)].latest_id());
    removeAt(row);
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
    pb::Session &session = m_rows[size_t(row)];
    if (readCursor <= session.read_cursor())
        return; // cursors move forward only
    session.set_read_cursor(readCursor);
    session.set_unread(session.latest_id() - qMin(readCursor, session.latest_id()));
    emit dataChanged(index(row), index(row), {UnreadRole, Qt::AccessibleTextRole});
    recountUnread();
}

const pb::Session *SessionListModel::session(ConversationId conversation) const
{
    const int row = rowOf(conversation);
    return row < 0 ? nullptr : &m_rows[size_t(row)];
}

void SessionListModel::recountUnread()
{
    const int total = sumUnread(false);
    if (total == m_totalUnread)
        return;
    m_totalUnread = total;
    emit totalUnreadChanged(total);
}

int SessionListModel::totalUnreadUnmuted() const
{
    return sumUnread(true);
}

int SessionListModel::sumUnread(bool unmutedOnly) const
{
    qint64 total = 0;
    for (const pb::Session &s : m_rows) {
        if (!unmutedOnly || !s.muted())
            total += shownUnread(s);
    }
    return int(std::min<qint64>(total, std::numeric_limits<int>::max()));
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

QVariant SessionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const pb::Session &s = m_rows[size_t(index.row())];
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
        return shownUnread(s);
    case PinnedRole:
        return s.pinned();
    case MutedRole:
        return s.muted();
    case InitialsRole:
        return DisplayNames::initials(m_names.conversationName(conversation));
    case PresenceRole:
        return conversation.isGroup() ? QVariant() : QVariant(int(m_names.directory().presence(conversation.peer)));
    case Qt::AccessibleTextRole:
        return RowDescription::join(
            {m_names.conversationName(conversation),
             conversation.isGroup() ? QString()
                                    : RowDescription::presence(m_names.directory().presence(conversation.peer)),
             s.pinned() ? RowDescription::pinned() : QString(), s.muted() ? RowDescription::muted() : QString(),
             RowDescription::unread(shownUnread(s)), RowDescription::lastMessage(preview(s))});
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
