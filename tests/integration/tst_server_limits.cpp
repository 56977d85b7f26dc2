// The schema's limits (limits.proto) over real sockets. Every string, bytes and list field a client can send has a
// limit; the test walks them all from the command list, so a new field without one fails here, and sends each one
// past its limit (refused with its code, naming the field) and at its limit (not refused for its size). Every enum
// field gets a value its type does not name. Answers that would pass a frame come in shorter pages instead.
#include "protocol/fieldlimits.h"
#include "protocol/frame.h"
#include "support/messaging.h"
#include "support/rawclient.h"
#include "support/testserver.h"

#include <QRegularExpression>
#include <QTest>

using namespace confab;
using namespace confab::protocol;
using confab::test::RawClient;
using confab::test::TestClient;
using confab::test::TestServer;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

namespace {

using FieldPath = std::vector<const FieldDescriptor *>;

// Every command a client may send, with the message it carries.
std::vector<const CommandInfo *> clientCommands()
{
    std::vector<const CommandInfo *> commands;
    for (const CommandInfo &info : allCommands()) {
        if (info.direction != Direction::ServerToClient)
            commands.push_back(&info);
    }
    return commands;
}

// Calls `visit` for every field reachable from `type`, nested messages included, with the path that leads to it.
void walk(const Descriptor *type, FieldPath &path, const std::function<void(const FieldPath &)> &visit)
{
    if (path.size() > 8)
        return; // no Confab request nests this deep; a recursive type would
    for (int i = 0; i < type->field_count(); ++i) {
        path.push_back(type->field(i));
        visit(path);
        if (type->field(i)->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE)
            walk(type->field(i)->message_type(), path, visit);
        path.pop_back();
    }
}

QString pathName(const CommandInfo &command, const FieldPath &path)
{
    QString name = QString::fromStdString(command.prototype->GetDescriptor()->name());
    for (const FieldDescriptor *field : path)
        name += QLatin1Char('.') + QString::fromStdString(field->name());
    return name;
}

// The path to the field named `name` ("SendMessageRequest.to.type"), or an empty one.
FieldPath findField(const CommandInfo &command, const QString &name)
{
    FieldPath found;
    FieldPath path;
    walk(command.prototype->GetDescriptor(), path, [&](const FieldPath &p) {
        if (pathName(command, p) == name)
            found = p;
    });
    return found;
}

bool isBytesLike(const FieldDescriptor &field)
{
    return field.cpp_type() == FieldDescriptor::CPPTYPE_STRING;
}

// The message that holds the path's last field, creating the messages on the way (one item of each list).
Message &holderOf(Message &root, const FieldPath &path)
{
    Message *at = &root;
    for (size_t i = 0; i + 1 < path.size(); ++i) {
        const FieldDescriptor *field = path[i];
        at = field->is_repeated() ? at->GetReflection()->AddMessage(at, field)
                                  : at->GetReflection()->MutableMessage(at, field);
    }
    return *at;
}

// Sets the path's last field to `size` bytes (a string) or `size` items (a list).
void fill(Message &root, const FieldPath &path, quint32 size, bool items)
{
    Message &holder = holderOf(root, path);
    const FieldDescriptor *field = path.back();
    const auto *reflection = holder.GetReflection();
    if (!items) {
        const std::string value(size, 'a');
        if (field->is_repeated())
            reflection->AddString(&holder, field, value);
        else
            reflection->SetString(&holder, field, value);
        return;
    }
    for (quint32 i = 0; i < size; ++i) {
        switch (field->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING:
            reflection->AddString(&holder, field, "a");
            break;
        case FieldDescriptor::CPPTYPE_UINT64:
            reflection->AddUInt64(&holder, field, 1);
            break;
        case FieldDescriptor::CPPTYPE_MESSAGE:
            reflection->AddMessage(&holder, field);
            break;
        default:
            QFAIL("a list of a kind this test cannot fill");
        }
    }
}

pb::ErrorCode tooLargeCode(const FieldDescriptor &field)
{
    const pb::ErrorCode code = field.options().GetExtension(pb::too_large);
    return code == pb::ERROR_NONE ? pb::ERROR_FIELD_TOO_LARGE : code;
}

// The server's answer to request `seq`: its response or an error.
std::optional<Frame> answerTo(RawClient &raw, quint16 seq)
{
    std::optional<Frame> answer;
    TestClient::waitFor(
        [&] {
            while (auto frame = raw.decoder.next()) {
                if (frame->seq == seq)
                    answer = std::move(frame);
            }
            return answer.has_value();
        },
        5000);
    return answer;
}

// The field an error names, without list indices ("LatestIdRequest.conversations.type").
bool names(const pb::ErrorResponse &error, const QString &field)
{
    static const QRegularExpression index(QStringLiteral("\\[\\d+\\]"));
    return QString::fromStdString(error.message()).remove(index).contains(field);
}

std::optional<pb::ErrorResponse> errorIn(const std::optional<Frame> &frame)
{
    pb::ErrorResponse error;
    if (!frame || frame->command != oneway::Error::id || !parseBody(*frame, error))
        return std::nullopt;
    return error;
}

} // namespace

