// Slows down guessing, counted before the slow hash runs: an attempt is let through only while the failures so
// far plus the attempts already being checked leave a free try for its login name and its address; after the free
// tries, a delay that doubles with each failure (capped). Besides, an address may have only a few passwords being
// hashed at once and the server a bounded number in all, so one address cannot fill the hash pool and hold up
// everyone else's sign-in. Only password logins come here: a resume token cannot be guessed and costs no hash, so
// an office reconnecting after a restart is never held back by someone else's failures.
//
// Everything here is bounded: login names arrive already length-checked, records are forgotten a while after their
// last failure, and past maxRecords a failure for a name or address not seen before is not remembered (its
// address's record still counts it).
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
        int hashesPerAddress = 2; // password checks in flight for one address
        int hashesInAll = 64;     // ... and for the whole server
        qint64 forgetAfterMs = 30 * 60 * 1000;
        int maxRecords = 100'000; // per name and per address; about 100 bytes each
    };
    enum class Outcome
    {
        Succeeded,
        Failed,
        Inconclusive, // the server could not tell (storage error): counts neither way
    };

    LoginThrottle() = default;
    explicit LoginThrottle(Policy policy)
        : m_policy(policy)
    {}

    // Starts an attempt: 0 when it may go ahead (it then counts as in flight until finish()), otherwise the
    // milliseconds to wait before trying again.
    qint64 begin(const QString &loginName, const QString &address, qint64 nowMs);
    void finish(const QString &loginName, const QString &address, Outcome outcome, qint64 nowMs);

    int recordCount() const { return int(m_byUser.size() + m_byAddress.size()); }
    int hashesInFlight() const { return m_hashesInFlight; }

private:
    struct Record
    {
        int failures = 0;
        int inFlight = 0; // password checks under way
        qint64 blockedUntilMs = 0;
        qint64 lastFailureMs = 0;
    };
    using Records = QHash<QString, Record>;
    static qint64 waitFor(const Record &record, int freeFailures, qint64 nowMs, qint64 baseDelayMs);
    void bump(Record &record, int freeFailures, qint64 nowMs) const;
    Record *recordFor(Records &records, const QString &key, qint64 nowMs);
    void forgetStale(Records &records, qint64 nowMs);
    void settle(Records &records, const QString &key, int freeFailures, Outcome outcome, qint64 nowMs);

    Policy m_policy;
    Records m_byUser;
    Records m_byAddress;
    int m_hashesInFlight = 0;
};

} // namespace confab::server
