// The desktop app, offscreen, against a real in-process server: a wrong then a right password, the organisation
// in the tree, search, chatting one-to-one and in a group, badges and the tray count raised by confab-cli and
// cleared by reading here or on another device, the language switched at run time, and every interactive widget
// named for automation and screen readers.
#include "chatpanel.h"
#include "clientcontroller.h"
#include "credentials/credentialstore.h"
#include "mainwindow.h"
#include "memberpicker.h"
#include "messageinput.h"
#include "model/departmenttreemodel.h"
#include "model/displaynames.h"
#include "model/grouplistmodel.h"
#include "model/messagelistmodel.h"
#include "peoplepicker.h"
#include "settingsdialog.h"
#include "sidebar.h"
#include "support/messaging.h"
#include "trayicon.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>

using namespace confab;
using confab::test::TestClient;
using confab::test::TestServer;

namespace {

template <class T = QWidget>
T *find(const char *objectName)
{
    for (QWidget *top : QApplication::topLevelWidgets()) {
        if (top->objectName() == QLatin1String(objectName))
            return qobject_cast<T *>(top);
        if (T *child = top->findChild<T *>(QLatin1String(objectName)))
            return child;
    }
    return nullptr;
}

bool isInteractive(const QWidget *w)
{
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QLineEdit *>(w) ||
           qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QComboBox *>(w) ||
           qobject_cast<const QAbstractSpinBox *>(w) || qobject_cast<const QTabWidget *>(w);
}

// Interactive widgets of ours without an objectName or an accessibleName. Qt's own inner parts (the tab bar
// inside a QTabWidget, a line edit's clear button, scroll bars) are named by Qt's accessibility layer itself.
QStringList unnamedControls(QWidget *top)
{
    QStringList missing;
    for (QWidget *w : top->findChildren<QWidget *>()) {
        if (!isInteractive(w) || w->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (qobject_cast<QAbstractButton *>(w) && qobject_cast<QLineEdit *>(w->parentWidget()))
            continue;
        if (qobject_cast<QHeaderView *>(w) && qobject_cast<QAbstractItemView *>(w->parentWidget()))
            continue;
        if (w->objectName().isEmpty() || w->accessibleName().isEmpty())
            missing << QStringLiteral("%1 '%2' in %3")
                           .arg(QLatin1String(w->metaObject()->className()), w->objectName(), top->objectName());
    }
    return missing;
}

// The unread badge the organisation tree shows on a person (-1: not in the tree).
int unreadInTree(const QAbstractItemModel *model, quint64 userId, const QModelIndex &parent = {})
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        if (i.data(client::DepartmentTreeModel::KindRole).value<client::DepartmentTreeModel::Kind>() ==
                client::DepartmentTreeModel::Kind::Person &&
            i.data(client::DepartmentTreeModel::IdRole).toULongLong() == userId)
            return i.data(client::DepartmentTreeModel::UnreadRole).toInt();
        if (const int found = unreadInTree(model, userId, i); found >= 0)
            return found;
    }
    return -1;
}

// Runs the real confab-cli against the in-process server; its exit code.
int runCli(TestServer &server, const QString &user, const QStringList &command)
{
    QProcess cli;
    cli.start(QStringLiteral(CONFAB_CLI_BINARY),
              QStringList{QStringLiteral("--server"), server.endpoint().toString(), QStringLiteral("--user"), user,
                          QStringLiteral("--password-stdin")} +
                  command);
    cli.write("demo\n");
    cli.closeWriteChannel();
    TestClient::waitFor([&] { return cli.state() == QProcess::NotRunning; }, 15000);
    return cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
}

} // namespace

class TestClientGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // caches go to a test location, never a real profile
    }

    void wrongThenRightPasswordThenTheOrganisation()
    {
        TestServer server(30);
        app::ClientOptions options;
        options.server = server.endpoint().toString();
        options.user = QStringLiteral("alice");
        options.password = QStringLiteral("not it");
        options.autoLogin = true;
        app::ClientController controller(options);
        controller.start();

        auto *status = find<QLabel>("loginStatus");
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("password is not right")), 10000);
        auto *password = find<QLineEdit>("loginPassword");
        password->setText(QStringLiteral("demo"));
        QTest::mouseClick(find<QAbstractButton>("loginButton"), Qt::LeftButton);

        QWidget *main = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((main = find("mainWindow")) && main->isVisible(), 10000);
        QVERIFY(!find("loginWindow")->isVisible());
        auto *tree = find<QTreeView>("departmentTree");
        QCOMPARE(tree->model()->rowCount(), 1); // the company
        const QModelIndex company = tree->model()->index(0, 0);
        QCOMPARE(company.data(Qt::UserRole + 3).toInt(), 30); // everyone counted
        QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("Alice 王丽"));
        QVERIFY(find<QLabel>("profileName")->text().contains(QLatin1String("Alice")));

        // A first sign-in: the empty lists say what they are and what to do next, not a blank white box.
        find<QTabWidget>("sidebarTabs")->setCurrentIndex(0);
        auto *sessionsHint = find<QLabel>("sessionsEmptyHint");
        QVERIFY(sessionsHint);
        QTRY_VERIFY(sessionsHint->isVisible());
        QVERIFY(sessionsHint->text().contains(QLatin1String("Contacts")));
        find<QTabWidget>("sidebarTabs")->setCurrentIndex(1);
        QTRY_VERIFY(find<QLabel>("buddiesEmptyHint")->isVisible());
        find<QTabWidget>("sidebarTabs")->setCurrentIndex(2);
        QTRY_VERIFY(find<QLabel>("groupsEmptyHint")->isVisible());
        QVERIFY(find<QLabel>("groupsEmptyHint")->text().contains(QLatin1String("New group")));
        find<QTabWidget>("sidebarTabs")->setCurrentIndex(0);

        // The search box finds people by name, pinyin and its initials, and choosing one shows their profile.
        auto *search = find<QLineEdit>("searchBox");
        auto *results = find<QListView>("searchResults");
        for (const QString &typed :
             {QStringLiteral("carol"), QStringLiteral("chen"), QStringLiteral("jing"), QStringLiteral("ccj")}) {
            search->clear();
            QTest::keyClicks(search, typed);
            QVERIFY(results->isVisible());
            QTRY_VERIFY(results->model()->rowCount() >= 1);
            QTRY_VERIFY2(results->model()->index(0, 0).data().toString().startsWith(QStringLiteral("Carol 陈静")),
                         qPrintable(typed + QLatin1String(": ") + results->model()->index(0, 0).data().toString()));
        }
        results->setCurrentIndex(results->model()->index(0, 0));
        QTest::mouseClick(results->viewport(), Qt::LeftButton, {},
                          results->visualRect(results->model()->index(0, 0)).center());
        QTRY_VERIFY(find<QLabel>("profileName")->text().contains(QLatin1String("Carol")));
        // A search that finds nothing says so, once every part of it has answered.
        search->clear();
        QTest::keyClicks(search, QStringLiteral("qqxqq"));
        auto *searchHint = find<QLabel>("searchEmptyHint");
        QTRY_VERIFY(searchHint->isVisible());
        QVERIFY2(searchHint->text().contains(QLatin1String("\"qqxqq\"")), qPrintable(searchHint->text()));
        search->clear();
        QVERIFY(!results->isVisible());

        // Found by its name over accessibility, not by what it shows (Qt's own combo box answered "Online").
        QAccessibleInterface *presence = QAccessible::queryAccessibleInterface(find<QComboBox>("ownPresence"));
        QVERIFY(presence);
        QCOMPARE(presence->text(QAccessible::Name), QStringLiteral("Your presence"));
        QCOMPARE(presence->text(QAccessible::Value), QStringLiteral("Online"));
        QCOMPARE(presence->role(), QAccessible::ComboBox);
        QCOMPARE(presence->childCount(), 1);

        for (const char *window : {"loginWindow", "mainWindow"}) {
            const QStringList missing = unnamedControls(find(window));
            QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("; "))));
        }

        // The language switches at run time, without a restart.
        QTranslator chinese;
        QVERIFY(chinese.load(QStringLiteral(":/i18n/confab_zh_CN.qm")));
        QApplication::installTranslator(&chinese);
        auto *tabs = find<QTabWidget>("sidebarTabs");
        QTRY_COMPARE(tabs->tabText(1), QStringLiteral("通讯录"));
        QCOMPARE(tabs->tabText(0), QStringLiteral("会话"));
        QCOMPARE(find<QLineEdit>("searchBox")->accessibleName(), QStringLiteral("搜索"));
        // The client core's own messages too: a mistyped server address is explained in Chinese (these strings
        // once never reached the .ts files, because lupdate read a hand-kept list of sources).
        QString addressError;
        QVERIFY(!client::ServerEndpoint::parse(QStringLiteral("ftp://chat.example.com:7210"), &addressError));
        QVERIFY2(addressError.startsWith(QStringLiteral("未知的协议")), qPrintable(addressError));
        QVERIFY(!client::ServerEndpoint::parse(QStringLiteral("chat.example.com"), &addressError));
        QVERIFY2(addressError.contains(QStringLiteral("不是服务器地址")), qPrintable(addressError));
        QApplication::removeTranslator(&chinese);
        QTRY_COMPARE(tabs->tabText(1), QStringLiteral("Contacts"));
    }

    void chatBadgesTrayAndGroups()
    {
        TestServer server(30);
        const quint64 aliceId = server.userId(QStringLiteral("alice"));
        const quint64 bobId = server.userId(QStringLiteral("bob"));
        const quint64 carolId = server.userId(QStringLiteral("carol"));
        app::ClientOptions options;
        options.server = server.endpoint().toString();
        options.user = QStringLiteral("alice");
        options.password = QStringLiteral("demo");
        options.autoLogin = true;
        options.language = QStringLiteral("en");
        app::ClientController controller(options);
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(controller.mainWindow() && controller.mainWindow()->isVisible(), 10000);
        ui::MainWindow *main = controller.mainWindow();
        QTRY_VERIFY(controller.messenger()->isSynced());

        // Presence for the people on screen, not only sessions and buddies: carol is neither, and once her row
        // is in view in the tree (and her profile card open), she shows online. Before, she showed offline.
        const auto presenceInTree = [&](quint64 id) {
            return controller.directory().indexOfUser(id).data(client::DepartmentTreeModel::PresenceRole).value<int>();
        };
        QCOMPARE(presenceInTree(aliceId), int(pb::PRESENCE_ONLINE)); // one's own row too
        TestClient carolOnline;
        QCOMPARE(carolOnline.connectAndLogin(server.endpoint(), QStringLiteral("carol")), QString());
        main->revealUser(carolId);
        QTRY_COMPARE_WITH_TIMEOUT(presenceInTree(carolId), int(pb::PRESENCE_ONLINE), 5000);
        // Watched from then on: her change is pushed.
        pb::SetPresenceRequest away;
        away.set_presence(pb::PRESENCE_AWAY);
        QVERIFY(carolOnline.call<protocol::rpc::SetPresence>(away).ok());
        QTRY_COMPARE_WITH_TIMEOUT(presenceInTree(carolId), int(pb::PRESENCE_AWAY), 5000);

        // Bob writes with confab-cli: the session appears with its badge, the tray counts it.
        QCOMPARE(runCli(server, QStringLiteral("bob"),
                        {QStringLiteral("send"), QStringLiteral("--to"), QStringLiteral("alice"),
                         QStringLiteral("lunch at noon?")}),
                 0);
        auto *sessions = find<QListView>("sessionList");
        QTRY_COMPARE(sessions->model()->rowCount(), 1);
        QTRY_VERIFY(!find<QLabel>("sessionsEmptyHint")->isVisible()); // a conversation: the hint gives way
        const QModelIndex bobSession = sessions->model()->index(0, 0);
        QCOMPARE(bobSession.data().toString(), QStringLiteral("Bob 李明"));
        QTRY_COMPARE(bobSession.data(client::SessionListModel::UnreadRole).toInt(), 1);
        QTRY_COMPARE(controller.trayIcon()->unread(), 1);
        QVERIFY(main->windowTitle().startsWith(QStringLiteral("(1)")));
        QTRY_COMPARE(unreadInTree(main->departmentTree()->model(), bobId), 1); // the tree shows it on bob too

        // Opening it shows the message and clears both.
        main->activateWindow();
        QTest::mouseClick(sessions->viewport(), Qt::LeftButton, {}, sessions->visualRect(bobSession).center());
        auto *chat = main->chat();
        QCOMPARE(chat->conversation(), client::ConversationId::single(bobId));
        auto *messages = find<QListView>("messageView");
        QTRY_COMPARE(messages->model()->rowCount(), 1);
        QCOMPARE(messages->model()->index(0, 0).data().toString(), QStringLiteral("lunch at noon?"));
        QTRY_VERIFY(main->isActiveWindow()); // read only counts what a person can see
        QTRY_COMPARE(bobSession.data(client::SessionListModel::UnreadRole).toInt(), 0);
        QTRY_COMPARE(controller.trayIcon()->unread(), 0);
        QTRY_COMPARE(unreadInTree(main->departmentTree()->model(), bobId), 0);

        // Alice answers with Enter; it is sent, then stored; bob has it.
        auto *input = find<ui::MessageInput>("messageInput");
        input->setFocus();
        QTest::keyClicks(input, QStringLiteral("yes, see you there"));
        QTest::keyClick(input, Qt::Key_Return);
        QCOMPARE(input->toPlainText(), QString());
        QTRY_COMPARE(messages->model()->rowCount(), 2);
        QTRY_COMPARE(messages->model()
                         ->index(1, 0)
                         .data(client::MessageListModel::DeliveryRole)
                         .value<client::MessageListModel::Delivery>(),
                     client::MessageListModel::Delivery::Sent);
        TestClient bob;
        QCOMPARE(bob.connectAndLogin(server.endpoint(), QStringLiteral("bob"), pb::CLIENT_TYPE_WEB), QString());
        const auto history = test::historyOf(bob, test::single(aliceId));
        QVERIFY(history.ok());
        QCOMPARE(history.value.messages(0).text(), "yes, see you there");

        // Another message while alice looks elsewhere; reading it on her phone clears the badge here too.
        main->openConversation(client::ConversationId::single(carolId));
        QVERIFY(test::sendText(bob, test::single(aliceId), "and bring the slides").ok());
        QTRY_COMPARE(bobSession.model()->index(0, 0).data(client::SessionListModel::UnreadRole).toInt(), 1);
        QTRY_COMPARE(controller.trayIcon()->unread(), 1);
        TestClient phone;
        QCOMPARE(phone.connectAndLogin(server.endpoint(), QStringLiteral("alice"), pb::CLIENT_TYPE_ANDROID), QString());
        QVERIFY(test::readUpTo(phone, test::single(bobId), 3).ok());
        QTRY_COMPARE(controller.trayIcon()->unread(), 0);
        QCOMPARE(sessions->model()->index(0, 0).data(client::SessionListModel::UnreadRole).toInt(), 0);

        // The phone shows in the status bar, and can be signed out from here. Before, the notice reached no UI.
        auto *devices = find<QToolButton>("otherDevicesButton");
        QVERIFY(devices);
        QTRY_VERIFY(devices->isVisible());
        QVERIFY2(devices->text().startsWith(QStringLiteral("Also signed in on: a phone (Android), since ")),
                 qPrintable(devices->text()));
        QCOMPARE(devices->accessibleName(), devices->text());
        emit devices->menu()->aboutToShow();
        auto *signOutPhone = devices->menu()->findChild<QAction *>(QStringLiteral("signOutDevice0"));
        QVERIFY(signOutPhone);
        signOutPhone->trigger();
        const auto kick = phone.waitForPush<pb::KickNotice>(protocol::oneway::Kick::id);
        QVERIFY(kick.has_value());
        QCOMPARE(kick->reason(), pb::KICK_REASON_SIGNED_OUT_ELSEWHERE);
        QVERIFY(phone.waitForDisconnect());
        QTRY_VERIFY(!devices->isVisible());

        // A group: created, opened, written to, and bob's answer arrives with his name.
        std::optional<quint64> group;
        controller.messenger()->groupSync().createGroup(QStringLiteral("Lunch club"), {bobId, carolId}, this,
                                                        [&](pb::ErrorCode, quint64 id) { group = id; });
        QTRY_VERIFY(group.has_value() && *group != 0);
        auto *groups = find<QListView>("groupList");
        QTRY_COMPARE(groups->model()->rowCount(), 1);
        QCOMPARE(groups->model()->index(0, 0).data().toString(), QStringLiteral("Lunch club"));
        main->openConversation(client::ConversationId::group(*group));
        QCOMPARE(find<QLabel>("chatTitle")->text(), QStringLiteral("Lunch club"));
        QTest::keyClicks(input, QStringLiteral("pizza on friday"));
        QTest::mouseClick(find<QAbstractButton>("sendButton"), Qt::LeftButton);
        QTRY_COMPARE(messages->model()->rowCount(), 1);
        QTRY_COMPARE(messages->model()->index(0, 0).data(client::MessageListModel::IdRole).toULongLong(), 1u);
        QVERIFY(test::sendText(bob, test::group(*group), "count me in").ok());
        QTRY_COMPARE(messages->model()->rowCount(), 2);
        QCOMPARE(messages->model()->index(1, 0).data(client::MessageListModel::SenderNameRole).toString(),
                 QStringLiteral("Bob 李明"));
        // His avatar beside the bubble opens his profile card.
        const QRect bobsRow = messages->visualRect(messages->model()->index(1, 0));
        QTest::mouseClick(messages->viewport(), Qt::LeftButton, {}, bobsRow.topLeft() + QPoint(26, 24));
        QTRY_VERIFY(find<QLabel>("profileName")->isVisible());
        QCOMPARE(find<QLabel>("profileName")->text(), QStringLiteral("Bob 李明"));
        main->openConversation(client::ConversationId::group(*group));

        // Search finds the group and the message text.
        auto *search = find<QLineEdit>("searchBox");
        search->setText(QStringLiteral("pizza"));
        auto *results = find<QListView>("searchResults");
        QTRY_VERIFY(results->isVisible());
        QTRY_VERIFY(results->model()->rowCount() >= 1);
        QVERIFY(results->model()->index(0, 0).data().toString().contains(QLatin1String("Lunch club")));
        search->clear();

        const QStringList missing = unnamedControls(main);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("; "))));
        // The dialogs and a popped-out conversation too.
        ui::SettingsDialog settings(ui::Preferences::load(), QStringLiteral("alice"));
        ui::PeoplePicker picker(controller.directory(), ui::PeoplePicker::Purpose::NewGroup);
        main->popOut(client::ConversationId::group(*group));
        QWidget *popped = find("chatWindow");
        QVERIFY(popped && popped->isVisible());
        for (QWidget *window : std::initializer_list<QWidget *>{&settings, &picker, popped}) {
            const QStringList unnamed = unnamedControls(window);
            QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("; "))));
        }
        popped->close();

        // A group action still in flight when its pop-out closes: the refusal that comes back finds no panel
        // and opens no message box (before, the callback had no context and ran on the freed widget). Bob's
        // group, where alice may not remove anyone.
        pb::CreateGroupRequest bobsGroup;
        bobsGroup.set_name("Bob's team");
        bobsGroup.add_member_ids(aliceId);
        bobsGroup.add_member_ids(carolId);
        const auto made = bob.call<protocol::rpc::CreateGroup>(bobsGroup);
        QVERIFY(made.ok());
        const quint64 bobsGroupId = made.value.group().id();
        QTRY_VERIFY(controller.messenger()->groups().group(bobsGroupId));
        main->popOut(client::ConversationId::group(bobsGroupId));
        QPointer<ui::ChatPanel> poppedPanel = qobject_cast<ui::ChatPanel *>(find("chatWindow"));
        QVERIFY(poppedPanel);
        poppedPanel->removeMemberById(carolId); // refused: only the owner may
        poppedPanel->close();
        QTRY_VERIFY(poppedPanel.isNull());
        // The same refusal asked for after it, on the same connection, arrives after it: by then the first one
        // has been handed out (had it reached the panel, a modal box would be open, or the process gone).
        std::optional<pb::ErrorCode> later;
        controller.messenger()->groupSync().changeMembers(bobsGroupId, pb::MEMBER_CHANGE_REMOVE, {carolId}, this,
                                                          [&](pb::ErrorCode e, quint64) { later = e; });
        QTRY_VERIFY(later.has_value());
        QCOMPARE(*later, pb::ERROR_NOT_GROUP_OWNER);
        QVERIFY(!QApplication::activeModalWidget());

        // Alice hands her lunch club to bob from its panel; her cached copy of the group follows.
        main->openConversation(client::ConversationId::group(*group));
        auto *lunchPanel = find<ui::ChatPanel>("chatPanel");
        lunchPanel->handOverGroupTo(bobId);
        QTRY_COMPARE(controller.messenger()->groups().group(*group)->info.owner_id(), bobId);
        QVERIFY(!QApplication::activeModalWidget()); // nothing went wrong

        // Chinese at run time, through the app's own switch.
        controller.setLanguage(QStringLiteral("zh_CN"));
        QTRY_COMPARE(find<QAbstractButton>("sendButton")->text(), QStringLiteral("发送"));
        QCOMPARE(find<QTabWidget>("sidebarTabs")->tabText(2), QStringLiteral("群组"));
        controller.setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(find<QAbstractButton>("sendButton")->text(), QStringLiteral("Send"));
    }

    void twoMembersWithOneNameAreTwoChoicesAndTheChosenOneIsRemoved()
    {
        // Before the fix the member was picked by display name: with two called 张伟, the first was removed
        // whichever one the person chose.
        client::DepartmentTreeModel directory;
        client::GroupListModel groups;
        client::DisplayNames names(directory, groups);
        pb::Department d;
        d.set_id(1);
        d.set_name("研发");
        std::vector<client::PersonRecord> users;
        for (const auto &[id, login, title] :
             {std::tuple{11, "zhangwei", "测试"}, std::tuple{12, "zhangwei2", "开发"}, std::tuple{13, "lina", ""}}) {
            pb::User u;
            u.set_id(quint64(id));
            u.set_login_name(login);
            u.set_real_name(id == 13 ? "李娜" : "张伟");
            u.set_nick(u.real_name());
            u.set_title(title);
            u.set_department_id(1);
            users.emplace_back(u);
        }
        directory.setDirectory({d}, users);
        QCOMPARE(names.userName(11), names.userName(12));

        ui::MemberPicker picker({11, 12, 13}, names, directory);
        auto *list = picker.findChild<QListView *>(QStringLiteral("memberPickerList"));
        QVERIFY(list);
        QCOMPARE(list->model()->rowCount(), 3);
        const QString first = list->model()->index(0, 0).data().toString();
        const QString second = list->model()->index(1, 0).data().toString();
        QVERIFY2(first != second, qPrintable(first)); // told apart on screen
        QVERIFY(first.contains(QLatin1String("zhangwei")));
        QCOMPARE(list->model()->index(2, 0).data().toString(), QStringLiteral("李娜")); // a unique name stays plain
        QVERIFY(!picker.chosen());
        picker.choose(12);
        QCOMPARE(picker.chosen(), std::optional<quint64>(12));
        const QStringList unnamed = unnamedControls(&picker);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("; "))));
    }

    void aRememberedAccountStartsFromTheCacheEvenOffline()
    {
        if (qEnvironmentVariable("CONFAB_REQUIRE_KEYCHAIN") != QLatin1String("1"))
            QSKIP("needs a real keyring: run through scripts/with-session-services (scripts/test does)");
        auto server = std::make_unique<TestServer>(30);
        const client::ServerEndpoint endpoint = server->endpoint();
        {
            app::ClientOptions options;
            options.server = endpoint.toString();
            options.user = QStringLiteral("alice");
            app::ClientController first(options);
            first.start();
            find<QLineEdit>("loginPassword")->setText(QStringLiteral("demo"));
            find<QCheckBox>("loginRemember")->setChecked(true);
            QTest::mouseClick(find<QAbstractButton>("loginButton"), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(find("mainWindow") && find("mainWindow")->isVisible(), 10000);
            // Something of one's own to read later, offline.
            QSignalSpy sent(&first.messenger()->conversations(), &client::Conversations::messageSent);
            first.messenger()->conversations().send(
                client::ConversationId::single(server->userId(QStringLiteral("bob"))),
                QStringLiteral("notes for the flight"));
            QVERIFY(sent.wait(10000));
            first.messenger()->cache()->flush();
            // The token reaches the keychain asynchronously; wait until it is there.
            client::CredentialStore keychain;
            std::optional<QString> token;
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    bool answered = false;
                    keychain.load(client::CredentialStore::accountKey(endpoint, QStringLiteral("alice")),
                                  client::CredentialStore::Secret::ResumeToken, this,
                                  [&](std::optional<QString> value, const QString &) {
                                      token = value;
                                      answered = true;
                                  });
                    TestClient::waitFor([&] { return answered; }, 5000);
                    return token.has_value();
                }(),
                10000);
        }
        server.reset(); // the server is gone: the next start is offline

        app::ClientController again{app::ClientOptions()};
        again.start();
        QTRY_VERIFY_WITH_TIMEOUT(find("mainWindow") && find("mainWindow")->isVisible(), 10000);
        auto *tree = find<QTreeView>("departmentTree");
        QCOMPARE(tree->model()->index(0, 0).data(Qt::UserRole + 3).toInt(), 30); // the cached organisation
        QVERIFY(find<QLabel>("connectionStatus")->text().contains(QLatin1String("Offline")));
        // The cached conversation opens offline, and one's own message shows as one's own.
        QTRY_COMPARE(again.messenger()->sessions().rowCount(), 1);
        again.mainWindow()->openConversation(again.messenger()
                                                 ->sessions()
                                                 .index(0)
                                                 .data(client::SessionListModel::ConversationRole)
                                                 .value<client::ConversationId>());
        auto *messages = find<QListView>("messageView");
        QTRY_COMPARE(messages->model()->rowCount(), 1);
        QCOMPARE(messages->model()->index(0, 0).data().toString(), QStringLiteral("notes for the flight"));
        QVERIFY(messages->model()->index(0, 0).data(client::MessageListModel::IsOwnRole).toBool());
        QVERIFY(!find("loginWindow")->isVisible()); // no password was asked for
    }
};

QTEST_MAIN(TestClientGui)
#include "tst_client_gui.moc"
