// The server as a library: the composition root that wires storage, listeners and services. confab-server's main
// is a thin shell around it, and tests and the client's demo mode host it in-process.
#pragma once

#include "net/listener.h"
#include "services/servercontext.h"
#include "store/store.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace confab::server {

class StorageThread;
class OnlineRegistry;
class Dispatcher;
class ChangeFeed;
class AuthService;
class DirectoryService;
class BuddyService;
class PresenceService;
class MessageService;
class SessionService;
class GroupService;
class SessionEndWatch;

struct ServerConfig
{
    QString dataDir;
    std::optional<ListenAddress> tcp = ListenAddress{QHostAddress::LocalHost, 7210};
    std::optional<ListenAddress> webSocket; // off unless asked for
    QString tlsCertificate;                 // PEM; both or neither
    QString tlsKey;
    // Without a certificate the server makes a self-signed one in the data dir; plain text only when asked.
    bool insecure = false;
    ConnectionLimits limits;
    ServiceSettings services;
    int changePollIntervalMs = 250; // how often writes by other processes (admin) are looked for
    // Deletions are kept this long as tombstones; a client whose cursor is older is told to reset. Pruned at
    // start-up and daily.
    int tombstoneRetentionDays = 90;
};

class Server : public QObject
{
    Q_OBJECT

public:
    explicit Server(ServerConfig config, QObject *parent = nullptr);
    ~Server() override;

    // Opens the store and starts listening. False with a message for the admin when it cannot.
    bool start(QString *error);
    // Stops accepting, closes connections, finishes queued writes and closes the store. Idempotent.
    void stop();

    quint16 tcpPort() const;
    quint16 webSocketPort() const;
    // The SHA-256 fingerprint of the certificate it serves ("AB:CD:…"), empty when serving plain text.
    QString tlsFingerprint() const { return m_tlsFingerprint; }
    const ServerConfig &config() const { return m_config; }

    // For in-process hosts (tests, demo seeding) that need the store directly; never from a socket handler.
    StorageThread &storage();
    int onlineUserCount() const;

private:
    void onNewConnection(Connection *connection);
    void onUnannouncedChange(pb::DataSet dataSet, Cursor previous, Cursor now);
    void pruneTombstones();

    ServerConfig m_config;
    std::unique_ptr<StorageThread> m_storage;
    std::unique_ptr<OnlineRegistry> m_online;
    std::unique_ptr<Dispatcher> m_dispatcher;
    std::unique_ptr<ChangeFeed> m_feed;
    std::unique_ptr<SessionEndWatch> m_sessionEnds;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<DirectoryService> m_directory;
    std::unique_ptr<BuddyService> m_buddies;
    std::unique_ptr<PresenceService> m_presence;
    std::unique_ptr<SessionService> m_sessions;
    std::unique_ptr<MessageService> m_messages;
    std::unique_ptr<GroupService> m_groups;
    Listener *m_listener = nullptr;
    QTimer m_pruneTimer;
    QString m_tlsFingerprint;
    bool m_running = false;
};

} // namespace confab::server
