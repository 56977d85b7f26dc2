#include "clicommands.h"

#include "protocol/errors.h"

#include <QTimer>

namespace confab::cli {

using namespace protocol;

namespace {

pb::Presence parsePresence(const QString &word, bool *ok)
{
    static const QHash<QString, pb::Presence> names = {{QStringLiteral("online"), pb::PRESENCE_ONLINE},
                                                       {QStringLiteral("away"), pb::PRESENCE_AWAY},
                                                       {QStringLiteral("busy"), pb::PRESENCE_BUSY},
                                                       {QStringLiteral("invisible"), pb::PRESENCE_INVISIBLE}};
    *ok = names.contains(word.toLower());
    return names.value(word.toLower());
}

} // namespace

CliCommands::CliCommands(client::ServerConnection &connection, CliOutput &out, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_out(out)
{}

QString CliCommands::validate(const QStringList &command)
{
    const QString verb = command.value(0);
    const QString object = command.value(1);
    if (verb == QLatin1String("login") || verb == QLatin1String("watch"))
        return command.size() == 1 ? QString() : QStringLiteral("%1 takes no arguments").arg(verb);
    if (verb == QLatin1String("sync"))
        return (command.size() == 2 && QStringList{QStringLiteral("departments"), QStringLiteral("users"),
                                                   QStringLiteral("buddies"), QStringLiteral("groups")}
                                           .contains(object))
                   ? QString()
                   : QStringLiteral("usage: sync departments|users|buddies|groups [--since CURSOR]");
    if (verb == QLatin1String("presence")) {
        bool ok = false;
        if (object == QLatin1String("set") && command.size() == 3 && (parsePresence(command[2], &ok), ok))
            return {};
        if (object == QLatin1String("get") && command.size() >= 3)
            return {};
        return QStringLiteral("usage: presence set online|away|busy|invisible, or presence get ID...");
    }
    if (verb == QLatin1String("buddy"))
        return ((object == QLatin1String("add") || object == QLatin1String("remove")) && command.size() == 3)
                   ? QString()
                   : QStringLiteral("usage: buddy add|remove ID");
    if (const std::optional<QString> problem = validateMessaging(command))
        return *problem;
    return verb.isEmpty() ? QStringLiteral("no command given (see --help)")
                          : QStringLiteral("unknown command '%1' (see --help)").arg(verb);
}

void CliCommands::reportRefusal(pb::ErrorCode code, const QString &message)
{
    m_out.error(QStringLiteral("%1: %2").arg(errorName(code), message));
    emit finish(code == pb::ERROR_UNAVAILABLE ? ExitUnreachable : ExitRefused);
}

std::vector<quint64> CliCommands::ids(const QStringList &words, bool *ok)
{
    std::vector<quint64> out;
    *ok = true;
    for (const QString &word : words) {
        bool good = false;
        out.push_back(word.toULongLong(&good));
        *ok = *ok && good && out.back() != 0;
    }
    return out;
}

void CliCommands::usageError(const QString &text)
{
    m_out.error(text);
    emit finish(ExitUsage);
}

void CliCommands::run(const QStringList &command, const CliOptions &options)
{
    const quint64 since = options.since;
    const QString verb = command.value(0);
    const QString object = command.value(1);
    if (verb == QLatin1String("login")) {
        emit finish(ExitOk); // the login itself was printed by the caller
    } else if (verb == QLatin1String("sync") && object == QLatin1String("departments")) {
        syncPages<rpc::DepartmentSync>(QStringLiteral("department"), since, 0, [this](const auto &r) {
            for (const auto &row : r.departments())
                m_out.message(QStringLiteral("department"), row);
            return r.departments_size();
        });
    } else if (verb == QLatin1String("sync") && object == QLatin1String("users")) {
        syncPages<rpc::UserSync>(QStringLiteral("user"), since, 0, [this](const auto &r) {
            for (const auto &row : r.users())
                m_out.message(QStringLiteral("user"), row);
            return r.users_size();
        });
    } else if (verb == QLatin1String("sync") && object == QLatin1String("buddies")) {
        syncPages<rpc::BuddySync>(QStringLiteral("buddy"), since, 0, [this](const auto &r) {
            for (const auto &row : r.buddies())
                m_out.message(QStringLiteral("buddy"), row);
            return r.buddies_size();
        });
    } else if (verb == QLatin1String("sync") && object == QLatin1String("groups")) {
        syncPages<rpc::GroupListSync>(QStringLiteral("group"), since, 0, [this](const auto &r) {
            for (const auto &row : r.groups())
                m_out.message(QStringLiteral("group"), row);
            return r.groups_size();
        });
    } else if (verb == QLatin1String("presence") && object == QLatin1String("set")) {
        bool ok = false;
        pb::SetPresenceRequest request;
        request.set_presence(parsePresence(command[2], &ok));
        m_connection.call<rpc::SetPresence>(request, this, [this](auto result) {
            if (refused(result))
                return;
            m_out.message(QStringLiteral("presence"), result.value);
            emit finish(ExitOk);
        });
    } else if (verb == QLatin1String("presence") && object == QLatin1String("get")) {
        bool ok = false;
        pb::PresenceQueryRequest request;
        for (quint64 id : ids(command.mid(2), &ok))
            request.add_user_ids(id);
        if (!ok) {
            m_out.error(QStringLiteral("user ids are positive numbers"));
            emit finish(ExitUsage);
            return;
        }
        m_connection.call<rpc::PresenceQuery>(request, this, [this](auto result) {
            if (refused(result))
                return;
            for (const auto &p : result.value.presences())
                m_out.message(QStringLiteral("presence"), p);
            emit finish(ExitOk);
        });
    } else if (verb == QLatin1String("buddy")) {
        bool ok = false;
        const std::vector<quint64> id = ids({command[2]}, &ok);
        if (!ok) {
            m_out.error(QStringLiteral("a user id is a positive number"));
            emit finish(ExitUsage);
            return;
        }
        const auto done = [this](auto result) {
            if (refused(result))
                return;
            m_out.fields({{QStringLiteral("cursor"), QVariant::fromValue(result.value.cursor())}});
            emit finish(ExitOk);
        };
        if (object == QLatin1String("add")) {
            pb::AddBuddyRequest request;
            request.set_user_id(id[0]);
            m_connection.call<rpc::AddBuddy>(request, this, done);
        } else {
            pb::RemoveBuddyRequest request;
            request.set_user_id(id[0]);
            m_connection.call<rpc::RemoveBuddy>(request, this, done);
        }
    } else if (verb == QLatin1String("watch")) {
        watch(options.forSeconds);
    } else {
        runMessaging(command, options);
    }
}

template <class Rpc, class AddRows>
void CliCommands::syncPages(const QString &kind, quint64 cursor, quint64 rowsSoFar, AddRows printRows)
{
    pb::SyncRequest request;
    request.set_cursor(cursor);
    m_connection.call<Rpc>(request, this, [this, kind, rowsSoFar, printRows](auto result) {
        if (refused(result))
            return;
        const auto &response = result.value;
        const quint64 rows = rowsSoFar + quint64(printRows(response));
        QVariantList removed;
        for (quint64 id : response.removed())
            removed << QVariant::fromValue(id);
        if (!removed.isEmpty() || response.page().reset())
            m_out.fields({{QStringLiteral("removed"), removed}, {QStringLiteral("reset"), response.page().reset()}});
        if (response.page().has_more()) {
            syncPages<Rpc>(kind, response.page().cursor(), rows, printRows);
            return;
        }
        m_out.fields({{QStringLiteral("data_set"), kind},
                      {QStringLiteral("rows"), QVariant::fromValue(rows)},
                      {QStringLiteral("cursor"), QVariant::fromValue(response.page().cursor())}});
        emit finish(ExitOk);
    });
}

void CliCommands::watch(int forSeconds)
{
    connect(&m_connection, &client::ServerConnection::pushReceived, this, [this](const Frame &frame) {
        const DecodedBody body = decodeBody(frame);
        if (body.error != pb::ERROR_NONE) {
            m_out.error(QStringLiteral("unreadable push %1:%2").arg(frame.command.service).arg(frame.command.command));
            return;
        }
        m_out.message(QLatin1String(body.info->name.data(), qsizetype(body.info->name.size())), *body.message);
        if (frame.command == oneway::Kick::id)
            emit finish(ExitUnreachable);
    });
    if (forSeconds > 0)
        QTimer::singleShot(forSeconds * 1000, this, [this] { emit finish(ExitOk); });
}

} // namespace confab::cli
