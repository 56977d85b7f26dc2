#include "net/connection.h"

#include "net/logbudget.h"
#include "protocol/errors.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcNet, "confab.server.net")

namespace confab::server {

namespace {
constexpr qint64 kClosingGraceMs = 2000;
} // namespace

using namespace protocol;

quint64 Connection::nextId()
{
    static std::atomic<quint64> counter{0};
    return ++counter;
}

Connection::Connection(QTcpSocket *socket, const ConnectionLimits &limits, LogBudget &log, QObject *parent)
    : QObject(parent)
    , m_id(nextId())
    , m_limits(limits)
    , m_log(log)
    , m_tcp(socket)
    , m_decoder(limits.preLoginMaxFrameSize)
{
    socket->setParent(this);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QTcpSocket::readyRead, this, [this] {
        // What has arrived, not a fixed 64 KiB allocation per read.
        while (m_tcp && m_tcp->bytesAvailable() > 0 && !m_closing)
            onBytes(m_tcp->read(std::min<qint64>(m_tcp->bytesAvailable(), 64 * 1024)));
    });
    connect(socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
    setUp();
}

Connection::Connection(QWebSocket *socket, const ConnectionLimits &limits, LogBudget &log, QObject *parent)
    : QObject(parent)
    , m_id(nextId())
    , m_limits(limits)
    , m_log(log)
    , m_webSocket(socket)
    , m_decoder(limits.preLoginMaxFrameSize)
{
    socket->setParent(this);
    socket->setMaxAllowedIncomingMessageSize(limits.preLoginMaxFrameSize);
    connect(socket, &QWebSocket::binaryMessageReceived, this, &Connection::onWebSocketMessage);
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &) {
        sendError(0, {}, pb::ERROR_MALFORMED_FRAME, QStringLiteral("Confab speaks binary WebSocket messages only"));
        close(QStringLiteral("text WebSocket message"));
    });
    connect(socket, &QWebSocket::disconnected, this, &Connection::onDisconnected);
    setUp();
}

Connection::~Connection() = default;

void Connection::setUp()
{
    m_sinceConnect.start();
    m_sinceLastFrame.start();
    m_sinceLastSend.start();
}

int Connection::tickIntervalMs(const ConnectionLimits &limits)
{
    return qMax(50, qMin(limits.heartbeatIntervalMs, limits.loginTimeoutMs) / 4);
}

QHostAddress Connection::peerHostAddress() const
{
    if (m_tcp)
        return m_tcp->peerAddress();
    if (m_webSocket)
        return m_webSocket->peerAddress();
    return {};
}

void Connection::setAuthenticated(quint64 userId, pb::ClientType type, const QString &deviceName, qint64 nowMs)
{
    m_userId = userId;
    m_clientType = type;
    m_deviceName = deviceName;
    m_loggedInAtMs = nowMs;
    m_decoder.setMaxFrameSize(m_limits.maxFrameSize);
    if (m_webSocket)
        m_webSocket->setMaxAllowedIncomingMessageSize(m_limits.maxFrameSize);
    emit authenticated();
}

void Connection::refusedBeforeLogin()
{
    if (++m_refusedBeforeLogin > m_limits.preLoginRefusals)
        close(QStringLiteral("too many requests before login"));
}

void Connection::onBytes(QByteArrayView bytes)
{
    m_decoder.append(bytes);
    while (!m_closing) {
        std::optional<Frame> frame = m_decoder.next();
        if (!frame)
            break;
        deliver(*frame);
    }
    if (m_decoder.hasFailed() && !m_closing) {
        m_log.warn(QStringLiteral("bad frames"), [this] {
            return QStringLiteral("connection %1 from %2 sent a bad frame: %3")
                .arg(m_id)
                .arg(peerAddress(), m_decoder.errorString());
        });
        sendError(0, {}, m_decoder.error(), m_decoder.errorString());
        close(QStringLiteral("bad frame"));
    }
}

void Connection::onWebSocketMessage(const QByteArray &message)
{
    if (m_closing)
        return;
    SingleFrameResult result = decodeSingleFrame(message, m_decoder.maxFrameSize());
    if (!result.frame) {
        m_log.warn(QStringLiteral("bad WebSocket messages"), [&] {
            return QStringLiteral("connection %1 from %2 sent a bad WebSocket message: %3")
                .arg(m_id)
                .arg(peerAddress(), result.errorString);
        });
        sendError(0, {}, result.error, result.errorString);
        close(QStringLiteral("bad frame"));
        return;
    }
    deliver(*result.frame);
}

