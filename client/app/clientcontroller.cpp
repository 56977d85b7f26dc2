#include "clientcontroller.h"

#include "errortext.h"
#include "loginwindow.h"
#include "mainwindow.h"

#include <QLocale>
#include <QPixmap>
#include <QSettings>
#include <QSysInfo>
#include <QTimer>

namespace confab::app {

using namespace protocol;

namespace {

pb::ClientType thisClientType()
{
#if defined(Q_OS_WIN)
    return pb::CLIENT_TYPE_WINDOWS;
#elif defined(Q_OS_MACOS)
    return pb::CLIENT_TYPE_MAC;
#else
    return pb::CLIENT_TYPE_LINUX;
#endif
}

// Who signed in last, and whether they asked to stay signed in. Secrets live in the keychain, never here.
struct LastAccount
{
    QString server;
    QString user;
    bool remember = false;

    static LastAccount load()
    {
        QSettings settings;
        return {settings.value(QStringLiteral("account/server")).toString(),
                settings.value(QStringLiteral("account/user")).toString(),
                settings.value(QStringLiteral("account/remember")).toBool()};
    }
    void save() const
    {
        QSettings settings;
        settings.setValue(QStringLiteral("account/server"), server);
        settings.setValue(QStringLiteral("account/user"), user);
        settings.setValue(QStringLiteral("account/remember"), remember);
    }
};

} // namespace

ClientController::ClientController(ClientOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_session(m_connection, thisClientType())
    , m_loginWindow(std::make_unique<ui::LoginWindow>())
{
    m_session.setDeviceName(QSysInfo::machineHostName());
    connect(m_loginWindow.get(), &ui::LoginWindow::loginRequested, this, &ClientController::login);
    connect(&m_session, &client::Session::online, this, &ClientController::onOnline);
    connect(&m_session, &client::Session::stateChanged, this, &ClientController::onSessionState);
    connect(&m_session, &client::Session::tokenChanged, this, [this](const QString &token) {
        if (m_remember)
            m_credentials.save(m_account, client::CredentialStore::Secret::ResumeToken, token, this, [](auto) {});
    });
    connect(&m_session, &client::Session::signInFailed, this,
            [this](pb::ErrorCode error) { backToLogin(ui::loginErrorText(error)); });
    connect(&m_session, &client::Session::kicked, this, [this](pb::KickReason reason, const QString &) {
        m_credentials.remove(m_account, client::CredentialStore::Secret::ResumeToken, this, [](auto) {});
        backToLogin(ui::kickText(reason));
    });
    connect(&m_credentials, &client::CredentialStore::unavailable, this, [this] {
        m_loginWindow->showNotice(tr("Your system keychain is not available, so Confab cannot keep you signed in."));
    });
}

ClientController::~ClientController() = default;

void ClientController::start()
{
    const LastAccount last = LastAccount::load();
    const QString server = !m_options.server.isEmpty() ? m_options.server
                           : !last.server.isEmpty()    ? last.server
                                                       : QStringLiteral("127.0.0.1:7210");
    const QString user = !m_options.user.isEmpty() ? m_options.user : last.user;
    m_loginWindow->setServer(server);
    m_loginWindow->setUser(user);
    m_loginWindow->setRemember(last.remember);
    if (!m_options.screenshotPath.isEmpty() && m_options.screenshotWindow == QLatin1String("login")) {
        m_loginWindow->show();
        takeScreenshot(m_loginWindow.get());
        return;
    }
    if (m_options.autoLogin) {
        m_loginWindow->show();
        login(server, user, m_options.password);
        return;
    }
    const auto endpoint = client::ServerEndpoint::parse(server);
    if (last.remember && !user.isEmpty() && endpoint && user == last.user) {
        resumeRemembered(*endpoint, user);
        return;
    }
    m_loginWindow->show();
}

void ClientController::resumeRemembered(const client::ServerEndpoint &server, const QString &user)
{
    m_server = server;
    m_user = user;
    m_account = client::CredentialStore::accountKey(server, user);
    m_remember = true;
    m_credentials.load(m_account, client::CredentialStore::Secret::ResumeToken, this,
                       [this, server, user](std::optional<QString> token, const QString &) {
                           if (!token || token->isEmpty()) {
                               m_loginWindow->show();
                               return;
                           }
                           // The cached organisation first: readable at once, even with no network.
                           openAccount(server, user);
                           connect(m_sync.get(), &client::DirectorySync::cacheLoaded, this, [this](int people) {
                               if (people > 0)
                                   showMainWindow();
                           });
                           m_sync->loadCache();
                           m_session.resume(server, user, *token);
                       });
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
    m_server = *endpoint;
    m_user = user;
    m_account = client::CredentialStore::accountKey(*endpoint, user);
    m_remember = m_loginWindow->remember();
    m_session.signIn(*endpoint, user, password);
}

void ClientController::openAccount(const client::ServerEndpoint &server, const QString &user)
{
    const QString account = client::CredentialStore::accountKey(server, user);
    if (m_sync && m_sync->property("account").toString() == account)
        return; // the same account again (a reconnect): keep its cursors
    m_sync.reset();
    m_cache = std::make_unique<client::LocalCache>(client::LocalCache::pathFor(server, user));
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

void ClientController::onOnline(const pb::LoginResponse &response, bool)
{
    m_selfId = response.user().id();
    LastAccount{m_server.toString(), m_user, m_remember}.save();
    if (!m_remember)
        m_credentials.remove(m_account, client::CredentialStore::Secret::ResumeToken, this, [](auto) {});
    if (!m_mainWindow)
        m_mainWindow = std::make_unique<ui::MainWindow>(m_directory);
    m_mainWindow->setOwnProfile(response.user());
    m_mainWindow->setConnectionStatus(tr("Connected to %1").arg(m_server.toString()));
    openAccount(m_server, QString::fromStdString(response.user().login_name()));
    m_sync->start(); // after every sign-in, first or resumed: a push never replaces the pull
}

void ClientController::onSessionState(client::Session::State state)
{
    if (!m_mainWindow)
        return;
    if (state == client::Session::State::WaitingToRetry || state == client::Session::State::Connecting)
        m_mainWindow->setConnectionStatus(tr("Offline: reconnecting to %1…").arg(m_server.toString()));
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
    showMainWindow();
    if (!m_options.screenshotPath.isEmpty())
        takeScreenshot(m_mainWindow.get());
}

void ClientController::showMainWindow()
{
    if (!m_mainWindow)
        m_mainWindow = std::make_unique<ui::MainWindow>(m_directory);
    if (m_mainWindow->isVisible())
        return;
    m_loginWindow->setBusy(false);
    m_loginWindow->hide();
    m_mainWindow->show();
    if (m_selfId == 0)
        m_mainWindow->setConnectionStatus(tr("Offline: reconnecting to %1…").arg(m_server.toString()));
    else
        m_mainWindow->revealUser(m_selfId);
}

void ClientController::backToLogin(const QString &message)
{
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
