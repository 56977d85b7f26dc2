// One running Confab per account: the first process to sign in to an account holds a local socket named after it;
// a second one asks the first to come to the front instead of signing in a second time (which would only kick
// the first off the server). The socket is per user of the computer and cleaned up after a crash.
#pragma once

#include <QLocalServer>
#include <QObject>

namespace confab::app {

class SingleInstance : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(QObject *parent = nullptr);
    ~SingleInstance() override;

    // True when this process now holds `account` (or held it already); false when another process does, which has
    // then been asked to show itself.
    bool claim(const QString &account);
    void release();

signals:
    // Another start for the held account: show the window.
    void raiseRequested();

private:
    static QString socketName(const QString &account);

    QLocalServer m_server;
    QString m_account;
};

} // namespace confab::app
