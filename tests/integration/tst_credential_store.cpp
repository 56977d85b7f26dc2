// Credentials against a real Secret Service (gnome-keyring in the private D-Bus session that
// scripts/with-session-services starts): a round trip per server, user and kind of secret, and what happens when
// no keychain can be reached.
#include "credentials/credentialstore.h"
#include "support/testserver.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace confab;
using confab::client::CredentialStore;
using confab::test::TestClient;

namespace {

QString saveAndWait(CredentialStore &store, QObject *ctx, const QString &account, CredentialStore::Secret secret,
                    const QString &value)
{
    std::optional<QString> error;
    store.save(account, secret, value, ctx, [&](const QString &e) { error = e; });
    TestClient::waitFor([&] { return error.has_value(); }, 10000);
    return error.value_or(QStringLiteral("timed out"));
}

std::pair<std::optional<QString>, QString> loadAndWait(CredentialStore &store, QObject *ctx, const QString &account,
                                                       CredentialStore::Secret secret)
{
    std::optional<std::pair<std::optional<QString>, QString>> result;
    store.load(account, secret, ctx, [&](std::optional<QString> v, const QString &e) { result.emplace(v, e); });
    TestClient::waitFor([&] { return result.has_value(); }, 10000);
    return result.value_or(std::make_pair(std::optional<QString>(), QStringLiteral("timed out")));
}

} // namespace

class TestCredentialStore : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsInARealKeyring()
    {
        if (qEnvironmentVariable("CONFAB_REQUIRE_KEYCHAIN") != QLatin1String("1"))
            QSKIP("run through scripts/with-session-services for a real keyring (scripts/test does)");
        CredentialStore store(QStringLiteral("confab-test-%1").arg(QCoreApplication::applicationPid()));
        client::ServerEndpoint server;
        server.host = QStringLiteral("chat.example.com");
        server.port = 7210;
        const QString alice = CredentialStore::accountKey(server, QStringLiteral("Alice"));
        QCOMPARE(alice, QStringLiteral("chat.example.com:7210/alice"));
        const QString bob = CredentialStore::accountKey(server, QStringLiteral("bob"));

        QCOMPARE(saveAndWait(store, this, alice, CredentialStore::Secret::ResumeToken, QStringLiteral("token-A")),
                 QString());
        QCOMPARE(saveAndWait(store, this, alice, CredentialStore::Secret::Password, QStringLiteral("密码 pw")),
                 QString());
        QCOMPARE(saveAndWait(store, this, bob, CredentialStore::Secret::ResumeToken, QStringLiteral("token-B")),
                 QString());

        QCOMPARE(loadAndWait(store, this, alice, CredentialStore::Secret::ResumeToken).first,
                 QStringLiteral("token-A"));
        QCOMPARE(loadAndWait(store, this, alice, CredentialStore::Secret::Password).first, QStringLiteral("密码 pw"));
        QCOMPARE(loadAndWait(store, this, bob, CredentialStore::Secret::ResumeToken).first, QStringLiteral("token-B"));
        const auto missing = loadAndWait(store, this, bob, CredentialStore::Secret::Password);
        QVERIFY(!missing.first.has_value());
        QCOMPARE(missing.second, QString()); // not there is not an error

        std::optional<QString> removed;
        store.remove(alice, CredentialStore::Secret::Password, this, [&](const QString &e) { removed = e; });
        QVERIFY(TestClient::waitFor([&] { return removed.has_value(); }, 10000));
        QCOMPARE(*removed, QString());
        QVERIFY(!loadAndWait(store, this, alice, CredentialStore::Secret::Password).first.has_value());
        QCOMPARE(loadAndWait(store, this, alice, CredentialStore::Secret::ResumeToken).first,
                 QStringLiteral("token-A"));
    }

    void withoutAKeychainItSaysSoAndCarriesOn()
    {
        // This process already holds a D-Bus connection; the case runs in a child of this same test binary whose
        // session bus does not exist, so no Secret Service (or KWallet) can answer.
        if (qEnvironmentVariable("CONFAB_TEST_NO_KEYCHAIN") != QLatin1String("1")) {
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("CONFAB_TEST_NO_KEYCHAIN"), QStringLiteral("1"));
            env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/confab-bus"));
            env.remove(QStringLiteral("DISPLAY")); // no X11 autolaunch of a bus either
            child.setProcessEnvironment(env);
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("withoutAKeychainItSaysSoAndCarriesOn")});
            QVERIFY(child.waitForFinished(30000));
            QVERIFY2(child.exitCode() == 0, child.readAll().constData());
            return;
        }
        CredentialStore store(QStringLiteral("confab-test-nokeyring"));
        QSignalSpy unavailable(&store, &CredentialStore::unavailable);
        const QString error = saveAndWait(store, this, QStringLiteral("x:1/y"), CredentialStore::Secret::ResumeToken,
                                          QStringLiteral("t"));
        QVERIFY(!error.isEmpty());
        QCOMPARE(unavailable.count(), 1);
        const auto loaded = loadAndWait(store, this, QStringLiteral("x:1/y"), CredentialStore::Secret::ResumeToken);
        QVERIFY(!loaded.first.has_value()); // nothing remembered, and nothing crashed
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credential_store.moc"
