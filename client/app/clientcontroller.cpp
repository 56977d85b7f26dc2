#include "clientcontroller.h"

#include "errortext.h"
#include "loginwindow.h"
#include "mainwindow.h"

#include <QLocale>
#include <QPixmap>
#include <QSysInfo>
#include <QTimer>
#include <QTreeView>

namespace confab::app {

using namespace protocol;

ClientController::ClientController(ClientOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_loginWindow(std::make_unique<ui::LoginWindow>())
{
    connect(m_loginWindow.get(), &ui::LoginWindow::loginRequested, this, &ClientController::login);
    connect(&m_connection, &client::ServerConnection::pushReceived, this, &ClientController::onPush);
    connect(&m_connection, &client::ServerConnection::disconnected, this, &ClientController::onDisconnected);
    connect(&m_connection, &client::ServerConnection::connected, this, [this] {
        pb::LoginRequest request;
        request.set_login_name(m_pendingUser.toStdString());
        request.set_password(m_pendingPassword.toStdString());
        request.set_client_type(pb::CLIENT_TYPE_LINUX);
#if defined(Q_OS_WIN)
        request.set_client_type(pb::CLIENT_TYPE_WINDOWS);
#elif defined(Q_OS_MACOS)
        request.set_client_type(pb::CLIENT_TYPE_MAC);
#endif
        request.set_client_version("confab/" CONFAB_VERSION);
        request.set_device_name(QSysInfo::machineHostName().toStdString());
        m_connection.call<rpc::Login>(request, this, [this](client::RpcResult<pb::LoginResponse> result) {
            m_pendingPassword.clear();
            if (!result.ok()) {
                m_connection.close();
                backToLogin(ui::loginErrorText(result.error));
                return;
            }
            onLoggedIn(result.value);
        });
    });
}

ClientController::~ClientController() = default;

void ClientController::start()
{
    m_loginWindow->setServer(m_options.server);
    m_loginWindow->setUser(m_options.user);
    m_loginWindow->show();
    if (!m_options.screenshotPath.isEmpty() && m_options.screenshotWindow == QLatin1String("login")) {
        takeScreenshot(m_loginWindow.get());
        return;
    }
    if (m_options.autoLogin)
        login(m_options.server, m_options.user, m_options.password);
}

void ClientController::login(const QString &server, const QString &user, const QString &password)
{
    QString error;
    const auto endpoint = client::ServerEndpoint::parse(server, &error);
    if (!endpoint) {
        m_loginWindow->showError(error);
        return;
    }
    m_loginWindow->setBusy(true);
    m_pendingUser = user;
    m_pendingPassword = password;
    m_kicked = false;
    m_connection.open(*endpoint);
}

void ClientController::openAccount(const QString &user)
{
    const QString account = m_connection.endpoint().key() + QLatin1Char('/') + user.toCaseFolded();
    if (m_sync && m_sync->property("account").toString() == account)
        return; // the same account again (a new sign-in after a drop): keep its cursors
    m_sync.reset();
    m_cache = std::make_unique<client::LocalCache>(client::LocalCache::pathFor(m_connection.endpoint(), user));
    QString error;
    if (!m_cache->open(&error)) {
        qWarning() << "working without a local cache:" << error;
        m_cache.reset();
    }
    m_sync = std::make_unique<client::DirectorySync>(m_connection, m_directory);
    m_sync->setProperty("account", account);
    m_sync->setCache(m_cache.get());
    connect(m_sync.get(), &client::DirectorySync::progress, this, &ClientController::onSyncProgress);
    connect(m_sync.get(), &client::DirectorySync::finished, this, &ClientController::onSyncFinished);
    connect(m_sync.get(), &client::DirectorySync::failed, this,
            [this](const QString &why) { backToLogin(tr("Fetching the organisation failed: %1").arg(why)); });
}

void ClientController::onLoggedIn(const pb::LoginResponse &response)
{
    m_loggedIn = true;
    m_selfId = response.user().id();
    if (!m_mainWindow)
        m_mainWindow = std::make_unique<ui::MainWindow>(m_directory);
    m_mainWindow->setOwnProfile(response.user());
    m_mainWindow->setConnectionStatus(tr("Connected to %1").arg(m_connection.endpoint().toString()));
    openAccount(QString::fromStdString(response.user().login_name()));
    m_sync->start();
}

void ClientController::onSyncProgress(pb::DataSet dataSet, quint64 rows, quint64 expected)
{
    if (m_mainWindow && m_mainWindow->isVisible())
        return; // later syncs are quick and quiet
    const QLocale locale;
    const QString what = dataSet == pb::DATA_SET_DEPARTMENTS ? tr("departments") : tr("people");
    const QString text = expected > 0
                             ? tr("Fetching %1: %2 of %3")
                                   .arg(what, locale.toString(qulonglong(rows)), locale.toString(qulonglong(expected)))
                             : tr("Fetching %1: %2").arg(what, locale.toString(qulonglong(rows)));
    m_loginWindow->showProgress(text, qint64(rows), qint64(expected));
}

void ClientController::onSyncFinished()
{
    if (!m_mainWindow || m_mainWindow->isVisible())
        return;
    m_loginWindow->setBusy(false);
    m_loginWindow->hide();
    m_mainWindow->show();
    m_mainWindow->revealUser(m_selfId);
    if (!m_options.screenshotPath.isEmpty())
        takeScreenshot(m_mainWindow.get());
}

void ClientController::onPush(const Frame &frame)
{
    if (frame.command != oneway::Kick::id)
        return;
    pb::KickNotice kick;
    parseBody(frame, kick);
    m_kicked = true; // a kicked client must not reconnect by itself
    backToLogin(ui::kickText(kick.reason()));
}

void ClientController::onDisconnected()
{
    if (!m_loggedIn || m_kicked)
        return;
    backToLogin(tr("The connection to the server was lost. Sign in again."));
}

void ClientController::backToLogin(const QString &message)
{
    m_loggedIn = false;
    if (m_mainWindow)
        m_mainWindow->hide();
    m_loginWindow->show();
    m_loginWindow->showError(message);
    if (!m_options.screenshotPath.isEmpty())
        takeScreenshot(m_loginWindow.get()); // what went wrong is the picture, and the exit code says so
}

void ClientController::takeScreenshot(QWidget *window)
{
    const bool success = window == m_mainWindow.get() || m_options.screenshotWindow == QLatin1String("login");
    // Let the layout settle and the first paint happen before grabbing.
    QTimer::singleShot(300, this, [this, window, success] {
        const bool saved = window->grab().save(m_options.screenshotPath);
        emit finished(saved && success ? 0 : 1);
    });
}

} // namespace confab::app
