#include "protocol/commands.h"

#include <QHash>

#include <array>

namespace confab::protocol {

namespace {

#define CONFAB_RPC_INFO(Name, sid, reqCid, Req, respCid, Resp)                                                         \
    CommandInfo{                                                                                                       \
        {sid, reqCid}, #Name ".request", Direction::ClientToServer, &pb::Req::default_instance(), {sid, respCid}},     \
        CommandInfo{{sid, respCid}, #Name ".response", Direction::ServerToClient, &pb::Resp::default_instance(), {}},
#define CONFAB_ONE_WAY_INFO(Name, sid, cid, Msg, dir)                                                                  \
    CommandInfo{{sid, cid}, #Name, Direction::dir, &pb::Msg::default_instance(), {}},

const auto &commandTable()
{
    // Built on first use: the protobuf default instances must exist before their addresses are taken.
    static const auto table =
        std::to_array<CommandInfo>({CONFAB_REQUESTS(CONFAB_RPC_INFO) CONFAB_ONE_WAY(CONFAB_ONE_WAY_INFO)});
    return table;
}

#undef CONFAB_RPC_INFO
#undef CONFAB_ONE_WAY_INFO

const QHash<quint32, const CommandInfo *> &commandIndex()
{
    static const auto index = [] {
        QHash<quint32, const CommandInfo *> byKey;
        for (const CommandInfo &info : commandTable()) {
            Q_ASSERT_X(!byKey.contains(info.id.key()), "commandIndex", "command number used twice");
            byKey.insert(info.id.key(), &info);
        }
        return byKey;
    }();
    return index;
}

} // namespace

std::span<const CommandInfo> allCommands()
{
    return commandTable();
}

const CommandInfo *findCommand(CommandId id)
{
    return commandIndex().value(id.key(), nullptr);
}

} // namespace confab::protocol
