#include "clientstartbench.h"

#include "benchfigures.h"
#include "cache/localcache.h"
#include "model/departmenttreemodel.h"
#include "net/serverconnection.h"
#include "serverprocess.h"
#include "sync/directorysync.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

namespace confab::bench {

using namespace protocol;

int runClientStartChild(const QString &cachePath)
{
    client::LocalCache cache(cachePath);
    if (!cache.open(nullptr))
        return 1;
    client::ServerConnection offline; // a cold start reads the cache before any network answers
    client::DepartmentTreeModel model;
    client::DirectorySync sync(offline, model);
    sync.setCache(&cache);
    int people = -1;
    QObject::connect(&sync, &client::DirectorySync::cacheLoaded, [&](int count) { people = count; });
    sync.loadCache();
    if (!waitFor([&] { return people >= 0; }, 60'000))
        return 1;
    QTextStream out(stdout);
    out << "ready " << people << ' ' << rssMb(QCoreApplication::applicationPid()) << '\n';
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
        connection.open(endpoint);
        if (!waitFor([&] { return connection.state() == client::ServerConnection::State::Connected; }, 10'000))
            return 1;
        pb::LoginRequest login;
        login.set_login_name("alice");
        login.set_password("demo");
        login.set_client_type(pb::CLIENT_TYPE_LINUX);
        bool loggedIn = false;
        connection.call<rpc::Login>(login, nullptr, [&](auto r) { loggedIn = r.ok(); });
        if (!waitFor([&] { return loggedIn; }, 10'000))
            return 1;

        client::LocalCache cache(cachePath);
        if (!cache.open(nullptr))
            return 1;
        client::DepartmentTreeModel model;
        client::DirectorySync sync(connection, model);
        sync.setCache(&cache);
        bool finished = false;
        QObject::connect(&sync, &client::DirectorySync::finished, [&] { finished = true; });
        QElapsedTimer timer;
        timer.start();
        sync.start();
        if (!waitFor([&] { return finished; }, 120'000) || model.personCount() != users) {
            err << "the first sync did not finish with " << users << " people\n";
            return 1;
        }
        cache.flush(); // the first sync is done when the cache holds it
        printFigure(QStringLiteral("first_sync_s"), timer.elapsed() / 1000.0, QStringLiteral("s"));
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
    if (ready.size() != 3 || ready[1].toInt() != users) {
        err << "the cold start loaded " << ready.value(1) << " people, not " << users << "\n";
        return 1;
    }
    printFigure(QStringLiteral("cold_start_s"), coldSeconds, QStringLiteral("s"));
    printFigure(QStringLiteral("rss_mb"), ready[2].toDouble(), QStringLiteral("MB"));
    return 0;
}

} // namespace confab::bench
