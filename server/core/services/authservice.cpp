#include "services/authservice.h"

#include "net/admission.h"
#include "services/onlineregistry.h"
#include "services/passwordhasher.h"
#include "store/storagethread.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QThreadPool>

Q_LOGGING_CATEGORY(lcAuth, "confab.server.auth")

namespace confab::server {

using namespace protocol;

namespace {

QByteArray tokenHash(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

QByteArray newToken()
{
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 8);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString describe(pb::ErrorCode code)
{
    switch (code) {
    case pb::ERROR_WRONG_PASSWORD:
        return QStringLiteral("wrong login name or password");
    case pb::ERROR_USER_DISABLED:
        return QStringLiteral("this account is disabled");
    case pb::ERROR_INVALID_TOKEN:
        return QStringLiteral("the resume token is unknown or expired; log in with the password");
    case pb::ERROR_INTERNAL:
        return QStringLiteral("storage error; try again");
    default:
        return QStringLiteral("login failed");
    }
}

pb::DeviceInfo deviceInfo(const Connection &c)
{
    pb::DeviceInfo info;
    info.set_client_type(c.clientType());
    info.set_device_name(c.deviceName().toStdString());
    info.set_since_ms(c.loggedInAtMs());
    return info;
}

} // namespace

AuthService::AuthService(ServerContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_log(lcAuth())
{
    context.dispatcher.handle<rpc::Login>(
        [this](Connection &c, pb::LoginRequest &&r, Reply<rpc::Login> reply) { login(c, std::move(r), reply); },
        /*beforeLogin=*/true);
    context.dispatcher.handle<rpc::Logout>(
        [this](Connection &c, pb::LogoutRequest &&r, Reply<rpc::Logout> reply) { logout(c, std::move(r), reply); });
    context.dispatcher.handle<rpc::SignOutDevice>(
        [this](Connection &c, pb::SignOutDeviceRequest &&r, Reply<rpc::SignOutDevice> reply) {
            signOutDevice(c, std::move(r), reply);
        });
    // Builds the dummy hash now, so that the first unknown-user login costs what every other one does.
    QThreadPool::globalInstance()->start([] { PasswordHasher::burnEquivalentTime(); });
}

void AuthService::login(Connection &connection, pb::LoginRequest &&request, Reply<rpc::Login> reply)
{
    if (connection.isAuthenticated() || connection.isLoginPending()) {
        reply.fail(pb::ERROR_ALREADY_LOGGED_IN, QStringLiteral("this connection is already logged in"));
        return;
    }
    const QString loginName = QString::fromStdString(request.login_name()).trimmed();
    if (request.client_type() == pb::CLIENT_TYPE_UNSPECIFIED) {
        reply.fail(pb::ERROR_UNSUPPORTED_CLIENT, QStringLiteral("client_type must be set"));
        return;
    }
    if (request.credential_case() == pb::LoginRequest::CREDENTIAL_NOT_SET ||
        (loginName.isEmpty() && request.has_password())) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT,
                   QStringLiteral("a login name and a password or resume token are needed"));
        return;
    }
    // The dispatcher has checked every field against the schema (lengths, a presence the schema names). OFFLINE,
    // the default, keeps what the person chose last; any other value is a new choice made at sign-in.
    const QString address = Admission::addressKey(connection.peerHostAddress());
    const bool hashes = !request.has_resume_token();
    // Counted now, before any hash: attempts in flight use up the free tries as failures do.
    if (const qint64 wait = hashes ? m_throttle.begin(loginName, address, m_context.now()) : 0; wait > 0) {
        m_log.warn(QStringLiteral("throttled logins"), [&] {
            return QStringLiteral("login for '%1' from %2 throttled for %3 ms")
                .arg(LogBudget::excerpt(loginName), address)
                .arg(wait);
        });
        reply.fail(pb::ERROR_TOO_MANY_ATTEMPTS, QStringLiteral("too many failed attempts; try again later"),
                   quint64(wait));
        return;
    }

