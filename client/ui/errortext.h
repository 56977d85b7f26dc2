// What to tell a person when the server refuses something, from the error code (the server's own message is
// English and meant for logs).
#pragma once

#include "protocol/messages.h"

#include <QString>

namespace confab::ui {

QString loginErrorText(pb::ErrorCode code);
// The server's port answered and the connection closed before signing in: most likely TLS was spoken to a server
// started with --insecure, or plain text to one serving TLS. `address` is host:port.
QString droppedBeforeSignInText(bool tls, const QString &address);
QString kickText(pb::KickReason reason);
// Why a message or a group action was refused.
QString actionErrorText(int code);
// How far the first sync of a data set has come, as one whole sentence (`expected` 0: not known).
QString syncProgressText(pb::DataSet dataSet, quint64 rows, quint64 expected);

} // namespace confab::ui
