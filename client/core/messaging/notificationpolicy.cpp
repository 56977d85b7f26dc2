#include "messaging/notificationpolicy.h"

#include <algorithm>

namespace confab::client {

bool mentions(const pb::Message &message, quint64 userId)
{
    return userId != 0 && std::ranges::find(message.mentions(), userId) != message.mentions().end();
}

Announcement announcementFor(const pb::Message &message, const ArrivalContext &context)
{
    if (message.sender_id() == context.selfId || context.conversationInView)
        return Announcement::None;
    if (context.conversationMuted && !mentions(message, context.selfId))
        return Announcement::None;
    return Announcement::Notify;
}

} // namespace confab::client
