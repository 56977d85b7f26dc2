#include "services/loginthrottle.h"

namespace confab::server {

qint64 LoginThrottle::waitFor(const Record &record, int freeFailures, qint64 nowMs, qint64 baseDelayMs)
{
    if (record.blockedUntilMs > nowMs)
        return record.blockedUntilMs - nowMs;
    // The free tries are shared by what has failed and what is being checked right now: three hundred guesses
    // sent at once get the free tries, not three hundred evaluations.
    if (record.failures + record.inFlight >= freeFailures && record.inFlight > 0)
        return baseDelayMs;
    return 0;
}

LoginThrottle::Record *LoginThrottle::recordFor(Records &records, const QString &key, qint64 nowMs)
{
    if (const auto it = records.find(key); it != records.end())
        return &it.value();
    if (records.size() >= m_policy.maxRecords) {
        forgetStale(records, nowMs);
        if (records.size() >= m_policy.maxRecords)
            return nullptr;
    }
    return &records[key];
}

void LoginThrottle::forgetStale(Records &records, qint64 nowMs)
{
    for (auto it = records.begin(); it != records.end();) {
        const Record &r = it.value();
        const bool stale = r.inFlight == 0 && r.blockedUntilMs <= nowMs &&
                           (r.failures == 0 || nowMs - r.lastFailureMs > m_policy.forgetAfterMs);
        it = stale ? records.erase(it) : std::next(it);
    }
}

qint64 LoginThrottle::begin(const QString &loginName, const QString &address, qint64 nowMs)
{
    const QString name = loginName.toCaseFolded();
    const Record user = m_byUser.value(name);
    const Record fromAddress = m_byAddress.value(address);
    qint64 wait = qMax(waitFor(user, m_policy.freeFailuresPerUser, nowMs, m_policy.baseDelayMs),
                       waitFor(fromAddress, m_policy.freeFailuresPerAddress, nowMs, m_policy.baseDelayMs));
    if (fromAddress.inFlight >= m_policy.hashesPerAddress || m_hashesInFlight >= m_policy.hashesInAll)
        wait = qMax(wait, m_policy.baseDelayMs);
    if (wait > 0)
        return wait;
    for (Record *r : {recordFor(m_byUser, name, nowMs), recordFor(m_byAddress, address, nowMs)}) {
        if (r)
            ++r->inFlight;
    }
    ++m_hashesInFlight;
    return 0;
}

void LoginThrottle::bump(Record &record, int freeFailures, qint64 nowMs) const
{
    ++record.failures;
    record.lastFailureMs = nowMs;
    if (record.failures <= freeFailures)
        return;
    const int doublings = qMin(record.failures - freeFailures - 1, 20);
    record.blockedUntilMs = nowMs + qMin(m_policy.maxDelayMs, m_policy.baseDelayMs << doublings);
}

void LoginThrottle::settle(Records &records, const QString &key, int freeFailures, Outcome outcome, qint64 nowMs)
{
    const auto it = records.find(key);
    if (it == records.end())
        return; // not remembered when it began (the table was full)
    Record &r = it.value();
    r.inFlight = qMax(0, r.inFlight - 1);
    if (outcome == Outcome::Failed)
        bump(r, freeFailures, nowMs);
    if (r.inFlight == 0 && r.failures == 0 && r.blockedUntilMs <= nowMs)
        records.erase(it); // nothing left to remember
}

void LoginThrottle::finish(const QString &loginName, const QString &address, Outcome outcome, qint64 nowMs)
{
    const QString name = loginName.toCaseFolded();
    m_hashesInFlight = qMax(0, m_hashesInFlight - 1);
    if (outcome == Outcome::Succeeded) {
        // Success clears the name's failures, not the address's: one right password among many guesses from an
        // address does not reset its budget.
        if (auto it = m_byUser.find(name); it != m_byUser.end()) {
            it->failures = 0;
            it->blockedUntilMs = 0;
        }
    }
    settle(m_byUser, name, m_policy.freeFailuresPerUser, outcome, nowMs);
    settle(m_byAddress, address, m_policy.freeFailuresPerAddress, outcome, nowMs);
}

} // namespace confab::server
