// TLS on both transports: a certificate the client does not trust is refused (and surfaced for pinning); a
// trusted one carries logins over tls:// and wss://.
#include "support/testserver.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
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
