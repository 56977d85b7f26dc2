#include "net/serverconnection.h"

#include "protocol/errors.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcConnection, "confab.client.connection")

namespace confab::client {

using namespace protocol;

ServerConnection::ServerConnection(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    m_ticker.setInterval(250);
    connect(&m_ticker, &QTimer::timeout, this, &ServerConnection::tick);
}

ServerConnection::~ServerConnection()
{
    // Callers are told, but not through signals: the objects behind them may be going away too.
    failAllPending(QStringLiteral("connection destroyed"));
}

void ServerConnection::open(const ServerEndpoint &endpoint)
{
    close();
    m_endpoint = endpoint;
    m_decoder = FrameDecoder();
    m_reachedServer = false;
    setState(State::Connecting);
    if (endpoint.transport == ServerEndpoint::Transport::WebSocket) {
        m_webSocket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        if (endpoint.tls)
            m_webSocket->setSslConfiguration(tlsConfiguration());
        connect(m_webSocket, &QWebSocket::connected, this, [this] {
            m_reachedServer = true;
            setState(State::Connected);
        });
        connect(m_webSocket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &message) {
            SingleFrameResult result = decodeSingleFrame(message);
            if (!result.frame) {
                qCWarning(lcConnection) << "bad frame from the server:" << result.errorString;
                onTransportClosed(result.errorString);
                return;
            }
            onFrame(*result.frame);
        });
        connect(m_webSocket, &QWebSocket::disconnected, this,
                [this] { onTransportClosed(m_webSocket ? m_webSocket->closeReason() : QString()); });
        connect(m_webSocket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            onSslErrors(errors, m_webSocket->sslConfiguration().peerCertificate(),
                        [this] { m_webSocket->ignoreSslErrors(); });
        });
        m_webSocket->open(endpoint.webSocketUrl());
    } else {
        m_socket = new QSslSocket(this);
        // Requests are small and latency matters more than packet count; the option only sticks once connected.
        connect(m_socket, &QSslSocket::connected, this, [this] {
            m_reachedServer = true;
            m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        });
        connect(m_socket, &QSslSocket::readyRead, this, [this] {
            while (m_socket && m_socket->bytesAvailable() > 0)
                onBytes(m_socket->read(64 * 1024));
        });
        connect(m_socket, &QSslSocket::disconnected, this, [this] { onTransportClosed(QStringLiteral("closed")); });
        connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_socket && m_state != State::Connected)
                onTransportClosed(m_socket->errorString());
        });
        connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            onSslErrors(errors, m_socket->peerCertificate(), [this] { m_socket->ignoreSslErrors(); });
        });
        if (endpoint.tls) {
            m_socket->setSslConfiguration(tlsConfiguration());
            connect(m_socket, &QSslSocket::encrypted, this, [this] { setState(State::Connected); });
            m_socket->connectToHostEncrypted(endpoint.host, endpoint.port);
        } else {
            connect(m_socket, &QSslSocket::connected, this, [this] { setState(State::Connected); });
            m_socket->connectToHost(endpoint.host, endpoint.port);
        }
    }
    m_ticker.start();
}

void ServerConnection::onSslErrors(const QList<QSslError> &errors, const QSslCertificate &peer,
                                   const std::function<void()> &accept)
{
    emit sslErrors(errors);
    if (!peer.isNull() &&
        (m_pinned.contains(peer) || m_pinnedDigests.contains(peer.digest(QCryptographicHash::Sha256)))) {
        accept(); // the very certificate the person chose to trust
        return;
    }
    qCWarning(lcConnection) << "untrusted certificate from" << m_endpoint.toString() << ":" << errors;
    emit untrustedCertificate(peer, errors);
}

QSslCertificate ServerConnection::peerCertificate() const
{
    if (m_socket)
        return m_socket->peerCertificate();
    if (m_webSocket)
        return m_webSocket->sslConfiguration().peerCertificate();
    return QSslCertificate();
}

QSslConfiguration ServerConnection::tlsConfiguration() const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_trusted.isEmpty())
        tls.addCaCertificates(m_trusted);
    return tls;
}

void ServerConnection::close()
{
    if (m_state == State::Disconnected && !m_socket && !m_webSocket)
        return;
    onTransportClosed(QStringLiteral("closed by the client"));
}

void ServerConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state == State::Connected) {
        m_lastReceivedMs = m_lastSentMs = m_clock.elapsed();
    }
    emit stateChanged(state);
    if (state == State::Connected)
        emit connected();
}

quint16 ServerConnection::nextSeq()
{
    // 0 marks pushes; skip numbers whose requests are still in flight.
    do {
        ++m_lastSeq;
    } while (m_lastSeq == 0 || m_pending.contains(m_lastSeq));
    return m_lastSeq;
}

void ServerConnection::sendRequest(CommandId command, CommandId expected, const google::protobuf::Message &body,
                                   QObject *context, Completion done)
{
    if (m_state != State::Connected) {
        pb::ErrorResponse error = makeError(pb::ERROR_UNAVAILABLE, QStringLiteral("not connected"), command);
        QMetaObject::invokeMethod(
            this, [done = std::move(done), error] { done(nullptr, error); }, Qt::QueuedConnection);
        return;
    }
    const quint16 seq = nextSeq();
    QByteArray bytes = QByteArray::fromStdString(body.SerializeAsString());
    writeBytes(encodeFrame(command, seq, bytes));
    m_pending.insert(seq, Pending{command, std::move(bytes), 0, expected, context, context != nullptr, std::move(done),
                                  m_clock.elapsed() + m_requestTimeoutMs});
}

