#include "credentials/credentialstore.h"

#include <QLoggingCategory>
#include <QPointer>
#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcCredentials, "confab.client.credentials")

namespace confab::client {

namespace {

bool isMissingKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::AccessDenied || error == QKeychain::OtherError;
}

} // namespace

CredentialStore::CredentialStore(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{}

QString CredentialStore::accountKey(const ServerEndpoint &server, const QString &user)
{
    return server.host + QLatin1Char(':') + QString::number(server.port) + QLatin1Char('/') + user.toCaseFolded();
}

QString CredentialStore::key(const QString &account, Secret secret) const
{
    return account + (secret == Secret::Password ? QStringLiteral("#password") : QStringLiteral("#token"));
}

void CredentialStore::save(const QString &account, Secret secret, const QString &value, QObject *context,
                           std::function<void(const QString &)> done)
{
    // No parent: a job deletes itself when it finishes, and must outlive this store if it is destroyed mid-way
    // (the keychain backend calls back into the job); the connection below dies with the store instead.
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key(account, secret));
    job->setTextData(value);
    QPointer<QObject> receiver(context);
    connect(job, &QKeychain::Job::finished, this, [this, receiver, done](QKeychain::Job *finished) {
        const QString error = finished->error() == QKeychain::NoError ? QString() : finished->errorString();
        if (!error.isEmpty()) {
            qCWarning(lcCredentials) << "could not save to the keychain:" << error;
            if (isMissingKeychain(finished->error()))
                emit unavailable(error);
        }
        if (receiver)
            done(error);
    });
    job->start();
}

void CredentialStore::load(const QString &account, Secret secret, QObject *context,
                           std::function<void(std::optional<QString>, const QString &)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service); // no parent: see save()
    job->setKey(key(account, secret));
    QPointer<QObject> receiver(context);
    connect(job, &QKeychain::Job::finished, this, [this, receiver, done](QKeychain::Job *finished) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (!receiver)
            return;
        switch (read->error()) {
        case QKeychain::NoError:
            done(read->textData(), QString());
            break;
        case QKeychain::EntryNotFound:
            done(std::nullopt, QString());
            break;
        default:
            qCWarning(lcCredentials) << "could not read the keychain:" << read->errorString();
            if (isMissingKeychain(read->error()))
                emit unavailable(read->errorString());
            done(std::nullopt, read->errorString());
        }
    });
    job->start();
}

void CredentialStore::remove(const QString &account, Secret secret, QObject *context,
                             std::function<void(const QString &)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service); // no parent: see save()
    job->setKey(key(account, secret));
    QPointer<QObject> receiver(context);
    connect(job, &QKeychain::Job::finished, this, [receiver, done](QKeychain::Job *finished) {
        const bool gone = finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound;
        if (receiver)
            done(gone ? QString() : finished->errorString());
    });
    job->start();
}

} // namespace confab::client
