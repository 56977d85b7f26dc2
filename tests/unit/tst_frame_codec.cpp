// The frame codec: header layout, every split of a multi-frame buffer, and each rejection.
#include "protocol/errors.h"
#include "protocol/frame.h"
#include "protocol/ids.h"

#include <QTest>
#include <QtEndian>

using namespace confab;
using namespace confab::protocol;

namespace {

QByteArray rawHeader(quint32 length, quint16 version, quint16 service = 7, quint16 command = 0x0701, quint16 seq = 0)
{
    QByteArray header(kHeaderSize, '\0');
    qToBigEndian<quint32>(length, header.data());
    qToBigEndian<quint16>(version, header.data() + 4);
    qToBigEndian<quint16>(service, header.data() + 8);
    qToBigEndian<quint16>(command, header.data() + 10);
    qToBigEndian<quint16>(seq, header.data() + 12);
    return header;
}

// Three frames of different sizes, one of them empty-bodied.
QByteArray threeFrames(QList<Frame> *expected)
{
    pb::LoginRequest login;
    login.set_login_name("alice");
    login.set_password("demo");
    login.set_client_type(pb::CLIENT_TYPE_LINUX);
    pb::SyncRequest sync;
    sync.set_cursor(1'700'000'000'123);
    sync.set_limit(500);
    const QByteArray a = encodeFrame(rpc::Login::request, 1, login);
    const QByteArray b = encodeFrame(oneway::Heartbeat::id, 2, pb::Heartbeat());
    const QByteArray c = encodeFrame(rpc::DepartmentSync::request, 65535, sync);
    *expected = {Frame{rpc::Login::request, 1, 0, a.sliced(kHeaderSize)},
                 Frame{oneway::Heartbeat::id, 2, 0, QByteArray()},
                 Frame{rpc::DepartmentSync::request, 65535, 0, c.sliced(kHeaderSize)}};
    return a + b + c;
}

QList<Frame> drain(FrameDecoder &decoder)
{
    QList<Frame> frames;
    while (auto frame = decoder.next())
        frames.append(std::move(*frame));
    return frames;
}

bool sameFrames(const QList<Frame> &a, const QList<Frame> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].command != b[i].command || a[i].seq != b[i].seq || a[i].body != b[i].body)
            return false;
    }
    return true;
}

} // namespace

class TestFrameCodec : public QObject
{
    Q_OBJECT

private slots:
    void headerLayoutIsTeamTalks()
    {
        pb::SyncRequest sync;
        sync.set_cursor(42);
        const QByteArray wire = encodeFrame(rpc::UserSync::request, 0x1234, sync);
        QCOMPARE(qFromBigEndian<quint32>(wire.constData()), quint32(wire.size()));
        QCOMPARE(qFromBigEndian<quint16>(wire.constData() + 4), quint16(1));
        QCOMPARE(qFromBigEndian<quint16>(wire.constData() + 6), quint16(0));
        QCOMPARE(qFromBigEndian<quint16>(wire.constData() + 8), quint16(0x0002));
        QCOMPARE(qFromBigEndian<quint16>(wire.constData() + 10), quint16(0x0208));
        QCOMPARE(qFromBigEndian<quint16>(wire.constData() + 12), quint16(0x1234));
        QCOMPARE(qFromBigEndian<quint16>(wire.constData() + 14), quint16(0));
        QCOMPARE(wire.sliced(kHeaderSize), QByteArray::fromStdString(sync.SerializeAsString()));
    }

    void wholeBufferAtOnce()
    {
        QList<Frame> expected;
        const QByteArray wire = threeFrames(&expected);
        FrameDecoder decoder;
        decoder.append(wire);
        QVERIFY(sameFrames(drain(decoder), expected));
        QCOMPARE(decoder.bufferedBytes(), 0);
        QVERIFY(!decoder.hasFailed());
    }