void ServerConnection::send(CommandId command, const google::protobuf::Message &body)
{
    if (m_state == State::Connected)
        writeBytes(encodeFrame(command, 0, body));
}

void ServerConnection::sendRaw(const QByteArray &bytes)
{
    writeBytes(bytes);
}

void ServerConnection::writeBytes(const QByteArray &bytes)
{
    m_lastSentMs = m_clock.elapsed();
    if (m_socket)
        m_socket->write(bytes);
    else if (m_webSocket)
        m_webSocket->sendBinaryMessage(bytes);
}

void ServerConnection::onBytes(QByteArrayView bytes)
{
    m_decoder.append(bytes);
    while (auto frame = m_decoder.next())
        onFrame(*frame);
    if (m_decoder.hasFailed()) {
        qCWarning(lcConnection) << "bad frame from the server:" << m_decoder.errorString();
        onTransportClosed(m_decoder.errorString());
    }
}

void ServerConnection::onFrame(const Frame &frame)
{
    m_lastReceivedMs = m_clock.elapsed();
    if (frame.seq == 0) {
        if (frame.command != oneway::Heartbeat::id) {
            m_pushes.dispatch(frame);
            emit pushReceived(frame);
        }
        return;
    }
    auto it = m_pending.find(frame.seq);
    if (it == m_pending.end()) {
        if (frame.command != oneway::Heartbeat::id)
            qCDebug(lcConnection) << "response to no pending request, seq" << frame.seq;
        return;
    }
    if (frame.command == oneway::Error::id) {
        pb::ErrorResponse error;
        if (!parseBody(frame, error))
            error = makeError(pb::ERROR_MALFORMED_BODY, QStringLiteral("unreadable error from the server"));
        // The server ran nothing: the same request, under the same number, once the wait it named is over
        // (tick() sends it), if that is still before the request's deadline.
        const qint64 resendAt = m_clock.elapsed() + qint64(std::max<quint64>(error.retry_after_ms(), 50));
        if (error.code() == pb::ERROR_RATE_LIMITED && resendAt < it->deadlineMs) {
            it->resendAtMs = resendAt;
            QTimer::singleShot(int(resendAt - m_clock.elapsed()), this, &ServerConnection::resendDue);
            return;
        }
        Pending pending = std::move(*it);
        m_pending.erase(it);
        complete(std::move(pending), nullptr, error);
        return;
    }
    Pending pending = std::move(*it);
    m_pending.erase(it);
    if (frame.command != pending.expected) {
        complete(std::move(pending), nullptr,
                 makeError(pb::ERROR_MALFORMED_BODY, QStringLiteral("the server answered with another command")));
    } else {
        complete(std::move(pending), &frame, pb::ErrorResponse());
    }
}

void ServerConnection::complete(Pending pending, const Frame *frame, const pb::ErrorResponse &error)
{
    if (pending.hasContext && !pending.context)
        return;
    pending.done(frame, error);
}

void ServerConnection::onTransportClosed(const QString &reason)
{
    const bool wasOpen = m_state != State::Disconnected;
    m_ticker.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (m_webSocket) {
        m_webSocket->disconnect(this);
        m_webSocket->abort();
        m_webSocket->deleteLater();
        m_webSocket = nullptr;
    }
    setState(State::Disconnected);
    failAllPending(reason.isEmpty() ? QStringLiteral("connection lost") : reason);
    if (wasOpen)
        emit disconnected(reason);
}

void ServerConnection::failAllPending(const QString &reason)
{
    const auto pending = std::exchange(m_pending, {});
    for (const Pending &p : pending)
        complete(p, nullptr, makeError(pb::ERROR_UNAVAILABLE, reason));
}

void ServerConnection::resendDue()
{
    if (m_state != State::Connected)
        return; // a reconnect fails what was pending
    const qint64 now = m_clock.elapsed();
    for (auto it = m_pending.begin(); it != m_pending.end(); ++it) {
        if (it->resendAtMs != 0 && it->resendAtMs <= now) {
            it->resendAtMs = 0;
            writeBytes(encodeFrame(it->command, it.key(), it->body));
        }
    }
}

void ServerConnection::tick()
{
    const qint64 now = m_clock.elapsed();
    QList<quint16> expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->deadlineMs <= now)
            expired.append(it.key());
    }
    for (quint16 seq : expired) {
        Pending p = m_pending.take(seq);
        complete(std::move(p), nullptr, makeError(pb::ERROR_UNAVAILABLE, QStringLiteral("the server did not answer")));
    }
    if (m_state != State::Connected)
        return;
    resendDue();
    if (now - m_lastReceivedMs > m_silenceTimeoutMs) {
        qCWarning(lcConnection) << "the server has been silent for" << now - m_lastReceivedMs << "ms";
        onTransportClosed(QStringLiteral("the server stopped answering"));
        return;
    }
    if (now - m_lastSentMs >= m_heartbeatIntervalMs)
        writeBytes(encodeFrame(oneway::Heartbeat::id, 0, pb::Heartbeat()));
}

} // namespace confab::client
