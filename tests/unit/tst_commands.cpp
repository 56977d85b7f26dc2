// Every command of the protocol: a body filled in every field survives encode -> any split -> decode intact, and
// the numbering keeps TeamTalk's where the meaning is the same.
#include "protocol/frame.h"
#include "support/messagefill.h"

#include <QSet>
#include <QTest>

#include <google/protobuf/util/message_differencer.h>

using namespace confab::protocol;

class TestCommands : public QObject
{
    Q_OBJECT

private slots:
    void everyCommandIsUniqueAndRegistered()
    {
        QSet<quint32> keys;
        for (const CommandInfo &info : allCommands()) {
            QVERIFY2(!keys.contains(info.id.key()), info.name.data());
            keys.insert(info.id.key());
            QCOMPARE(findCommand(info.id), &info);
            QVERIFY(info.prototype != nullptr);
            QVERIFY(info.id.service >= 1 && info.id.service <= 7);
            if (info.direction == Direction::ClientToServer) {
                const CommandInfo *response = findCommand(info.response);
                QVERIFY2(response, info.name.data());
                QCOMPARE(response->direction, Direction::ServerToClient);
                QCOMPARE(response->id.service, info.id.service);
            }
        }
        QVERIFY(keys.size() > 60);
        QCOMPARE(findCommand(CommandId{0x0007, 0x7777}), nullptr);
    }

    void teamTalkNumberingIsKept()
    {
        QCOMPARE(rpc::Login::request, (CommandId{0x0001, 0x0103}));
        QCOMPARE(rpc::Login::response, (CommandId{0x0001, 0x0104}));
        QCOMPARE(oneway::Kick::id, (CommandId{0x0001, 0x0107}));
        QCOMPARE(rpc::DepartmentSync::request, (CommandId{0x0002, 0x0210}));
        QCOMPARE(rpc::UserSync::request, (CommandId{0x0002, 0x0208}));
        QCOMPARE(rpc::SessionSync::request, (CommandId{0x0002, 0x0201}));
        QCOMPARE(rpc::SendMessage::request, (CommandId{0x0003, 0x0301}));
        QCOMPARE(rpc::History::request, (CommandId{0x0003, 0x0309}));
        QCOMPARE(rpc::GroupListSync::request, (CommandId{0x0004, 0x0401}));
        QCOMPARE(rpc::CreateGroup::request, (CommandId{0x0004, 0x0405}));
        QCOMPARE(oneway::P2P::id, (CommandId{0x0006, 0x0601}));
        QCOMPARE(oneway::Heartbeat::id, (CommandId{0x0007, 0x0701}));
    }

    void roundTripEveryMessageType_data()
    {
        QTest::addColumn<quint32>("key");
        for (const CommandInfo &info : allCommands())
            QTest::newRow(info.name.data()) << info.id.key();
    }

    void roundTripEveryMessageType()
    {
        QFETCH(quint32, key);
        const CommandInfo *info = findCommand(CommandId{quint16(key >> 16), quint16(key & 0xffff)});
        QVERIFY(info);

        std::unique_ptr<google::protobuf::Message> sent(info->prototype->New());
        confab::test::fillMessage(*sent, int(key % 97));
        QVERIFY(sent->ByteSizeLong() > 0 || info->prototype->GetDescriptor()->field_count() == 0);

        const QByteArray wire = encodeFrame(info->id, 0xBEEF, *sent);
        QCOMPARE(wire.size(), encodedFrameSize(*sent));

        // Split at every position: the frame must come out whole and identical.
        for (qsizetype split = 0; split <= wire.size(); ++split) {
            FrameDecoder decoder;
            decoder.append(QByteArrayView(wire).first(split));
            if (split < wire.size())
                QVERIFY(!decoder.next().has_value());
            decoder.append(QByteArrayView(wire).sliced(split));
            const std::optional<Frame> frame = decoder.next();
            QVERIFY(frame.has_value());
            QCOMPARE(frame->command, info->id);
            QCOMPARE(frame->seq, quint16(0xBEEF));
            const DecodedBody body = decodeBody(*frame);
            QCOMPARE(body.error, confab::pb::ERROR_NONE);
            QCOMPARE(body.info, info);
            QVERIFY2(google::protobuf::util::MessageDifferencer::Equals(*sent, *body.message),
                     body.message->DebugString().c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
