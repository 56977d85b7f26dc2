// Recent sessions as people see them: pinned first, then the most recent, each with its name, last message,
// time and unread badge. A change moves or updates its one row (beginMoveRows, dataChanged), never resets.
// The model also keeps the total unread count, which the tray icon and the taskbar show.
#pragma once

#include "model/sortedlistmodel.h"
#include "types/conversationid.h"

#include <QHash>

#include <vector>

namespace confab::client {

class DisplayNames;

class SessionListModel : public SortedListModel<pb::Session>
{
    Q_OBJECT

public:
    enum Role
    {
        ConversationRole = Qt::UserRole + 1, // ConversationId
        IsGroupRole,                         // bool
        PeerIdRole,                          // quint64: the person or the group
        LastMessageRole,                     // QString: the preview, with "Name: " before others' messages in groups
        LastMessageIdRole,                   // quint64
        TimeRole,                            // QDateTime (local) of the last message or change
        UnreadRole,                          // int
        PinnedRole,                          // bool
        MutedRole,                           // bool
        InitialsRole,                        // QString for the avatar
        PresenceRole,                        // int (pb::Presence) of the peer in one-to-one sessions
    };

    explicit SessionListModel(const DisplayNames &names, QObject *parent = nullptr);

    void setSelfId(quint64 id) { m_selfId = id; }
    // Everything at once (the cache, or a full sync's end).
    void setSessions(std::vector<pb::Session> sessions);
    // One session's whole new state (a sync page, a push, an answer to pin or mute).
    void upsert(const pb::Session &session);
    void remove(ConversationId conversation);
    // A message arrived or was sent: it becomes the preview, moves the session up and, when it is someone else's,
    // counts as unread. A removed session comes back.
    void addMessage(const pb::Message &message);
    // The user read up to `readCursor` here or on another device.
    void setReadCursor(ConversationId conversation, quint64 readCursor);

    const pb::Session *session(ConversationId conversation) const;
    int rowOf(ConversationId conversation) const;
    int totalUnread() const { return m_totalUnread; }
    // Unread in conversations that are not muted: what notifications and the tray badge count.
    int totalUnreadUnmuted() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void totalUnreadChanged(int total);

protected:
    bool lessThan(const pb::Session &a, const pb::Session &b) const override;

private:
    void recountUnread();
    // The unread counts of all sessions (or the unmuted ones), capped at what an int holds.
    int sumUnread(bool unmutedOnly) const;
    QString preview(const pb::Session &session) const;

    const DisplayNames &m_names;
    QHash<ConversationId, quint64> m_removedReadCursors; // where removed sessions were read to
    quint64 m_selfId = 0;
    int m_totalUnread = 0;
};

} // namespace confab::client
