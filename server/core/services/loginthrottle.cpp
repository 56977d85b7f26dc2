#include "services/loginthrottle.h"

namespace confab::server {

qint64 LoginThrottle::retryAfter(const QString &loginName, const QString &address, qint64 nowMs) const
{
    const qint64 until =
        qMax(m_byUser.value(loginName.toCaseFolded()).blockedUntilMs, m_byAddress.value(address).blockedUntilMs);
    return qMax<qint64>(0, until - nowMs);
}

void LoginThrottle::bump(Record &record, int freeFailures, qint64 nowMs) const
{
    ++record.failures;
    if (record.failures <= freeFailures)
        return;
    const int doublings = qMin(record.failures - freeFailures - 1, 20);
    record.blockedUntilMs = nowMs + qMin(m_policy.maxDelayMs, m_policy.baseDelayMs << doublings);
}

void LoginThrottle::recordFailure(const QString &loginName, const QString &address, qint64 nowMs)
{
    bump(m_byUser[loginName.toCaseFolded()], m_policy.freeFailuresPerUser, nowMs);
    bump(m_byAddress[address], m_policy.freeFailuresPerAddress, nowMs);
}

void LoginThrottle::recordSuccess(const QString &loginName)
{
    m_byUser.remove(loginName.toCaseFolded());
}

} // namespace confab::server
