#include "server.h"

#include "net/tlsidentity.h"
#include "platform/descriptorlimit.h"
#include "protocol/protobuflog.h"
#include "rpc/dispatcher.h"
#include "services/authservice.h"
#include "services/buddyservice.h"
#include "services/changefeed.h"
#include "services/directoryservice.h"
#include "services/groupservice.h"
#include "services/messageservice.h"
#include "services/onlineregistry.h"
#include "services/presenceservice.h"
#include "services/sessionendwatch.h"
#include "services/sessionservice.h"
#include "store/sqlitestore.h"
#include "store/storagethread.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcServer, "confab.server")

namespace confab::server {

namespace {

// The configured certificate, else (unless plain text was asked for) the one the server made itself.
bool chooseTls(const ServerConfig &config, std::optional<TlsIdentity> *identity, QString *error)
{
    if (!config.tlsCertificate.isEmpty() || !config.tlsKey.isEmpty()) {
        if (config.tlsCertificate.isEmpty() || config.tlsKey.isEmpty()) {
            *error = QStringLiteral("TLS needs both a certificate and a key");
            return false;
        }
        *identity = loadTlsIdentity(config.tlsCertificate, config.tlsKey, error);
        return identity->has_value();
    }
    if (config.insecure)
        return true;
    *identity = selfSignedTlsIdentity(selfSignedTlsDir(config.dataDir), error);
    return identity->has_value();
}

} // namespace

Server::Server(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
{}

Server::~Server()
{
    stop();
}

bool Server::start(QString *error)
{
    protocol::routeProtobufLogs();
    // A data dir the server makes is the owner's alone; one the admin made keeps the permissions it was given.
    if (!QDir(m_config.dataDir).exists() &&
        (!QDir().mkpath(m_config.dataDir) ||
         !QFile::setPermissions(m_config.dataDir,
                                QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))) {
        *error = QStringLiteral("cannot create the data dir %1").arg(m_config.dataDir);
        return false;
    }
    std::optional<TlsIdentity> tls;
    if (!chooseTls(m_config, &tls, error))
        return false;

    m_storage = std::make_unique<StorageThread>(
        std::make_unique<SqliteStore>(QDir(m_config.dataDir).filePath(QStringLiteral("confab.sqlite"))));
    try {
        m_storage->start();
    } catch (const StoreError &e) {
        *error = QString::fromUtf8(e.what());
        m_storage.reset();
        return false;
    }

    m_online = std::make_unique<OnlineRegistry>();
    m_dispatcher = std::make_unique<Dispatcher>(m_config.limits);
    m_feed = std::make_unique<ChangeFeed>(*m_storage, *m_online);
    m_config.services.heartbeatIntervalMs = m_config.limits.heartbeatIntervalMs;
    m_config.services.idleTimeoutMs = m_config.limits.idleTimeoutMs;
    m_context.reset(new ServerContext{*m_storage, *m_online, *m_dispatcher, *m_feed, m_config.services,
                                      [] { return QDateTime::currentMSecsSinceEpoch(); }});
    m_auth = std::make_unique<AuthService>(*m_context);
    m_directory = std::make_unique<DirectoryService>(*m_context);
    m_buddies = std::make_unique<BuddyService>(*m_context);
    m_presence = std::make_unique<PresenceService>(*m_context);
    m_sessions = std::make_unique<SessionService>(*m_context);
    m_messages = std::make_unique<MessageService>(*m_context);
    m_groups = std::make_unique<GroupService>(*m_context, *m_sessions);
    connect(m_auth.get(), &AuthService::userOnline, m_presence.get(), &PresenceService::onUserOnline);
    connect(m_auth.get(), &AuthService::userDeviceGone, m_presence.get(), &PresenceService::onUserDeviceGone);
    connect(m_feed.get(), &ChangeFeed::unannouncedChange, this, &Server::onUnannouncedChange);
    connect(m_groups.get(), &GroupService::membersGone, m_messages.get(), &MessageService::forgetReceiptWatchers);
    m_feed->start(m_config.changePollIntervalMs);
    // A new password or a disabled account ends the person's live sessions too, not just their saved tokens.
    m_sessionEnds = std::make_unique<SessionEndWatch>(*m_storage);
    connect(m_sessionEnds.get(), &SessionEndWatch::sessionsEnded, this, [this](quint64 userId, pb::KickReason reason) {
        m_auth->kickUser(userId, reason,
                         reason == pb::KICK_REASON_PASSWORD_CHANGED ? QStringLiteral("password changed")
                                                                    : QStringLiteral("sessions ended by an admin"));
    });
    m_sessionEnds->start(m_config.changePollIntervalMs);

    if (m_config.limits.maxConnections <= 0) {
        // What the descriptor limit leaves after the store, its WAL, the log and the listening sockets.
        constexpr long kReserved = 64;
        const long descriptors = raiseDescriptorLimit();
        m_config.limits.maxConnections =
            descriptors > 0 ? int(qBound(16L, descriptors - kReserved, 1L << 20)) : 100'000;
        qCInfo(lcServer) << "serving at most" << m_config.limits.maxConnections << "connections (descriptor limit"
                         << descriptors << ")";
    }
    m_listener = new Listener(m_config.limits, this);
    if (tls)
        m_listener->setTls(tls->configuration);
    connect(m_listener, &Listener::newConnection, this, &Server::onNewConnection);
    if ((m_config.tcp && !m_listener->listenTcp(*m_config.tcp, error)) ||
        (m_config.webSocket && !m_listener->listenWebSocket(*m_config.webSocket, error))) {
        stop();
        return false;
    }
    m_running = true;
    pruneTombstones();
    connect(&m_pruneTimer, &QTimer::timeout, this, &Server::pruneTombstones);
    m_pruneTimer.start(24 * 3600 * 1000);
    qCInfo(lcServer) << "serving" << m_config.dataDir << "on tcp port" << tcpPort() << "websocket port"
                     << webSocketPort() << (tls ? "(TLS)" : "(plain text: --insecure)");
    if (tls) {
        m_tlsFingerprint = tls->fingerprint();
        if (tls->generatedNow)
            qCInfo(lcServer).noquote() << "made a self-signed TLS certificate in" << tls->certificatePath
                                       << "(clients ask people to trust it: publish its fingerprint)";
        qCInfo(lcServer).noquote() << "TLS certificate SHA-256 fingerprint" << m_tlsFingerprint;
    } else if ((m_config.tcp && !m_config.tcp->host.isLoopback()) ||
               (m_config.webSocket && !m_config.webSocket->host.isLoopback())) {
        qCWarning(lcServer) << "serving plain text beyond this machine: passwords and messages can be read on the way";
    }
    return true;
}

void Server::stop()
{
    m_pruneTimer.stop();
    if (m_listener) {
        m_listener->stopListening();
        // Connections are children of the listener; closing them lets queued replies flush first.
        const auto connections = m_listener->findChildren<Connection *>();
        pb::KickNotice kick;
        kick.set_reason(pb::KICK_REASON_SERVER_SHUTDOWN);
        for (Connection *c : connections) {
            if (c->isAuthenticated())
                c->send(protocol::oneway::Kick::id, 0, kick);
        }
        // Give every client its last frames (bounded: a client that does not read must not hold up shutdown).
        QElapsedTimer flushing;
        flushing.start();
        for (Connection *c : connections)
            c->flushForShutdown(int(qMax<qint64>(0, 1000 - flushing.elapsed())));
        for (Connection *c : connections)
            c->close(QStringLiteral("server shutting down"));
        delete m_listener;
        m_listener = nullptr;
    }
    if (m_storage)
        m_storage->stop(); // finishes queued writes: nothing acknowledged is lost
    if (m_running)
        qCInfo(lcServer) << "stopped";
    m_running = false;
}

void Server::pruneTombstones()
{
    const qint64 before =
        QDateTime::currentMSecsSinceEpoch() - qint64(m_config.tombstoneRetentionDays) * 24 * 3600 * 1000;
    m_storage->write(
        this, [before](Store &s) { return s.pruneTombstones(before); },
        [](StoreResult<int> pruned) {
            if (pruned.ok() && pruned.value() > 0)
                qCInfo(lcServer) << "pruned" << pruned.value() << "tombstones past the retention window";
        });
}

void Server::onNewConnection(Connection *connection)
{
    qCDebug(lcServer) << "connection" << connection->id() << "from" << connection->peerAddress();
    connect(connection, &Connection::frameReceived, this,
            [this, connection](const protocol::Frame &frame) { m_dispatcher->dispatch(*connection, frame); });
    connect(connection, &Connection::closed, this, [this, connection] {
        m_presence->onConnectionClosed(connection);
        m_auth->onConnectionClosed(connection);
    });
}

void Server::onUnannouncedChange(pb::DataSet dataSet, Cursor previous, Cursor)
{
    if (dataSet != pb::DATA_SET_USERS)
        return;
    // An admin may have disabled people: their devices must go now, not at their next login.
    m_storage->read(
        this,
        [previous](Store &s) {
            std::vector<quint64> left;
            Cursor cursor = previous;
            for (;;) {
                const ChangePage<pb::User> page = s.usersSince(cursor, PageLimits{5000, 64 * 1024 * 1024});
                for (const pb::User &u : page.rows) {
                    if (u.status() == pb::USER_STATUS_LEFT)
                        left.push_back(u.id());
                }
                if (!page.hasMore || page.reset)
                    return left;
                cursor = page.cursor;
            }
        },
        [this](StoreResult<std::vector<quint64>> left) {
            if (!left.ok())
                return;
            for (quint64 userId : left.value())
                m_auth->kickUser(userId, pb::KICK_REASON_ACCOUNT_DISABLED, QStringLiteral("account disabled"));
        });
}

quint16 Server::tcpPort() const
{
    return m_listener ? m_listener->tcpPort() : 0;
}

quint16 Server::webSocketPort() const
{
    return m_listener ? m_listener->webSocketPort() : 0;
}

StorageThread &Server::storage()
{
    return *m_storage;
}

int Server::onlineUserCount() const
{
    return m_online ? m_online->userCount() : 0;
}

} // namespace confab::server
