// What to tell a person when the server refuses something, from the error code (the server's own message is
// English and meant for logs).
#pragma once

#include "protocol/messages.h"

#include <QString>

namespace confab::ui {

QString loginErrorText(pb::ErrorCode code);
QString kickText(pb::KickReason reason);

} // namespace confab::ui