void Connection::deliver(const Frame &frame)
{
    m_sinceLastFrame.restart();
    emit frameReceived(frame);
}

void Connection::send(CommandId command, quint16 seq, const google::protobuf::Message &body)
{
    if (m_closing)
        return;
    if (encodedFrameSize(body) > qsizetype(m_limits.maxFrameSize)) {
        // A response this large is a server bug (pages are capped well below); tell the client rather than
        // sending a frame it must reject.
        qCCritical(lcNet) << "refusing to send an oversize" << command.service << command.command << "frame";
        sendError(seq, command, pb::ERROR_INTERNAL, QStringLiteral("response too large"));
        return;
    }
    writeFrame(encodeFrame(command, seq, body));
}

void Connection::sendEncoded(const QByteArray &frame)
{
    if (!m_closing)
        writeFrame(frame);
}

void Connection::sendError(quint16 seq, CommandId refused, pb::ErrorCode code, const QString &message,
                           quint64 retryAfterMs)
{
    if (m_closing)
        return;
    pb::ErrorResponse error = makeError(code, message, refused);
    error.set_retry_after_ms(retryAfterMs);
    writeFrame(encodeFrame(oneway::Error::id, seq, error));
}

void Connection::writeFrame(const QByteArray &frame)
{
    m_sinceLastSend.restart();
    if (m_tcp) {
        m_tcp->write(frame);
        if (m_tcp->bytesToWrite() > m_limits.maxPendingWriteBytes) {
            m_log.warn(QStringLiteral("connections not reading"), [this] {
                return QStringLiteral("connection %1 from %2 is not reading; dropping it").arg(m_id).arg(peerAddress());
            });
            m_tcp->abort();
        }
    } else if (m_webSocket) {
        m_webSocket->sendBinaryMessage(frame);
    }
}

void Connection::close(const QString &why)
{
    if (m_closing)
        return;
    qCDebug(lcNet) << "closing connection" << m_id << "because:" << why;
    m_closing = true;
    m_sinceClosing.start();
    if (auto *tls = qobject_cast<QSslSocket *>(m_tcp.data());
        tls && tls->mode() != QSslSocket::UnencryptedMode && !tls->isEncrypted()) {
        // Mid-handshake QSslSocket would drop what is queued (a refusal); it goes once encrypted, or the grace
        // period in tick() ends the wait.
        connect(tls, &QSslSocket::encrypted, this, [tls] { tls->disconnectFromHost(); });
        return;
    }
    if (m_tcp) {
        m_tcp->disconnectFromHost(); // writes what is queued first
        if (m_tcp && m_tcp->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    } else if (m_webSocket) {
        m_webSocket->flush();
        m_webSocket->close(QWebSocketProtocol::CloseCodeNormal, why);
        if (m_webSocket && m_webSocket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    }
}

void Connection::flushForShutdown(int msecs)
{
    if (m_tcp && m_tcp->bytesToWrite() > 0)
        m_tcp->waitForBytesWritten(msecs);
    else if (m_webSocket)
        m_webSocket->flush();
}

void Connection::tick()
{
    if (m_closing) {
        // A peer that neither reads its last frames nor finishes a TLS handshake does not keep the socket.
        if (m_sinceClosing.isValid() && m_sinceClosing.elapsed() > kClosingGraceMs) {
            if (m_tcp)
                m_tcp->abort();
            else if (m_webSocket)
                m_webSocket->abort();
        }
        return;
    }
    if (!isAuthenticated()) {
        // A login being checked finishes either way; its refusal leaves the deadline passed.
        if (!m_loginPending && m_connectedBeforeMs + m_sinceConnect.elapsed() > m_limits.loginTimeoutMs) {
            sendError(0, {}, pb::ERROR_NOT_LOGGED_IN,
                      QStringLiteral("no login within %1 s of connecting").arg(m_limits.loginTimeoutMs / 1000));
            close(QStringLiteral("no login in time"));
        }
        return;
    }
    if (m_sinceLastFrame.elapsed() > m_limits.idleTimeoutMs) {
        qCDebug(lcNet) << "connection" << m_id << "silent for" << m_sinceLastFrame.elapsed() << "ms; dropping it";
        close(QStringLiteral("idle"));
        return;
    }
    if (m_sinceLastSend.elapsed() >= m_limits.heartbeatIntervalMs)
        send(oneway::Heartbeat::id, 0, pb::Heartbeat());
}

void Connection::onDisconnected()
{
    m_closing = true;
    if (m_closedEmitted)
        return;
    m_closedEmitted = true;
    emit closed();
    deleteLater();
}

} // namespace confab::server
