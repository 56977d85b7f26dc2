// A signed-in session that survives a flaky network: it reconnects with exponential backoff and jitter (the first
// retry within a second, then doubling up to a minute, at once when the network comes back) and signs in again
// with the resume token, never the password, which it does not keep. A kick (a newer login, an admin) ends it for
// good: it tells the UI why and stops.
#pragma once

#include "net/serverconnection.h"

#include <QObject>
#include <QTimer>

namespace confab::client {

struct ReconnectBackoff
{
    int firstMs = 800;
    int maxMs = 60'000;
};

class Session : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        SignedOut,
        Connecting, // first sign-in, or reconnecting
        Online,
        WaitingToRetry,
        Kicked,               // final: a newer login or an admin ended it
        NeedsPassword,        // the token was refused (expired, revoked): ask the person
        UntrustedCertificate, // waiting for the person to trust the server's certificate, or not
    };
    Q_ENUM(State)

    using Backoff = ReconnectBackoff;
    // The wait before retry number `attempt` (0-based), with `jitter` in [0, 1): spreads the reconnects of many
    // clients after a server restart.
    static int retryDelayMs(int attempt, double jitter, const Backoff &backoff = {});

    Session(ServerConnection &connection, pb::ClientType clientType, QObject *parent = nullptr);

    void setBackoff(Backoff backoff) { m_backoff = backoff; }
    void setDeviceName(const QString &name) { m_deviceName = name; }
    // A presence chosen while signed out, sent with every sign-in until one succeeds; OFFLINE: the person's
    // stored choice (OwnPresence keeps this).
    void setInitialPresence(pb::Presence presence) { m_initialPresence = presence; }

    void signIn(const ServerEndpoint &server, const QString &user, const QString &password);
    void resume(const ServerEndpoint &server, const QString &user, const QString &token);
    void signOut();
    // Tries again at once (after the person pinned the certificate, or pressed "retry").
    void retryNow();

    State state() const { return m_state; }
    const QString &token() const { return m_token; }
    int reconnects() const { return m_reconnects; }

signals:
    void stateChanged(confab::client::Session::State state);
    // After every successful sign-in, first or resumed; sync from the cursors now (a push never replaces the pull).
    void online(const pb::LoginResponse &response, bool resumed);
    void tokenChanged(const QString &token); // save it in the keychain
    void signInFailed(pb::ErrorCode error);  // wrong password, disabled account, ...
    void kicked(pb::KickReason reason, const QString &detail);
    // The server's certificate is not trusted: nothing is sent over such a connection. Pin it
    // (ServerConnection::setPinnedCertificates) and retryNow(), or signOut().
    void certificateNeedsConsent(const QSslCertificate &certificate);

private:
    void connectNow();
    void onConnected();
    void onDisconnected();
    void onKick(const pb::KickNotice &kick);
    void scheduleRetry();
    void setState(State state);

    ServerConnection &m_connection;
    pb::ClientType m_clientType;
    QString m_deviceName;
    pb::Presence m_initialPresence = pb::PRESENCE_OFFLINE;
    Backoff m_backoff;
    ServerEndpoint m_server;
    QString m_user;
    QString m_password; // only until the first sign-in answers
    QString m_token;
    State m_state = State::SignedOut;
    int m_attempt = 0;
    int m_reconnects = 0;
    bool m_everOnline = false;
    QTimer m_retry;
};

} // namespace confab::client
