// Which TLS certificates confab-cli accepts besides those the system trusts: an issuer given with --ca FILE, a
// certificate given by its SHA-256 fingerprint with --pin (remembered for that server once it has been seen, as the
// desktop client remembers the certificates people confirm), and the certificates remembered so.
#pragma once

#include "net/serverconnection.h"
#include "net/serverendpoint.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QString>

#include <optional>

namespace confab::cli {

class CliTrust
{
public:
    // From --pin (hex, colons optional) and --ca (a PEM file of one or more certificates); nullopt and a message
    // when either is unusable.
    static std::optional<CliTrust> fromOptions(const QString &pin, const QString &caFile, QString *error);

    void applyTo(client::ServerConnection &connection, const client::ServerEndpoint &server) const;
    // Once connected: a certificate accepted by its --pin fingerprint is remembered for the server.
    void rememberAccepted(const client::ServerConnection &connection, const client::ServerEndpoint &server) const;
    // What to tell a person whose server presented `certificate`, which nothing here trusts.
    static QString untrustedMessage(const client::ServerEndpoint &server, const QSslCertificate &certificate,
                                    const QList<QSslError> &errors);

private:
    QByteArray m_pinnedDigest; // SHA-256, empty without --pin
    QList<QSslCertificate> m_authorities;
};

} // namespace confab::cli
