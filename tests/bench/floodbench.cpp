#include "floodbench.h"

#include "benchfigures.h"
#include "diskstallmonitor.h"
#include "loadclient.h"
#include "serverprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTextStream>
#include <QTimer>

namespace confab::bench {

using namespace protocol;

namespace {

constexpr int kHashIterations = 1000;
constexpr int kProbeIntervalMs = 10;
constexpr int kDiskStallMs = 5;
constexpr qint64 kFloodAheadBytes = 256 * 1024; // what the flooder keeps queued: as fast as the server reads
constexpr int kFloodBatch = 256;

// An honest person: asks the server the time every 10 ms and times each answer.
class Prober : public QObject
{
public:
    explicit Prober(LoadClient &client)
        : m_client(client)
    {
        m_clock.start();
        client.onFrame = [this](const Frame &frame) {
            if (frame.command != rpc::ServerTime::response)
                return;
            const auto sent = m_sentNs.constFind(frame.seq);
            if (sent == m_sentNs.cend())
                return;
            m_roundTripsMs.push_back(double(m_clock.nsecsElapsed() - *sent) / 1e6);
            m_sentNs.erase(sent);
        };
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_seq = quint16(m_seq % 60000 + 1);
            m_sentNs.insert(m_seq, m_clock.nsecsElapsed());
            m_client.send(rpc::ServerTime::request, m_seq, pb::ServerTimeRequest());
        });
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.start(kProbeIntervalMs);
    }
    // The round trips since the last call, and how many asked then went unanswered.
    std::vector<double> take(int *unanswered)
    {
        *unanswered = int(m_sentNs.size());
        m_sentNs.clear();
        return std::exchange(m_roundTripsMs, {});
    }

private:
    LoadClient &m_client;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QHash<quint16, qint64> m_sentNs;
    std::vector<double> m_roundTripsMs;
    quint16 m_seq = 0;
};

// Prints one phase's figures, each name prefixed with the phase.
double reportPhase(const QString &phase, Prober &prober, qint64 serverPid, double stealBefore, double cpuBefore,
                   DiskStallMonitor &disk)
{
    disk.stop();
    int unanswered = 0;
    std::vector<double> trips = prober.take(&unanswered);
    std::sort(trips.begin(), trips.end());
    const double p99 = percentile(trips, 0.99);
    printFigure(phase + QStringLiteral("_round_trips"), double(trips.size()), QStringLiteral("requests"));
    printFigure(phase + QStringLiteral("_p50_ms"), percentile(trips, 0.50), QStringLiteral("ms"));
    printFigure(phase + QStringLiteral("_p99_ms"), p99, QStringLiteral("ms"));
    printFigure(phase + QStringLiteral("_max_ms"), trips.empty() ? 0 : trips.back(), QStringLiteral("ms"));
    printFigure(phase + QStringLiteral("_unanswered"), unanswered, QStringLiteral("requests"));
    printFigure(phase + QStringLiteral("_server_cpu_s"), cpuSeconds(serverPid) - cpuBefore, QStringLiteral("s"));
    printFigure(phase + QStringLiteral("_host_steal_s"), stolenCpuSeconds() - stealBefore, QStringLiteral("s"));
    if (disk.available()) {
        printFigure(phase + QStringLiteral("_disk_stalls"), disk.figures().stalls, QStringLiteral("stalls"));
        printFigure(phase + QStringLiteral("_disk_longest_stall_ms"), disk.figures().longestMs, QStringLiteral("ms"));
    }
    return p99;
}

bool loggedIn(LoadClient &client, quint16 port, int host, const QString &login)
{
    client.connectTo(port, host);
    client.login(login);
    return waitFor([&] { return client.isLoggedIn() || client.failed(); }, 30'000) && client.isLoggedIn();
}

} // namespace

