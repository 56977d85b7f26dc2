// What the server shows clients over TLS: the certificate and key the admin configured, or, when there are none, a
// self-signed pair the server made on its first start and keeps in the data dir. Clients pin the latter by its
// SHA-256 fingerprint, which the server prints at every start for admins to publish.
#pragma once

#include <QSslConfiguration>
#include <QString>
#include <QStringList>

#include <optional>

namespace confab::server {

struct TlsIdentity
{
    QSslConfiguration configuration;
    QString certificatePath;
    bool generatedNow = false; // made by this start (the admin has a fingerprint to publish)

    // "AB:CD:…", as the desktop client and confab-cli show it.
    QString fingerprint() const;
};

// The configured pair: a PEM chain and its RSA or EC key.
std::optional<TlsIdentity> loadTlsIdentity(const QString &certificatePath, const QString &keyPath, QString *error);

// The pair in `dir` (certificate.pem, private-key.pem), made first if missing: an EC P-256 key, owner-only, and a
// certificate for this host's name, localhost and its addresses, valid ten years. Delete both files for a new one.
std::optional<TlsIdentity> selfSignedTlsIdentity(const QString &dir, QString *error);

// Where selfSignedTlsIdentity keeps its pair under a data dir.
QString selfSignedTlsDir(const QString &dataDir);

} // namespace confab::server
