// Who may do what, command by command. Every command a client can send has a row here (a new command without
// one fails the test), asked over real sockets by four people: someone not logged in; carol, logged in but
// neither in alice and bob's conversation nor in their group (the "another user" and "non-member" of the issue:
// a one-to-one conversation can only be named from inside it, so for those rows she names it from her side);
// and bob, a member of the group without a role. What carol is allowed to ask must not carry anything of the
// conversation or the group: their texts and the group's name are looked for in every answer she gets.
#include "demo/demoorganisation.h"
#include "protocol/commands.h"
#include "protocol/errors.h"
#include "protocol/frame.h"
#include "store/storagethread.h"
#include "support/messaging.h"
#include "support/rawclient.h"
#include "support/testserver.h"

#include <QTest>

using namespace confab;
using namespace confab::protocol;
using confab::test::RawClient;
using confab::test::TestClient;
using confab::test::TestServer;
using google::protobuf::Message;

namespace {

constexpr char kSecretOneToOne[] = "alice-to-bob-secret";
constexpr char kSecretGroupText[] = "group-secret-text";
constexpr char kSecretGroupName[] = "Secret plans";

struct Fixture
{
    quint64 alice = 0, bob = 0, carol = 0, dave = 0;
    quint64 groupId = 0;
    quint64 groupMessage = 0;
    quint64 directMessage = 0;
};

// One row: the request, and the answer carol and bob get (nullopt: not asked, with the reason beside the row).
struct Rule
{
    std::string_view command; // as in commandlist.h
    std::function<std::unique_ptr<Message>(const Fixture &)> request;
    std::optional<pb::ErrorCode> outsider;
    std::optional<pb::ErrorCode> member;
};

template <class T>
std::unique_ptr<Message> make(const std::function<void(T &)> &fill)
{
    auto message = std::make_unique<T>();
    fill(*message);
    return message;
}

template <class T>
std::function<std::unique_ptr<Message>(const Fixture &)> with(std::function<void(T &, const Fixture &)> fill)
{
    return [fill](const Fixture &f) { return make<T>([&](T &m) { fill(m, f); }); };
}

template <class T>
std::function<std::unique_ptr<Message>(const Fixture &)> empty()
{
    return [](const Fixture &) { return std::make_unique<T>(); };
}

void setGroup(pb::Conversation *c, const Fixture &f)
{
    *c = test::group(f.groupId);
}

const auto kOk = std::optional<pb::ErrorCode>(pb::ERROR_NONE);
const auto kNotMember = std::optional<pb::ErrorCode>(pb::ERROR_NOT_GROUP_MEMBER);
const auto kNotOwner = std::optional<pb::ErrorCode>(pb::ERROR_NOT_GROUP_OWNER);
const auto kNotServed = std::optional<pb::ErrorCode>(pb::ERROR_UNKNOWN_COMMAND);
const auto kNotFound = std::optional<pb::ErrorCode>(pb::ERROR_NOT_FOUND);
constexpr std::nullopt_t kNoGroup = std::nullopt; // the request names no group: bob is asked nothing else than carol

std::vector<Rule> rules()
{
    return {
        // Login is the one command before login; on a logged-in connection it is another matter (tst_server_login).
        {"Login", with<pb::LoginRequest>([](auto &r, auto &) { r.set_login_name("carol"); }), std::nullopt, kNoGroup},
        {"Logout", empty<pb::LogoutRequest>(), kOk, kNoGroup},
        {"SignOutDevice",
         with<pb::SignOutDeviceRequest>([](auto &r, auto &) { r.set_client_type(pb::CLIENT_TYPE_IOS); }), kOk,
         kNoGroup},
        {"SessionSync", empty<pb::SyncRequest>(), kOk, kNoGroup},
        {"UserInfo", with<pb::UserInfoRequest>([](auto &r, auto &f) { r.add_user_ids(f.alice); }), kOk, kNoGroup},
        // Carol has no session with the group: the answer a group that does not exist gets, so it tells her nothing.
        {"RemoveSession",
         with<pb::RemoveSessionRequest>([](auto &r, auto &f) { setGroup(r.mutable_conversation(), f); }), kNotFound,
         kOk},
        {"RemoveSession",
         with<pb::RemoveSessionRequest>([](auto &r, auto &) { *r.mutable_conversation() = test::group(999999); }),
         kNotFound, kNoGroup},
        {"UserSync", empty<pb::SyncRequest>(), kOk, kNoGroup},
        {"PresenceQuery", with<pb::PresenceQueryRequest>([](auto &r, auto &f) { r.add_user_ids(f.alice); }), kOk,
         kNoGroup},
        {"ChangeAvatar", with<pb::ChangeAvatarRequest>([](auto &r, auto &) { r.set_avatar_url("https://x/a.png"); }),
         kOk, kNoGroup},
        {"DepartmentSync", empty<pb::SyncRequest>(), kOk, kNoGroup},
        {"ChangeSignLine", with<pb::ChangeSignLineRequest>([](auto &r, auto &) { r.set_sign_line("mine"); }), kOk,
         kNoGroup},
        {"BuddySync", empty<pb::SyncRequest>(), kOk, kNoGroup},
        {"AddBuddy", with<pb::AddBuddyRequest>([](auto &r, auto &f) { r.set_user_id(f.alice); }), kOk, kNoGroup},
        {"RemoveBuddy", with<pb::RemoveBuddyRequest>([](auto &r, auto &f) { r.set_user_id(f.alice); }), kOk, kNoGroup},
        {"SetPresence", with<pb::SetPresenceRequest>([](auto &r, auto &) { r.set_presence(pb::PRESENCE_AWAY); }), kOk,
         kNoGroup},
        {"PresenceWatch", with<pb::PresenceWatchRequest>([](auto &r, auto &f) { r.add_user_ids(f.alice); }), kOk,
         kNoGroup},
        {"UpdateSession", with<pb::UpdateSessionRequest>([](auto &r, auto &f) {
             setGroup(r.mutable_conversation(), f);
             r.set_pinned(true);
         }),
         kNotMember, kOk},
        {"SendMessage", with<pb::SendMessageRequest>([](auto &r, auto &f) {
             setGroup(r.mutable_to(), f);
             r.set_kind(pb::MESSAGE_KIND_TEXT);
             r.set_text("let me in");
             r.set_client_msg_id("authz-send");
         }),
         kNotMember, kOk},
        // From her side "alice's conversation with bob" is her own with bob: it holds nothing of theirs.
        {"SendMessage", with<pb::SendMessageRequest>([](auto &r, auto &f) {
             *r.mutable_to() = test::single(f.bob);
             r.set_kind(pb::MESSAGE_KIND_TEXT);
             r.set_text("hello bob");
             r.set_client_msg_id("authz-direct");
         }),
         kOk, kNoGroup},
        {"ReadAck", with<pb::ReadAckRequest>([](auto &r, auto &f) {
             setGroup(r.mutable_conversation(), f);
             r.set_up_to_id(f.groupMessage);
         }),
         kNotMember, kOk},
        {"ServerTime", empty<pb::ServerTimeRequest>(), kOk, kNoGroup},
        {"UnreadCount", empty<pb::UnreadCountRequest>(), kOk, kNoGroup},
        {"History", with<pb::HistoryRequest>([](auto &r, auto &f) { setGroup(r.mutable_conversation(), f); }),
         kNotMember, kOk},
        {"History",
         with<pb::HistoryRequest>([](auto &r, auto &f) { *r.mutable_conversation() = test::single(f.alice); }), kOk,
         kNoGroup},
        {"LatestId", with<pb::LatestIdRequest>([](auto &r, auto &f) { setGroup(r.add_conversations(), f); }),
         kNotMember, kOk},
        {"MessagesById", with<pb::MessagesByIdRequest>([](auto &r, auto &f) {
             setGroup(r.mutable_conversation(), f);
             r.add_ids(f.groupMessage);
         }),
         kNotMember, kOk},
        {"MessagesById", with<pb::MessagesByIdRequest>([](auto &r, auto &f) {
             *r.mutable_conversation() = test::single(f.alice);
             r.add_ids(f.directMessage);
         }),
         kOk, kNoGroup},
        {"Receipts", with<pb::ReceiptsRequest>([](auto &r, auto &f) {
             setGroup(r.mutable_conversation(), f);
             r.set_message_id(f.groupMessage);
         }),
         kNotMember, kOk},
        {"GroupListSync", empty<pb::SyncRequest>(), kOk, kNoGroup},
        {"GroupInfo", with<pb::GroupInfoRequest>([](auto &r, auto &f) { r.add_known()->set_group_id(f.groupId); }), kOk,
         kOk}, // carol's answer leaves the group out (the secrets check below)
        {"CreateGroup", with<pb::CreateGroupRequest>([](auto &r, auto &f) {
             r.set_name("Carol's own");
             r.add_member_ids(f.dave);
         }),
         kOk, kNoGroup},
        {"ChangeMembers", with<pb::ChangeMembersRequest>([](auto &r, auto &f) {
             r.set_group_id(f.groupId);
             r.set_change(pb::MEMBER_CHANGE_ADD);
             r.add_user_ids(f.dave);
         }),
         kNotMember, kNotOwner},
        {"ChangeMembers", with<pb::ChangeMembersRequest>([](auto &r, auto &f) {
             r.set_group_id(f.groupId);
             r.set_change(pb::MEMBER_CHANGE_TRANSFER_OWNERSHIP);
             r.add_user_ids(f.bob);
         }),
         kNotMember, kNotOwner},
        {"MuteGroup", with<pb::MuteGroupRequest>([](auto &r, auto &f) {
             r.set_group_id(f.groupId);
             r.set_muted(true);
         }),
         kNotMember, kOk},
        {"UpdateGroup", with<pb::UpdateGroupRequest>([](auto &r, auto &f) {
             r.set_group_id(f.groupId);
             r.set_name("Taken over");
         }),
         kNotMember, kNotOwner},
        {"DissolveGroup", with<pb::DissolveGroupRequest>([](auto &r, auto &f) { r.set_group_id(f.groupId); }),
         kNotMember, kNotOwner},
        {"GroupMembers", with<pb::GroupMembersRequest>([](auto &r, auto &f) { r.set_group_id(f.groupId); }), kNotMember,
         kOk},
        // Not served until the file service lands (issue 18), which gives them their rows.
        {"FileChunkPull", empty<pb::FileChunkRequest>(), kNotServed, kNotServed},
        {"FileUpload", empty<pb::FileUploadRequest>(), kNotServed, kNotServed},
        {"FileChunkUpload", empty<pb::FileChunkUpload>(), kNotServed, kNotServed},
    };
}

const CommandInfo *requestNamed(std::string_view name)
{
    for (const CommandInfo &info : allCommands()) {
        if (info.name == std::string(name) + ".request")
            return &info;
    }
    return nullptr;
}

struct Answer
{
    pb::ErrorCode code = pb::ERROR_UNAVAILABLE; // unanswered
    QByteArray body;
};

Answer ask(RawClient &raw, CommandId command, CommandId response, const Message &body, quint16 seq)
{
    raw.socket.write(encodeFrame(command, seq, body));
    Answer answer;
    TestClient::waitFor(
        [&] {
            while (auto frame = raw.decoder.next()) {
                if (frame->seq != seq)
                    continue; // pushes
                if (frame->command == oneway::Error::id) {
                    pb::ErrorResponse error;
                    answer.code = parseBody(*frame, error) ? error.code() : pb::ERROR_MALFORMED_BODY;
                } else {
                    answer.code = frame->command == response ? pb::ERROR_NONE : pb::ERROR_MALFORMED_BODY;
                    answer.body = frame->body;
                }
                return true;
            }
            return raw.socket.state() != QAbstractSocket::ConnectedState;
        },
        10000);
    return answer;
}

std::unique_ptr<RawClient> signedIn(quint16 port, const char *user)
{
    auto raw = std::make_unique<RawClient>();
    if (!raw->open(port))
        return nullptr;
    pb::LoginRequest login = TestClient::loginRequest(QString::fromLatin1(user));
    const Answer answer = ask(*raw, rpc::Login::request, rpc::Login::response, login, 1);
    return answer.code == pb::ERROR_NONE ? std::move(raw) : nullptr;
}

} // namespace

