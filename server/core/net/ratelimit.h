// Token buckets for what a logged-in peer may send: a person reads, scrolls and types in bursts and then rests, a
// script does not. Each bucket holds `burst` tokens and refills at `perSecond`; a request takes one, and one that
// finds the bucket empty is refused with ERROR_RATE_LIMITED and the time until the next token, never queued.
#pragma once

#include <QHash>
#include <QtGlobal>

namespace confab::server {

struct RateLimit
{
    int burst = 0;     // 0: unlimited
    int perSecond = 0; // sustained rate once the burst is spent

    bool unlimited() const { return burst <= 0 || perSecond <= 0; }
};

class TokenBucket
{
public:
    // 0 when a token was taken; otherwise the milliseconds until one will be there (nothing is taken).
    qint64 take(const RateLimit &limit, qint64 nowMs);
    // Whether the bucket is back to a full burst by `nowMs`, so forgetting it changes nothing.
    bool isFull(const RateLimit &limit, qint64 nowMs) const;

private:
    double tokensAt(const RateLimit &limit, qint64 nowMs) const;

    double m_tokens = -1; // -1: never used, full
    qint64 m_lastMs = 0;
};

// The buckets of a server: one per connection for all requests, one per person for messages sent (shared by all of
// their devices, so that three sessions do not triple it).
class RateLimiter
{
public:
    RateLimiter(RateLimit requestsPerSession, RateLimit sendsPerUser);

    qint64 admitRequest(TokenBucket &sessionBucket, qint64 nowMs) const;
    qint64 admitSend(quint64 userId, qint64 nowMs);

private:
    RateLimit m_requests;
    RateLimit m_sends;
    QHash<quint64, TokenBucket> m_sendBuckets;
    qint64 m_lastPruneMs = 0;
};

} // namespace confab::server
