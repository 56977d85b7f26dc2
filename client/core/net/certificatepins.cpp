#include "net/certificatepins.h"

#include <QSettings>

namespace confab::client {

namespace {
QString keyFor(const ServerEndpoint &server)
{
    return QStringLiteral("pinnedCertificates/%1").arg(server.key());
}
} // namespace

QList<QSslCertificate> CertificatePins::forServer(const ServerEndpoint &server)
{
    return QSslCertificate::fromData(QSettings().value(keyFor(server)).toByteArray(), QSsl::Pem);
}

void CertificatePins::pin(const ServerEndpoint &server, const QSslCertificate &certificate)
{
    QList<QSslCertificate> pinned = forServer(server);
    if (pinned.contains(certificate))
        return;
    pinned.append(certificate);
    QByteArray pem;
    for (const QSslCertificate &c : pinned)
        pem += c.toPem();
    QSettings().setValue(keyFor(server), pem);
}

QString CertificatePins::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace confab::client
