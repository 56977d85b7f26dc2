// libFuzzer target for the frame decoder and body parsing. The first byte chooses how the input is cut into
// reads, so the fuzzer also explores how frames straddle read boundaries.
#include "protocol/frame.h"

#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>

using namespace confab::protocol;

namespace {

void checkFrame(const Frame &frame)
{
    const DecodedBody body = decodeBody(frame);
    if (body.error != confab::pb::ERROR_NONE)
        return;
    // What parsed must re-encode and parse to an equal message.
    const QByteArray again = encodeFrame(frame.command, frame.seq, *body.message);
    FrameDecoder decoder(0xffffffffu);
    decoder.append(again);
    const auto reparsed = decoder.next();
    if (!reparsed || decodeBody(*reparsed).error != confab::pb::ERROR_NONE)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool quiet = [] {
        google::protobuf::SetLogHandler(nullptr); // invalid UTF-8 is expected here; do not flood the output
        return true;
    }();
    (void)quiet;
    if (size == 0)
        return 0;

    const size_t chunk = size_t(data[0] % 32) + 1;
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    FrameDecoder decoder(64 * 1024);
    for (qsizetype at = 0; at < input.size(); at += qsizetype(chunk)) {
        decoder.append(input.sliced(at, qMin(qsizetype(chunk), input.size() - at)));
        while (auto frame = decoder.next())
            checkFrame(*frame);
    }

    const SingleFrameResult single = decodeSingleFrame(input, 64 * 1024);
    if (single.frame)
        checkFrame(*single.frame);
    return 0;
}
