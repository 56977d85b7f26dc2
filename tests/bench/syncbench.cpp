#include "syncbench.h"

#include "benchfigures.h"
#include "net/serverconnection.h"
#include "protocol/frame.h"
#include "serverprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

namespace confab::bench {

using namespace protocol;

namespace {

template <class Rpc>
std::optional<typename Rpc::Response> call(client::ServerConnection &c, const typename Rpc::Request &request)
{
    std::optional<client::RpcResult<typename Rpc::Response>> result;
    c.call<Rpc>(request, nullptr, [&](auto r) { result = std::move(r); });
    if (!waitFor([&] { return result.has_value(); }, 120'000) || !result->ok()) {
        QTextStream(stderr) << "request failed: " << (result ? result->message : QStringLiteral("timeout")) << "\n";
        return std::nullopt;
    }
    return std::move(result->value);
}

struct SyncOutcome
{
    bool ok = false;
    quint64 rows = 0;
    quint64 bytes = 0;    // frames received, headers included
    quint64 rowBytes = 0; // the rows' own encoded size
    quint64 cursor = 0;
};

template <class Rpc, class Rows>
SyncOutcome syncAll(client::ServerConnection &c, quint64 cursor, Rows rows)
{
    SyncOutcome outcome;
    pb::SyncRequest request;
    request.set_cursor(cursor);
    for (;;) {
        const auto page = call<Rpc>(c, request);
        if (!page)
            return outcome;
        outcome.bytes += quint64(encodedFrameSize(*page));
        for (const auto &row : rows(*page)) {
            ++outcome.rows;
            outcome.rowBytes += row.ByteSizeLong();
        }
        request.set_cursor(page->page().cursor());
        if (!page->page().has_more())
            break;
    }
    outcome.cursor = request.cursor();
    outcome.ok = true;
    return outcome;
}

} // namespace

int runSyncBench(int users)
{
    QTextStream err(stderr);
    const QString serverBinary = QStringLiteral(CONFAB_SERVER_BINARY);
    QElapsedTimer timer;
    timer.start();
    ServerProcess server;
    if (!server.start(users))
        return 1;
    const quint16 port = server.port();
    const QTemporaryDir &data = server.dataDir();
    printFigure(QStringLiteral("seed_s"), timer.elapsed() / 1000.0, QStringLiteral("s"));

    client::ServerConnection connection;
    client::ServerEndpoint endpoint;
    endpoint.host = QStringLiteral("127.0.0.1");
    endpoint.port = port;
    endpoint.tls = false; // the server runs --insecure
    connection.open(endpoint);
    if (!waitFor([&] { return connection.state() == client::ServerConnection::State::Connected; }, 10'000))
        return 1;
    pb::LoginRequest login;
    login.set_login_name("alice");
    login.set_password("demo");
    login.set_client_type(pb::CLIENT_TYPE_LINUX);
    if (!call<rpc::Login>(connection, login))
        return 1;

    const auto departmentRows = [](const pb::DepartmentSyncResponse &r) { return r.departments(); };
    const auto userRows = [](const pb::UserSyncResponse &r) { return r.users(); };

    // A client with no cache: everything, page by page.
    timer.restart();
    const SyncOutcome departments = syncAll<rpc::DepartmentSync>(connection, 0, departmentRows);
    const SyncOutcome all = syncAll<rpc::UserSync>(connection, 0, userRows);
    const double fullSeconds = timer.elapsed() / 1000.0;
    if (!departments.ok || !all.ok || all.rows != quint64(users)) {
        err << "full sync failed: " << all.rows << " users of " << users << "\n";
        return 1;
    }
    printFigure(QStringLiteral("full_sync_s"), fullSeconds, QStringLiteral("s"));
    printFigure(QStringLiteral("full_sync_bytes"), double(departments.bytes + all.bytes), QStringLiteral("B"));
    printFigure(QStringLiteral("full_sync_rows"), double(departments.rows + all.rows), QStringLiteral("rows"));

    // Nothing changed: the median of many round trips for the whole directory (departments and users).
    std::vector<qint64> samples;
    quint64 nochangeBytes = 0;
    for (int i = 0; i < 201; ++i) {
        QElapsedTimer one;
        one.start();
        const SyncOutcome d = syncAll<rpc::DepartmentSync>(connection, departments.cursor, departmentRows);
        const SyncOutcome u = syncAll<rpc::UserSync>(connection, all.cursor, userRows);
        samples.push_back(one.nsecsElapsed());
        nochangeBytes = d.bytes + u.bytes;
        if (d.rows + u.rows != 0) {
            err << "a no-change sync returned rows\n";
            return 1;
        }
    }
    std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
    printFigure(QStringLiteral("nochange_sync_us"), samples[samples.size() / 2] / 1000.0, QStringLiteral("us"));
    printFigure(QStringLiteral("nochange_sync_bytes"), double(nochangeBytes), QStringLiteral("B"));

    // 100 people change (an admin import of new titles), then the client catches up.
    QFile csv(data.filePath(QStringLiteral("changes.csv")));
    if (!csv.open(QIODevice::WriteOnly))
        return 1;
    csv.write("login_name,real_name,department,title\n");
    int written = 0;
    // Pick 100 people spread over the organisation and write their department paths.
    QHash<quint64, pb::Department> byId;
    syncAll<rpc::DepartmentSync>(connection, 0, [&byId](const pb::DepartmentSyncResponse &r) {
        for (const auto &d : r.departments())
            byId.insert(d.id(), d);
        return r.departments();
    });
    const auto pathOf = [&](quint64 id) {
        QStringList parts;
        for (quint64 at = id; at != 0 && byId.contains(at); at = byId[at].parent_id())
            parts.prepend(QString::fromStdString(byId[at].name()));
        return parts.join(QLatin1Char('/'));
    };
    pb::UserInfoRequest pick;
    for (int i = 0; i < 100; ++i)
        pick.add_user_ids(quint64(1 + (i * (users / 100)) % users));
    const auto picked = call<rpc::UserInfo>(connection, pick);
    for (const pb::User &u : picked->users()) {
        const QString name = QString::fromStdString(u.real_name()).replace(QLatin1Char('"'), QLatin1String("\"\""));
        csv.write(QStringLiteral("%1,\"%2\",\"%3\",Promoted\n")
                      .arg(QString::fromStdString(u.login_name()), name, pathOf(u.department_id()))
                      .toUtf8());
        ++written;
    }
    csv.close();
    QProcess admin;
    admin.start(serverBinary, {QStringLiteral("admin"), QStringLiteral("--data-dir"), data.path(),
                               QStringLiteral("import-org"), csv.fileName()});
    if (!admin.waitForFinished(300'000) || admin.exitCode() != 0) {
        err << "the admin import failed: " << admin.readAllStandardError() << admin.readAllStandardOutput() << "\n";
        return 1;
    }
    timer.restart();
    const SyncOutcome d = syncAll<rpc::DepartmentSync>(connection, departments.cursor, departmentRows);
    const SyncOutcome changed = syncAll<rpc::UserSync>(connection, all.cursor, userRows);
    const double incrementalMs = timer.nsecsElapsed() / 1e6;
    if (changed.rows != quint64(written)) {
        err << "the incremental sync returned " << changed.rows << " rows, expected " << written << "\n";
        return 1;
    }
    printFigure(QStringLiteral("incremental_sync_ms"), incrementalMs, QStringLiteral("ms"));
    printFigure(QStringLiteral("incremental_sync_bytes"), double(d.bytes + changed.bytes), QStringLiteral("B"));
    printFigure(QStringLiteral("changed_rows_bytes"), double(changed.rowBytes), QStringLiteral("B"));
    printFigure(QStringLiteral("incremental_over_rows_ratio"),
                double(d.bytes + changed.bytes) / double(changed.rowBytes), QStringLiteral("x"));
    printFigure(QStringLiteral("server_rss_mb"), rssMb(server.pid()), QStringLiteral("MB"));
    connection.close();
    return 0;
}

} // namespace confab::bench
