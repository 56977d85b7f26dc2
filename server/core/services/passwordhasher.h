// Salted slow password hashes: PBKDF2-HMAC-SHA256, encoded as "pbkdf2-sha256$<iterations>$<salt>$<hash>" (base64),
// so the iteration count can rise later without invalidating stored hashes. Verification compares in constant
// time. Both calls take tens of milliseconds on purpose: run them off the socket thread.
#pragma once

#include <QByteArray>
#include <QString>

namespace confab::server {

class PasswordHasher
{
public:
    static constexpr int kDefaultIterations = 210'000;

    static QByteArray hash(const QString &password, int iterations = kDefaultIterations);
    static bool verify(const QString &password, const QByteArray &encoded);

    // Spends the same time as verify() against a real hash, for unknown users, so timing reveals nothing.
    static void burnEquivalentTime();
};

} // namespace confab::server
