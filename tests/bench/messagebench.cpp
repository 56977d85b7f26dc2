#include "messagebench.h"

#include "benchfigures.h"
#include "diskstallmonitor.h"
#include "loadclient.h"
#include "serverprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <set>
#include <span>
#include <unistd.h>

namespace confab::bench {

using namespace protocol;

namespace {

constexpr int kBenchHashIterations = 1000; // logins of thousands of simulated people must not take minutes
// A disk that finishes nothing for this long while a write waits holds that write past the p99 goal on its own.
constexpr int kDiskStallMs = 5;

// Brings up `count` logged-in clients for the given login names (cycled); false when any fails. They come in
// waves: ten thousand connects at once would overflow the listen backlog and stall in SYN retries.
bool connectAll(std::vector<std::unique_ptr<LoadClient>> &clients, quint16 port, const QStringList &logins, int count)
{
    constexpr int kWave = 250;
    for (int first = 0; first < count; first += kWave) {
        const size_t begin = clients.size();
        for (int i = first; i < std::min(count, first + kWave); ++i) {
            auto client = std::make_unique<LoadClient>();
            client->connectTo(port, i);
            client->login(logins[i % logins.size()]);
            clients.push_back(std::move(client));
        }
        const auto wave = [&] { return std::span(clients).subspan(begin); };
        const bool settled = waitFor(
            [&] {
                return std::all_of(wave().begin(), wave().end(),
                                   [](const auto &c) { return c->isLoggedIn() || c->failed(); });
            },
            120'000);
        if (!settled || std::any_of(wave().begin(), wave().end(), [](const auto &c) { return c->failed(); })) {
            QTextStream(stderr) << "confab-bench: a login failed after " << clients.size() << " connections\n";
            return false;
        }
    }
    return true;
}

// The login names of the organisation, read through the first client's user sync.
QStringList loginNames(LoadClient &client, int wanted)
{
    QStringList names;
    quint64 cursor = 0;
    bool more = true;
    quint16 seq = 100;
    while (more && names.size() < wanted) {
        bool answered = false;
        client.onFrame = [&](const Frame &frame) {
            pb::UserSyncResponse page;
            if (frame.command != rpc::UserSync::response || !parseBody(frame, page))
                return;
            for (const pb::User &u : page.users()) {
                if (u.status() == pb::USER_STATUS_ACTIVE)
                    names << QString::fromStdString(u.login_name());
            }
            cursor = page.page().cursor();
            more = page.page().has_more();
            answered = true;
        };
        pb::SyncRequest request;
        request.set_cursor(cursor);
        client.send(rpc::UserSync::request, seq++, request);
        if (!waitFor([&] { return answered; }, 60'000))
            break;
    }
    client.onFrame = nullptr;
    return names.mid(0, wanted);
}

struct Traffic
{
    quint64 sent = 0;     // sends written
    quint64 acked = 0;    // acknowledged as durable
    quint64 refused = 0;  // answered with an error
    quint64 notified = 0; // pushes received by recipients
    quint64 duplicated = 0;
    std::set<std::tuple<quint64, quint64, quint64>> delivered; // (recipient, sender, id)
    std::vector<double> latenciesMs;
    bool recordLatency = false;
};

} // namespace

int runMessageBench(const LoadOptions &options)
{
    QTextStream err(stderr);
    ServerProcess process;
    quint16 port = 0;
    if (options.server.isEmpty()) {
        if (!process.start(options.clients + 3,
                           {QStringLiteral("--demo-hash-iterations"), QString::number(kBenchHashIterations)}))
            return 1;
        port = process.port();
    } else {
        port = quint16(options.server.section(QLatin1Char(':'), -1).toUInt());
    }

    std::vector<std::unique_ptr<LoadClient>> clients;
    QElapsedTimer setup;
    setup.start();
    {
        std::vector<std::unique_ptr<LoadClient>> first;
        if (!connectAll(first, port, {QStringLiteral("alice")}, 1)) {
            err << "confab-bench: cannot log in as alice\n";
            return 1;
        }
        const QStringList logins = loginNames(*first.front(), options.clients);
        if (logins.size() < 2) {
            err << "confab-bench: the organisation has too few people\n";
            return 1;
        }
        if (!connectAll(clients, port, logins, options.clients)) {
            err << "confab-bench: not every simulated client logged in\n";
            return 1;
        }
    }
    printFigure(QStringLiteral("clients"), double(clients.size()), QStringLiteral("connections"));
    printFigure(QStringLiteral("login_all_s"), double(setup.elapsed()) / 1000.0, QStringLiteral("s"));

    std::vector<quint64> userIds;
    for (const auto &c : clients)
        userIds.push_back(c->userId());

    Traffic traffic;
    QElapsedTimer clock;
    clock.start();
    QRandomGenerator random(1122);
    std::vector<quint16> nextSeq(clients.size(), 100);
    std::vector<int> inFlight(clients.size(), 0);
    std::function<void(size_t)> onAck; // the saturation phase sends the next message on each answer

    const auto sendFrom = [&](size_t index) {
        LoadClient &c = *clients[index];
        quint64 to = c.userId();
        while (to == c.userId())
            to = userIds[random.bounded(quint32(userIds.size()))];
        pb::SendMessageRequest request;
        request.mutable_to()->set_type(pb::SESSION_TYPE_SINGLE);
        request.mutable_to()->set_peer_id(to);
        request.set_kind(pb::MESSAGE_KIND_TEXT);
        // The send time rides in the text, so the recipient can tell the end-to-end latency.
        request.set_text(QStringLiteral("t=%1 Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do.")
                             .arg(clock.nsecsElapsed())
                             .toStdString());
        request.set_client_msg_id(QStringLiteral("%1-%2").arg(c.userId()).arg(traffic.sent).toStdString());
        quint16 &seq = nextSeq[index];
        seq = seq == 0xffff ? 100 : seq + 1;
        c.send(rpc::SendMessage::request, seq, request);
        ++traffic.sent;
        ++inFlight[index];
    };

    for (size_t i = 0; i < clients.size(); ++i) {
        clients[i]->onFrame = [&, i](const Frame &frame) {
            if (frame.command == rpc::SendMessage::response) {
                ++traffic.acked;
                --inFlight[i];
                if (onAck)
                    onAck(i);
            } else if (frame.command == oneway::Error::id) {
                ++traffic.refused;
                --inFlight[i];
            } else if (frame.command == oneway::MessageNotify::id) {
                pb::MessageNotify notify;
                if (!parseBody(frame, notify))
                    return;
                ++traffic.notified;
                const auto key = std::make_tuple(clients[i]->userId(), quint64(notify.message().sender_id()),
                                                 quint64(notify.message().id()));
                if (!traffic.delivered.insert(key).second)
                    ++traffic.duplicated;
                if (traffic.recordLatency) {
                    const QString text = QString::fromStdString(notify.message().text());
                    const qint64 sentNs = text.section(QLatin1Char(' '), 0, 0).mid(2).toLongLong();
                    traffic.latenciesMs.push_back(double(clock.nsecsElapsed() - sentNs) / 1e6);
                }
            }
        };
    }
    const auto drain = [&] {
        return waitFor(
            [&] { return traffic.acked + traffic.refused == traffic.sent && traffic.notified >= traffic.acked; },
            60'000);
    };

    // First a fixed total rate, spread over random senders, paced by the clock rather than by answers. It comes
    // first so that its latencies are those of a server running at that rate, not of one still writing back the
    // backlog a saturation burst left in its WAL; its first second warms the store's caches and is not counted.
    QElapsedTimer phase;
    quint64 sentBefore = traffic.sent;
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    const auto pace = [&](int ms) {
        phase.restart();
        sentBefore = traffic.sent;
        pacer.start(1);
        waitFor([&] { return phase.elapsed() >= ms; }, ms + 1000);
        pacer.stop();
    };
    QObject::connect(&pacer, &QTimer::timeout, [&] {
        const quint64 due = quint64(double(phase.nsecsElapsed()) / 1e9 * options.rate);
        while (traffic.sent - sentBefore < due)
            sendFrom(random.bounded(quint32(clients.size())));
    });
    pace(1000);
    drain();
    traffic.recordLatency = true;
    const double cpuBefore = cpuSeconds(process.pid());
    const double stolenBefore = stolenCpuSeconds();
    // Only a server started here has a data directory known to be on this machine's disk.
    DiskStallMonitor disk(options.server.isEmpty() ? process.dataDir().path() : QString(), kDiskStallMs);
    disk.start();
    pace(options.seconds * 1000);
    const double achievedRate = double(traffic.sent - sentBefore) * 1000.0 / double(phase.elapsed());
    drain();
    traffic.recordLatency = false;
    disk.stop();
    const double cpu = cpuSeconds(process.pid()) - cpuBefore;
    const double stolenAfter = stolenCpuSeconds();
    std::sort(traffic.latenciesMs.begin(), traffic.latenciesMs.end());
    printFigure(QStringLiteral("rate_msgs_per_s"), achievedRate, QStringLiteral("msg/s"));
    printFigure(QStringLiteral("p50_ms"), percentile(traffic.latenciesMs, 0.50), QStringLiteral("ms"));
    printFigure(QStringLiteral("p99_ms"), percentile(traffic.latenciesMs, 0.99), QStringLiteral("ms"));
    printFigure(QStringLiteral("max_ms"), traffic.latenciesMs.empty() ? 0 : traffic.latenciesMs.back(),
                QStringLiteral("ms"));
    if (cpu >= 0)
        printFigure(QStringLiteral("cpu_s_per_10k"), cpu / double(traffic.sent - sentBefore) * 10000.0,
                    QStringLiteral("s"));
    if (stolenBefore >= 0 && stolenAfter >= 0)
        printFigure(QStringLiteral("host_steal_s"), stolenAfter - stolenBefore, QStringLiteral("s"));
    if (disk.available()) {
        const DiskStallMonitor::Figures stalls = disk.figures();
        printFigure(QStringLiteral("disk_stalls"), stalls.stalls, QStringLiteral("stalls"));
        printFigure(QStringLiteral("disk_stalled_ms"), stalls.stalledMs, QStringLiteral("ms"));
        printFigure(QStringLiteral("disk_longest_stall_ms"), stalls.longestMs, QStringLiteral("ms"));
    }
    if (process.pid() > 0)
        printFigure(QStringLiteral("server_rss_mb"), rssMb(process.pid()), QStringLiteral("MB"));

    // Then saturation: every client keeps `window` messages unacknowledged.
    bool running = true;
    onAck = [&](size_t i) {
        if (running)
            sendFrom(i);
    };
    const quint64 ackedBefore = traffic.acked;
    for (size_t i = 0; i < clients.size(); ++i) {
        for (int w = 0; w < options.window; ++w)
            sendFrom(i);
    }
    phase.restart();
    waitFor([&] { return phase.elapsed() >= options.seconds * 1000; }, options.seconds * 1000 + 1000);
    const double saturatedRate = double(traffic.acked - ackedBefore) * 1000.0 / double(phase.elapsed());
    running = false;
    onAck = nullptr;
    drain();
    printFigure(QStringLiteral("durable_msgs_per_s"), saturatedRate, QStringLiteral("msg/s"));

    printFigure(QStringLiteral("sent"), double(traffic.acked), QStringLiteral("messages"));
    printFigure(QStringLiteral("delivered"), double(traffic.delivered.size()), QStringLiteral("messages"));
    printFigure(QStringLiteral("duplicated"), double(traffic.duplicated), QStringLiteral("messages"));
    printFigure(QStringLiteral("lost"), double(traffic.acked) - double(traffic.delivered.size()),
                QStringLiteral("messages"));
    printFigure(QStringLiteral("refused"), double(traffic.refused), QStringLiteral("messages"));
    return traffic.refused == 0 && traffic.duplicated == 0 && traffic.delivered.size() == traffic.acked ? 0 : 1;
}

int runConnectionBench(int count)
{
    ServerProcess process;
    if (!process.start(count + 3, {QStringLiteral("--demo-hash-iterations"), QString::number(kBenchHashIterations)}))
        return 1;
    // One person per connection: a second desktop login of the same person would replace the first.
    std::vector<std::unique_ptr<LoadClient>> first;
    if (!connectAll(first, process.port(), {QStringLiteral("alice")}, 1))
        return 1;
    const QStringList logins = loginNames(*first.front(), count + 3).mid(1); // alice is already here
    // A first round logs everyone in and out, a few hundred at a time: the store's pages for these people and
    // their tokens are warm before the figure is taken, so it counts connections rather than the directory, while
    // the allocator keeps at most one wave's worth of freed connections to hand back to the second round.
    std::vector<std::unique_ptr<LoadClient>> clients;
    constexpr int kWarmWave = 250;
    if (logins.size() < count)
        return 1;
    for (int start = 0; start < count; start += kWarmWave) {
        if (!connectAll(clients, process.port(), logins.mid(start, kWarmWave), std::min(kWarmWave, count - start)))
            return 1;
        clients.clear();
    }
    waitFor([] { return false; }, 2000); // the server notices every departure
    const double before = rssMb(process.pid());
    QElapsedTimer timer;
    timer.start();
    if (!connectAll(clients, process.port(), logins, count)) {
        QTextStream(stderr) << "confab-bench: not every connection logged in\n";
        return 1;
    }
    const double connectSeconds = double(timer.elapsed()) / 1000.0;
    waitFor([] { return false; }, 1000);
    const double after = rssMb(process.pid());
    printFigure(QStringLiteral("connections"), double(count), QStringLiteral("connections"));
    printFigure(QStringLiteral("connect_login_s"), connectSeconds, QStringLiteral("s"));
    printFigure(QStringLiteral("server_rss_mb"), after, QStringLiteral("MB"));
    printFigure(QStringLiteral("rss_kb_per_conn"), (after - before) * 1024.0 / double(count), QStringLiteral("kB"));
    return 0;
}

} // namespace confab::bench
