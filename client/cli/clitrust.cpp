#include "clitrust.h"

#include "net/certificatepins.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace confab::cli {

std::optional<CliTrust> CliTrust::fromOptions(const QString &pin, const QString &caFile, QString *error)
{
    CliTrust trust;
    if (!pin.isEmpty()) {
        QString hex = pin.trimmed();
        hex.remove(QRegularExpression(QStringLiteral("^sha-?256[:/]?"), QRegularExpression::CaseInsensitiveOption));
        hex.remove(QLatin1Char(':'));
        static const QRegularExpression sha256Hex(QStringLiteral("^[0-9A-Fa-f]{64}$"));
        if (!sha256Hex.match(hex).hasMatch()) {
            *error = QStringLiteral("--pin needs a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed");
            return std::nullopt;
        }
        trust.m_pinnedDigest = QByteArray::fromHex(hex.toLatin1());
    }
    if (!caFile.isEmpty()) {
        trust.m_authorities = QSslCertificate::fromPath(caFile, QSsl::Pem);
        if (trust.m_authorities.isEmpty()) {
            *error = QStringLiteral("--ca %1: no PEM certificate there").arg(caFile);
            return std::nullopt;
        }
    }
    return trust;
}

void CliTrust::applyTo(client::ServerConnection &connection, const client::ServerEndpoint &server) const
{
    connection.setTrustedCertificates(m_authorities);
    connection.setPinnedCertificates(client::CertificatePins::forServer(server));
    if (!m_pinnedDigest.isEmpty())
        connection.setPinnedDigests({m_pinnedDigest});
}

void CliTrust::rememberAccepted(const client::ServerConnection &connection, const client::ServerEndpoint &server) const
{
    const QSslCertificate presented = connection.peerCertificate();
    if (!m_pinnedDigest.isEmpty() && !presented.isNull() &&
        presented.digest(QCryptographicHash::Sha256) == m_pinnedDigest)
        client::CertificatePins::pin(server, presented);
}

QString CliTrust::untrustedMessage(const client::ServerEndpoint &server, const QSslCertificate &certificate,
                                   const QList<QSslError> &errors)
{
    const QString fingerprint = client::CertificatePins::fingerprint(certificate);
    QStringList reasons;
    for (const QSslError &e : errors)
        reasons << e.errorString();
    reasons.removeDuplicates();
    const bool changed = !client::CertificatePins::forServer(server).isEmpty();
    const QString what = changed ? QStringLiteral("%1 presented a certificate other than the one trusted before for "
                                                  "it: the server has a new certificate, or someone is in between")
                                       .arg(server.toString())
                                 : QStringLiteral("%1 presented a certificate nothing here trusts (%2)")
                                       .arg(server.toString(), reasons.join(QStringLiteral("; ")));
    return QStringLiteral("%1. Its SHA-256 fingerprint is %2. If that is the fingerprint your administrator "
                          "published, run again with --pin %2 (remembered for this server), or trust its issuer with "
                          "--ca FILE.")
        .arg(what, fingerprint);
}

} // namespace confab::cli
