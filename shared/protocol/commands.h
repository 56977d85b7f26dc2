// Command identities and their message types, generated from commandlist.h.
//
// `rpc::Login` names a request/response pair: `rpc::Login::Request` is the message a client sends with command
// `rpc::Login::request`, and the server answers with `rpc::Login::Response` under `rpc::Login::response` (or with
// an ErrorResponse under `oneway::Error::id`). `oneway::Kick` names a push. Code that sends a message picks the
// command through these types, so a message can never travel under the wrong number.
#pragma once

#include "protocol/commandlist.h"
#include "protocol/messages.h"

#include <QtGlobal>

#include <span>
#include <string_view>

namespace confab::protocol {

enum class Service : quint16
{
    Login = 0x0001,
    BuddyList = 0x0002,
    Message = 0x0003,
    Group = 0x0004,
    File = 0x0005,
    Switch = 0x0006,
    Other = 0x0007,
};

struct CommandId
{
    quint16 service = 0;
    quint16 command = 0;

    constexpr quint32 key() const { return (quint32(service) << 16) | command; }
    friend constexpr bool operator==(CommandId, CommandId) = default;
};

enum class Direction : quint8
{
    ClientToServer,
    ServerToClient,
    Both,
};

namespace rpc {
#define CONFAB_DECLARE_RPC(Name, sid, reqCid, Req, respCid, Resp)                                                      \
    struct Name                                                                                                        \
    {                                                                                                                  \
        using Request = pb::Req;                                                                                       \
        using Response = pb::Resp;                                                                                     \
        static constexpr CommandId request{sid, reqCid};                                                               \
        static constexpr CommandId response{sid, respCid};                                                             \
        static constexpr std::string_view name = #Name;                                                                \
    };
CONFAB_REQUESTS(CONFAB_DECLARE_RPC)
#undef CONFAB_DECLARE_RPC
} // namespace rpc

namespace oneway {
#define CONFAB_DECLARE_ONE_WAY(Name, sid, cid, Msg, dir)                                                               \
    struct Name                                                                                                        \
    {                                                                                                                  \
        using Message = pb::Msg;                                                                                       \
        static constexpr CommandId id{sid, cid};                                                                       \
        static constexpr Direction direction = Direction::dir;                                                         \
        static constexpr std::string_view name = #Name;                                                                \
    };
CONFAB_ONE_WAY(CONFAB_DECLARE_ONE_WAY)
#undef CONFAB_DECLARE_ONE_WAY
} // namespace oneway

// What the registry knows of one command.
struct CommandInfo
{
    CommandId id;
    std::string_view name; // "Login.request", "Kick"
    Direction direction;
    const google::protobuf::Message *prototype; // default instance of the body's message type
    CommandId response;                         // for requests; {0, 0} otherwise
};

// Every command, requests first, in the order of commandlist.h.
std::span<const CommandInfo> allCommands();

// The command with this id, or nullptr when Confab has none.
const CommandInfo *findCommand(CommandId id);

} // namespace confab::protocol
