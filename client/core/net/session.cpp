#include "net/session.h"

#include <QLoggingCategory>
#include <QNetworkInformation>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcSession, "confab.client.session")

namespace confab::client {

using namespace protocol;

int Session::retryDelayMs(int attempt, double jitter, const Backoff &backoff)
{
    const double base = double(backoff.firstMs) * double(1LL << qBound(0, attempt, 20));
    const double capped = qMin(base, double(backoff.maxMs));
    // "Equal jitter": at least half the delay, so retries stay spread but never collapse to zero.
    return int(capped / 2 + capped / 2 * qBound(0.0, jitter, 1.0));
}

Session::Session(ServerConnection &connection, pb::ClientType clientType, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_clientType(clientType)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &Session::connectNow);
    connect(&m_connection, &ServerConnection::connected, this, &Session::onConnected);
    connect(&m_connection, &ServerConnection::disconnected, this, &Session::onDisconnected);
    m_connection.pushes().on<oneway::Kick>(this, [this](const pb::KickNotice &kick) { onKick(kick); });
    connect(&m_connection, &ServerConnection::untrustedCertificate, this, [this](const QSslCertificate &certificate) {
        if (m_state == State::SignedOut || m_state == State::Kicked)
            return;
        m_retry.stop(); // retrying cannot help until someone decides
        setState(State::UntrustedCertificate);
        emit certificateNeedsConsent(certificate);
    });
    // Retry at once when the network comes back rather than waiting out the backoff.
    if (QNetworkInformation::loadDefaultBackend() && QNetworkInformation::instance()) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (m_state == State::WaitingToRetry &&
                        reachability != QNetworkInformation::Reachability::Disconnected) {
                        qCInfo(lcSession) << "the network is back; reconnecting now";
                        m_retry.stop();
                        connectNow();
                    }
                });
    }
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void Session::signIn(const ServerEndpoint &server, const QString &user, const QString &password)
{
    m_server = server;
    m_user = user;
    m_password = password;
    m_token.clear();
    m_attempt = 0;
    m_everOnline = false;
    connectNow();
}

void Session::resume(const ServerEndpoint &server, const QString &user, const QString &token)
{
    m_server = server;
    m_user = user;
    m_password.clear();
    m_token = token;
    m_attempt = 0;
    m_everOnline = false;
    connectNow();
}

void Session::signOut()
{
    m_retry.stop();
    const bool wasOnline = m_state == State::Online;
    setState(State::SignedOut);
    m_password.clear();
    m_token.clear();
    if (wasOnline) {
        m_connection.call<rpc::Logout>(pb::LogoutRequest(), this, [this](auto) { m_connection.close(); });
    } else {
        m_connection.close();
    }
}

void Session::retryNow()
{
    if (m_state != State::UntrustedCertificate && m_state != State::WaitingToRetry)
        return;
    m_retry.stop();
    m_attempt = 0;
    setState(State::Connecting);
    connectNow();
}

void Session::connectNow()
{
    if (m_state == State::Kicked || m_state == State::NeedsPassword)
        return;
    setState(State::Connecting);
    m_connection.open(m_server);
}

void Session::onConnected()
{
    if (m_state != State::Connecting)
        return;
    pb::LoginRequest request;
    request.set_login_name(m_user.toStdString());
    if (!m_token.isEmpty())
        request.set_resume_token(m_token.toStdString());
    else
        request.set_password(m_password.toStdString());
    request.set_client_type(m_clientType);
    request.set_device_name(m_deviceName.toStdString());
    request.set_initial_presence(m_initialPresence);
    const bool resumed = m_everOnline;
    m_connection.call<rpc::Login>(request, this, [this, resumed](RpcResult<pb::LoginResponse> result) {
        if (!result.ok()) {
            m_password.clear();
            if (result.error == pb::ERROR_UNAVAILABLE)
                return; // the connection dropped during sign-in: onDisconnected retries
            qCWarning(lcSession) << "sign-in refused:" << result.message;
            m_retry.stop();
            setState(result.error == pb::ERROR_INVALID_TOKEN ? State::NeedsPassword : State::SignedOut);
            m_connection.close();
            emit signInFailed(result.error);
            return;
        }
        m_password.clear(); // from now on the token signs in
        m_attempt = 0;
        if (result.value.resume_token() != m_token.toStdString()) {
            m_token = QString::fromStdString(result.value.resume_token());
            emit tokenChanged(m_token);
        }
        if (resumed)
            ++m_reconnects;
        m_everOnline = true;
        setState(State::Online);
        emit online(result.value, resumed);
    });
}

void Session::onDisconnected()
{
    if (m_state == State::SignedOut || m_state == State::Kicked || m_state == State::NeedsPassword ||
        m_state == State::UntrustedCertificate)
        return;
    if (!m_everOnline && !m_password.isEmpty()) {
        // The very first sign-in could not even connect: the person is looking at the screen, so say so and let
        // them decide, rather than retrying quietly behind the sign-in window.
        setState(State::SignedOut);
        m_password.clear();
        emit signInFailed(pb::ERROR_UNAVAILABLE);
        return;
    }
    scheduleRetry();
}

void Session::scheduleRetry()
{
    const int delay = retryDelayMs(m_attempt++, QRandomGenerator::global()->generateDouble(), m_backoff);
    qCInfo(lcSession) << "connection lost; retry" << m_attempt << "in" << delay << "ms";
    setState(State::WaitingToRetry);
    m_retry.start(delay);
}

void Session::onKick(const pb::KickNotice &kick)
{
    if (kick.reason() == pb::KICK_REASON_SERVER_SHUTDOWN)
        return; // a restart is not the person being kicked: the disconnect that follows schedules the retry
    m_retry.stop();
    m_token.clear();
    setState(State::Kicked); // final: no reconnecting after this
    emit kicked(kick.reason(), QString::fromStdString(kick.detail()));
}

} // namespace confab::client
