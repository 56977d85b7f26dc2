#include "services/passwordhasher.h"

#include <QList>
#include <QRandomGenerator>

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace confab::server {

namespace {

constexpr int kKeyBytes = 32;
constexpr int kSaltBytes = 16;

QByteArray pbkdf2(const QByteArray &password, const QByteArray &salt, int iterations)
{
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    const int ok = PKCS5_PBKDF2_HMAC(
        password.constData(), int(password.size()), reinterpret_cast<const unsigned char *>(salt.constData()),
        int(salt.size()), iterations, EVP_sha256(), kKeyBytes, reinterpret_cast<unsigned char *>(key.data()));
    return ok == 1 ? key : QByteArray();
}

} // namespace

QByteArray PasswordHasher::hash(const QString &password, int iterations)
{
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), kSaltBytes / 4);
    const QByteArray key = pbkdf2(password.toUtf8(), salt, iterations);
    return "pbkdf2-sha256$" + QByteArray::number(iterations) + '$' + salt.toBase64() + '$' + key.toBase64();
}

bool PasswordHasher::verify(const QString &password, const QByteArray &encoded)
{
    const QList<QByteArray> parts = encoded.split('$');
    if (parts.size() != 4 || parts[0] != "pbkdf2-sha256")
        return false;
    bool ok = false;
    const int iterations = parts[1].toInt(&ok);
    if (!ok || iterations < 1 || iterations > 10'000'000)
        return false;
    const QByteArray expected = QByteArray::fromBase64(parts[3]);
    const QByteArray actual = pbkdf2(password.toUtf8(), QByteArray::fromBase64(parts[2]), iterations);
    return expected.size() == kKeyBytes && actual.size() == kKeyBytes &&
           CRYPTO_memcmp(expected.constData(), actual.constData(), kKeyBytes) == 0;
}

void PasswordHasher::burnEquivalentTime()
{
    static const QByteArray dummy = hash(QStringLiteral("not a password"));
    verify(QStringLiteral("still not a password"), dummy);
}

} // namespace confab::server
