// One connection to a Confab server over TCP, TLS, WebSocket or secure WebSocket. It frames requests, matches
// responses to them by sequence number (never reusing a number still awaiting its answer), times out requests,
// sends a request the server refused for its rate (ERROR_RATE_LIMITED, which runs nothing) again after the
// retry-after it named, sends heartbeats and hands pushes on. Reconnecting and logging in again belong to the Session
// above it.
#pragma once

#include "net/pushdispatch.h"
#include "net/rpcresult.h"
#include "net/serverendpoint.h"
#include "protocol/frame.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <functional>

class QSslSocket;
class QWebSocket;

namespace confab::client {

class ServerConnection : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Disconnected,
        Connecting,
        Connected
    };
    Q_ENUM(State)

    explicit ServerConnection(QObject *parent = nullptr);
    ~ServerConnection() override;

    void open(const ServerEndpoint &endpoint);
    void close();
    State state() const { return m_state; }
    const ServerEndpoint &endpoint() const { return m_endpoint; }
    // Whether the last open() reached the server's port at all (before any TLS handshake): a connection that did,
    // and dropped before anything was answered, usually spoke TLS to a plain server or plain text to a TLS one.
    bool reachedServer() const { return m_reachedServer; }

    // Certificates to trust besides the system's, such as a self-signed server certificate the user pinned.
    void setTrustedCertificates(const QList<QSslCertificate> &certificates) { m_trusted = certificates; }
    // Certificates the user chose to trust for this server exactly as they are (pinned on first use): a server
    // presenting one of them is accepted whatever the certificate's own chain or names say.
    void setPinnedCertificates(const QList<QSslCertificate> &certificates) { m_pinned = certificates; }
    // The same by SHA-256 digest, for a fingerprint an administrator published (confab-cli --pin).
    void setPinnedDigests(const QList<QByteArray> &sha256) { m_pinnedDigests = sha256; }
    // What the server presented on the current TLS connection (null over plain text).
    QSslCertificate peerCertificate() const;
    void setRequestTimeout(int ms) { m_requestTimeoutMs = ms; }
    void setHeartbeatInterval(int ms) { m_heartbeatIntervalMs = ms; }
    // Drop the connection when the server has been silent this long (it sends heartbeats of its own).
    void setServerSilenceTimeout(int ms) { m_silenceTimeoutMs = ms; }

    // Sends a request; `done` runs once, on this thread, with the response or the error, unless `context` is gone.
    template <class Rpc>
    void call(const typename Rpc::Request &request, QObject *context,
              std::function<void(RpcResult<typename Rpc::Response>)> done)
    {
        sendRequest(Rpc::request, Rpc::response, request, context,
                    [done = std::move(done)](const protocol::Frame *frame, const pb::ErrorResponse &error) {
                        RpcResult<typename Rpc::Response> result;
                        if (!frame) {
                            result.error = error.code();
                            result.message = QString::fromStdString(error.message());
                            result.retryAfterMs = error.retry_after_ms();
                        } else if (!protocol::parseBody(*frame, result.value)) {
                            result.error = pb::ERROR_MALFORMED_BODY;
                            result.message = QStringLiteral("the server's response did not parse");
                        }
                        done(std::move(result));
                    });
    }

    // The pushes by type, parsed once: subscribe with pushes().on<oneway::X>(context, handler).
    PushDispatch &pushes() { return m_pushes; }

    // A one-way message (typing notices).
    void send(protocol::CommandId command, const google::protobuf::Message &body);
    // Bytes exactly as given, for tests of the server's handling of bad input.
    void sendRaw(const QByteArray &bytes);

signals:
    void stateChanged(confab::client::ServerConnection::State state);
    void connected();
    // `reason` is for logs; the Session decides what the user sees.
    void disconnected(const QString &reason);
    // A server-initiated frame (seq 0) as it came, after pushes() has dispatched it: for tools that show every
    // push (confab-cli watch) and tests. Handle a push through pushes(), not here.
    void pushReceived(const confab::protocol::Frame &frame);
    // TLS verification failed (also for pinned certificates, which are then accepted anyway).
    void sslErrors(const QList<QSslError> &errors);
    // The server presented a certificate that is neither trusted nor pinned; the connection closes. The UI may ask
    // the person whether to pin it (see Session::certificateNeedsConsent).
    void untrustedCertificate(const QSslCertificate &certificate, const QList<QSslError> &errors);

private:
    using Completion = std::function<void(const protocol::Frame *, const pb::ErrorResponse &)>;
    struct Pending
    {
        protocol::CommandId command;
        QByteArray body;       // kept to send again when the server answers ERROR_RATE_LIMITED
        qint64 resendAtMs = 0; // waiting out a retry-after; 0 while sent
        protocol::CommandId expected;
        QPointer<QObject> context;
        bool hasContext = false;
        Completion done;
        qint64 deadlineMs = 0;
    };

    void sendRequest(protocol::CommandId command, protocol::CommandId expected, const google::protobuf::Message &body,
                     QObject *context, Completion done);
    quint16 nextSeq();
    QSslConfiguration tlsConfiguration() const;
    void setState(State state);
    void writeBytes(const QByteArray &bytes);
    void onBytes(QByteArrayView bytes);
    void onFrame(const protocol::Frame &frame);
    void onTransportClosed(const QString &reason);
    void onSslErrors(const QList<QSslError> &errors, const QSslCertificate &peer, const std::function<void()> &accept);
    void failAllPending(const QString &reason);
    void complete(Pending pending, const protocol::Frame *frame, const pb::ErrorResponse &error);
    void tick();
    void resendDue();

    ServerEndpoint m_endpoint;
    State m_state = State::Disconnected;
    bool m_reachedServer = false;
    QList<QSslCertificate> m_trusted;
    QList<QSslCertificate> m_pinned;
    QList<QByteArray> m_pinnedDigests;
    QSslSocket *m_socket = nullptr;
    QWebSocket *m_webSocket = nullptr;
    protocol::FrameDecoder m_decoder;
    PushDispatch m_pushes;
    QHash<quint16, Pending> m_pending;
    quint16 m_lastSeq = 0;
    int m_requestTimeoutMs = 30'000;
    int m_heartbeatIntervalMs = 30'000;
    int m_silenceTimeoutMs = 90'000;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_lastReceivedMs = 0;
    qint64 m_lastSentMs = 0;
};

} // namespace confab::client
