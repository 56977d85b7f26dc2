// libFuzzer target for every request handler, through the real dispatcher, on an in-process server (embedded
// SQLite on /dev/shm) over a real loopback connection logged in as alice. Inputs are the frame decoder's: one
// byte, then frames; each is sent as alice would send it, with its own sequence number, and a ServerTime request
// after them waits until the dispatcher has taken them all. Frames the server must refuse (unknown commands,
// pushes sent the wrong way, bodies that do not parse, values past their limits) are as welcome as good ones;
// what must not happen is a crash, a sanitizer report or a server that stops answering. A connection the server
// closes (a bad frame, a logout) is replaced by a fresh login.
#include "demo/demoorganisation.h"
#include "fuzzapplication.h"
#include "protocol/frame.h"
#include "server.h"
#include "store/storagethread.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <utility>

using namespace confab;
using namespace confab::protocol;

namespace {

constexpr quint16 kBarrierSeq = 0xffff;

class Harness
{
public:
    Harness()
    {
        server::ServerConfig config;
        config.dataDir = m_dir.path();
        config.tcp = server::ListenAddress{QHostAddress::LocalHost, 0};
        config.insecure = true;
        config.limits.requestsPerSession = {}; // the fuzzer is a flood by nature: serve it all
        config.limits.messagesPerUser = {};
        m_server = std::make_unique<server::Server>(config);
        QString error;
        if (!m_server->start(&error))
            qFatal("server: %s", qPrintable(error));
        m_server->storage().blocking([](server::Store &s) { return server::seedDemoOrganisation(s, 10, 1000); });
    }

    // Sends the frames, then waits for the barrier's answer. False when the server stopped answering.
    bool run(const std::vector<Frame> &frames)
    {
        if (!signedIn())
            return false;
        quint16 seq = 1;
        for (const Frame &frame : frames)
            m_socket->write(encodeFrame(frame.command, frame.seq == 0 ? 0 : seq++, frame.body));
        m_socket->write(encodeFrame(rpc::ServerTime::request, kBarrierSeq, pb::ServerTimeRequest()));
        return waitFor([this] { return takeFrame(rpc::ServerTime::response, kBarrierSeq); });
    }

private:
    bool signedIn()
    {
        if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
            return true;
        m_socket = std::make_unique<QTcpSocket>();
        m_decoder = FrameDecoder(0xffffffffu);
        m_socket->connectToHost(QHostAddress::LocalHost, m_server->tcpPort());
        pb::LoginRequest login;
        login.set_login_name("alice");
        login.set_password("demo");
        login.set_client_type(pb::CLIENT_TYPE_LINUX);
        m_socket->write(encodeFrame(rpc::Login::request, 1, login));
        return waitFor([this] { return takeFrame(rpc::Login::response, 1); });
    }

    // Reads what has come and looks for the answer `command` to `seq` among it; the rest is dropped.
    bool takeFrame(CommandId command, quint16 seq)
    {
        m_decoder.append(m_socket->readAll());
        bool found = false;
        while (auto frame = m_decoder.next())
            found = found || (frame->command == command && frame->seq == seq);
        return found;
    }

    bool waitFor(const std::function<bool()> &done)
    {
        const QDeadlineTimer deadline(10'000);
        while (!done()) {
            if (m_socket->state() == QAbstractSocket::UnconnectedState)
                return true; // closed by the server: the next input signs in again
            if (deadline.hasExpired())
                return false;
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        }
        return true;
    }

    QTemporaryDir m_dir{fuzz::scratchTemplate()};
    std::unique_ptr<server::Server> m_server;
    std::unique_ptr<QTcpSocket> m_socket;
    FrameDecoder m_decoder{0xffffffffu};
};

Harness *g_harness = nullptr;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::ensureApplication();
    // One server for the whole run, as in production, stopped before the process's statics go (its storage
    // threads still run until then).
    static Harness *harness = [] {
        g_harness = new Harness;
        std::atexit([] { delete std::exchange(g_harness, nullptr); });
        return g_harness;
    }();
    if (size == 0)
        return 0;

    FrameDecoder decoder(64 * 1024);
    decoder.append(QByteArrayView(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1)));
    std::vector<Frame> frames;
    while (auto frame = decoder.next())
        frames.push_back(*frame);
    if (!harness->run(frames)) {
        fprintf(stderr, "the server stopped answering\n");
        __builtin_trap();
    }
    return 0;
}
