// Bad input over live connections: every rejection of the codec, unknown commands, malformed bodies and
// server-only commands. Each gets its own error code; framing errors close that connection only, per-frame
// errors leave it open, and the server keeps serving everyone else.
#include "protocol/frame.h"
#include "support/rawclient.h"
#include "support/testserver.h"

#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QtEndian>

using namespace confab;
using namespace confab::protocol;
using confab::test::header;
using confab::test::RawClient;
using confab::test::TestClient;
using confab::test::TestServer;

class TestServerBadInput : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestClient> m_bystander; // an ordinary user who must never notice any of this

    void bystanderStillServed()
    {
        QVERIFY(m_bystander->isConnected());
        QVERIFY(m_bystander->call<rpc::DepartmentSync>(pb::SyncRequest()).ok());
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(10, [](server::ServerConfig &c) {
            c.webSocket = server::ListenAddress{QHostAddress::LocalHost, 0};
        });
        QVERIFY(m_server->isRunning());
        m_bystander = std::make_unique<TestClient>();
        QCOMPARE(m_bystander->connectAndLogin(m_server->endpoint(), QStringLiteral("carol")), QString());
    }

    void cleanupTestCase()
    {
        m_bystander.reset();
        m_server.reset();
    }

    void framingErrorsCloseTheConnection_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("expected");
        QTest::newRow("length below header") << header(8, 1) << int(pb::ERROR_MALFORMED_FRAME);
        QTest::newRow("length zero") << header(0, 1) << int(pb::ERROR_MALFORMED_FRAME);
        QTest::newRow("oversize, header only") << header(64 * 1024 * 1024, 1) << int(pb::ERROR_FRAME_TOO_LARGE);
        QTest::newRow("one byte over 1 MiB") << header(kDefaultMaxFrameSize + 1, 1) << int(pb::ERROR_FRAME_TOO_LARGE);
        QTest::newRow("version 2") << header(16, 2) << int(pb::ERROR_UNSUPPORTED_VERSION);
        QTest::newRow("after a good frame")
            << (encodeFrame(oneway::Heartbeat::id, 7, QByteArray()) + header(3, 1)) << int(pb::ERROR_MALFORMED_FRAME);
    }

    void framingErrorsCloseTheConnection()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, expected);
        RawClient raw;
        QVERIFY(raw.open(m_server->server().tcpPort()));
        raw.socket.write(bytes);
        const auto error = raw.nextError();
        QVERIFY(error.has_value());
        QCOMPARE(int(error->code()), expected);
        QVERIFY(!error->message().empty());
        QVERIFY(raw.waitForClose());
        bystanderStillServed();
    }

    void perFrameErrorsLeaveTheConnectionOpen_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("expected");
        QTest::newRow("unknown command") << encodeFrame(CommandId{0x0007, 0x7777}, 101, QByteArray("x"))
                                         << int(pb::ERROR_UNKNOWN_COMMAND);
        QTest::newRow("unknown service") << encodeFrame(CommandId{0x0099, 0x0001}, 102, QByteArray())
                                         << int(pb::ERROR_UNKNOWN_COMMAND);
        QTest::newRow("truncated varint")
            << encodeFrame(rpc::UserSync::request, 103, QByteArray("\x08\xff", 2)) << int(pb::ERROR_MALFORMED_BODY);
        QTest::newRow("invalid UTF-8") << encodeFrame(rpc::ChangeSignLine::request, 104,
                                                      QByteArray("\x0a\x02\xc3\x28", 4))
                                       << int(pb::ERROR_MALFORMED_BODY);
        QTest::newRow("a response sent by a client")
            << encodeFrame(rpc::Login::response, 105, QByteArray()) << int(pb::ERROR_WRONG_DIRECTION);
        QTest::newRow("a push sent by a client")
            << encodeFrame(oneway::Kick::id, 106, QByteArray()) << int(pb::ERROR_WRONG_DIRECTION);
    }

    void perFrameErrorsLeaveTheConnectionOpen()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, expected);
        RawClient raw;
        QVERIFY(raw.open(m_server->server().tcpPort()));
        pb::LoginRequest login;
        login.set_login_name("bob");
        login.set_password("demo");
        login.set_client_type(pb::CLIENT_TYPE_WEB);
        raw.socket.write(encodeFrame(rpc::Login::request, 1, login));
        QVERIFY(raw.waitForFrame(rpc::Login::response, 1));

        raw.socket.write(frame);
        const auto error = raw.nextError();
        QVERIFY(error.has_value());
        QCOMPARE(int(error->code()), expected);
        QCOMPARE(error->command_id(), quint32(qFromBigEndian<quint16>(frame.constData() + 10)));
        // The connection lives on: it still answers a heartbeat.
        raw.socket.write(encodeFrame(oneway::Heartbeat::id, 999, QByteArray()));
        QVERIFY(raw.waitForFrame(oneway::Heartbeat::id, 999));
        QCOMPARE(raw.socket.state(), QAbstractSocket::ConnectedState);
        bystanderStillServed();
    }

    void errorsEchoTheRequestSequenceNumber()
    {
        RawClient raw;
        QVERIFY(raw.open(m_server->server().tcpPort()));
        raw.socket.write(encodeFrame(rpc::UserSync::request, 4242, pb::SyncRequest()));
        const auto error = raw.nextError();
        QVERIFY(error.has_value());
        QCOMPARE(error->code(), pb::ERROR_NOT_LOGGED_IN);
        QCOMPARE(error->service_id(), 0x0002u);
        QCOMPARE(error->command_id(), 0x0208u);
    }

    void webSocketMessagesMustHoldOneFrame()
    {
        const auto send = [&](const QByteArray &message, bool binary = true) {
            QWebSocket socket;
            std::optional<pb::ErrorResponse> error;
            bool closed = false;
            QObject::connect(&socket, &QWebSocket::binaryMessageReceived, [&](const QByteArray &m) {
                const SingleFrameResult r = decodeSingleFrame(m);
                pb::ErrorResponse e;
                if (r.frame && r.frame->command == oneway::Error::id && parseBody(*r.frame, e))
                    error = e;
            });
            QObject::connect(&socket, &QWebSocket::disconnected, [&] { closed = true; });
            socket.open(m_server->endpoint(true).webSocketUrl());
            if (!TestClient::waitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
                return pb::ERROR_NONE;
            binary ? socket.sendBinaryMessage(message) : socket.sendTextMessage(QString::fromLatin1(message));
            TestClient::waitFor([&] { return closed; }, 5000);
            return error ? error->code() : pb::ERROR_NONE;
        };
        const QByteArray one = encodeFrame(oneway::Heartbeat::id, 1, QByteArray());
        QCOMPARE(send(one + one), pb::ERROR_MALFORMED_FRAME);
        QCOMPARE(send(one.first(10)), pb::ERROR_MALFORMED_FRAME);
        QCOMPARE(send(header(16, 5)), pb::ERROR_UNSUPPORTED_VERSION);
        QCOMPARE(send(QByteArray("hello"), false), pb::ERROR_MALFORMED_FRAME);
        bystanderStillServed();
    }

    void aFlagrantlyLargeWebSocketMessageIsRefused()
    {
        QWebSocket socket;
        bool closed = false;
        QObject::connect(&socket, &QWebSocket::disconnected, [&] { closed = true; });
        socket.open(m_server->endpoint(true).webSocketUrl());
        QVERIFY(TestClient::waitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000));
        socket.sendBinaryMessage(QByteArray(2 * 1024 * 1024, 'x'));
        QVERIFY(TestClient::waitFor([&] { return closed; }, 10000));
        bystanderStillServed();
    }
};

QTEST_GUILESS_MAIN(TestServerBadInput)
#include "tst_server_bad_input.moc"
