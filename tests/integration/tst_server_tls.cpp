// TLS on both transports: a certificate the client does not trust is refused (and surfaced for pinning); a
// trusted one carries logins over tls:// and wss://.
#include "net/certificatepins.h"
#include "net/session.h"
#include "support/testserver.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace confab;
using namespace confab::protocol;
using confab::test::TestClient;
using confab::test::TestServer;

class TestServerTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_certs;
    QString cert() const { return m_certs.filePath(QStringLiteral("cert.pem")); }
    QString key() const { return m_certs.filePath(QStringLiteral("key.pem")); }

private slots:
    void initTestCase()
    {
        QVERIFY(QSslSocket::supportsSsl());
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key(),
                       QStringLiteral("-out"), cert(), QStringLiteral("-days"), QStringLiteral("1"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);
    }

    void untrustedCertificatesAreRefused()
    {
        TestServer server(5, [this](server::ServerConfig &c) {
            c.tlsCertificate = cert();
            c.tlsKey = key();
        });
        QVERIFY(server.isRunning());
        TestClient client;
        QSignalSpy sslErrors(&client.connection(), &client::ServerConnection::sslErrors);
        client::ServerEndpoint endpoint = server.endpoint();
        endpoint.tls = true;
        QVERIFY(!client.open(endpoint));
        QVERIFY(sslErrors.count() >= 1);
    }

    void aSelfSignedCertificateIsPinnedWithConsentThenTrusted()
    {
        TestServer server(5, [this](server::ServerConfig &c) {
            c.tlsCertificate = cert();
            c.tlsKey = key();
            c.webSocket = server::ListenAddress{QHostAddress::LocalHost, 0};
        });
        QVERIFY(server.isRunning());
        QStandardPaths::setTestModeEnabled(true);
        for (bool webSocket : {false, true}) {
            client::ServerConnection connection;
            client::Session session(connection, pb::CLIENT_TYPE_LINUX);
            QSignalSpy consent(&session, &client::Session::certificateNeedsConsent);
            QSignalSpy online(&session, &client::Session::online);
            client::ServerEndpoint endpoint = server.endpoint(webSocket);
            endpoint.tls = true;
            session.signIn(endpoint, QStringLiteral("alice"), QStringLiteral("demo"));
            QVERIFY(consent.wait(5000));
            QCOMPARE(session.state(), client::Session::State::UntrustedCertificate);
            QVERIFY(online.isEmpty()); // nothing was sent over the untrusted connection
            const auto presented = consent[0][0].value<QSslCertificate>();
            QCOMPARE(presented, QSslCertificate::fromPath(cert()).value(0));
            QCOMPARE(client::CertificatePins::fingerprint(presented).count(QLatin1Char(':')), 31);

            // The person says yes: pinned, and the same sign-in goes on with the password it had.
            client::CertificatePins::pin(endpoint, presented);
            connection.setPinnedCertificates(client::CertificatePins::forServer(endpoint));
            session.retryNow();
            QVERIFY2(online.wait(5000), webSocket ? "wss" : "tls");
            QCOMPARE(session.state(), client::Session::State::Online);
        }
    }

    void trustedCertificateCarriesLoginsOverTlsAndWss()
    {
        TestServer server(5, [this](server::ServerConfig &c) {
            c.tlsCertificate = cert();
            c.tlsKey = key();
            c.webSocket = server::ListenAddress{QHostAddress::LocalHost, 0};
        });
        QVERIFY(server.isRunning());
        const QList<QSslCertificate> pinned = QSslCertificate::fromPath(cert());
        QCOMPARE(pinned.size(), 1);
        for (bool webSocket : {false, true}) {
            TestClient client;
            client.connection().setTrustedCertificates(pinned);
            client::ServerEndpoint endpoint = server.endpoint(webSocket);
            endpoint.tls = true;
            QVERIFY2(client.open(endpoint), webSocket ? "wss" : "tls");
            QVERIFY(client.login(QStringLiteral("alice")).ok());
        }
    }

    void withoutACertificateTheServerMakesOneKeepsItAndServesNothingElse()
    {
        TestServer server(5, [](server::ServerConfig &c) {
            c.insecure = false;
            c.webSocket = server::ListenAddress{QHostAddress::LocalHost, 0};
        });
        QVERIFY(server.isRunning());
        const QString dir = server.dataDir() + QStringLiteral("/tls");
        const QList<QSslCertificate> made = QSslCertificate::fromPath(dir + QStringLiteral("/certificate.pem"));
        QCOMPARE(made.size(), 1);
        const QString fingerprint = server.server().tlsFingerprint();
        QCOMPARE(fingerprint, client::CertificatePins::fingerprint(made[0]));
        const auto othersMay = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                               QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        for (const QString &path :
             {dir, dir + QStringLiteral("/certificate.pem"), dir + QStringLiteral("/private-key.pem")})
            QVERIFY2(!(QFile::permissions(path) & othersMay), qPrintable(path));
        QVERIFY(made[0].subjectAlternativeNames().values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
        QVERIFY(made[0].expiryDate() > QDateTime::currentDateTimeUtc().addYears(9));

        for (bool webSocket : {false, true}) {
            // Plain text reaches the port and goes no further: no login is answered.
            TestClient plain;
            client::ServerEndpoint endpoint = server.endpoint(webSocket);
            QVERIFY(endpoint.tls);
            endpoint.tls = false;
            if (plain.open(endpoint, 5000))
                QCOMPARE(plain.login(QStringLiteral("alice")).error, pb::ERROR_UNAVAILABLE);
            QCOMPARE(server.server().onlineUserCount(), 0);

            // Pinned by the fingerprint the server printed: signed in.
            TestClient pinned;
            QByteArray digest = QByteArray::fromHex(fingerprint.toLatin1().replace(':', ""));
            pinned.connection().setPinnedDigests({digest});
            QVERIFY2(pinned.open(server.endpoint(webSocket)), webSocket ? "wss" : "tls");
            QVERIFY(pinned.login(QStringLiteral("alice")).ok());
            QCOMPARE(pinned.connection().peerCertificate(), made[0]);
        }

        // Kept: the same certificate after a restart, so pins made by people hold.
        QVERIFY(server.restart());
        QCOMPARE(server.server().tlsFingerprint(), fingerprint);
    }

    void aKeyWithoutACertificateIsAClearStartupError()
    {
        server::ServerConfig config;
        QTemporaryDir data;
        config.dataDir = data.path();
        config.tcp = server::ListenAddress{QHostAddress::LocalHost, 0};
        config.tlsKey = key();
        server::Server server(config);
        QString error;
        QVERIFY(!server.start(&error));
        QVERIFY2(error.contains(QLatin1String("both a certificate and a key")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestServerTls)
#include "tst_server_tls.moc"
