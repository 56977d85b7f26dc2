#include "admincommand.h"

#include "admin/directoryadmin.h"
#include "admin/orgimport.h"
#include "store/sqlitestore.h"
#include "store/storagethread.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace confab;
using namespace confab::server;

namespace {

const char *kUsage = R"(Usage: confab-server admin --data-dir DIR COMMAND

Commands:
  import-org FILE [--mark-missing-left]   import people and departments from FILE.csv or FILE.json
  user add LOGIN --name NAME --department PATH [--email E] [--password-stdin]
  user passwd LOGIN --password-stdin      set a password (signs the user's devices out)
  user disable LOGIN                      the person left: no login, devices signed out
  user enable LOGIN
  user list [--json]
  dept add PATH [--priority N]            e.g. "R&D/Client"; missing parents are created
  dept rename ID NAME
  dept move ID NEW_PARENT_ID              0 for the top level
  dept close ID                           only an empty department can close

CSV columns: login_name, real_name, department (a path such as R&D/Client) and optionally nick, gender
(male/female/m/f/男/女), email, phone, pinyin, title, status (active/left), password.
JSON: {"departments": [{"path": "...", "priority": N}], "users": [{the same keys}]}.
)";

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &message, int code = 1)
{
    err() << "confab-server admin: " << message << "\n";
    err().flush();
    return code;
}

quint64 parseId(const QString &text, bool allowZero, bool *ok)
{
    const quint64 id = text.toULongLong(ok);
    *ok = *ok && (allowZero || id > 0);
    return id;
}

QString readPassword()
{
    QTextStream in(stdin);
    return in.readLine();
}

} // namespace

