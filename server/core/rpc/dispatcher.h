// Routes each frame to the handler of its command, after the checks every request shares: a known command, the
// right direction, a login first (but for Login and Heartbeat), a body that parses and whose every field is within
// the schema's limits (protocol/fieldlimits), and, once logged in, within the connection's and the person's
// request rates (net/ratelimit). Each refusal is answered with its own error code and logged within
// the connection's log budget; the connection lives on.
#pragma once

#include "net/connection.h"
#include "protocol/fieldlimits.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>

#include <functional>

namespace confab::server {

// Answers one request, at most once, if its connection is still there.
template <class Rpc>
class Reply
{
public:
    Reply(Connection *connection, quint16 seq)
        : m_connection(connection)
        , m_seq(seq)
    {}

    void operator()(const typename Rpc::Response &response) const
    {
        if (m_connection)
            m_connection->send(Rpc::response, m_seq, response);
    }
    void fail(pb::ErrorCode code, const QString &message, quint64 retryAfterMs = 0) const
    {
        if (m_connection)
            m_connection->sendError(m_seq, Rpc::request, code, message, retryAfterMs);
    }
    Connection *connection() const { return m_connection.data(); }

private:
    QPointer<Connection> m_connection;
    quint16 m_seq;
};

class Dispatcher
{
public:
    explicit Dispatcher(const ConnectionLimits &limits = {});

    // fn(Connection &, typename Rpc::Request &&, Reply<Rpc>)
    template <class Rpc, class Fn>
    void handle(Fn fn, bool beforeLogin = false)
    {
        m_handlers.insert(Rpc::request.key(),
                          Entry{beforeLogin, [fn](Connection &c, const protocol::Frame &frame) -> Refusal {
                                    typename Rpc::Request request;
                                    if (Refusal refusal = parse(frame, request))
                                        return refusal;
                                    fn(c, std::move(request), Reply<Rpc>(&c, frame.seq));
                                    return std::nullopt;
                                }});
    }

    // fn(Connection &, typename OneWay::Message &&) for client-to-server one-way messages (P2P relays).
    template <class OneWay, class Fn>
    void handleOneWay(Fn fn)
    {
        m_handlers.insert(OneWay::id.key(), Entry{false, [fn](Connection &c, const protocol::Frame &frame) -> Refusal {
                                                      typename OneWay::Message message;
                                                      if (Refusal refusal = parse(frame, message))
                                                          return refusal;
                                                      fn(c, std::move(message));
                                                      return std::nullopt;
                                                  }});
    }

    void dispatch(Connection &connection, const protocol::Frame &frame);

private:
    using Refusal = std::optional<protocol::FieldViolation>;
    struct Entry
    {
        bool beforeLogin = false;
        std::function<Refusal(Connection &, const protocol::Frame &)> run; // set: refused before the handler ran
    };
    // Parses the body into `message` and checks it against the schema's limits.
    static Refusal parse(const protocol::Frame &frame, google::protobuf::Message &message);
    QHash<quint32, Entry> m_handlers;
    RateLimiter m_rates;
    QElapsedTimer m_clock; // rates follow the monotonic clock: a stepped wall clock neither frees nor locks anyone
};

} // namespace confab::server