class TestServerAuthorization : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    Fixture m_fixture;

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>(0);
        QVERIFY(m_server->isRunning());
        // Cheap hashes: this test signs in a hundred times.
        m_server->store().blocking([](server::Store &s) { return server::seedDemoOrganisation(s, 10, 1000); });
        m_fixture.alice = m_server->userId(QStringLiteral("alice"));
        m_fixture.bob = m_server->userId(QStringLiteral("bob"));
        m_fixture.carol = m_server->userId(QStringLiteral("carol"));
        m_fixture.dave = m_fixture.alice + 3;
        TestClient alice;
        QCOMPARE(alice.connectAndLogin(m_server->endpoint(), QStringLiteral("alice")), QString());
        pb::CreateGroupRequest create;
        create.set_name(kSecretGroupName);
        create.add_member_ids(m_fixture.bob);
        const auto created = alice.call<rpc::CreateGroup>(create);
        QVERIFY(created.ok());
        m_fixture.groupId = created.value.group().id();
        m_fixture.groupMessage = test::sendText(alice, test::group(m_fixture.groupId), kSecretGroupText).value.id();
        m_fixture.directMessage = test::sendText(alice, test::single(m_fixture.bob), kSecretOneToOne).value.id();
        QVERIFY(m_fixture.groupMessage != 0 && m_fixture.directMessage != 0);
    }

    void cleanupTestCase() { m_server.reset(); }

    void everyCommandAClientCanSendHasARow()
    {
        const std::vector<Rule> table = rules();
        QStringList missing;
        for (const CommandInfo &info : allCommands()) {
            if (info.direction == Direction::ServerToClient || info.response == CommandId{})
                continue; // pushes, and one-way messages (typing, heartbeats) which answer nothing
            const std::string_view name = info.name.substr(0, info.name.find('.'));
            if (std::none_of(table.begin(), table.end(), [&](const Rule &r) { return r.command == name; }))
                missing << QString::fromUtf8(name.data(), qsizetype(name.size()));
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("no authorization row for: ") + missing.join(u", ")));
        for (const Rule &rule : table)
            QVERIFY2(requestNamed(rule.command), rule.command.data());
    }

    void nobodyNotLoggedInIsServedAnythingButLogin()
    {
        std::unique_ptr<RawClient> anonymous;
        quint16 seq = 0;
        int refusedHere = 0;
        for (const Rule &rule : rules()) {
            if (rule.command == "Login")
                continue;
            // The ninth refusal before login closes a connection: a fresh one before that.
            if (!anonymous || refusedHere == m_server->server().config().limits.preLoginRefusals) {
                anonymous = std::make_unique<RawClient>();
                QVERIFY(anonymous->open(m_server->server().tcpPort()));
                refusedHere = 0;
            }
            const CommandInfo *info = requestNamed(rule.command);
            const Answer answer = ask(*anonymous, info->id, info->response, *rule.request(m_fixture), quint16(++seq));
            // A command nobody is served is unknown to everyone alike.
            const pb::ErrorCode expected =
                rule.outsider == kNotServed ? pb::ERROR_UNKNOWN_COMMAND : pb::ERROR_NOT_LOGGED_IN;
            QVERIFY2(answer.code == expected, qPrintable(QStringLiteral("%1: %2").arg(
                                                  QLatin1String(rule.command.data()), errorName(answer.code))));
            ++refusedHere;
        }
    }

    void outsidersAndMembersGetWhatTheTableSays()
    {
        QStringList wrong;
        quint16 seq = 100;
        for (const Rule &rule : rules()) {
            const CommandInfo *info = requestNamed(rule.command);
            const std::pair<const char *, std::optional<pb::ErrorCode>> askers[] = {{"carol", rule.outsider},
                                                                                    {"bob", rule.member}};
            for (const auto &[who, expected] : askers) {
                if (!expected)
                    continue;
                // Each question on a connection of its own: some (Logout, SignOutDevice) end it.
                const std::unique_ptr<RawClient> asker = signedIn(m_server->server().tcpPort(), who);
                QVERIFY2(asker, who);
                const Answer answer = ask(*asker, info->id, info->response, *rule.request(m_fixture), ++seq);
                if (answer.code != *expected)
                    wrong << QStringLiteral("%1 as %2: %3, expected %4")
                                 .arg(QLatin1String(rule.command.data()), QLatin1String(who), errorName(answer.code),
                                      errorName(*expected));
                if (QByteArrayView(who) == "carol") {
                    for (const char *secret : {kSecretOneToOne, kSecretGroupText, kSecretGroupName}) {
                        if (answer.body.contains(secret))
                            wrong << QStringLiteral("%1 as carol: the answer carries \"%2\"")
                                         .arg(QLatin1String(rule.command.data()), QLatin1String(secret));
                    }
                }
            }
        }
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));

        // Nothing refused left a trace: the group is alice's, with bob, under its name, its messages in place.
        TestClient alice;
        QCOMPARE(alice.connectAndLogin(m_server->endpoint(), QStringLiteral("alice")), QString());
        pb::GroupInfoRequest details;
        details.add_known()->set_group_id(m_fixture.groupId);
        const auto info = alice.call<rpc::GroupInfo>(details);
        QCOMPARE(info.value.groups_size(), 1);
        QCOMPARE(info.value.groups(0).name(), std::string(kSecretGroupName));
        QCOMPARE(info.value.groups(0).owner_id(), m_fixture.alice);
        QCOMPARE(info.value.groups(0).member_count(), 2u);
        QVERIFY(!info.value.groups(0).dissolved());
        const auto history = test::historyOf(alice, test::group(m_fixture.groupId));
        QVERIFY(std::any_of(history.value.messages().begin(), history.value.messages().end(),
                            [](const pb::Message &m) { return m.text() == kSecretGroupText; }));
    }
};

QTEST_GUILESS_MAIN(TestServerAuthorization)
#include "tst_server_authorization.moc"