int runFloodBench(const FloodOptions &options)
{
    ServerProcess server;
    // The defaults an admin runs with: the flood meets the rate limits as it would in production.
    if (!server.start(10, {QStringLiteral("--demo-hash-iterations"), QString::number(kHashIterations),
                           QStringLiteral("--rate-requests"), QStringLiteral("200"), QStringLiteral("--rate-messages"),
                           QStringLiteral("10")}))
        return 1;
    LoadClient bob;
    if (!loggedIn(bob, server.port(), 2, QStringLiteral("bob")))
        return 1;
    Prober prober(bob);
    DiskStallMonitor disk(server.dataDir().path(), kDiskStallMs);
    const int phaseMs = options.seconds * 1000;

    double steal = stolenCpuSeconds();
    double cpu = cpuSeconds(server.pid());
    disk.start();
    waitFor([] { return false; }, phaseMs);
    const double quietP99 = reportPhase(QStringLiteral("quiet"), prober, server.pid(), steal, cpu, disk);

    QProcess flooder;
    flooder.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    flooder.start(QCoreApplication::applicationFilePath(),
                  {QStringLiteral("flood-child"), QString::number(server.port()), QString::number(options.seconds)});
    QByteArray childOutput;
    const auto childSays = [&](const char *text) {
        childOutput += flooder.readAllStandardOutput();
        return childOutput.contains(text) || flooder.state() == QProcess::NotRunning;
    };
    if (!waitFor([&] { return childSays("flood_started"); }, 30'000) || flooder.state() == QProcess::NotRunning) {
        QTextStream(stderr) << "confab-bench: the flooding session did not start\n";
        return 1;
    }
    int ignored = 0;
    prober.take(&ignored); // the flooder's sign-in is not the flood
    steal = stolenCpuSeconds();
    cpu = cpuSeconds(server.pid());
    disk.start();
    waitFor([] { return false; }, phaseMs);
    const double floodP99 = reportPhase(QStringLiteral("flood"), prober, server.pid(), steal, cpu, disk);
    printFigure(QStringLiteral("p99_ratio_flood_to_quiet"), quietP99 > 0 ? floodP99 / quietP99 : 0,
                QStringLiteral("x"));
    if (!flooder.waitForFinished(60'000))
        return 1;
    childOutput += flooder.readAllStandardOutput();
    // The flooder's own figures, as it printed them.
    for (const QByteArray &line : childOutput.split('\n')) {
        if (line.startsWith('{') && !line.contains("flood_started"))
            QTextStream(stdout) << line << "\n";
    }
    return flooder.exitCode();
}

int runFloodChild(quint16 port, int seconds)
{
    LoadClient alice;
    if (!loggedIn(alice, port, 1, QStringLiteral("alice")))
        return 1;
    quint64 bob = 0;
    alice.onFrame = [&](const Frame &frame) {
        pb::UserInfoResponse who;
        if (frame.command == rpc::UserInfo::response && parseBody(frame, who) && who.users_size() == 1)
            bob = who.users(0).id();
    };
    pb::UserInfoRequest askForBob;
    askForBob.add_login_names("bob");
    alice.send(rpc::UserInfo::request, 1, askForBob);
    if (!waitFor([&] { return bob != 0; }, 10'000))
        return 1;

    quint64 sent = 0, served = 0, rateLimited = 0, otherwiseRefused = 0, messagesStored = 0;
    alice.onFrame = [&](const Frame &frame) {
        if (frame.seq == 0)
            return; // pushes
        if (frame.command == oneway::Error::id) {
            pb::ErrorResponse error;
            (parseBody(frame, error) && error.code() == pb::ERROR_RATE_LIMITED ? rateLimited : otherwiseRefused)++;
            return;
        }
        ++served;
        if (frame.command == rpc::SendMessage::response)
            ++messagesStored;
    };
    pb::UserInfoRequest read;
    read.add_user_ids(bob);
    pb::SendMessageRequest message;
    message.mutable_to()->set_type(pb::SESSION_TYPE_SINGLE);
    message.mutable_to()->set_peer_id(bob);
    message.set_kind(pb::MESSAGE_KIND_TEXT);
    message.set_text("flood");
    // Reads mostly, and every tenth a message into one person's conversation: what the attack in the issue did.
    QTimer pump;
    QObject::connect(&pump, &QTimer::timeout, [&] {
        // A batch per pass, so that the answers are read between them: a flooder that never reads is dropped by the
        // server for that (past 16 MiB unread), which would end the flood rather than measure it.
        for (int batch = 0; batch < kFloodBatch && alice.bytesToWrite() < kFloodAheadBytes && !alice.failed();
             ++batch) {
            const quint16 seq = quint16(sent % 60000 + 2);
            if (sent % 10 == 0) {
                message.set_client_msg_id("flood-" + std::to_string(sent));
                alice.send(rpc::SendMessage::request, seq, message);
            } else {
                alice.send(rpc::UserInfo::request, seq, read);
            }
            ++sent;
        }
    });
    printFigure(QStringLiteral("flood_started"), 1, QStringLiteral("flag"));
    QElapsedTimer flooding;
    flooding.start();
    pump.start(0);
    waitFor([] { return false; }, seconds * 1000);
    pump.stop();
    const double floodSeconds = double(flooding.elapsed()) / 1000.0;
    waitFor([&] { return served + rateLimited + otherwiseRefused >= sent; }, 10'000);
    printFigure(QStringLiteral("flooder_sent"), double(sent), QStringLiteral("requests"));
    printFigure(QStringLiteral("flooder_sent_per_s"), double(sent) / floodSeconds, QStringLiteral("requests/s"));
    printFigure(QStringLiteral("flooder_served"), double(served), QStringLiteral("requests"));
    printFigure(QStringLiteral("flooder_rate_limited"), double(rateLimited), QStringLiteral("requests"));
    printFigure(QStringLiteral("flooder_otherwise_refused"), double(otherwiseRefused), QStringLiteral("requests"));
    printFigure(QStringLiteral("flooder_messages_stored"), double(messagesStored), QStringLiteral("messages"));
    return 0;
}

} // namespace confab::bench
