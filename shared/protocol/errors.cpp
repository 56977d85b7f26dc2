#include "protocol/errors.h"

namespace confab::protocol {

QString errorName(pb::ErrorCode code)
{
    if (pb::ErrorCode_IsValid(code))
        return QString::fromStdString(pb::ErrorCode_Name(code));
    return QStringLiteral("ERROR_%1").arg(int(code));
}

bool isFatal(pb::ErrorCode code)
{
    switch (code) {
    case pb::ERROR_MALFORMED_FRAME:
    case pb::ERROR_FRAME_TOO_LARGE:
    case pb::ERROR_UNSUPPORTED_VERSION:
        return true;
    default:
        return false;
    }
}

pb::ErrorResponse makeError(pb::ErrorCode code, const QString &message, CommandId refused)
{
    pb::ErrorResponse error;
    error.set_code(code);
    error.set_message(message.toStdString());
    error.set_service_id(refused.service);
    error.set_command_id(refused.command);
    return error;
}

} // namespace confab::protocol
