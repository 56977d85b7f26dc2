#include "rpc/dispatcher.h"

#include "net/logbudget.h"

namespace confab::server {

using namespace protocol;

Dispatcher::Dispatcher(const ConnectionLimits &limits)
    : m_rates(limits.requestsPerSession, limits.messagesPerUser)
{
    m_clock.start();
}

void Dispatcher::dispatch(Connection &connection, const Frame &frame)
{
    const auto refuse = [&](pb::ErrorCode code, const QString &why, qint64 retryAfterMs = 0) {
        connection.log().warn(QStringLiteral("refused requests"), [&] {
            return QStringLiteral("connection %1 (user %2, %3): refused %4:%5 seq %6: %7")
                .arg(connection.id())
                .arg(connection.userId())
                .arg(connection.peerAddress())
                .arg(frame.command.service, 4, 16, QLatin1Char('0'))
                .arg(frame.command.command, 4, 16, QLatin1Char('0'))
                .arg(frame.seq)
                .arg(why);
        });
        connection.sendError(frame.seq, frame.command, code, why, quint64(retryAfterMs));
        if (!connection.isAuthenticated())
            connection.refusedBeforeLogin(); // an anonymous peer gets a few refusals, not an endless supply
    };

    const CommandInfo *info = findCommand(frame.command);
    if (!info) {
        refuse(pb::ERROR_UNKNOWN_COMMAND, QStringLiteral("unknown command"));
        return;
    }
    if (info->direction == Direction::ServerToClient) {
        refuse(pb::ERROR_WRONG_DIRECTION, QStringLiteral("%1 is sent by servers, not clients")
                                              .arg(QLatin1String(info->name.data(), qsizetype(info->name.size()))));
        return;
    }
    if (frame.command == oneway::Heartbeat::id) {
        if (frame.seq != 0)
            connection.send(oneway::Heartbeat::id, frame.seq, pb::Heartbeat());
        return;
    }
    if (connection.isAuthenticated()) {
        const qint64 now = m_clock.elapsed();
        if (const qint64 wait = m_rates.admitRequest(connection.requestBucket(), now); wait > 0) {
            refuse(pb::ERROR_RATE_LIMITED,
                   QStringLiteral("more requests than a connection may send; retry in %1 ms").arg(wait), wait);
            return;
        }
        if (frame.command == rpc::SendMessage::request) {
            if (const qint64 wait = m_rates.admitSend(connection.userId(), now); wait > 0) {
                refuse(pb::ERROR_RATE_LIMITED,
                       QStringLiteral("more messages than a person may send; retry in %1 ms").arg(wait), wait);
                return;
            }
        }
    }
    const auto it = m_handlers.constFind(frame.command.key());
    if (it == m_handlers.cend()) {
        refuse(pb::ERROR_UNKNOWN_COMMAND, QStringLiteral("%1 is not served by this server")
                                              .arg(QLatin1String(info->name.data(), qsizetype(info->name.size()))));
        return;
    }
    if (!it->beforeLogin && !connection.isAuthenticated()) {
        refuse(pb::ERROR_NOT_LOGGED_IN, QStringLiteral("log in first"));
        return;
    }
    if (const Refusal refusal = it->run(connection, frame))
        refuse(refusal->code, refusal->message);
}

Dispatcher::Refusal Dispatcher::parse(const Frame &frame, google::protobuf::Message &message)
{
    if (!parseBody(frame, message))
        return protocol::FieldViolation{
            pb::ERROR_MALFORMED_BODY,
            QStringLiteral("the body is not a valid %1").arg(QString::fromStdString(message.GetTypeName()))};
    return checkFieldLimits(message);
}

} // namespace confab::server
