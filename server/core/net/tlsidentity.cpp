#include "net/tlsidentity.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QSslCertificate>
#include <QSslKey>
#include <QSysInfo>

#include <memory>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace confab::server {

namespace {

constexpr auto kCertificateFile = "certificate.pem";
constexpr auto kKeyFile = "private-key.pem";
constexpr long kValiditySeconds = 10L * 366 * 24 * 3600;

template <class T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

QString openSslError(const char *what)
{
    char text[256] = {};
    ERR_error_string_n(ERR_get_error(), text, sizeof text);
    return QStringLiteral("cannot make a TLS certificate (%1): %2").arg(QLatin1String(what), QLatin1String(text));
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

// The names a client may reach this host by: what the certificate says it is, for clients that check names
// (confab-cli --ca); clients that pin the certificate do not look at them.
QStringList subjectAltNames()
{
    QStringList names{QStringLiteral("DNS:localhost")};
    const QString host = QSysInfo::machineHostName();
    if (!host.isEmpty() && host != QLatin1String("localhost"))
        names.prepend(QStringLiteral("DNS:") + host);
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLinkLocal())
            continue;
        QHostAddress plain = address;
        plain.setScopeId(QString());
        names << QStringLiteral("IP:") + plain.toString();
    }
    if (!names.contains(QLatin1String("IP:127.0.0.1")))
        names << QStringLiteral("IP:127.0.0.1");
    return names;
}

bool addExtension(X509 *certificate, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    const ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

struct PemPair
{
    QByteArray certificate;
    QByteArray key;
};

std::optional<PemPair> makeSelfSigned(QString *error)
{
    const KeyPtr key(EVP_EC_gen("P-256"));
    if (!key) {
        *error = openSslError("key");
        return std::nullopt;
    }
    const CertPtr certificate(X509_new());
    const BignumPtr serial(BN_new());
    if (!certificate || !serial || X509_set_version(certificate.get(), 2) != 1 ||
        BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
        !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())) ||
        !X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(certificate.get()), kValiditySeconds) ||
        X509_set_pubkey(certificate.get(), key.get()) != 1) {
        *error = openSslError("certificate");
        return std::nullopt;
    }
    X509_NAME *name = X509_get_subject_name(certificate.get());
    const QByteArray host = QSysInfo::machineHostName().toUtf8().left(64);
    const auto text = [](const char *s) { return reinterpret_cast<const unsigned char *>(s); };
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, text("Confab server (self-signed)"), -1, -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, text(host.isEmpty() ? "localhost" : host.constData()), -1,
                                   -1, 0) != 1 ||
        X509_set_issuer_name(certificate.get(), name) != 1 ||
        !addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(certificate.get(), NID_key_usage, "critical,digitalSignature") ||
        !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth") ||
        !addExtension(certificate.get(), NID_subject_key_identifier, "hash") ||
        !addExtension(certificate.get(), NID_subject_alt_name, subjectAltNames().join(QLatin1Char(',')).toLatin1()) ||
        X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0) {
        *error = openSslError("signature");
        return std::nullopt;
    }
    const BioPtr certificatePem(BIO_new(BIO_s_mem()));
    const BioPtr keyPem(BIO_new(BIO_s_mem()));
    if (!certificatePem || !keyPem || PEM_write_bio_X509(certificatePem.get(), certificate.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyPem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        *error = openSslError("PEM");
        return std::nullopt;
    }
    return PemPair{bioBytes(certificatePem.get()), bioBytes(keyPem.get())};
}

// Written beside the target, owner-only from its first byte, then renamed over it: a crash leaves the old file or
// none, never half a key.
bool writeOwnerOnly(const QString &path, const QByteArray &bytes, QString *error)
{
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);
    QFile file(partial);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(bytes) != bytes.size() || !file.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(partial, file.errorString());
        return false;
    }
    file.close();
    QFile::remove(path);
    if (!QFile::rename(partial, path)) {
        *error = QStringLiteral("cannot rename %1 to %2").arg(partial, path);
        return false;
    }
    return true;
}

} // namespace

QString TlsIdentity::fingerprint() const
{
    const QSslCertificate certificate = configuration.localCertificate();
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

std::optional<TlsIdentity> loadTlsIdentity(const QString &certificatePath, const QString &keyPath, QString *error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificatePath, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("no PEM certificate in %1").arg(certificatePath);
        return std::nullopt;
    }
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(keyPath, keyFile.errorString());
        return std::nullopt;
    }
    const QByteArray pem = keyFile.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = QStringLiteral("no RSA or EC private key in %1").arg(keyPath);
        return std::nullopt;
    }
    TlsIdentity identity;
    identity.certificatePath = certificatePath;
    identity.configuration = QSslConfiguration::defaultConfiguration();
    identity.configuration.setLocalCertificateChain(chain);
    identity.configuration.setPrivateKey(key);
    identity.configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // people log in; devices bring no certificate
    return identity;
}

QString selfSignedTlsDir(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("tls"));
}

std::optional<TlsIdentity> selfSignedTlsIdentity(const QString &dir, QString *error)
{
    const QString certificatePath = QDir(dir).filePath(QLatin1String(kCertificateFile));
    const QString keyPath = QDir(dir).filePath(QLatin1String(kKeyFile));
    if (QFile::exists(certificatePath) && QFile::exists(keyPath))
        return loadTlsIdentity(certificatePath, keyPath, error);

    if (!QDir().mkpath(dir) ||
        !QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
        *error = QStringLiteral("cannot create %1 owner-only").arg(dir);
        return std::nullopt;
    }
    const std::optional<PemPair> pair = makeSelfSigned(error);
    // The key first: a certificate on disk always has its key beside it.
    if (!pair || !writeOwnerOnly(keyPath, pair->key, error) ||
        !writeOwnerOnly(certificatePath, pair->certificate, error))
        return std::nullopt;
    std::optional<TlsIdentity> identity = loadTlsIdentity(certificatePath, keyPath, error);
    if (identity)
        identity->generatedNow = true;
    return identity;
}

} // namespace confab::server
