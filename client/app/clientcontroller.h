// The desktop app's composition root: it owns the connection, the models and the sync, and moves the person from
// the sign-in window to the main window. Screenshot mode renders a window to a file and exits.
#pragma once

#include "cache/localcache.h"
#include "model/departmenttreemodel.h"
#include "net/serverconnection.h"
#include "sync/directorysync.h"

#include <QObject>

#include <memory>

namespace confab::ui {
class LoginWindow;
class MainWindow;
} // namespace confab::ui

namespace confab::app {

struct ClientOptions
{
    QString server;
    QString user;
    QString password;
    bool autoLogin = false;
    QString screenshotPath;                            // empty: run normally
    QString screenshotWindow = QStringLiteral("main"); // login | main
};

class ClientController : public QObject
{
    Q_OBJECT

public:
    explicit ClientController(ClientOptions options, QObject *parent = nullptr);
    ~ClientController() override;

    void start();

signals:
    // Screenshot mode is done (0: written).
    void finished(int exitCode);

private:
    void login(const QString &server, const QString &user, const QString &password);
    void onLoggedIn(const pb::LoginResponse &response);
    void openAccount(const QString &user);
    void onSyncProgress(pb::DataSet dataSet, quint64 rows, quint64 expected);
    void onSyncFinished();
    void onPush(const protocol::Frame &frame);
    void onDisconnected();
    void backToLogin(const QString &message);
    void takeScreenshot(QWidget *window);

    ClientOptions m_options;
    client::ServerConnection m_connection;
    client::DepartmentTreeModel m_directory;
    // Per signed-in account: its cache and its sync (cursors of one account must never serve another).
    std::unique_ptr<client::LocalCache> m_cache;
    std::unique_ptr<client::DirectorySync> m_sync;
    std::unique_ptr<ui::LoginWindow> m_loginWindow;
    std::unique_ptr<ui::MainWindow> m_mainWindow;
    QString m_pendingUser;
    QString m_pendingPassword;
    bool m_loggedIn = false;
    quint64 m_selfId = 0;
    bool m_kicked = false;
};

} // namespace confab::app
