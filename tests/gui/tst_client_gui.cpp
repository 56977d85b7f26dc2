// The desktop app, offscreen, against a real in-process server: a wrong then a right password, the organisation
// in the tree, search, the language switched at run time, and every interactive widget named for automation and
// screen readers.
#include "clientcontroller.h"
#include "credentials/credentialstore.h"
#include "support/testserver.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
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

        // Search by pinyin initials narrows the tree to the match and the departments on its way.
        auto *search = find<QLineEdit>("searchBox");
        QTest::keyClicks(search, QStringLiteral("carol"));
        int people = 0;
        std::function<void(const QModelIndex &)> count = [&](const QModelIndex &parent) {
            for (int r = 0; r < tree->model()->rowCount(parent); ++r) {
                const QModelIndex i = tree->model()->index(r, 0, parent);
                if (tree->model()->rowCount(i) == 0 && !i.data(Qt::UserRole + 3).isValid())
                    ++people;
                count(i);
            }
        };
        count({});
        QCOMPARE(people, 1);
        search->clear();

        for (const char *window : {"loginWindow", "mainWindow"}) {
            const QStringList missing = unnamedControls(find(window));
            QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("; "))));
        }

        // The language switches at run time, without a restart.
        QTranslator chinese;
        QVERIFY(chinese.load(QStringLiteral(":/i18n/confab_zh_CN.qm")));
        QApplication::installTranslator(&chinese);
        auto *tabs = find<QTabWidget>("sidebarTabs");
        QTRY_COMPARE(tabs->tabText(0), QStringLiteral("通讯录"));
        QCOMPARE(find<QLineEdit>("searchBox")->accessibleName(), QStringLiteral("搜索"));
        QApplication::removeTranslator(&chinese);
        QTRY_COMPARE(tabs->tabText(0), QStringLiteral("Contacts"));
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
        QVERIFY(!find("loginWindow")->isVisible()); // no password was asked for
    }
};

QTEST_MAIN(TestClientGui)
#include "tst_client_gui.moc"
