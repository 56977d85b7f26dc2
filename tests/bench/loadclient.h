// A lean simulated client for load benchmarks: one socket, a frame decoder, a login, and callbacks for answers
// and pushes. Thousands fit in one process (ServerConnection's per-request bookkeeping and timers are for apps).
#pragma once

#include "protocol/frame.h"

#include <QTcpSocket>

#include <functional>

namespace confab::bench {

class LoadClient : public QObject
{
    Q_OBJECT

public:
    explicit LoadClient(QObject *parent = nullptr);

    // `host` picks the simulated machine the connection comes from (its source address).
    void connectTo(quint16 port, int host = 0);
    void login(const QString &loginName);
    void send(protocol::CommandId command, quint16 seq, const google::protobuf::Message &body);

    bool isLoggedIn() const { return m_userId != 0; }
    // Bytes written but not yet taken by the kernel: how far ahead of the server a flooding client is.
    qint64 bytesToWrite() const { return m_socket.bytesToWrite(); }
    bool failed() const { return m_failed; }
    quint64 userId() const { return m_userId; }

    // Every frame after the login answer: answers (seq != 0) and pushes.
    std::function<void(const protocol::Frame &)> onFrame;

signals:
    void loggedIn();

private:
    void readFrames();

    QTcpSocket m_socket;
    protocol::FrameDecoder m_decoder;
    quint64 m_userId = 0;
    bool m_failed = false;
};

} // namespace confab::bench
