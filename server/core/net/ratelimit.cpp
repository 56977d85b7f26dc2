#include "net/ratelimit.h"

#include <cmath>

namespace confab::server {

double TokenBucket::tokensAt(const RateLimit &limit, qint64 nowMs) const
{
    if (m_tokens < 0)
        return limit.burst;
    const double refilled = m_tokens + double(std::max<qint64>(0, nowMs - m_lastMs)) * limit.perSecond / 1000.0;
    return std::min<double>(limit.burst, refilled);
}

qint64 TokenBucket::take(const RateLimit &limit, qint64 nowMs)
{
    if (limit.unlimited())
        return 0;
    const double tokens = tokensAt(limit, nowMs);
    if (tokens < 1.0)
        return qint64(std::ceil((1.0 - tokens) * 1000.0 / limit.perSecond));
    m_tokens = tokens - 1.0;
    m_lastMs = nowMs;
    return 0;
}

bool TokenBucket::isFull(const RateLimit &limit, qint64 nowMs) const
{
    return tokensAt(limit, nowMs) >= limit.burst;
}

RateLimiter::RateLimiter(RateLimit requestsPerSession, RateLimit sendsPerUser)
    : m_requests(requestsPerSession)
    , m_sends(sendsPerUser)
{}

qint64 RateLimiter::admitRequest(TokenBucket &sessionBucket, qint64 nowMs) const
{
    return sessionBucket.take(m_requests, nowMs);
}

qint64 RateLimiter::admitSend(quint64 userId, qint64 nowMs)
{
    if (m_sends.unlimited())
        return 0;
    // Buckets back at a full burst say nothing a new one would not: dropped once a minute, so that the table holds
    // only people who sent in the last minute or so.
    if (nowMs - m_lastPruneMs > 60'000) {
        m_lastPruneMs = nowMs;
        m_sendBuckets.removeIf([&](const auto &entry) { return entry.value().isFull(m_sends, nowMs); });
    }
    return m_sendBuckets[userId].take(m_sends, nowMs);
}

} // namespace confab::server
