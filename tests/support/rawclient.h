// A bare client socket for tests that control every byte, and a frame header written by hand.
#pragma once

#include "protocol/frame.h"
#include "support/testserver.h"

#include <QTcpSocket>
#include <QtEndian>

namespace confab::test {

inline QByteArray header(quint32 length, quint16 version, protocol::CommandId command = protocol::oneway::Heartbeat::id,
                         quint16 seq = 0)
{
    QByteArray h(protocol::kHeaderSize, '\0');
    qToBigEndian<quint32>(length, h.data());
    qToBigEndian<quint16>(version, h.data() + 4);
    qToBigEndian<quint16>(command.service, h.data() + 8);
    qToBigEndian<quint16>(command.command, h.data() + 10);
    qToBigEndian<quint16>(seq, h.data() + 12);
    return h;
}

// A bare socket, so that the test controls every byte; collects the frames the server sends back.
class RawClient
{
public:
    // `from` picks the source address: every 127.x.y.z is this machine, so a test can be several hosts.
    bool open(quint16 port, const QHostAddress &from = {})
    {
        if (!from.isNull())
            socket.bind(from);
        socket.connectToHost(QHostAddress::LocalHost, port);
        QObject::connect(&socket, &QTcpSocket::readyRead, [this] { decoder.append(socket.readAll()); });
        return socket.waitForConnected(5000);
    }
    std::optional<pb::ErrorResponse> nextError(int timeoutMs = 5000)
    {
        std::optional<pb::ErrorResponse> error;
        TestClient::waitFor(
            [&] {
                while (auto frame = decoder.next()) {
                    pb::ErrorResponse e;
                    if (frame->command == protocol::oneway::Error::id && protocol::parseBody(*frame, e)) {
                        error = e;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return error;
    }
    bool waitForFrame(protocol::CommandId command, quint16 seq, int timeoutMs = 5000)
    {
        return TestClient::waitFor(
            [&] {
                while (auto frame = decoder.next()) {
                    if (frame->command == command && frame->seq == seq)
                        return true;
                }
                return false;
            },
            timeoutMs);
    }
    bool waitForClose(int timeoutMs = 5000)
    {
        return TestClient::waitFor([this] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }
    QTcpSocket socket;
    protocol::FrameDecoder decoder{0xffffffffu};
};

} // namespace confab::test
