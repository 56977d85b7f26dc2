#include "clientstartbench.h"

#include "benchfigures.h"
#include "cache/localcache.h"
#include "messaging/messenger.h"
#include "model/departmenttreemodel.h"
#include "net/serverconnection.h"
#include "serverprocess.h"
#include "sync/directorysync.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

namespace confab::bench {

using namespace protocol;

namespace {
constexpr int kSessions = 200; // alice's recent conversations

// The peak RSS of the desktop app signing in at `port` with its settings and cache under `home`; -1 if it failed.
double appPeakRssMb(quint16 port, const QString &home);
} // namespace

int runClientStartChild(const QString &cachePath)
{
    client::LocalCache cache(cachePath);
    if (!cache.open(nullptr))
        return 1;
    client::ServerConnection offline; // a cold start reads the cache before any network answers
    client::DepartmentTreeModel model;
    client::DirectorySync sync(offline, model);
    sync.setCache(&cache);
    client::Messenger messenger(offline, &cache, model);
    int people = -1;
    QObject::connect(&sync, &client::DirectorySync::cacheLoaded, [&](int count) { people = count; });
    sync.loadCache();
    messenger.loadCache();
    if (!waitFor([&] { return people >= 0 && messenger.isCacheLoaded(); }, 60'000))
        return 1;
    QTextStream out(stdout);
    out << "ready " << people << ' ' << rssMb(QCoreApplication::applicationPid()) << ' '
        << messenger.sessions().rowCount() << '\n';
    out.flush(); // the parent times the start by this line
    return 0;
}

int runClientStartBench(int users)
{
    QTextStream err(stderr);
    ServerProcess server;
    if (!server.start(users))
        return 1;
    QTemporaryDir cacheDir;
    const QString cachePath = cacheDir.filePath(QStringLiteral("alice.sqlite"));
    {
        client::ServerConnection connection;
        client::ServerEndpoint endpoint;
        endpoint.host = QStringLiteral("127.0.0.1");
        endpoint.port = server.port();
        endpoint.tls = false; // the server runs --insecure
        connection.open(endpoint);
        if (!waitFor([&] { return connection.state() == client::ServerConnection::State::Connected; }, 10'000))
            return 1;
        pb::LoginRequest login;
        login.set_login_name("alice");
        login.set_password("demo");
        login.set_client_type(pb::CLIENT_TYPE_LINUX);
        bool loggedIn = false;
        quint64 selfId = 0;
        connection.call<rpc::Login>(login, nullptr, [&](auto r) {
            loggedIn = r.ok();
            selfId = r.value.user().id();
        });
        if (!waitFor([&] { return loggedIn; }, 10'000))
            return 1;

        // Alice has recent conversations, as anyone who uses the messenger does.
        int sent = 0;
        for (int i = 0; i < kSessions; ++i) {
            pb::SendMessageRequest message;
            message.mutable_to()->set_type(pb::SESSION_TYPE_SINGLE);
            const quint64 peer = quint64(i) + 1 >= selfId ? quint64(i) + 2 : quint64(i) + 1; // anyone but alice
            message.mutable_to()->set_peer_id(peer);
            message.set_kind(pb::MESSAGE_KIND_TEXT);
            message.set_text("see you at the review");
            message.set_client_msg_id("bench-" + std::to_string(i));
            connection.call<rpc::SendMessage>(message, nullptr, [&](auto r) { sent += r.ok() ? 1 : 0; });
        }
        if (!waitFor([&] { return sent == kSessions; }, 30'000))
            return 1;

        client::LocalCache cache(cachePath);
        if (!cache.open(nullptr))
            return 1;
        client::DepartmentTreeModel model;
        client::DirectorySync sync(connection, model);
        sync.setCache(&cache);
        client::Messenger messenger(connection, &cache, model);
        bool finished = false;
        QObject::connect(&sync, &client::DirectorySync::finished, [&] { finished = true; });
        QElapsedTimer timer;
        timer.start();
        sync.start();
        messenger.setOnline(true, selfId);
        if (!waitFor([&] { return finished && messenger.isSynced(); }, 120'000) || model.personCount() != users ||
            messenger.sessions().rowCount() != kSessions) {
            err << "the first sync did not finish with " << users << " people and " << kSessions << " sessions\n";
            return 1;
        }
        cache.flush(); // the first sync is done when the cache holds it
        printFigure(QStringLiteral("first_sync_s"), timer.elapsed() / 1000.0, QStringLiteral("s"));

        // What one keystroke in the search box costs over the whole organisation: the cache's index, answered on
        // its thread, as the search box asks it.
        QElapsedTimer search;
        search.start();
        int found = 0;
        int answers = 0;
        QObject receiver; // answers arrive on this thread
        const std::vector<QString> typed = {QStringLiteral("w"),    QStringLiteral("wa"), QStringLiteral("wan"),
                                            QStringLiteral("wang"), QStringLiteral("zs"), QStringLiteral("alice")};
        for (const QString &text : typed)
            cache.read<std::vector<quint64>>(
                &receiver, [text](client::CacheDatabase &db) { return db.searchPeople(text, 30); },
                [&](std::vector<quint64> ids) {
                    found += int(ids.size());
                    ++answers;
                });
        if (!waitFor([&] { return answers == int(typed.size()); }, 30'000) || found == 0) {
            err << "the people search did not answer, or found nobody\n";
            return 1;
        }
        printFigure(QStringLiteral("people_search_ms"), search.elapsed() / double(typed.size()), QStringLiteral("ms"));
    }

    // Cold start: a new process, from spawn to the department model populated from the cache (its "ready" line;
    // tearing the process down afterwards is not part of starting).
    QElapsedTimer timer;
    timer.start();
    QProcess child;
    QString output;
    qint64 readyMs = -1;
    QObject::connect(&child, &QProcess::readyReadStandardOutput, [&] {
        output += QString::fromUtf8(child.readAllStandardOutput());
        if (readyMs < 0 && output.contains(QLatin1Char('\n')))
            readyMs = timer.elapsed();
    });
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("client-start-child"), cachePath});
    if (!waitFor([&] { return child.state() == QProcess::NotRunning; }, 120'000) || child.exitCode() != 0 ||
        readyMs < 0) {
        err << "the cold start failed: " << child.readAllStandardError() << "\n";
        return 1;
    }
    const double coldSeconds = readyMs / 1000.0;
    const QStringList ready = output.trimmed().split(QLatin1Char(' '));
    if (ready.size() != 4 || ready[1].toInt() != users || ready[3].toInt() != kSessions) {
        err << "the cold start loaded " << ready.value(1) << " people and " << ready.value(3) << " sessions, not "
            << users << " and " << kSessions << "\n";
        return 1;
    }
    printFigure(QStringLiteral("cold_start_s"), coldSeconds, QStringLiteral("s"));
    printFigure(QStringLiteral("rss_mb"), ready[2].toDouble(), QStringLiteral("MB"));

    // The whole desktop app, widgets included, as a person starts it: the first sync into an empty cache, then a
    // start from that cache. Its screenshot mode signs in, waits for the sync and quits.
    QTemporaryDir home;
    const double firstSync = appPeakRssMb(server.port(), home.path());
    const double fromCache = appPeakRssMb(server.port(), home.path());
    if (firstSync < 0 || fromCache < 0)
        return 1;
    printFigure(QStringLiteral("app_first_sync_peak_rss_mb"), firstSync, QStringLiteral("MB"));
    printFigure(QStringLiteral("app_cache_start_peak_rss_mb"), fromCache, QStringLiteral("MB"));
    return 0;
}

namespace {
double appPeakRssMb(quint16 port, const QString &home)
{
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *dir : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        env.insert(QLatin1String(dir), home + QLatin1Char('/') + QLatin1String(dir));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(CONFAB_CLIENT_BINARY),
              {QStringLiteral("--server"), QStringLiteral("tcp://127.0.0.1:%1").arg(port), QStringLiteral("--user"),
               QStringLiteral("alice"), QStringLiteral("--password-stdin"), QStringLiteral("--screenshot"),
               home + QStringLiteral("/main.png"), QStringLiteral("--window"), QStringLiteral("main")});
    app.write("demo\n");
    app.closeWriteChannel();
    // The high-water mark only grows, so the last reading before the app quits is its peak.
    double peak = -1;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (const double hwm = peakRssMb(app.processId()); hwm > 0)
            peak = hwm;
    });
    poll.start(20);
    if (!waitFor([&] { return app.state() == QProcess::NotRunning; }, 120'000) || app.exitCode() != 0 || peak < 0) {
        QTextStream(stderr) << "the desktop app did not sign in, sync and quit: " << app.readAllStandardError() << "\n";
        return -1;
    }
    return peak;
}
} // namespace

} // namespace confab::bench
