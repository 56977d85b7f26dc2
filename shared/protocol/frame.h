// Confab's frame: TeamTalk's 16-byte big-endian header followed by a protobuf body.
//
//   offset 0  u32 length    whole frame, header included (>= 16, <= the receiver's maximum)
//   offset 4  u16 version   always 1, and checked (TeamTalk never checked it)
//   offset 6  u16 flags     0; reserved for future use
//   offset 8  u16 service   Service
//   offset 10 u16 command   command within the service
//   offset 12 u16 seq       set by the requester, echoed by the response; 0 on pushes. Never overwritten by
//                           errors: they travel as ErrorResponse bodies. A requester never reuses a sequence
//                           number that is still awaiting its answer, so wrapping at 65536 is harmless.
//   offset 14 u16 reserved  0
//
// The same bytes travel over TCP (a stream of frames) and WebSocket (exactly one frame per binary message).
#pragma once

#include "protocol/commands.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace confab::protocol {

inline constexpr qsizetype kHeaderSize = 16;
inline constexpr quint16 kProtocolVersion = 1;
inline constexpr quint32 kDefaultMaxFrameSize = 1024 * 1024;

struct Frame
{
    CommandId command;
    quint16 seq = 0;
    quint16 flags = 0;
    QByteArray body;
};

// Serialises `body` behind a header. The caller checks the size against the peer's limit (encodedFrameSize).
QByteArray encodeFrame(CommandId command, quint16 seq, const google::protobuf::Message &body);
QByteArray encodeFrame(CommandId command, quint16 seq, QByteArrayView body);
qsizetype encodedFrameSize(const google::protobuf::Message &body);

// Splits a byte stream into frames, whatever the pieces it arrives in. Framing errors (a length below the header
// size or above the maximum, an unknown version) are detected as soon as the 16 header bytes are in, before the
// body is waited for, and are final: the stream has no boundary left to trust, so the connection must be closed.
class FrameDecoder
{
public:
    explicit FrameDecoder(quint32 maxFrameSize = kDefaultMaxFrameSize);

    // Buffers more bytes. Ignored once the decoder has failed.
    void append(QByteArrayView bytes);

    // The next complete frame, or nothing when more bytes are needed or the stream has failed (see error()).
    std::optional<Frame> next();

    // ERROR_NONE while the stream is sound; ERROR_MALFORMED_FRAME, ERROR_FRAME_TOO_LARGE or
    // ERROR_UNSUPPORTED_VERSION once it has failed.
    pb::ErrorCode error() const { return m_error; }
    bool hasFailed() const { return m_error != pb::ERROR_NONE; }
    const QString &errorString() const { return m_errorString; }

    qsizetype bufferedBytes() const { return m_buffer.size() - m_offset; }
    quint32 maxFrameSize() const { return m_maxFrameSize; }
    // Applies from the next frame header on (a server raises it once a connection has logged in).
    void setMaxFrameSize(quint32 maxFrameSize) { m_maxFrameSize = maxFrameSize; }

private:
    void fail(pb::ErrorCode code, const QString &why);

    QByteArray m_buffer;
    qsizetype m_offset = 0; // bytes of m_buffer already consumed; compacted lazily to keep appends amortised O(1)
    quint32 m_maxFrameSize;
    pb::ErrorCode m_error = pb::ERROR_NONE;
    QString m_errorString;
};

// The single frame a WebSocket binary message must hold. Anything else (a partial frame, trailing bytes, two
// frames) is ERROR_MALFORMED_FRAME; the other framing errors are reported as by FrameDecoder.
struct SingleFrameResult
{
    std::optional<Frame> frame;
    pb::ErrorCode error = pb::ERROR_NONE;
    QString errorString;
};
SingleFrameResult decodeSingleFrame(QByteArrayView message, quint32 maxFrameSize = kDefaultMaxFrameSize);

// A frame's body parsed as the message its command carries. ERROR_UNKNOWN_COMMAND and ERROR_MALFORMED_BODY are
// per-frame errors: the stream stays sound and the connection survives.
struct DecodedBody
{
    pb::ErrorCode error = pb::ERROR_NONE;
    const CommandInfo *info = nullptr;
    std::unique_ptr<google::protobuf::Message> message;
};
DecodedBody decodeBody(const Frame &frame);

// Parses a body whose type the caller knows from the command; false when it is malformed.
bool parseBody(const Frame &frame, google::protobuf::Message &into);

} // namespace confab::protocol
