// Credentials in the operating system's keychain (Secret Service, macOS Keychain, Windows Credential Manager,
// through QtKeychain), keyed by server and user: the resume token always, the password only when the person asks
// to be remembered. With no keychain the client says so and keeps working without remembering.
#pragma once

#include "net/serverendpoint.h"

#include <QObject>

#include <functional>
#include <optional>

namespace confab::client {

class CredentialStore : public QObject
{
    Q_OBJECT

public:
    enum class Secret
    {
        ResumeToken,
        Password
    };

    // `service` names the application's entries in the keychain; tests pass their own.
    explicit CredentialStore(QString service = QStringLiteral("Confab"), QObject *parent = nullptr);

    static QString accountKey(const ServerEndpoint &server, const QString &user);

    // `done` runs on this thread, unless `context` is gone. An empty error means success.
    void save(const QString &account, Secret secret, const QString &value, QObject *context,
              std::function<void(const QString &error)> done);
    // A missing entry is not an error: the value is empty.
    void load(const QString &account, Secret secret, QObject *context,
              std::function<void(std::optional<QString> value, const QString &error)> done);
    void remove(const QString &account, Secret secret, QObject *context,
                std::function<void(const QString &error)> done);

signals:
    // The keychain could not be used; the UI tells the person that nothing will be remembered.
    void unavailable(const QString &reason);

private:
    QString key(const QString &account, Secret secret) const;

    QString m_service;
};

} // namespace confab::client
