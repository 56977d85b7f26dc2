// What a service's storage job hands back: a value, or the refusal (its own error code) the rules call for.
// Refusals are decided on the storage thread, where the facts are (is the recipient still here, is the sender a
// member), before anything is written, so a refused request leaves no trace.
#pragma once

#include "rpc/dispatcher.h"
#include "store/storagethread.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServices)

namespace confab::server {

template <class T>
struct Outcome
{
    pb::ErrorCode error = pb::ERROR_NONE;
    QString why; // English, for the log and the ErrorResponse
    T value{};

    static Outcome refuse(pb::ErrorCode code, QString reason)
    {
        Outcome o;
        o.error = code;
        o.why = std::move(reason);
        return o;
    }
    static Outcome of(T v)
    {
        Outcome o;
        o.value = std::move(v);
        return o;
    }
};

// Answers the failure, if there is one; true when the caller should go on with the value.
template <class Rpc, class T>
bool succeeded(const StoreResult<Outcome<T>> &result, const Reply<Rpc> &reply)
{
    if (!result.ok()) {
        qCWarning(lcServices) << QLatin1String(Rpc::name.data(), qsizetype(Rpc::name.size()))
                              << "failed in storage:" << result.error().what();
        reply.fail(pb::ERROR_INTERNAL, QStringLiteral("storage error"));
        return false;
    }
    if (result.value().error != pb::ERROR_NONE) {
        qCInfo(lcServices) << QLatin1String(Rpc::name.data(), qsizetype(Rpc::name.size())) << "refused for user"
                           << (reply.connection() ? reply.connection()->userId() : 0) << ":" << result.value().why;
        reply.fail(result.value().error, result.value().why);
        return false;
    }
    return true;
}

} // namespace confab::server