    connection.setLoginPending(true);
    if (request.has_resume_token()) {
        const QByteArray token = QByteArray::fromStdString(request.resume_token());
        const qint64 now = m_context.now();
        m_context.store.read(
            this,
            [hash = tokenHash(token)](Store &s) -> std::pair<std::optional<TokenRecord>, std::optional<pb::User>> {
                auto record = s.token(hash);
                return {record, record ? s.user(record->userId) : std::nullopt};
            },
            [this, request = std::move(request), token, now, loginName, address,
             reply](StoreResult<std::pair<std::optional<TokenRecord>, std::optional<pb::User>>> result) {
                if (!result.ok()) {
                    fail(loginName, address, false, pb::ERROR_INTERNAL, reply);
                    return;
                }
                const auto &[record, user] = result.value();
                if (!record || record->expiresMs < now || !user) {
                    fail(loginName, address, false, pb::ERROR_INVALID_TOKEN, reply);
                } else if (user->status() == pb::USER_STATUS_LEFT) {
                    fail(loginName, address, false, pb::ERROR_USER_DISABLED, reply);
                } else {
                    completeLogin(user->id(), request, token, reply);
                }
            });
        return;
    }

    m_context.store.read(
        this, [loginName](Store &s) { return s.credentials(loginName); },
        [this, request = std::move(request), loginName, address,
         reply](StoreResult<std::optional<Credentials>> result) mutable {
            if (!result.ok()) {
                fail(loginName, address, true, pb::ERROR_INTERNAL, reply);
                return;
            }
            // The slow hash runs on the thread pool; every outcome costs one hash, so timing tells nothing.
            const std::optional<Credentials> credentials = result.value();
            const QString password = QString::fromStdString(request.password());
            QPointer<AuthService> self(this);
            QThreadPool::globalInstance()->start(
                [self, credentials, password, loginName, address, request = std::move(request), reply]() mutable {
                    pb::ErrorCode outcome = pb::ERROR_NONE;
                    if (!credentials) {
                        PasswordHasher::burnEquivalentTime();
                        outcome = pb::ERROR_UNKNOWN_USER;
                    } else {
                        const bool matches = PasswordHasher::verify(password, credentials->passwordHash);
                        if (!matches)
                            outcome = pb::ERROR_WRONG_PASSWORD;
                        else if (credentials->status == pb::USER_STATUS_LEFT)
                            outcome = pb::ERROR_USER_DISABLED;
                    }
                    const quint64 userId = credentials ? credentials->userId : 0;
                    QMetaObject::invokeMethod(self, [self, loginName, address, request = std::move(request), outcome,
                                                     userId, reply]() mutable {
                        if (self)
                            self->passwordChecked(loginName, address, std::move(request), outcome, userId, reply);
                    });
                });
        });
}

void AuthService::passwordChecked(const QString &loginName, const QString &address, pb::LoginRequest request,
                                  pb::ErrorCode outcome, quint64 userId, Reply<rpc::Login> reply)
{
    if (outcome != pb::ERROR_NONE) {
        fail(loginName, address, true, outcome, reply);
        return;
    }
    m_throttle.finish(loginName, address, LoginThrottle::Outcome::Succeeded, m_context.now());
    completeLogin(userId, request, QByteArray(), reply);
}

void AuthService::fail(const QString &loginName, const QString &address, bool hashed, pb::ErrorCode code,
                       const Reply<rpc::Login> &reply)
{
    if (Connection *c = reply.connection())
        c->setLoginPending(false);
    // The admin's log tells an unknown name from a wrong password; the answer does not, so that nobody can
    // learn from it which names exist.
    m_log.warn(QStringLiteral("failed logins"), [&] {
        return QStringLiteral("login failed for '%1' from %2: %3")
            .arg(LogBudget::excerpt(loginName), address, QString::fromStdString(pb::ErrorCode_Name(code)));
    });
    if (hashed)
        m_throttle.finish(loginName, address,
                          code == pb::ERROR_INTERNAL ? LoginThrottle::Outcome::Inconclusive
                                                     : LoginThrottle::Outcome::Failed,
                          m_context.now());
    const pb::ErrorCode answered = code == pb::ERROR_UNKNOWN_USER ? pb::ERROR_WRONG_PASSWORD : code;
    reply.fail(answered, describe(answered));
}

void AuthService::completeLogin(quint64 userId, const pb::LoginRequest &request, const QByteArray &existingToken,
                                Reply<rpc::Login> reply)
{
    Connection *connection = reply.connection();
    if (!connection || !connection->isOpen())
        return;
    const QByteArray token = existingToken.isEmpty() ? newToken() : existingToken;
    const qint64 now = m_context.now();
    TokenRecord record{userId, request.client_type(), QString::fromStdString(request.device_name()),
                       now + m_context.settings.tokenLifetimeMs};
    // The presence is read (or, when chosen at sign-in, written) in the same job as the token, so that the device
    // is online with the person's choice from its first moment: an invisible person never flashes online.
    struct SignedIn
    {
        std::optional<pb::User> user;
        pb::Presence presence = pb::PRESENCE_ONLINE;
    };
    m_context.store.write(
        this,
        [hash = tokenHash(token), record, chosen = request.initial_presence()](Store &s) {
            s.storeToken(hash, record);
            if (chosen != pb::PRESENCE_OFFLINE)
                s.setChosenPresence(record.userId, chosen);
            return SignedIn{s.user(record.userId), s.chosenPresence(record.userId)};
        },
        [this, userId, token, record, request, reply](StoreResult<SignedIn> result) {
            Connection *c = reply.connection();
            if (!c || !c->isOpen())
                return;
            c->setLoginPending(false);
            if (!result.ok() || !result.value().user) {
                reply.fail(pb::ERROR_INTERNAL, QStringLiteral("storage error"));
                return;
            }
            c->setAuthenticated(userId, request.client_type(), record.deviceName, m_context.now());
            c->setTokenHash(tokenHash(token));

            // A newer login of the same category replaces the older one; other categories coexist. The new device
            // joins before the old one goes, so the user never looks offline in between.
            const QList<Connection *> others = m_context.online.connectionsOf(userId);
            m_context.online.add(c);
            pb::LoginResponse response;
            pb::DeviceNotice notice;
            *notice.mutable_device() = deviceInfo(*c);
            notice.set_online(true);
            for (Connection *other : others) {
                if (categoryOf(other->clientType()) == categoryOf(c->clientType())) {
                    pb::KickNotice kick;
                    kick.set_reason(pb::KICK_REASON_DUPLICATE_LOGIN);
                    kick.set_detail(record.deviceName.toStdString());
                    other->send(oneway::Kick::id, 0, kick);
                    other->close(QStringLiteral("replaced by a newer login"));
                    qCInfo(lcAuth) << "user" << userId << "connection" << other->id() << "kicked by connection"
                                   << c->id();
                } else {
                    *response.add_other_devices() = deviceInfo(*other);
                    other->send(oneway::DeviceNotify::id, 0, notice);
                }
            }

            const pb::Presence presence = result.value().presence;
            *response.mutable_user() = *result.value().user;
            response.set_resume_token(token.toStdString());
            response.set_token_expires_ms(record.expiresMs);
            response.set_server_time_ms(m_context.now());
            response.set_heartbeat_interval_ms(quint32(m_context.settings.heartbeatIntervalMs));
            response.set_idle_timeout_ms(quint32(m_context.settings.idleTimeoutMs));
            response.set_presence(presence);
            // Presence first: from here on others may ask, and the answer must already be the person's choice.
            emit userOnline(userId, presence);
            reply(response);
            qCInfo(lcAuth) << "user" << userId << "logged in on connection" << c->id() << "from" << c->peerAddress();
        });
}

void AuthService::logout(Connection &connection, pb::LogoutRequest &&, Reply<rpc::Logout> reply)
{
    const QByteArray hash = connection.tokenHash();
    m_context.store.write(
        this,
        [hash](Store &s) {
            s.revokeToken(hash);
            return true;
        },
        [reply](StoreResult<bool>) {
            reply(pb::LogoutResponse());
            if (Connection *c = reply.connection())
                c->close(QStringLiteral("logged out"));
        });
}

void AuthService::signOutDevice(Connection &connection, pb::SignOutDeviceRequest &&request,
                                Reply<rpc::SignOutDevice> reply)
{
    if (request.client_type() == pb::CLIENT_TYPE_UNSPECIFIED || !pb::ClientType_IsValid(request.client_type())) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT, QStringLiteral("client_type names no kind of device"));
        return;
    }
    const DeviceCategory category = categoryOf(request.client_type());
    if (category == categoryOf(connection.clientType())) {
        reply.fail(pb::ERROR_INVALID_ARGUMENT, QStringLiteral("this is the asking device's own kind: log out"));
        return;
    }
    std::vector<pb::ClientType> types;
    const google::protobuf::EnumDescriptor *all = pb::ClientType_descriptor();
    for (int i = 0; i < all->value_count(); ++i) {
        const auto type = pb::ClientType(all->value(i)->number());
        if (type != pb::CLIENT_TYPE_UNSPECIFIED && categoryOf(type) == category)
            types.push_back(type);
    }
    const quint64 userId = connection.userId();
    // The tokens go first: a kicked device that reconnects at once must already find its token revoked.
    m_context.store.write(
        this,
        [userId, types](Store &s) {
            s.revokeTokensOf(userId, types);
            return true;
        },
        [this, userId, category, reply](StoreResult<bool> revoked) {
            if (!revoked.ok()) {
                reply.fail(pb::ERROR_INTERNAL, QStringLiteral("storage error"));
                return;
            }
            Connection *asking = reply.connection();
            pb::SignOutDeviceResponse response;
            for (Connection *c : m_context.online.connectionsOf(userId)) {
                if (c == asking || categoryOf(c->clientType()) != category)
                    continue;
                pb::KickNotice kick;
                kick.set_reason(pb::KICK_REASON_SIGNED_OUT_ELSEWHERE);
                kick.set_detail(asking ? asking->deviceName().toStdString() : std::string());
                c->send(oneway::Kick::id, 0, kick);
                c->close(QStringLiteral("signed out from another device"));
                response.set_connections_closed(response.connections_closed() + 1);
            }
            qCInfo(lcAuth) << "user" << userId << "signed out" << response.connections_closed()
                           << "connections of another device";
            reply(response);
        });
}

void AuthService::kickUser(quint64 userId, pb::KickReason reason, const QString &detail)
{
    for (Connection *c : m_context.online.connectionsOf(userId)) {
        if (!c->isOpen())
            continue; // kicked already (a disabled account is seen both in the users and in the session ends)
        pb::KickNotice kick;
        kick.set_reason(reason);
        kick.set_detail(detail.toStdString());
        c->send(oneway::Kick::id, 0, kick);
        c->close(QStringLiteral("kicked"));
    }
}

void AuthService::onConnectionClosed(Connection *connection)
{
    if (!connection->isAuthenticated())
        return;
    const quint64 userId = connection->userId();
    m_context.online.remove(connection);
    pb::DeviceNotice notice;
    *notice.mutable_device() = deviceInfo(*connection);
    notice.set_online(false);
    m_context.online.sendToUser(userId, oneway::DeviceNotify::id, notice);
    emit userDeviceGone(userId, !m_context.online.isOnline(userId));
}

} // namespace confab::server