    void oneByteAtATime()
    {
        QList<Frame> expected;
        const QByteArray wire = threeFrames(&expected);
        FrameDecoder decoder;
        QList<Frame> got;
        for (char byte : wire) {
            decoder.append(QByteArrayView(&byte, 1));
            got += drain(decoder);
        }
        QVERIFY(sameFrames(got, expected));
    }

    void everyTwoWaySplit()
    {
        QList<Frame> expected;
        const QByteArray wire = threeFrames(&expected);
        for (qsizetype i = 0; i <= wire.size(); ++i) {
            for (qsizetype j = i; j <= wire.size(); ++j) {
                FrameDecoder decoder;
                QList<Frame> got;
                decoder.append(QByteArrayView(wire).first(i));
                got += drain(decoder);
                decoder.append(QByteArrayView(wire).sliced(i, j - i));
                got += drain(decoder);
                decoder.append(QByteArrayView(wire).sliced(j));
                got += drain(decoder);
                if (!sameFrames(got, expected))
                    QFAIL(qPrintable(QStringLiteral("split at %1 and %2 went wrong").arg(i).arg(j)));
            }
        }
    }

    void manyFramesInOneRead()
    {
        QByteArray wire;
        for (quint16 seq = 1; seq <= 5000; ++seq)
            wire += encodeFrame(oneway::Heartbeat::id, seq, pb::Heartbeat());
        FrameDecoder decoder;
        decoder.append(wire);
        const QList<Frame> frames = drain(decoder);
        QCOMPARE(frames.size(), 5000);
        QCOMPARE(frames.last().seq, quint16(5000));
    }

    void frameOfExactlyTheMaximumIsAccepted()
    {
        const quint32 max = 4096;
        const QByteArray body(max - kHeaderSize, 'x');
        FrameDecoder decoder(max);
        decoder.append(encodeFrame(oneway::Heartbeat::id, 9, body));
        const auto frame = decoder.next();
        QVERIFY(frame.has_value());
        QCOMPARE(frame->body.size(), body.size());
    }

