// confab-cli's messaging and group commands: send, history, sessions, read, receipts, group ….
#include "clicommands.h"
#include "protocol/errors.h"

#include <QUuid>

namespace confab::cli {

using namespace protocol;

namespace {

const QString kGroupPrefix = QStringLiteral("group:");

bool isCount(const QString &word)
{
    bool ok = false;
    return word.toULongLong(&ok) > 0 && ok;
}

bool isConversation(const QString &word)
{
    return word.startsWith(kGroupPrefix) ? isCount(word.mid(kGroupPrefix.size())) : !word.isEmpty();
}

} // namespace

std::optional<QString> CliCommands::validateMessaging(const QStringList &command)
{
    const QString verb = command.value(0);
    const qsizetype n = command.size();
    if (verb == QLatin1String("send"))
        return n >= 2 ? QString() : QStringLiteral("usage: send --to USER|--group ID TEXT");
    if (verb == QLatin1String("history"))
        return n == 2 && isConversation(command[1])
                   ? QString()
                   : QStringLiteral("usage: history USER|group:ID [--before ID] [--limit N]");
    if (verb == QLatin1String("sessions"))
        return n == 1 ? QString() : QStringLiteral("sessions takes no arguments");
    if (verb == QLatin1String("read"))
        return n == 3 && isConversation(command[1]) && isCount(command[2])
                   ? QString()
                   : QStringLiteral("usage: read USER|group:ID UPTO_ID");
    if (verb == QLatin1String("receipts"))
        return n == 3 && command[1].startsWith(kGroupPrefix) && isConversation(command[1]) && isCount(command[2])
                   ? QString()
                   : QStringLiteral("usage: receipts group:ID MESSAGE_ID");
    if (verb != QLatin1String("group"))
        return std::nullopt;
    const QString what = command.value(1);
    const bool hasId = isCount(command.value(2));
    static const QString usage =
        QStringLiteral("usage: group list | create NAME [USER...] | members ID | invite|remove ID USER... | leave ID"
                       " | transfer ID USER | rename ID NAME | announce ID TEXT | mute ID on|off | dissolve ID");
    if (what == QLatin1String("list"))
        return n == 2 ? QString() : usage;
    if (what == QLatin1String("create"))
        return n >= 3 ? QString() : usage;
    if (what == QLatin1String("members") || what == QLatin1String("leave") || what == QLatin1String("dissolve"))
        return n == 3 && hasId ? QString() : usage;
    if (what == QLatin1String("invite") || what == QLatin1String("remove") || what == QLatin1String("rename") ||
        what == QLatin1String("announce"))
        return n >= 4 && hasId ? QString() : usage;
    if (what == QLatin1String("transfer"))
        return n == 4 && hasId ? QString() : usage;
    if (what == QLatin1String("mute"))
        return n == 4 && hasId && (command[3] == QLatin1String("on") || command[3] == QLatin1String("off")) ? QString()
                                                                                                            : usage;
    return usage;
}

void CliCommands::resolveUsers(const QStringList &names, std::function<void(std::vector<quint64>)> then)
{
    if (names.isEmpty()) {
        then({});
        return;
    }
    pb::UserInfoRequest request;
    for (const QString &name : names)
        request.add_login_names(name.toStdString());
    m_connection.call<rpc::UserInfo>(request, this, [this, names, then](auto result) {
        if (refused(result))
            return;
        std::vector<quint64> found;
        for (const QString &name : names) {
            const auto &users = result.value.users();
            const auto it = std::find_if(users.begin(), users.end(), [&](const pb::User &u) {
                return QString::fromStdString(u.login_name()).compare(name, Qt::CaseInsensitive) == 0;
            });
            if (it == users.end()) {
                m_out.error(QStringLiteral("%1: no user '%2'").arg(errorName(pb::ERROR_UNKNOWN_RECIPIENT), name));
                emit finish(ExitRefused);
                return;
            }
            found.push_back(it->id());
        }
        then(std::move(found));
    });
}

void CliCommands::resolveConversation(const QString &word, std::function<void(pb::Conversation)> then)
{
    pb::Conversation conversation;
    if (word.startsWith(kGroupPrefix)) {
        conversation.set_type(pb::SESSION_TYPE_GROUP);
        conversation.set_peer_id(word.mid(kGroupPrefix.size()).toULongLong());
        then(conversation);
        return;
    }
    resolveUsers({word}, [then, conversation](std::vector<quint64> ids) mutable {
        conversation.set_type(pb::SESSION_TYPE_SINGLE);
        conversation.set_peer_id(ids.front());
        then(conversation);
    });
}

void CliCommands::runMessaging(const QStringList &command, const CliOptions &options)
{
    const QString verb = command.value(0);
    if (verb == QLatin1String("send")) {
        if (options.to.isEmpty() == (options.group == 0)) {
            usageError(QStringLiteral("send needs exactly one of --to USER and --group ID"));
            return;
        }
        const QString target = options.group != 0 ? kGroupPrefix + QString::number(options.group) : options.to;
        const QString text = command.mid(1).join(QLatin1Char(' '));
        const QString clientId =
            options.clientId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : options.clientId;
        resolveConversation(target, [this, text, clientId](pb::Conversation to) {
            pb::SendMessageRequest request;
            *request.mutable_to() = to;
            request.set_client_msg_id(clientId.toStdString());
            request.set_kind(pb::MESSAGE_KIND_TEXT);
            request.set_text(text.toStdString());
            callAndPrint<rpc::SendMessage>(request, QStringLiteral("sent"));
        });
    } else if (verb == QLatin1String("history")) {
        const quint64 before = options.before;
        const int limit = options.limit;
        resolveConversation(command[1], [this, before, limit](pb::Conversation conversation) {
            pb::HistoryRequest request;
            *request.mutable_conversation() = conversation;
            request.set_from_id(before);
            request.set_limit(quint32(limit));
            request.set_direction(pb::HISTORY_BACKWARD);
            m_connection.call<rpc::History>(request, this, [this](auto result) {
                if (refused(result))
                    return;
                const auto &messages = result.value.messages();
                for (auto it = messages.rbegin(); it != messages.rend(); ++it) // oldest first, as people read
                    m_out.message(QStringLiteral("message"), *it);
                m_out.fields({{QStringLiteral("messages"), messages.size()},
                              {QStringLiteral("latest_id"), QVariant::fromValue(result.value.latest_id())},
                              {QStringLiteral("has_more"), result.value.has_more()}});
                emit finish(ExitOk);
            });
        });
    } else if (verb == QLatin1String("sessions")) {
        sessions(std::make_shared<std::vector<pb::Session>>(), 0);
    } else if (verb == QLatin1String("read")) {
        const quint64 upTo = command[2].toULongLong();
        resolveConversation(command[1], [this, upTo](pb::Conversation conversation) {
            pb::ReadAckRequest request;
            *request.mutable_conversation() = conversation;
            request.set_up_to_id(upTo);
            callAndPrint<rpc::ReadAck>(request, QStringLiteral("read"));
        });
    } else if (verb == QLatin1String("receipts")) {
        pb::ReceiptsRequest request;
        request.mutable_conversation()->set_type(pb::SESSION_TYPE_GROUP);
        request.mutable_conversation()->set_peer_id(command[1].mid(kGroupPrefix.size()).toULongLong());
        request.set_message_id(command[2].toULongLong());
        callAndPrint<rpc::Receipts>(request, QStringLiteral("receipts"));
    } else if (verb == QLatin1String("group")) {
        runGroup(command, options);
    }
}

void CliCommands::sessions(std::shared_ptr<std::vector<pb::Session>> collected, quint64 cursor)
{
    pb::SyncRequest request;
    request.set_cursor(cursor);
    m_connection.call<rpc::SessionSync>(request, this, [this, collected](auto result) {
        if (refused(result))
            return;
        for (const pb::Session &s : result.value.sessions())
            collected->push_back(s);
        if (result.value.page().has_more()) {
            sessions(collected, result.value.page().cursor());
            return;
        }
        // As people see the list: pinned first, then the most recent.
        std::stable_sort(collected->begin(), collected->end(), [](const pb::Session &a, const pb::Session &b) {
            return std::make_tuple(a.pinned(), a.updated_ms()) > std::make_tuple(b.pinned(), b.updated_ms());
        });
        quint64 total = 0;
        for (const pb::Session &s : *collected) {
            m_out.message(QStringLiteral("session"), s);
            total += s.unread();
        }
        m_out.fields({{QStringLiteral("sessions"), QVariant::fromValue(quint64(collected->size()))},
                      {QStringLiteral("unread"), QVariant::fromValue(total)},
                      {QStringLiteral("cursor"), QVariant::fromValue(result.value.page().cursor())}});
        emit finish(ExitOk);
    });
}

void CliCommands::runGroup(const QStringList &command, const CliOptions &options)
{
    const QString what = command[1];
    const quint64 groupId = command.value(2).toULongLong();
    const auto printGroup = [this](const pb::GroupInfo &group) { m_out.message(QStringLiteral("group"), group); };
    if (what == QLatin1String("list")) {
        pb::SyncRequest request;
        m_connection.call<rpc::GroupListSync>(request, this, [this, printGroup](auto result) {
            if (refused(result))
                return;
            pb::GroupInfoRequest info;
            for (const pb::GroupVersion &v : result.value.groups())
                info.add_known()->set_group_id(v.group_id());
            m_connection.call<rpc::GroupInfo>(info, this, [this, printGroup](auto details) {
                if (refused(details))
                    return;
                for (const pb::GroupInfo &g : details.value.groups())
                    printGroup(g);
                m_out.fields({{QStringLiteral("groups"), details.value.groups_size()}});
                emit finish(ExitOk);
            });
        });
    } else if (what == QLatin1String("create")) {
        const QString name = command[2];
        const QString clientId =
            options.clientId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : options.clientId;
        resolveUsers(command.mid(3), [this, name, clientId, printGroup](std::vector<quint64> members) {
            pb::CreateGroupRequest request;
            request.set_name(name.toStdString());
            request.set_client_request_id(clientId.toStdString());
            for (quint64 id : members)
                request.add_member_ids(id);
            m_connection.call<rpc::CreateGroup>(request, this, [this, printGroup](auto result) {
                if (refused(result))
                    return;
                printGroup(result.value.group());
                emit finish(ExitOk);
            });
        });
    } else if (what == QLatin1String("members")) {
        pb::GroupMembersRequest request;
        request.set_group_id(groupId);
        m_connection.call<rpc::GroupMembers>(request, this, [this](auto result) {
            if (refused(result))
                return;
            for (const pb::GroupMember &m : result.value.members())
                m_out.message(QStringLiteral("member"), m);
            m_out.fields({{QStringLiteral("members"), result.value.members_size()},
                          {QStringLiteral("version"), QVariant::fromValue(result.value.version())}});
            emit finish(ExitOk);
        });
    } else if (what == QLatin1String("invite") || what == QLatin1String("remove") || what == QLatin1String("leave") ||
               what == QLatin1String("transfer")) {
        const auto change = what == QLatin1String("invite")     ? pb::MEMBER_CHANGE_ADD
                            : what == QLatin1String("transfer") ? pb::MEMBER_CHANGE_TRANSFER_OWNERSHIP
                                                                : pb::MEMBER_CHANGE_REMOVE;
        const auto apply = [this, groupId, change](std::vector<quint64> users) {
            pb::ChangeMembersRequest request;
            request.set_group_id(groupId);
            request.set_change(change);
            for (quint64 id : users)
                request.add_user_ids(id);
            callAndPrint<rpc::ChangeMembers>(request, QStringLiteral("members"));
        };
        if (what == QLatin1String("leave"))
            apply({options.selfId});
        else
            resolveUsers(command.mid(3), apply);
    } else if (what == QLatin1String("rename") || what == QLatin1String("announce")) {
        pb::UpdateGroupRequest request;
        request.set_group_id(groupId);
        const std::string text = command.mid(3).join(QLatin1Char(' ')).toStdString();
        if (what == QLatin1String("rename"))
            request.set_name(text);
        else
            request.set_announcement(text);
        m_connection.call<rpc::UpdateGroup>(request, this, [this, printGroup](auto result) {
            if (refused(result))
                return;
            printGroup(result.value.group());
            emit finish(ExitOk);
        });
    } else if (what == QLatin1String("mute")) {
        pb::MuteGroupRequest request;
        request.set_group_id(groupId);
        request.set_muted(command[3] == QLatin1String("on"));
        callAndPrint<rpc::MuteGroup>(request, QStringLiteral("mute"));
    } else if (what == QLatin1String("dissolve")) {
        pb::DissolveGroupRequest request;
        request.set_group_id(groupId);
        callAndPrint<rpc::DissolveGroup>(request, QStringLiteral("dissolved"));
    }
}

} // namespace confab::cli
