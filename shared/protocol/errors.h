// Helpers around pb::ErrorCode so that both sides name and classify errors the same way.
#pragma once

#include "protocol/commands.h"

#include <QString>

namespace confab::protocol {

// "ERROR_WRONG_PASSWORD", or "ERROR_<number>" for a code this build does not know.
QString errorName(pb::ErrorCode code);

// Framing errors after which no frame boundary can be trusted: the receiver sends the error and closes.
bool isFatal(pb::ErrorCode code);

pb::ErrorResponse makeError(pb::ErrorCode code, const QString &message, CommandId refused = {});

} // namespace confab::protocol