class TestServerLimits : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    RawClient m_signedIn; // bob, for every command but login
    quint16 m_seq = 1;

    // Sends `message` as `command` (on a fresh anonymous connection for commands allowed before login).
    std::optional<Frame> send(const CommandInfo &command, const Message &message)
    {
        const bool anonymous = command.id == rpc::Login::request;
        RawClient fresh;
        RawClient &raw = anonymous ? fresh : m_signedIn;
        if (anonymous && !fresh.open(m_server->server().tcpPort()))
            return std::nullopt;
        const quint16 seq = m_seq++;
        raw.socket.write(encodeFrame(command.id, seq, message));
        return answerTo(raw, seq);
    }

    static bool notServedYet(const std::optional<pb::ErrorResponse> &error)
    {
        return error && error->code() == pb::ERROR_UNKNOWN_COMMAND &&
               QString::fromStdString(error->message()).contains(QStringLiteral("not served"));
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(10);
        QVERIFY(m_server->isRunning());
        QVERIFY(m_signedIn.open(m_server->server().tcpPort()));
        m_signedIn.socket.write(
            encodeFrame(rpc::Login::request, 60000, TestClient::loginRequest(QStringLiteral("bob"))));
        QVERIFY(m_signedIn.waitForFrame(rpc::Login::response, 60000));
    }

    void cleanupTestCase() { m_server.reset(); }

    void everyStringAndListAClientSendsHasALimit()
    {
        QStringList unbounded;
        for (const CommandInfo *command : clientCommands()) {
            FieldPath path;
            walk(command->prototype->GetDescriptor(), path, [&](const FieldPath &p) {
                const FieldDescriptor &field = *p.back();
                if ((isBytesLike(field) && maxBytes(field) == 0) || (field.is_repeated() && maxItems(field) == 0))
                    unbounded << pathName(*command, p);
            });
        }
        QVERIFY2(unbounded.isEmpty(),
                 qPrintable(QStringLiteral("no limit in the schema for: ") + unbounded.join(QStringLiteral(", "))));
    }

    void eachFieldPastItsLimitIsRefusedAndAtItsLimitIsNot_data()
    {
        QTest::addColumn<int>("command"); // index into clientCommands()
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("items"); // the list's length rather than a string's bytes
        const std::vector<const CommandInfo *> commands = clientCommands();
        for (size_t i = 0; i < commands.size(); ++i) {
            FieldPath path;
            walk(commands[i]->prototype->GetDescriptor(), path, [&](const FieldPath &p) {
                const QString name = pathName(*commands[i], p);
                if (maxItems(*p.back()) > 0)
                    QTest::newRow(qPrintable(name + QStringLiteral(" items"))) << int(i) << name << true;
                if (maxBytes(*p.back()) > 0)
                    QTest::newRow(qPrintable(name + QStringLiteral(" bytes"))) << int(i) << name << false;
            });
        }
    }

    void eachFieldPastItsLimitIsRefusedAndAtItsLimitIsNot()
    {
        QFETCH(int, command);
        QFETCH(QString, field);
        QFETCH(bool, items);
        const CommandInfo &info = *clientCommands()[size_t(command)];
        const FieldPath target = findField(info, field);
        QVERIFY(!target.empty());
        const quint32 limit = items ? maxItems(*target.back()) : maxBytes(*target.back());
        const pb::ErrorCode code = tooLargeCode(*target.back());

        std::unique_ptr<Message> over(info.prototype->New());
        fill(*over, target, limit + 1, items);
        const auto refused = errorIn(send(info, *over));
        if (notServedYet(refused))
            QSKIP("the server does not serve this command yet");
        QVERIFY2(refused.has_value(), "no error for a field past its limit");
        QCOMPARE(refused->code(), code);
        QVERIFY2(names(*refused, field), refused->message().c_str());

        std::unique_ptr<Message> at(info.prototype->New());
        fill(*at, target, limit, items);
        const auto answer = send(info, *at);
        QVERIFY2(answer.has_value(), "no answer at the limit");
        if (const auto error = errorIn(answer)) // refused for another reason is fine; for its size is not
            QVERIFY2(!names(*error, field), error->message().c_str());
    }

    void anEnumValueTheSchemaDoesNotNameIsRefused_data()
    {
        QTest::addColumn<int>("command");
        QTest::addColumn<QString>("field");
        const std::vector<const CommandInfo *> commands = clientCommands();
        for (size_t i = 0; i < commands.size(); ++i) {
            FieldPath path;
            walk(commands[i]->prototype->GetDescriptor(), path, [&](const FieldPath &p) {
                if (p.back()->cpp_type() == FieldDescriptor::CPPTYPE_ENUM)
                    QTest::newRow(qPrintable(pathName(*commands[i], p))) << int(i) << pathName(*commands[i], p);
            });
        }
    }

    void anEnumValueTheSchemaDoesNotNameIsRefused()
    {
        QFETCH(int, command);
        QFETCH(QString, field);
        const CommandInfo &info = *clientCommands()[size_t(command)];
        const FieldPath target = findField(info, field);
        QVERIFY(!target.empty());
        constexpr int kNamedByNoConfabEnum = 99;
        QVERIFY(!target.back()->enum_type()->FindValueByNumber(kNamedByNoConfabEnum));
        std::unique_ptr<Message> message(info.prototype->New());
        Message &holder = holderOf(*message, target);
        if (target.back()->is_repeated())
            holder.GetReflection()->AddEnumValue(&holder, target.back(), kNamedByNoConfabEnum);
        else
            holder.GetReflection()->SetEnumValue(&holder, target.back(), kNamedByNoConfabEnum);
        const auto refused = errorIn(send(info, *message));
        if (notServedYet(refused))
            QSKIP("the server does not serve this command yet");
        QVERIFY2(refused.has_value(), "no error for an unknown enum value");
        QCOMPARE(refused->code(), pb::ERROR_UNKNOWN_VALUE);
        QVERIFY2(names(*refused, field), refused->message().c_str());
    }

    // 40 messages of 32 KiB are 1.3 MB, more than a frame: each page is cut to fit and says there is more, so the
    // other person reads all of them (before, the conversation answered "response too large" for ever).
    void largeMessagesComeInShorterPagesNotInAnAnswerTooLargeToSend()
    {
        TestClient alice;
        TestClient carol;
        QCOMPARE(alice.connectAndLogin(m_server->endpoint(), QStringLiteral("alice")), QString());
        QCOMPARE(carol.connectAndLogin(m_server->endpoint(), QStringLiteral("carol")), QString());
        const quint64 carolId = m_server->userId(QStringLiteral("carol"));
        const quint64 aliceId = m_server->userId(QStringLiteral("alice"));
        constexpr int kCount = 40;
        for (int i = 0; i < kCount; ++i)
            QVERIFY(test::sendText(alice, test::single(carolId), std::string(32 * 1024, char('a' + i % 26))).ok());

        std::set<quint64> seen;
        quint64 from = 0;
        int pages = 0;
        for (bool more = true; more; ++pages) {
            const auto page = test::historyOf(carol, test::single(aliceId), from, 200);
            QVERIFY2(page.ok(), qPrintable(page.message));
            QVERIFY(page.value.messages_size() > 0);
            for (const pb::Message &m : page.value.messages())
                seen.insert(m.id());
            from = page.value.messages(page.value.messages_size() - 1).id();
            more = page.value.has_more();
        }
        QCOMPARE(int(seen.size()), kCount);
        QVERIFY(pages > 1);

        pb::MessagesByIdRequest byId;
        *byId.mutable_conversation() = test::single(aliceId);
        for (quint64 id = 1; id <= kCount; ++id)
            byId.add_ids(id);
        std::set<quint64> fetched;
        while (byId.ids_size() > 0) {
            const auto answer = carol.call<rpc::MessagesById>(byId);
            QVERIFY2(answer.ok(), qPrintable(answer.message));
            QVERIFY(answer.value.messages_size() > 0);
            for (const pb::Message &m : answer.value.messages())
                fetched.insert(m.id());
            QCOMPARE(answer.value.has_more(), fetched.size() < size_t(kCount));
            auto *ids = byId.mutable_ids();
            ids->erase(std::remove_if(ids->begin(), ids->end(), [&](quint64 id) { return fetched.count(id) > 0; }),
                       ids->end());
        }
        QCOMPARE(int(fetched.size()), kCount);
    }

    // One person repeated in `mentions` is mentioned once: the list cannot grow a message past what it names.
    void aPersonMentionedManyTimesIsMentionedOnce()
    {
        TestClient alice;
        QCOMPARE(alice.connectAndLogin(m_server->endpoint(), QStringLiteral("alice")), QString());
        const quint64 bob = m_server->userId(QStringLiteral("bob"));
        pb::CreateGroupRequest create;
        create.set_name("Mentions");
        create.add_member_ids(bob);
        const auto group = alice.call<rpc::CreateGroup>(create);
        QVERIFY2(group.ok(), qPrintable(group.message));
        pb::SendMessageRequest send;
        *send.mutable_to() = test::group(group.value.group().id());
        send.set_kind(pb::MESSAGE_KIND_TEXT);
        send.set_text("@bob");
        send.set_client_msg_id("mention-once");
        for (int i = 0; i < 100; ++i)
            send.add_mentions(bob);
        QVERIFY(alice.call<rpc::SendMessage>(send).ok());
        const auto history = test::historyOf(alice, test::group(group.value.group().id()));
        QVERIFY(history.ok());
        QCOMPARE(history.value.messages(0).mentions_size(), 1);
        QCOMPARE(history.value.messages(0).mentions(0), bob);
    }
};

QTEST_GUILESS_MAIN(TestServerLimits)
#include "tst_server_limits.moc"
