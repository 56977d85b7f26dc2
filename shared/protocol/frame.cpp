#include "protocol/frame.h"

#include <QtEndian>

namespace confab::protocol {

namespace {

void writeHeader(char *out, quint32 length, CommandId command, quint16 seq)
{
    qToBigEndian<quint32>(length, out);
    qToBigEndian<quint16>(kProtocolVersion, out + 4);
    qToBigEndian<quint16>(0, out + 6);
    qToBigEndian<quint16>(command.service, out + 8);
    qToBigEndian<quint16>(command.command, out + 10);
    qToBigEndian<quint16>(seq, out + 12);
    qToBigEndian<quint16>(0, out + 14);
}

} // namespace

qsizetype encodedFrameSize(const google::protobuf::Message &body)
{
    return kHeaderSize + qsizetype(body.ByteSizeLong());
}

QByteArray encodeFrame(CommandId command, quint16 seq, const google::protobuf::Message &body)
{
    const auto bodySize = qsizetype(body.ByteSizeLong());
    QByteArray frame(kHeaderSize + bodySize, Qt::Uninitialized);
    writeHeader(frame.data(), quint32(frame.size()), command, seq);
    // ByteSizeLong() above cached the sizes that SerializeWithCachedSizesToArray relies on.
    body.SerializeWithCachedSizesToArray(reinterpret_cast<quint8 *>(frame.data() + kHeaderSize));
    return frame;
}

QByteArray encodeFrame(CommandId command, quint16 seq, QByteArrayView body)
{
    QByteArray frame(kHeaderSize + body.size(), Qt::Uninitialized);
    writeHeader(frame.data(), quint32(frame.size()), command, seq);
    if (!body.isEmpty())
        memcpy(frame.data() + kHeaderSize, body.data(), size_t(body.size()));
    return frame;
}

FrameDecoder::FrameDecoder(quint32 maxFrameSize)
    : m_maxFrameSize(maxFrameSize)
{}

void FrameDecoder::append(QByteArrayView bytes)
{
    if (hasFailed() || bytes.isEmpty())
        return;
    if (m_offset > 0 && m_offset >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes);
}

std::optional<Frame> FrameDecoder::next()
{
    if (hasFailed() || bufferedBytes() < kHeaderSize)
        return std::nullopt;

    const char *header = m_buffer.constData() + m_offset;
    const auto length = qFromBigEndian<quint32>(header);
    const auto version = qFromBigEndian<quint16>(header + 4);
    if (length < quint32(kHeaderSize)) {
        fail(pb::ERROR_MALFORMED_FRAME,
             QStringLiteral("frame length %1 is below the %2-byte header").arg(length).arg(kHeaderSize));
        return std::nullopt;
    }
    if (length > m_maxFrameSize) {
        fail(pb::ERROR_FRAME_TOO_LARGE,
             QStringLiteral("frame length %1 exceeds the maximum of %2 bytes").arg(length).arg(m_maxFrameSize));
        return std::nullopt;
    }
    if (version != kProtocolVersion) {
        fail(pb::ERROR_UNSUPPORTED_VERSION,
             QStringLiteral("protocol version %1 is not supported (expected %2)").arg(version).arg(kProtocolVersion));
        return std::nullopt;
    }
    if (bufferedBytes() < qsizetype(length))
        return std::nullopt;

    Frame frame;
    frame.flags = qFromBigEndian<quint16>(header + 6);
    frame.command.service = qFromBigEndian<quint16>(header + 8);
    frame.command.command = qFromBigEndian<quint16>(header + 10);
    frame.seq = qFromBigEndian<quint16>(header + 12);
    frame.body = QByteArray(header + kHeaderSize, qsizetype(length) - kHeaderSize);
    m_offset += qsizetype(length);
    if (m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    }
    return frame;
}

void FrameDecoder::fail(pb::ErrorCode code, const QString &why)
{
    m_error = code;
    m_errorString = why;
    m_buffer.clear();
    m_offset = 0;
}

SingleFrameResult decodeSingleFrame(QByteArrayView message, quint32 maxFrameSize)
{
    SingleFrameResult result;
    FrameDecoder decoder(maxFrameSize);
    decoder.append(message);
    result.frame = decoder.next();
    if (decoder.hasFailed()) {
        result.frame.reset();
        result.error = decoder.error();
        result.errorString = decoder.errorString();
    } else if (!result.frame || decoder.bufferedBytes() != 0) {
        result.frame.reset();
        result.error = pb::ERROR_MALFORMED_FRAME;
        result.errorString =
            QStringLiteral("a WebSocket message must hold exactly one whole frame (%1 bytes)").arg(message.size());
    }
    return result;
}

bool parseBody(const Frame &frame, google::protobuf::Message &into)
{
    return into.ParseFromArray(frame.body.constData(), int(frame.body.size()));
}

DecodedBody decodeBody(const Frame &frame)
{
    DecodedBody decoded;
    decoded.info = findCommand(frame.command);
    if (!decoded.info) {
        decoded.error = pb::ERROR_UNKNOWN_COMMAND;
        return decoded;
    }
    decoded.message.reset(decoded.info->prototype->New());
    if (!parseBody(frame, *decoded.message)) {
        decoded.message.reset();
        decoded.error = pb::ERROR_MALFORMED_BODY;
    }
    return decoded;
}

} // namespace confab::protocol
