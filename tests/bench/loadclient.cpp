#include "loadclient.h"

#include <QHostAddress>
#include <QTextStream>

namespace confab::bench {

using namespace protocol;

LoadClient::LoadClient(QObject *parent)
    : QObject(parent)
{
    m_socket.setReadBufferSize(0);
    connect(&m_socket, &QTcpSocket::readyRead, this, &LoadClient::readFrames);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] { m_failed = true; });
}

void LoadClient::connectTo(quint16 port, int host)
{
    // Each simulated desktop is a host of its own, as in an office: every 127.x.y.z is this machine, and the
    // server's per-address caps see one address per person rather than a thousand logins from one.
    m_socket.bind(QHostAddress(quint32(0x7f000001u + quint32(host % 0xfffffe))));
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

void LoadClient::login(const QString &loginName)
{
    pb::LoginRequest request;
    request.set_login_name(loginName.toStdString());
    request.set_password("demo");
    request.set_client_type(pb::CLIENT_TYPE_LINUX);
    request.set_client_version("confab-bench");
    send(rpc::Login::request, 1, request);
}

void LoadClient::send(CommandId command, quint16 seq, const google::protobuf::Message &body)
{
    m_socket.write(encodeFrame(command, seq, body));
    // Out at once, as a client that cares about latency sends: otherwise the frame waits for the write
    // notification, behind whatever else the same pass of the event loop handles, after its send time was taken.
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        m_socket.flush();
}

void LoadClient::readFrames()
{
    m_decoder.append(m_socket.readAll());
    while (std::optional<Frame> frame = m_decoder.next()) {
        if (m_userId == 0 && frame->command == rpc::Login::response) {
            pb::LoginResponse response;
            if (parseBody(*frame, response) && response.user().id() != 0) {
                m_userId = response.user().id();
                emit loggedIn();
            } else {
                m_failed = true;
            }
            continue;
        }
        if (m_userId == 0 && frame->command == oneway::Error::id) {
            m_failed = true;
            continue;
        }
        if (onFrame)
            onFrame(*frame);
    }
    if (m_decoder.hasFailed())
        m_failed = true;
}

} // namespace confab::bench
