#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalSocket>

namespace confab::app {

SingleInstance::SingleInstance(QObject *parent)
    : QObject(parent)
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            emit raiseRequested();
        }
    });
}

SingleInstance::~SingleInstance()
{
    release();
}

QString SingleInstance::socketName(const QString &account)
{
    // The home directory makes the name per user on machines where local sockets share one namespace.
    const QByteArray key = (QDir::homePath() + QLatin1Char('\n') + account).toUtf8();
    return QStringLiteral("confab-%1")
        .arg(QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(24)));
}

bool SingleInstance::claim(const QString &account)
{
    if (m_account == account && m_server.isListening())
        return true;
    release();
    const QString name = socketName(account);
    QLocalSocket other;
    other.connectToServer(name);
    if (other.waitForConnected(300)) {
        other.write("raise\n");
        other.waitForBytesWritten(300);
        other.disconnectFromServer();
        return false;
    }
    QLocalServer::removeServer(name); // left behind by a process that crashed
    if (!m_server.listen(name))
        return true; // cannot tell: better two windows than none
    m_account = account;
    return true;
}

void SingleInstance::release()
{
    if (m_server.isListening())
        m_server.close();
    m_account.clear();
}

} // namespace confab::app
