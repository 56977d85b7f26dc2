// The recent-sessions data set: pulled by cursor into the SessionListModel and the cache, kept current by pushes
// (a session changed on another device, a new message, a read on another device), and changed by the user (read,
// pin, mute, remove), each change reaching the user's other devices through the server.
#pragma once

#include "model/sessionlistmodel.h"
#include "sync/datasetsync.h"

namespace confab::client {

class SessionSync : public DataSetSync
{
    Q_OBJECT

public:
    SessionSync(ServerConnection &connection, LocalCache *cache, SessionListModel &model, QObject *parent = nullptr);

    void setSelfId(quint64 id) { m_selfId = id; }
    void applyCached(std::vector<pb::Session> sessions, quint64 cursor);

    // Reads up to `upToId` (the badge goes at once; the server moves the cursor forward only).
    void markRead(ConversationId conversation, quint64 upToId);
    void markAllRead(ConversationId conversation);
    void setPinned(ConversationId conversation, bool pinned);
    void setMuted(ConversationId conversation, bool muted);
    void removeSession(ConversationId conversation);
    // An own message sent from this device (its connection gets no push of it): preview, order, read cursor.
    void applyOwnMessage(const pb::Message &message);

signals:
    void actionFailed(pb::ErrorCode error, const QString &message);

protected:
    void pull(quint64 cursor) override;

private:
    void pullAgainIfSyncing();
    void onSessionPush(const pb::SessionChangedNotify &notify);
    void onMessagePush(const pb::MessageNotify &notify);
    void onReadPush(const pb::ReadNotify &notify);
    void storeSession(ConversationId conversation);
    void update(ConversationId conversation, std::optional<bool> pinned, std::optional<bool> muted);

    SessionListModel &m_model;
    quint64 m_selfId = 0;
    std::vector<pb::Session> m_fullSync; // a full sync shows its sessions all at once, at its end
};

} // namespace confab::client
