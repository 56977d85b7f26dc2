// The client's typed push dispatch: a push reaches every subscriber of its command, parsed, and nobody else; a
// subscriber whose context is gone hears nothing; a body that does not parse reaches nobody.
#include "net/pushdispatch.h"

#include <QTest>

#include <memory>

using namespace confab;
using namespace confab::protocol;
using confab::client::PushDispatch;

namespace {
Frame frameOf(CommandId command, const google::protobuf::Message &body)
{
    Frame frame;
    frame.command = command;
    frame.body = QByteArray::fromStdString(body.SerializeAsString());
    return frame;
}
} // namespace

class TestPushDispatch : public QObject
{
    Q_OBJECT

private slots:
    void eachPushReachesItsSubscribersParsed()
    {
        PushDispatch dispatch;
        QObject context;
        std::vector<quint64> first, second;
        int kicks = 0;
        dispatch.on<oneway::MessageNotify>(&context,
                                           [&](const pb::MessageNotify &n) { first.push_back(n.message().id()); });
        dispatch.on<oneway::MessageNotify>(&context,
                                           [&](const pb::MessageNotify &n) { second.push_back(n.message().id()); });
        dispatch.on<oneway::Kick>(&context, [&](const pb::KickNotice &) { ++kicks; });

        pb::MessageNotify notify;
        notify.mutable_message()->set_id(7);
        QVERIFY(dispatch.dispatch(frameOf(oneway::MessageNotify::id, notify)));
        QCOMPARE(first, std::vector<quint64>{7});
        QCOMPARE(second, std::vector<quint64>{7});
        QCOMPARE(kicks, 0);

        pb::ReadNotify read; // nobody handles it
        QVERIFY(!dispatch.dispatch(frameOf(oneway::ReadNotify::id, read)));
    }

    void aGoneContextHearsNothing()
    {
        PushDispatch dispatch;
        QObject stays;
        auto goes = std::make_unique<QObject>();
        int heardByGone = 0;
        int heardByStaying = 0;
        dispatch.on<oneway::Kick>(goes.get(), [&](const pb::KickNotice &) { ++heardByGone; });
        dispatch.on<oneway::Kick>(&stays, [&](const pb::KickNotice &) { ++heardByStaying; });
        goes.reset();
        QVERIFY(dispatch.dispatch(frameOf(oneway::Kick::id, pb::KickNotice())));
        QCOMPARE(heardByGone, 0);
        QCOMPARE(heardByStaying, 1);
    }

    void aHandlerMayDeleteAnotherSubscriberMidDispatch()
    {
        PushDispatch dispatch;
        QObject first;
        auto second = std::make_unique<QObject>();
        int heardBySecond = 0;
        dispatch.on<oneway::Kick>(&first, [&](const pb::KickNotice &) { second.reset(); });
        dispatch.on<oneway::Kick>(second.get(), [&](const pb::KickNotice &) { ++heardBySecond; });
        dispatch.dispatch(frameOf(oneway::Kick::id, pb::KickNotice()));
        QCOMPARE(heardBySecond, 0);
    }

    void aBodyThatDoesNotParseReachesNobody()
    {
        PushDispatch dispatch;
        QObject context;
        int heard = 0;
        dispatch.on<oneway::MessageNotify>(&context, [&](const pb::MessageNotify &) { ++heard; });
        Frame junk;
        junk.command = oneway::MessageNotify::id;
        junk.body = QByteArray("\xff\xff\xff\xff", 4);
        QVERIFY(!dispatch.dispatch(junk));
        QVERIFY(!dispatch.dispatch(junk)); // logged once, dropped every time
        QCOMPARE(heard, 0);
    }
};

QTEST_GUILESS_MAIN(TestPushDispatch)
#include "tst_push_dispatch.moc"
