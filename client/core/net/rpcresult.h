// The outcome of one request: the response, or the error the server (or the connection) gave instead.
#pragma once

#include "protocol/messages.h"

#include <QString>

namespace confab::client {

template <class Response>
struct RpcResult
{
    pb::ErrorCode error = pb::ERROR_NONE;
    QString message; // the server's English diagnostic, for logs
    quint64 retryAfterMs = 0;
    Response value;

    bool ok() const { return error == pb::ERROR_NONE; }
};

} // namespace confab::client
