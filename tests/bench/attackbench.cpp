#include "attackbench.h"

#include "benchfigures.h"
#include "platform/descriptorlimit.h"
#include "protocol/frame.h"
#include "serverprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTextStream>
#include <QtEndian>

#include <memory>
#include <vector>

namespace confab::bench {

using namespace protocol;

namespace {

// Every 127.x.y.z is this machine: each phase attacks from an address of its own.
const QHostAddress kHolder(QStringLiteral("127.0.0.77"));
const QHostAddress kGuesser(QStringLiteral("127.0.0.78"));
const QHostAddress kHonest(QStringLiteral("127.0.0.2"));
const QHostAddress kJunk(QStringLiteral("127.0.0.79"));

std::unique_ptr<QTcpSocket> connectFrom(const QHostAddress &from, quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->bind(from);
    socket->connectToHost(QHostAddress::LocalHost, port);
    return socket;
}

QByteArray loginFrame(const char *user, const char *password)
{
    pb::LoginRequest login;
    login.set_login_name(user);
    login.set_password(password);
    login.set_client_type(pb::CLIENT_TYPE_LINUX);
    return encodeFrame(rpc::Login::request, 1, login);
}

// The server's answer to request 1 on `socket` (pushes are skipped), or nothing when it closes first or
// `timeoutMs` passes.
std::optional<Frame> answerToFirst(QTcpSocket &socket, int timeoutMs)
{
    FrameDecoder decoder;
    std::optional<Frame> answer;
    waitFor(
        [&] {
            decoder.append(socket.readAll());
            while (auto frame = decoder.next()) {
                if (frame->seq == 1)
                    answer = frame;
            }
            return answer || socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    return answer;
}

pb::ErrorCode errorOf(const Frame &frame)
{
    pb::ErrorResponse error;
    return frame.command == oneway::Error::id && parseBody(frame, error) ? error.code() : pb::ERROR_NONE;
}

// One address opens `count` connections that never log in, each parking a frame one byte short of the pre-login
// limit: how many the server keeps, for how long, and what they cost it.
void holdConnections(ServerProcess &server, int count)
{
    const double rssBefore = rssMb(server.pid());
    std::vector<std::unique_ptr<QTcpSocket>> held;
    QElapsedTimer since;
    since.start();
    // A login of 8 KiB (within the pre-login frame limit of 16 KiB), all but its last byte.
    const QByteArray parked = encodeFrame(rpc::Login::request, 1, QByteArray(8 * 1024, 'x'));
    for (int i = 0; i < count; ++i) {
        held.push_back(connectFrom(kHolder, server.port()));
        QTcpSocket *socket = held.back().get();
        QObject::connect(socket, &QTcpSocket::connected, socket,
                         [socket, parked] { socket->write(parked.chopped(1)); });
    }
    const auto open = [&] {
        return int(std::count_if(held.begin(), held.end(),
                                 [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; }));
    };
    waitFor([] { return false; }, 3000); // the refused ones are told and closed
    printFigure(QStringLiteral("prelogin_connections_tried"), count, QStringLiteral("connections"));
    printFigure(QStringLiteral("prelogin_connections_held"), open(), QStringLiteral("connections"));
    printFigure(QStringLiteral("prelogin_server_rss_mb"), rssMb(server.pid()), QStringLiteral("MB"));
    printFigure(QStringLiteral("prelogin_server_rss_growth_mb"), rssMb(server.pid()) - rssBefore, QStringLiteral("MB"));
    waitFor([&] { return open() == 0; }, 60'000);
    printFigure(QStringLiteral("prelogin_longest_held_s"), double(since.elapsed()) / 1000.0, QStringLiteral("s"));
}

// 300 connections from one address guess alice's password at once, again and again, while bob logs in from
// another address every second: how many guesses the server evaluates, and what the honest login waits.
void guessPasswords(ServerProcess &server, int seconds)
{
    constexpr int kGuessers = 300;
    int evaluated = 0, throttled = 0, refusedAtAdmission = 0, other = 0;
    std::vector<std::unique_ptr<QTcpSocket>> guessers(kGuessers);
    std::vector<FrameDecoder> decoders(kGuessers);
    std::function<void(int)> guess = [&](int i) {
        guessers[size_t(i)] = connectFrom(kGuesser, server.port());
        decoders[size_t(i)] = FrameDecoder();
        QTcpSocket *socket = guessers[size_t(i)].get();
        QObject::connect(socket, &QTcpSocket::connected, socket,
                         [socket] { socket->write(loginFrame("alice", "not-her-password")); });
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [&, i, socket] {
            decoders[size_t(i)].append(socket->readAll());
            if (const auto frame = decoders[size_t(i)].next()) {
                switch (errorOf(*frame)) {
                case pb::ERROR_WRONG_PASSWORD:
                    ++evaluated;
                    break;
                case pb::ERROR_TOO_MANY_ATTEMPTS:
                    ++throttled;
                    break;
                case pb::ERROR_TOO_MANY_CONNECTIONS:
                    ++refusedAtAdmission;
                    break;
                default:
                    ++other;
                }
                socket->disconnect();
                socket->deleteLater();
                (void)guessers[size_t(i)].release();
                QMetaObject::invokeMethod(
                    qApp, [&guess, i] { guess(i); }, Qt::QueuedConnection);
            }
        });
    };
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < kGuessers; ++i)
        guess(i);
    std::vector<double> honestMs;
    int honestFailed = 0;
    while (elapsed.elapsed() < qint64(seconds) * 1000) {
        QElapsedTimer login;
        login.start();
        const auto bob = connectFrom(kHonest, server.port());
        waitFor([&] { return bob->state() == QAbstractSocket::ConnectedState; }, 5000);
        bob->write(loginFrame("bob", "demo"));
        const std::optional<Frame> answer = answerToFirst(*bob, 30'000);
        if (answer && answer->command == rpc::Login::response)
            honestMs.push_back(double(login.elapsed()));
        else
            ++honestFailed;
        waitFor([] { return false; }, 1000);
    }
    const double minutes = double(elapsed.elapsed()) / 60'000.0;
    guess = [](int) {};                 // the sockets still open wind down without guessing again
    waitFor([] { return false; }, 200); // and the queued reconnects run while what they refer to is alive
    printFigure(QStringLiteral("guesses_evaluated_per_name_per_min"), double(evaluated) / minutes,
                QStringLiteral("guesses/min"));
    printFigure(QStringLiteral("guesses_throttled_per_min"), double(throttled) / minutes,
                QStringLiteral("guesses/min"));
    printFigure(QStringLiteral("guesses_refused_at_admission_per_min"), double(refusedAtAdmission) / minutes,
                QStringLiteral("guesses/min"));
    printFigure(QStringLiteral("guesses_answered_otherwise"), other, QStringLiteral("guesses"));
    std::sort(honestMs.begin(), honestMs.end());
    printFigure(QStringLiteral("honest_logins"), double(honestMs.size()), QStringLiteral("logins"));
    printFigure(QStringLiteral("honest_logins_failed"), honestFailed, QStringLiteral("logins"));
    printFigure(QStringLiteral("honest_login_p50_ms"), percentile(honestMs, 0.5), QStringLiteral("ms"));
    printFigure(QStringLiteral("honest_login_max_ms"), honestMs.empty() ? 0 : honestMs.back(), QStringLiteral("ms"));
}

// Junk the server refuses: frames of a command it does not serve from a logged-in person, and connections that
// open with a frame of another protocol version. What each refusal costs in log bytes.
void junk(ServerProcess &server)
{
    constexpr int kFrames = 100'000;
    constexpr int kBadConnections = 500;
    server.takeLogBytes();
    const auto carol = connectFrom(kJunk, server.port());
    waitFor([&] { return carol->state() == QAbstractSocket::ConnectedState; }, 5000);
    carol->write(loginFrame("carol", "demo"));
    if (!answerToFirst(*carol, 30'000))
        return;
    const QByteArray unknown = encodeFrame(CommandId{0x0077, 0x0001}, 7, QByteArray("junk"));
    FrameDecoder decoder;
    int refused = 0;
    QObject::connect(carol.get(), &QTcpSocket::readyRead, carol.get(), [&] {
        decoder.append(carol->readAll());
        while (const auto frame = decoder.next())
            refused += errorOf(*frame) == pb::ERROR_UNKNOWN_COMMAND ? 1 : 0;
    });
    for (int sent = 0; sent < kFrames; sent += 1000) {
        QByteArray batch;
        for (int i = 0; i < 1000; ++i)
            batch += unknown;
        carol->write(batch);
        waitFor([&] { return carol->bytesToWrite() == 0; }, 5000);
    }
    waitFor([&] { return refused >= kFrames; }, 60'000);
    waitFor([] { return false; }, 500);
    const qint64 frameLogBytes = server.takeLogBytes();
    printFigure(QStringLiteral("junk_frames_refused"), refused, QStringLiteral("frames"));
    printFigure(QStringLiteral("junk_frames_junk_mb"), double(kFrames) * double(unknown.size()) / 1e6,
                QStringLiteral("MB"));
    printFigure(QStringLiteral("log_bytes_per_refused_frame"), double(frameLogBytes) / double(kFrames),
                QStringLiteral("bytes"));

    QByteArray badVersion = encodeFrame(oneway::Heartbeat::id, 0, QByteArray());
    qToBigEndian<quint16>(9, badVersion.data() + 4);
    int closed = 0;
    for (int i = 0; i < kBadConnections; ++i) {
        const auto socket = connectFrom(kJunk, server.port());
        if (!waitFor([&] { return socket->state() == QAbstractSocket::ConnectedState; }, 5000))
            continue;
        socket->write(badVersion);
        waitFor([&] { return socket->state() == QAbstractSocket::UnconnectedState; }, 5000);
        closed += socket->state() == QAbstractSocket::UnconnectedState ? 1 : 0;
    }
    waitFor([] { return false; }, 500);
    printFigure(QStringLiteral("bad_connections_closed"), closed, QStringLiteral("connections"));
    printFigure(QStringLiteral("log_bytes_per_bad_connection"), double(server.takeLogBytes()) / kBadConnections,
                QStringLiteral("bytes"));
}

} // namespace

int runAttackBench(const AttackOptions &options)
{
    server::raiseDescriptorLimit(); // this process holds a thousand sockets of its own
    ServerProcess server;
    // Production defaults throughout, the password hash included: a guess costs what it costs an attacker.
    if (!server.start(10, {QStringLiteral("--rate-requests"), QStringLiteral("200"), QStringLiteral("--rate-messages"),
                           QStringLiteral("10")}))
        return 1;
    const double steal = stolenCpuSeconds();
    holdConnections(server, options.connections);
    guessPasswords(server, options.seconds);
    junk(server);
    printFigure(QStringLiteral("host_steal_s"), stolenCpuSeconds() - steal, QStringLiteral("s"));
    printFigure(QStringLiteral("server_cpu_s"), cpuSeconds(server.pid()), QStringLiteral("s"));
    return 0;
}

} // namespace confab::bench
