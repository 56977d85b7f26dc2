// The person's own presence: what this device's selector shows, what it asks for, and what it tells the server at
// sign-in. The server keeps the person's choice across reconnects and restarts; a choice made here while offline
// (or whose answer was lost with the connection) is sent with the next sign-in, so it is never forgotten and the
// person never shows online in between. Pushes from the person's other devices move it too.
#pragma once

#include "net/serverconnection.h"
#include "net/session.h"

#include <QObject>

#include <optional>

namespace confab::client {

class OwnPresence : public QObject
{
    Q_OBJECT

public:
    OwnPresence(ServerConnection &connection, Session &session, QObject *parent = nullptr);

    pb::Presence presence() const { return m_presence; }
    // What the account last showed (kept with it on this computer): shown until the server says otherwise.
    void setRemembered(pb::Presence presence);
    // The person picked a presence.
    void choose(pb::Presence presence);

signals:
    void changed(pb::Presence presence);
    // The server refused the choice (not a lost connection, which only delays it).
    void refused(pb::ErrorCode error);

private:
    void show(pb::Presence presence);
    void keepForNextSignIn(pb::Presence presence);

    ServerConnection &m_connection;
    Session &m_session;
    pb::Presence m_presence = pb::PRESENCE_ONLINE;
    quint64 m_selfId = 0;
    std::optional<pb::Presence> m_pending; // chosen, and not yet taken by the server
    int m_choices = 0;                     // answers to earlier choices that arrive after a later one are ignored
};

} // namespace confab::client
