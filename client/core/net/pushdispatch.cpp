#include "net/pushdispatch.h"

#include <QLoggingCategory>

#include <memory>

Q_LOGGING_CATEGORY(lcPushes, "confab.client.pushes")

namespace confab::client {

void PushDispatch::add(protocol::CommandId command, const google::protobuf::Message &prototype, QObject *context,
                       std::function<void(const google::protobuf::Message &)> run)
{
    Q_ASSERT(context); // a handler without one could outlive what it captured
    Route &route = m_routes[command.key()];
    route.prototype = &prototype;
    route.handlers.push_back({context, std::move(run)});
}

bool PushDispatch::dispatch(const protocol::Frame &frame)
{
    auto it = m_routes.find(frame.command.key());
    if (it == m_routes.end())
        return false;
    std::erase_if(it->handlers, [](const Handler &h) { return h.context.isNull(); });
    if (it->handlers.empty())
        return false;
    const std::unique_ptr<google::protobuf::Message> message(it->prototype->New());
    if (!protocol::parseBody(frame, *message)) {
        if (!std::exchange(it->reportedMalformed, true))
            qCWarning(lcPushes).noquote()
                << "dropping a push whose body does not parse:" << QString::fromStdString(message->GetTypeName())
                << "(further ones are dropped silently)";
        return false;
    }
    // A copy: a handler may subscribe, or delete a context, while this runs.
    const std::vector<Handler> handlers = it->handlers;
    for (const Handler &handler : handlers) {
        if (handler.context)
            handler.run(*message);
    }
    return true;
}

} // namespace confab::client
