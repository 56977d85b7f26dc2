// Whether a message that just arrived should be announced (a tray notice, the taskbar flashing). Pure policy, no
// widgets: the app asks it and does what it says.
//
// A muted conversation is counted in its badge but never announced, except where the message names the person:
// a mention in a muted group still reaches them, as in every messenger. A message the person is looking at, or
// wrote on another device, is not news.
#pragma once

#include "protocol/messages.h"

#include <QtGlobal>

namespace confab::client {

struct ArrivalContext
{
    quint64 selfId = 0;
    bool conversationMuted = false;
    bool conversationInView = false; // open in the active window
};

enum class Announcement
{
    None,
    Notify, // a notice and the taskbar's attention
};

Announcement announcementFor(const pb::Message &message, const ArrivalContext &context);

// Whether `message` names the person (an @-mention of them).
bool mentions(const pb::Message &message, quint64 userId);

} // namespace confab::client
