// Slows down guessing: after a few failures for one login name or one address, further attempts are refused
// until a delay that doubles with each failure (capped) has passed. A success clears the name's record.
#pragma once

#include <QHash>
#include <QString>

namespace confab::server {

class LoginThrottle
{
public:
    struct Policy
    {
        int freeFailuresPerUser = 5;
        int freeFailuresPerAddress = 20; // many people may share one office NAT address
        qint64 baseDelayMs = 1000;
        qint64 maxDelayMs = 5 * 60 * 1000;
    };

    LoginThrottle() = default;
    explicit LoginThrottle(Policy policy)
        : m_policy(policy)
    {}

    // Milliseconds to wait before this attempt may be made; 0 when it may go ahead now.
    qint64 retryAfter(const QString &loginName, const QString &address, qint64 nowMs) const;
    void recordFailure(const QString &loginName, const QString &address, qint64 nowMs);
    void recordSuccess(const QString &loginName);

private:
    struct Record
    {
        int failures = 0;
        qint64 blockedUntilMs = 0;
    };
    void bump(Record &record, int freeFailures, qint64 nowMs) const;

    Policy m_policy;
    QHash<QString, Record> m_byUser;
    QHash<QString, Record> m_byAddress;
};

} // namespace confab::server