    void rejections_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("expected");
        QTest::newRow("length zero") << rawHeader(0, 1) << int(pb::ERROR_MALFORMED_FRAME);
        QTest::newRow("length below header") << rawHeader(15, 1) << int(pb::ERROR_MALFORMED_FRAME);
        // Rejected from the header alone: no body bytes are waited for or allocated.
        QTest::newRow("one over default maximum")
            << rawHeader(kDefaultMaxFrameSize + 1, 1) << int(pb::ERROR_FRAME_TOO_LARGE);
        QTest::newRow("4 GiB") << rawHeader(0xffffffffu, 1) << int(pb::ERROR_FRAME_TOO_LARGE);
        QTest::newRow("version 0") << rawHeader(16, 0) << int(pb::ERROR_UNSUPPORTED_VERSION);
        QTest::newRow("version 2") << rawHeader(16, 2) << int(pb::ERROR_UNSUPPORTED_VERSION);
        QTest::newRow("good frame then bad") << (encodeFrame(oneway::Heartbeat::id, 1, QByteArray()) + rawHeader(3, 1))
                                             << int(pb::ERROR_MALFORMED_FRAME);
    }

    void rejections()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, expected);
        FrameDecoder decoder;
        decoder.append(bytes);
        drain(decoder);
        QVERIFY(decoder.hasFailed());
        QCOMPARE(int(decoder.error()), expected);
        QVERIFY(isFatal(decoder.error()));
        QVERIFY(!decoder.errorString().isEmpty());
        // A failed stream stays failed and holds nothing more.
        decoder.append(encodeFrame(oneway::Heartbeat::id, 1, QByteArray()));
        QVERIFY(!decoder.next().has_value());
        QCOMPARE(decoder.bufferedBytes(), 0);
    }

    void partialHeaderIsNotAnError()
    {
        FrameDecoder decoder;
        decoder.append(rawHeader(0, 1).first(kHeaderSize - 1));
        QVERIFY(!decoder.next().has_value());
        QVERIFY(!decoder.hasFailed());
    }

    void unknownCommandIsPerFrame()
    {
        FrameDecoder decoder;
        decoder.append(encodeFrame(CommandId{0x0007, 0x7777}, 5, QByteArray("abc")));
        decoder.append(encodeFrame(oneway::Heartbeat::id, 6, QByteArray()));
        const QList<Frame> frames = drain(decoder);
        QCOMPARE(frames.size(), 2);
        const DecodedBody unknown = decodeBody(frames[0]);
        QCOMPARE(unknown.error, pb::ERROR_UNKNOWN_COMMAND);
        QVERIFY(!isFatal(unknown.error));
        QCOMPARE(decodeBody(frames[1]).error, pb::ERROR_NONE);
    }

    void malformedBody_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("truncated varint") << QByteArray("\x08\xff", 2);
        QTest::newRow("length beyond end") << QByteArray("\x12\x7f"
                                                         "abc",
                                                         5);
        QTest::newRow("invalid wire type") << QByteArray("\x0f\x01", 2);
        QTest::newRow("field number zero") << QByteArray("\x00\x01", 2);
        QTest::newRow("invalid UTF-8 in string") << QByteArray("\x0a\x02\xc3\x28", 4);
    }

    void malformedBody()
    {
        QFETCH(QByteArray, body);
        Frame frame{rpc::Login::request, 3, 0, body};
        const DecodedBody decoded = decodeBody(frame);
        QCOMPARE(decoded.error, pb::ERROR_MALFORMED_BODY);
        QVERIFY(!decoded.message);
        QVERIFY(!isFatal(decoded.error));
    }

    void webSocketMessageHoldsExactlyOneFrame()
    {
        const QByteArray one = encodeFrame(oneway::Heartbeat::id, 1, QByteArray("x"));
        auto ok = decodeSingleFrame(one);
        QVERIFY(ok.frame.has_value());
        QCOMPARE(ok.frame->body, QByteArray("x"));

        QCOMPARE(decodeSingleFrame(one + one).error, pb::ERROR_MALFORMED_FRAME);
        QCOMPARE(decodeSingleFrame(one.first(one.size() - 1)).error, pb::ERROR_MALFORMED_FRAME);
        QCOMPARE(decodeSingleFrame(one + "!").error, pb::ERROR_MALFORMED_FRAME);
        QCOMPARE(decodeSingleFrame(QByteArray()).error, pb::ERROR_MALFORMED_FRAME);
        QCOMPARE(decodeSingleFrame(rawHeader(64, 1), 32).error, pb::ERROR_FRAME_TOO_LARGE);
        QCOMPARE(decodeSingleFrame(rawHeader(16, 3)).error, pb::ERROR_UNSUPPORTED_VERSION);
    }

    void errorNames()
    {
        QCOMPARE(errorName(pb::ERROR_WRONG_PASSWORD), QStringLiteral("ERROR_WRONG_PASSWORD"));
        QCOMPARE(errorName(pb::ErrorCode(9999)), QStringLiteral("ERROR_9999"));
        const pb::ErrorResponse error =
            makeError(pb::ERROR_NOT_LOGGED_IN, QStringLiteral("log in first"), rpc::UserSync::request);
        QCOMPARE(error.service_id(), 2u);
        QCOMPARE(error.command_id(), 0x0208u);
    }

    void cursorsNeverCollideOrGoBack()
    {
        Cursor last;
        last = Cursor::after(last, 1000);
        QCOMPARE(last.value(), 1000u);
        last = Cursor::after(last, 1000); // same millisecond
        QCOMPARE(last.value(), 1001u);
        last = Cursor::after(last, 500); // clock stepped backwards
        QCOMPARE(last.value(), 1002u);
        last = Cursor::after(last, 5000);
        QCOMPARE(last.value(), 5000u);
        QCOMPARE(Cursor::after(Cursor(), -3).value(), 1u);
    }
};

QTEST_GUILESS_MAIN(TestFrameCodec)
#include "tst_frame_codec.moc"
