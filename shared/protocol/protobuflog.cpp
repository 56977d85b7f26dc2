#include "protocol/protobuflog.h"

#include <QLoggingCategory>

#include <google/protobuf/stubs/logging.h>

Q_LOGGING_CATEGORY(lcProtobuf, "confab.protobuf", QtWarningMsg)

namespace confab::protocol {

namespace {

void logThroughQt(google::protobuf::LogLevel level, const char *file, int line, const std::string &message)
{
    if (level == google::protobuf::LOGLEVEL_FATAL)
        qCCritical(lcProtobuf, "%s:%d: %s", file, line, message.c_str());
    else
        qCDebug(lcProtobuf, "%s:%d: %s", file, line, message.c_str());
}

} // namespace

void routeProtobufLogs()
{
    google::protobuf::SetLogHandler(&logThroughQt);
}

} // namespace confab::protocol
