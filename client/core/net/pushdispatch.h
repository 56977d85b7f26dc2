// The server's pushes, parsed once and handed by type to whoever handles them: the client's mirror of the server's
// Dispatcher. A class subscribes to the pushes it handles with a context object, and gets the parsed message for
// as long as the context lives:
//
//     connection.pushes().on<oneway::MessageNotify>(this, [this](const pb::MessageNotify &n) { ... });
//
// A push whose body does not parse is dropped and logged once per command, not once per frame.
#pragma once

#include "protocol/commands.h"
#include "protocol/frame.h"

#include <QHash>
#include <QPointer>

#include <functional>
#include <vector>

namespace confab::client {

class PushDispatch
{
public:
    template <class Push, class Handler>
    void on(QObject *context, Handler handler)
    {
        static_assert(Push::direction != protocol::Direction::ClientToServer, "the server never pushes this");
        add(Push::id, Push::Message::default_instance(), context,
            [handler = std::move(handler)](const google::protobuf::Message &message) {
                handler(static_cast<const typename Push::Message &>(message));
            });
    }

    // Parses `frame` once and runs its handlers in the order they subscribed. Returns false when nobody handles
    // the command or its body does not parse.
    bool dispatch(const protocol::Frame &frame);

private:
    struct Handler
    {
        QPointer<QObject> context;
        std::function<void(const google::protobuf::Message &)> run;
    };
    struct Route
    {
        const google::protobuf::Message *prototype = nullptr;
        std::vector<Handler> handlers;
        bool reportedMalformed = false;
    };

    void add(protocol::CommandId command, const google::protobuf::Message &prototype, QObject *context,
             std::function<void(const google::protobuf::Message &)> run);

    QHash<quint32, Route> m_routes;
};

} // namespace confab::client
