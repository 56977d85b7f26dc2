// The desktop app's composition root: it owns the connection, the session, the keychain, the models and the sync,
// and moves the person between the sign-in window and the main window. With "keep me signed in", the next start
// shows the cached organisation at once (even offline) and signs in again with the token from the keychain.
// Screenshot mode renders a window to a file and exits.
#pragma once

#include "cache/localcache.h"
#include "credentials/credentialstore.h"
#include "messaging/messenger.h"
#include "model/departmenttreemodel.h"
#include "net/serverconnection.h"
#include "net/session.h"
#include "screenshotmode.h"
#include "singleinstance.h"
#include "sync/directorysync.h"
#include "sync/otherdevices.h"
#include "sync/ownpresence.h"
#include "sync/presencetracker.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

class QTranslator;

namespace confab::ui {
class LoginWindow;
class MainWindow;
class TrayIcon;
} // namespace confab::ui

namespace confab::client {
class UnreadProjection;
}

namespace confab::app {

struct ClientOptions
{
    QString server;
    QString user;
    QString password;
    bool autoLogin = false;
    QString screenshotPath;                            // empty: run normally
    QString screenshotWindow = QStringLiteral("main"); // login | main | chat
    QString language;                                  // from --lang; empty: the saved choice or the system's
};

class ClientController : public QObject
{
    Q_OBJECT

public:
    explicit ClientController(ClientOptions options, QObject *parent = nullptr);
    ~ClientController() override;

    void start();

    // The language of every window, switched at run time ("en", "zh_CN").
    void setLanguage(const QString &language);
    ui::MainWindow *mainWindow() const { return m_mainWindow.get(); }
    ui::TrayIcon *trayIcon() const { return m_tray.get(); }
    client::Messenger *messenger() const { return m_messenger.get(); }
    client::DepartmentTreeModel &directory() { return m_directory; }

signals:
    // Screenshot mode is done (0: written).
    void finished(int exitCode);

private:
    void login(const QString &server, const QString &user, const QString &password);
    void resumeRemembered(const client::ServerEndpoint &server, const QString &user);
    void onOnline(const pb::LoginResponse &response, bool resumed);
    void onSessionState(client::Session::State state);
    void onSyncProgress(pb::DataSet dataSet, quint64 rows, quint64 expected);
    void onSyncFinished();
    void openAccount(const client::ServerEndpoint &server, const QString &user);
    void showMainWindow();
    void backToLogin(const QString &message);
    void onMessageReceived(const pb::Message &message);
    void updateUnread();
    void openFromTray(client::ConversationId conversation);
    void showSettings();
    void signOut();
    void askToTrust(const QSslCertificate &certificate);
    void updateShownPeople();
    void sendSignLine(const QString &signLine);

    ClientOptions m_options;
    SingleInstance m_instance;
    ScreenshotMode m_screenshot;
    client::ServerConnection m_connection;
    client::Session m_session;
    client::CredentialStore m_credentials;
    client::DepartmentTreeModel m_directory;
    client::PresenceTracker m_presence{m_connection, m_directory};
    client::OwnPresence m_ownPresence{m_connection, m_session};
    client::OtherDevices m_otherDevices{m_connection};
    QTimer m_shownPeopleChanged; // coalesces list changes into one presence watch
    // Per signed-in account: its cache and its sync (cursors of one account must never serve another).
    std::unique_ptr<client::LocalCache> m_cache;
    std::unique_ptr<client::DirectorySync> m_sync;
    std::unique_ptr<client::Messenger> m_messenger;
    std::unique_ptr<client::UnreadProjection> m_unreadInTree;
    std::unique_ptr<ui::LoginWindow> m_loginWindow;
    std::unique_ptr<ui::MainWindow> m_mainWindow;
    std::unique_ptr<ui::TrayIcon> m_tray;
    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<QTranslator> m_qtTranslator;
    pb::User m_self;
    client::ServerEndpoint m_server;
    QString m_user;
    QString m_account; // CredentialStore::accountKey of the account signed in or being signed in
    bool m_remember = false;
    quint64 m_selfId = 0;
};

} // namespace confab::app