int runAdminCommand(const QStringList &arguments)
{
    QCommandLineParser args;
    args.addOptions({
        {QStringLiteral("data-dir"), QStringLiteral("The server's data dir."), QStringLiteral("DIR")},
        {QStringLiteral("mark-missing-left"), QStringLiteral("import-org: people not in the file have left.")},
        {QStringLiteral("name"), QStringLiteral("Real name."), QStringLiteral("NAME")},
        {QStringLiteral("department"), QStringLiteral("Department path."), QStringLiteral("PATH")},
        {QStringLiteral("email"), QStringLiteral("Email address."), QStringLiteral("EMAIL")},
        {QStringLiteral("password-stdin"), QStringLiteral("Read a password from standard input.")},
        {QStringLiteral("priority"), QStringLiteral("Sort position among siblings."), QStringLiteral("N"),
         QStringLiteral("0")},
        {QStringLiteral("json"), QStringLiteral("JSON output.")},
        {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help.")},
    });
    if (!args.parse(arguments))
        return fail(args.errorText(), 2);
    const QStringList words = args.positionalArguments().mid(1); // drop "admin"
    if (args.isSet(QStringLiteral("help")) || words.isEmpty()) {
        out() << kUsage;
        return words.isEmpty() && !args.isSet(QStringLiteral("help")) ? 2 : 0;
    }
    if (!args.isSet(QStringLiteral("data-dir")))
        return fail(QStringLiteral("--data-dir is required"), 2);
    const QString dataDir = args.value(QStringLiteral("data-dir"));
    if (!QDir(dataDir).exists())
        return fail(QStringLiteral("no data dir %1").arg(dataDir), 2);

    StorageThread storage(std::make_unique<SqliteStore>(QDir(dataDir).filePath(QStringLiteral("confab.sqlite"))));
    try {
        storage.start();
    } catch (const StoreError &e) {
        return fail(QString::fromUtf8(e.what()));
    }

    const QString verb = words.value(0);
    const QString object = words.value(1);
    bool ok = true;
    try {
        if (verb == QLatin1String("import-org") && words.size() == 2) {
            const OrgImport import = parseOrgFile(words[1]);
            if (!import.errors.isEmpty()) {
                for (const QString &e : import.errors)
                    err() << words[1] << ": " << e << "\n";
                return fail(QStringLiteral("%1 problems; nothing was imported").arg(import.errors.size()));
            }
            const bool markLeft = args.isSet(QStringLiteral("mark-missing-left"));
            const ImportSummary s =
                storage.blocking([&](Store &store) { return applyOrgImport(store, import, markLeft); });
            out() << "Imported " << words[1] << ": " << s.usersCreated << " people added, " << s.usersUpdated
                  << " updated, " << s.usersMarkedLeft << " marked as left; " << s.departmentsCreated
                  << " departments added, " << s.departmentsUpdated << " updated.\n";
        } else if (verb == QLatin1String("user") && object == QLatin1String("add") && words.size() == 3) {
            const QString password = args.isSet(QStringLiteral("password-stdin")) ? readPassword() : QString();
            const pb::User user = storage.blocking([&](Store &store) {
                return admin::addUser(store, words[2], args.value(QStringLiteral("name")),
                                      args.value(QStringLiteral("department")), args.value(QStringLiteral("email")),
                                      password);
            });
            out() << "Added user " << QString::fromStdString(user.login_name()) << " (id " << user.id() << ")"
                  << (password.isEmpty() ? "; set a password with 'user passwd' before they can log in" : "") << ".\n";
        } else if (verb == QLatin1String("user") && object == QLatin1String("passwd") && words.size() == 3) {
            if (!args.isSet(QStringLiteral("password-stdin")))
                return fail(QStringLiteral("give the password with --password-stdin"), 2);
            const QString password = readPassword();
            storage.blocking([&](Store &store) {
                admin::setPassword(store, words[2], password);
                return true;
            });
            out() << "Password of " << words[2] << " changed; their devices were signed out.\n";
        } else if (verb == QLatin1String("user") &&
                   (object == QLatin1String("disable") || object == QLatin1String("enable")) && words.size() == 3) {
            const bool enable = object == QLatin1String("enable");
            storage.blocking([&](Store &store) { return admin::setEnabled(store, words[2], enable); });
            out() << "User " << words[2] << (enable ? " enabled.\n" : " disabled; their devices are signed out.\n");
        } else if (verb == QLatin1String("user") && object == QLatin1String("list") && words.size() == 2) {
            const auto users = storage.blocking([](Store &store) { return store.allUsers(); }, false);
            for (const pb::User &u : users) {
                const QString login = QString::fromStdString(u.login_name());
                const QString name = QString::fromStdString(u.real_name());
                const bool left = u.status() == pb::USER_STATUS_LEFT;
                if (args.isSet(QStringLiteral("json"))) {
                    const QJsonObject o{
                        {QStringLiteral("id"), QString::number(u.id())},
                        {QStringLiteral("login_name"), login},
                        {QStringLiteral("real_name"), name},
                        {QStringLiteral("department_id"), QString::number(u.department_id())},
                        {QStringLiteral("status"), left ? QStringLiteral("left") : QStringLiteral("active")}};
                    out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << "\n";
                } else {
                    out() << u.id() << "\t" << login << "\t" << name << "\t" << u.department_id()
                          << (left ? "\tleft" : "") << "\n";
                }
            }
        } else if (verb == QLatin1String("dept") && object == QLatin1String("add") && words.size() == 3) {
            const int priority = args.value(QStringLiteral("priority")).toInt(&ok);
            if (!ok)
                return fail(QStringLiteral("--priority takes a number"), 2);
            const quint64 id =
                storage.blocking([&](Store &store) { return admin::addDepartment(store, words[2], priority); });
            out() << "Department " << words[2] << " has id " << id << ".\n";
        } else if (verb == QLatin1String("dept") && object == QLatin1String("rename") && words.size() == 4) {
            const quint64 id = parseId(words[2], false, &ok);
            if (!ok || words[3].trimmed().isEmpty())
                return fail(QStringLiteral("usage: dept rename ID NAME"), 2);
            storage.blocking([&](Store &store) {
                admin::renameDepartment(store, id, words[3]);
                return true;
            });
            out() << "Department " << id << " renamed to " << words[3] << ".\n";
        } else if (verb == QLatin1String("dept") && object == QLatin1String("move") && words.size() == 4) {
            bool parentOk = false;
            const quint64 id = parseId(words[2], false, &ok);
            const quint64 parent = parseId(words[3], true, &parentOk);
            if (!ok || !parentOk)
                return fail(QStringLiteral("usage: dept move ID NEW_PARENT_ID"), 2);
            storage.blocking([&](Store &store) {
                admin::moveDepartment(store, id, parent);
                return true;
            });
            out() << "Department " << id << " moved under " << parent << ".\n";
        } else if (verb == QLatin1String("dept") && object == QLatin1String("close") && words.size() == 3) {
            const quint64 id = parseId(words[2], false, &ok);
            if (!ok)
                return fail(QStringLiteral("usage: dept close ID"), 2);
            storage.blocking([&](Store &store) {
                admin::closeDepartment(store, id);
                return true;
            });
            out() << "Department " << id << " closed.\n";
        } else {
            err() << kUsage;
            return fail(QStringLiteral("unknown or incomplete command: %1").arg(words.join(QLatin1Char(' '))), 2);
        }
    } catch (const StoreError &e) {
        return fail(QString::fromUtf8(e.what()));
    }
    out().flush();
    return 0;
}
