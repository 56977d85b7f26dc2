// The server certificates a person chose to trust ("pinned on first use"), per server, kept in the settings.
// Only the certificate itself is stored, never a secret; a server that later shows another certificate is asked
// about again.
#pragma once

#include "net/serverendpoint.h"

#include <QList>
#include <QSslCertificate>

namespace confab::client {

class CertificatePins
{
public:
    static QList<QSslCertificate> forServer(const ServerEndpoint &server);
    static void pin(const ServerEndpoint &server, const QSslCertificate &certificate);
    // "AB:CD:…": the SHA-256 fingerprint people compare with what their administrator published.
    static QString fingerprint(const QSslCertificate &certificate);
};

} // namespace confab::client
