#include "clientcontroller.h"

#include "accessiblecombobox.h"
#include "chatpanel.h"
#include "errortext.h"
#include "loginwindow.h"
#include "mainwindow.h"
#include "messaging/notificationpolicy.h"
#include "messaging/unreadprojection.h"
#include "net/certificatepins.h"
#include "settingsdialog.h"
#include "sync/watchedpeople.h"
#include "trayicon.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPixmap>
#include <QPushButton>
#include <QSettings>
#include <QSysInfo>
#include <QTimer>
#include <QTranslator>

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
    quint64 userId = 0; // so that an offline start knows which cached messages are one's own

    static LastAccount load()
    {
        QSettings settings;
        return {settings.value(QStringLiteral("account/server")).toString(),
                settings.value(QStringLiteral("account/user")).toString(),
                settings.value(QStringLiteral("account/remember")).toBool(),
                settings.value(QStringLiteral("account/userId")).toULongLong()};
    }
    void save() const
    {
        QSettings settings;
        settings.setValue(QStringLiteral("account/server"), server);
        settings.setValue(QStringLiteral("account/user"), user);
        settings.setValue(QStringLiteral("account/remember"), remember);
        settings.setValue(QStringLiteral("account/userId"), userId);
    }
};

// Where the presence an account showed last is kept on this computer (the server keeps the choice itself).
QString presenceKey(const QString &account)
{
    return QStringLiteral("presence/") + QString::fromLatin1(account.toUtf8().toHex());
}

} // namespace

ClientController::ClientController(ClientOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_screenshot(m_options.screenshotPath, m_options.screenshotWindow)
    , m_session(m_connection, thisClientType())
    , m_loginWindow(std::make_unique<ui::LoginWindow>())
    , m_tray(std::make_unique<ui::TrayIcon>())
{
    ui::installAccessibleComboBoxes(); // before the first window is shown to a screen reader
    const QString language = !m_options.language.isEmpty() ? m_options.language : ui::Preferences::load().language;
    setLanguage(language.isEmpty() ? QLocale().name() : language);
    connect(&m_screenshot, &ScreenshotMode::taken, this, &ClientController::finished);
    connect(m_tray.get(), &ui::TrayIcon::openRequested, this, &ClientController::openFromTray);
    connect(m_tray.get(), &ui::TrayIcon::showRequested, this, [this] { openFromTray({}); });
    connect(m_tray.get(), &ui::TrayIcon::quitRequested, qApp, &QApplication::quit);
    connect(&m_instance, &SingleInstance::raiseRequested, this, [this] {
        if (m_mainWindow && m_mainWindow->isVisible())
            openFromTray({});
        else {
            m_loginWindow->show();
            m_loginWindow->raise();
            m_loginWindow->activateWindow();
        }
    });
    m_session.setDeviceName(QSysInfo::machineHostName());
    connect(m_loginWindow.get(), &ui::LoginWindow::loginRequested, this, &ClientController::login);
    connect(&m_session, &client::Session::online, this, &ClientController::onOnline);
    connect(&m_session, &client::Session::stateChanged, this, &ClientController::onSessionState);
    connect(&m_session, &client::Session::tokenChanged, this, [this](const QString &token) {
        if (m_remember)
            m_credentials.save(m_account, client::CredentialStore::Secret::ResumeToken, token, this, [](auto) {});
    });
    connect(&m_session, &client::Session::signInFailed, this, [this](pb::ErrorCode error) {
        const client::ServerEndpoint &server = m_connection.endpoint();
        if (error == pb::ERROR_UNAVAILABLE && m_connection.reachedServer())
            backToLogin(
                ui::droppedBeforeSignInText(server.tls, QStringLiteral("%1:%2").arg(server.host).arg(server.port)));
        else
            backToLogin(ui::loginErrorText(error));
    });
    connect(&m_session, &client::Session::kicked, this, [this](pb::KickReason reason, const QString &) {
        m_credentials.remove(m_account, client::CredentialStore::Secret::ResumeToken, this, [](auto) {});
        backToLogin(ui::kickText(reason));
    });
    connect(&m_session, &client::Session::certificateNeedsConsent, this, &ClientController::askToTrust);
    m_shownPeopleChanged.setSingleShot(true);
    m_shownPeopleChanged.setInterval(300);
    connect(&m_shownPeopleChanged, &QTimer::timeout, this, &ClientController::updateShownPeople);
    connect(&m_ownPresence, &client::OwnPresence::changed, this, [this](pb::Presence presence) {
        QSettings().setValue(presenceKey(m_account), int(presence)); // shown at the next start, before signing in
        if (m_selfId != 0)
            m_directory.setPresence(m_selfId, presence); // one's own row and profile card show the truth
        if (m_mainWindow)
            m_mainWindow->setOwnPresence(presence);
    });
    connect(&m_ownPresence, &client::OwnPresence::refused, this, [this](pb::ErrorCode code) {
        if (m_mainWindow)
            m_mainWindow->setConnectionStatus(
                tr("Your presence could not be changed: %1").arg(ui::actionErrorText(code)));
    });
    connect(&m_credentials, &client::CredentialStore::unavailable, this, [this] {
        m_loginWindow->showNotice(tr("Your system keychain is not available, so Confab cannot keep you signed in."));
    });
}

ClientController::~ClientController()
{
    m_mainWindow.reset(); // its chat panels save their drafts through the messenger's names
    m_unreadInTree.reset();
    m_messenger.reset(); // before the cache it writes to
}

void ClientController::setLanguage(const QString &language)
{
    if (m_translator)
        QApplication::removeTranslator(m_translator.get());
    if (m_qtTranslator)
        QApplication::removeTranslator(m_qtTranslator.get());
    m_translator = std::make_unique<QTranslator>();
    m_qtTranslator = std::make_unique<QTranslator>();
    // English is the source language: its .qm is there to be complete, and loading it is harmless.
    if (m_translator->load(QStringLiteral(":/i18n/confab_%1.qm").arg(language)))
        QApplication::installTranslator(m_translator.get());
    if (m_qtTranslator->load(QStringLiteral("qtbase_%1").arg(language),
                             QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(m_qtTranslator.get());
    if (m_tray)
        m_tray->retranslate();
}

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
    if (m_screenshot.wants(ScreenshotMode::Window::Login)) {
        m_loginWindow->show();
        m_screenshot.take(m_loginWindow.get(), true);
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
    if (!m_instance.claim(m_account)) {
        // The account's own window came forward instead; this process has nothing to show.
        QTimer::singleShot(0, this, [this] { emit finished(0); });
        return;
    }
    m_credentials.load(m_account, client::CredentialStore::Secret::ResumeToken, this,
                       [this, server, user](std::optional<QString> token, const QString &) {
                           if (!token || token->isEmpty()) {
                               m_loginWindow->show();
                               return;
                           }
                           // The cached organisation first: readable at once, even with no network.
                           openAccount(server, user);
                           const LastAccount last = LastAccount::load();
                           if (last.user == user && last.server == server.toString())
                               m_messenger->setSelfId(last.userId);
                           connect(m_sync.get(), &client::DirectorySync::cacheLoaded, this, [this](int people) {
                               if (people > 0)
                                   showMainWindow();
                           });
                           m_sync->loadCache();
                           m_connection.setPinnedCertificates(client::CertificatePins::forServer(server));
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
    if (!m_instance.claim(client::CredentialStore::accountKey(*endpoint, user))) {
        m_loginWindow->showError(tr("Confab is already running for %1 on this computer; that window was brought "
                                    "to the front.")
                                     .arg(user));
        return;
    }
    m_loginWindow->setBusy(true);
    m_server = *endpoint;
    m_user = user;
    m_account = client::CredentialStore::accountKey(*endpoint, user);
    m_remember = m_loginWindow->remember();
    m_connection.setPinnedCertificates(client::CertificatePins::forServer(*endpoint));
    m_session.signIn(*endpoint, user, password);
}

void ClientController::openAccount(const client::ServerEndpoint &server, const QString &user)
{
    const QString account = client::CredentialStore::accountKey(server, user);
    if (m_sync && m_sync->property("account").toString() == account)
        return; // the same account again (a reconnect): keep its cursors
    m_mainWindow.reset();
    m_unreadInTree.reset();
    m_messenger.reset();
    m_sync.reset();
    m_cache = std::make_unique<client::LocalCache>(client::LocalCache::pathFor(server, user));
    QString error;
    if (!m_cache->open(&error)) {
        qWarning() << "working without a local cache:" << error;
        m_cache.reset();
    }
    m_ownPresence.setRemembered(pb::Presence(QSettings().value(presenceKey(account)).toInt()));
    m_sync = std::make_unique<client::DirectorySync>(m_connection, m_directory);
    m_sync->setProperty("account", account);
    m_sync->setCache(m_cache.get());
    connect(m_sync.get(), &client::DirectorySync::progress, this, &ClientController::onSyncProgress);
    connect(m_sync.get(), &client::DirectorySync::finished, this, &ClientController::onSyncFinished);
    connect(m_sync.get(), &client::DirectorySync::failed, this, [this](pb::ErrorCode code) {
        backToLogin(tr("Fetching the organisation failed: %1").arg(ui::actionErrorText(code)));
    });

    m_messenger = std::make_unique<client::Messenger>(m_connection, m_cache.get(), m_directory);
    m_unreadInTree = std::make_unique<client::UnreadProjection>(m_messenger->sessions(), m_directory);
    connect(m_messenger.get(), &client::Messenger::progress, this, &ClientController::onSyncProgress);
    connect(&m_messenger->sessions(), &client::SessionListModel::totalUnreadChanged, this,
            &ClientController::updateUnread);
    connect(&m_messenger->sessions(), &QAbstractItemModel::dataChanged, this, &ClientController::updateUnread);
    connect(&m_messenger->sessions(), &QAbstractItemModel::rowsRemoved, this, &ClientController::updateUnread);
    connect(&m_messenger->sessions(), &QAbstractItemModel::modelReset, this, &ClientController::updateUnread);
    connect(&m_messenger->conversations(), &client::Conversations::messageReceived, this,
            &ClientController::onMessageReceived);
    const auto peopleMayHaveChanged = [this] { m_shownPeopleChanged.start(); };
    for (QAbstractItemModel *list :
         std::initializer_list<QAbstractItemModel *>{&m_messenger->sessions(), &m_messenger->buddies()}) {
        connect(list, &QAbstractItemModel::rowsInserted, this, peopleMayHaveChanged);
        connect(list, &QAbstractItemModel::modelReset, this, peopleMayHaveChanged);
    }
    connect(&m_messenger->groupSync(), &client::GroupSync::membersChanged, this, peopleMayHaveChanged);
    connect(m_messenger.get(), &client::Messenger::synced, this, [this] {
        updateShownPeople();
        m_presence.refresh(); // after every sign-in, what was known is stale
    });
    m_messenger->loadCache();

    m_mainWindow = std::make_unique<ui::MainWindow>(m_directory, *m_messenger);
    m_mainWindow->setAccount(account);
    connect(m_mainWindow.get(), &ui::MainWindow::presenceChosen, &m_ownPresence, &client::OwnPresence::choose);
    m_mainWindow->setOwnPresence(m_ownPresence.presence());
    m_mainWindow->setOtherDevices(m_otherDevices);
    connect(m_mainWindow.get(), &ui::MainWindow::signLineEdited, this, &ClientController::sendSignLine);
    connect(m_mainWindow.get(), &ui::MainWindow::settingsRequested, this, &ClientController::showSettings);
    connect(m_mainWindow.get(), &ui::MainWindow::conversationOpened, this, [this] { m_shownPeopleChanged.start(); });
    connect(m_mainWindow.get(), &ui::MainWindow::shownPeopleChanged, this, [this] { m_shownPeopleChanged.start(); });
}

void ClientController::onOnline(const pb::LoginResponse &response, bool)
{
    m_selfId = response.user().id();
    m_self = response.user();
    LastAccount{m_server.toString(), m_user, m_remember, m_selfId}.save();
    if (!m_remember)
        m_credentials.remove(m_account, client::CredentialStore::Secret::ResumeToken, this, [](auto) {});
    openAccount(m_server, QString::fromStdString(response.user().login_name()));
    m_mainWindow->setOwnProfile(response.user());
    m_mainWindow->setConnectionStatus(tr("Connected to %1").arg(m_server.toString()));
    m_directory.setPresence(m_selfId, m_ownPresence.presence());
    m_otherDevices.setFromLogin(response);
    m_sync->start(); // after every sign-in, first or resumed: a push never replaces the pull
    m_messenger->setOnline(true, m_selfId);
}

void ClientController::onSessionState(client::Session::State state)
{
    if (m_messenger && state != client::Session::State::Online)
        m_messenger->setOnline(false, m_selfId);
    if (!m_mainWindow)
        return;
    if (state == client::Session::State::WaitingToRetry || state == client::Session::State::Connecting)
        m_mainWindow->setConnectionStatus(tr("Offline: reconnecting to %1…").arg(m_server.toString()));
}

void ClientController::onSyncProgress(pb::DataSet dataSet, quint64 rows, quint64 expected)
{
    if (m_mainWindow && m_mainWindow->isVisible())
        return; // later syncs are quick and quiet
    m_loginWindow->showProgress(ui::syncProgressText(dataSet, rows, expected), qint64(rows), qint64(expected));
}

void ClientController::onSyncFinished()
{
    if (!m_mainWindow || m_mainWindow->isVisible())
        return;
    showMainWindow();
    if (!m_screenshot.isOn())
        return;
    if (!m_screenshot.wants(ScreenshotMode::Window::Chat)) {
        m_screenshot.take(m_mainWindow.get(), m_screenshot.wants(ScreenshotMode::Window::Main));
        return;
    }
    // The chat window with the most recent session open, once the messaging lists are in.
    const auto shoot = [this] {
        if (m_messenger->sessions().rowCount() > 0)
            m_mainWindow->openConversation(m_messenger->sessions()
                                               .index(0)
                                               .data(client::SessionListModel::ConversationRole)
                                               .value<client::ConversationId>());
        m_screenshot.take(m_mainWindow.get(), true);
    };
    if (m_messenger->isSynced())
        shoot();
    else
        connect(m_messenger.get(), &client::Messenger::synced, this, shoot, Qt::SingleShotConnection);
}

void ClientController::showMainWindow()
{
    if (m_mainWindow->isVisible())
        return;
    m_loginWindow->setBusy(false);
    m_loginWindow->hide();
    if (ui::Preferences::load().startMinimised && !m_screenshot.isOn())
        m_mainWindow->showMinimized();
    else
        m_mainWindow->show();
    if (m_selfId == 0)
        m_mainWindow->setConnectionStatus(tr("Offline: reconnecting to %1…").arg(m_server.toString()));
    else
        m_mainWindow->revealUser(m_selfId);
    updateUnread();
}

void ClientController::updateUnread()
{
    if (!m_messenger)
        return;
    const int unread = m_messenger->sessions().totalUnreadUnmuted();
    m_tray->setUnread(unread);
    m_unreadInTree->update(); // the tree badges people with what they wrote that is unread
    if (m_mainWindow)
        m_mainWindow->setWindowTitle(unread > 0 ? tr("(%1) Confab").arg(unread) : tr("Confab"));
}

void ClientController::onMessageReceived(const pb::Message &message)
{
    if (!m_mainWindow)
        return;
    const auto conversation = client::ConversationId::of(message.conversation());
    const pb::Session *session = m_messenger->sessions().session(conversation);
    client::ArrivalContext context;
    context.selfId = m_selfId;
    context.conversationMuted = session && session->muted();
    context.conversationInView = m_mainWindow->isActiveWindow() && m_mainWindow->currentConversation() == conversation;
    if (client::announcementFor(message, context) == client::Announcement::None)
        return;
    if (ui::Preferences::load().notifications) {
        const QString sender = m_messenger->names().userName(message.sender_id());
        const QString title = conversation.isGroup()
                                  ? tr("%1 in %2").arg(sender, m_messenger->names().conversationName(conversation))
                                  : sender;
        m_tray->notify(title, QString::fromStdString(message.text()).left(200), conversation);
    }
    QApplication::alert(m_mainWindow.get()); // the taskbar entry flashes until the window is looked at
}

void ClientController::openFromTray(client::ConversationId conversation)
{
    if (!m_mainWindow || m_selfId == 0)
        return;
    m_mainWindow->showNormal();
    m_mainWindow->raise();
    m_mainWindow->activateWindow();
    if (conversation.isValid())
        m_mainWindow->openConversation(conversation);
}

void ClientController::showSettings()
{
    ui::SettingsDialog dialog(ui::Preferences::load(), m_user, m_mainWindow.get());
    connect(&dialog, &ui::SettingsDialog::languageChosen, this, &ClientController::setLanguage);
    connect(&dialog, &ui::SettingsDialog::signOutRequested, this, &ClientController::signOut);
    dialog.exec();
    dialog.preferences().save();
}

void ClientController::signOut()
{
    m_credentials.remove(m_account, client::CredentialStore::Secret::ResumeToken, this, [](auto) {});
    LastAccount{m_server.toString(), m_user, false, m_selfId}.save();
    m_session.signOut();
    m_otherDevices.clear();
    m_instance.release();
    m_selfId = 0;
    if (m_mainWindow)
        m_mainWindow->hide();
    m_loginWindow->setRemember(false);
    m_loginWindow->setBusy(false);
    m_loginWindow->show();
}

void ClientController::updateShownPeople()
{
    if (!m_messenger)
        return;
    client::ShownPeople shown;
    shown.self = m_selfId;
    const client::ConversationId open = m_mainWindow ? m_mainWindow->currentConversation() : client::ConversationId();
    if (open.isValid() && !open.isGroup())
        shown.openConversation.push_back(open.peer);
    if (open.isGroup()) {
        for (const pb::GroupMember &m : m_messenger->groupSync().members(open.peer))
            shown.openConversation.push_back(m.user_id());
    }
    if (m_mainWindow && m_mainWindow->isVisible()) {
        shown.profile = m_mainWindow->profilePerson();
        shown.visibleRows = m_mainWindow->peopleInVisibleRows();
    }
    const client::SessionListModel &sessions = m_messenger->sessions();
    for (int r = 0; r < sessions.rowCount(); ++r) {
        const QModelIndex i = sessions.index(r);
        if (!i.data(client::SessionListModel::IsGroupRole).toBool())
            shown.sessions.push_back(i.data(client::SessionListModel::PeerIdRole).toULongLong());
    }
    shown.buddies = m_messenger->buddies().userIds();
    m_presence.setShown(client::peopleToWatch(shown));
}

void ClientController::askToTrust(const QSslCertificate &certificate)
{
    QWidget *parent =
        m_mainWindow && m_mainWindow->isVisible() ? static_cast<QWidget *>(m_mainWindow.get()) : m_loginWindow.get();
    QMessageBox question(
        QMessageBox::Warning, tr("Confab"),
        tr("The server %1 presented a certificate this computer does not trust.").arg(m_server.toString()),
        QMessageBox::NoButton, parent);
    question.setObjectName(QStringLiteral("trustCertificateDialog"));
    question.setInformativeText(
        tr("Trust it only if its fingerprint is the one your administrator gave you:\n%1\n\nIssued to: %2")
            .arg(client::CertificatePins::fingerprint(certificate),
                 certificate.subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "))));
    QPushButton *trust = question.addButton(tr("Trust this certificate"), QMessageBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trustCertificateButton"));
    question.addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("distrustCertificateButton"));
    question.exec();
    if (question.clickedButton() != trust) {
        m_session.signOut();
        backToLogin(tr("The server's certificate was not trusted, so Confab did not connect."));
        return;
    }
    client::CertificatePins::pin(m_server, certificate);
    m_connection.setPinnedCertificates(client::CertificatePins::forServer(m_server));
    m_session.retryNow();
}

void ClientController::sendSignLine(const QString &signLine)
{
    pb::ChangeSignLineRequest request;
    request.set_sign_line(signLine.left(256).toStdString());
    m_connection.call<rpc::ChangeSignLine>(
        request, this, [this, signLine](client::RpcResult<pb::ChangeSignLineResponse> r) {
            if (!r.ok() && m_mainWindow)
                m_mainWindow->setConnectionStatus(
                    tr("Your sign line could not be saved: %1").arg(ui::actionErrorText(r.error)));
        });
}

void ClientController::backToLogin(const QString &message)
{
    if (m_mainWindow)
        m_mainWindow->hide();
    m_loginWindow->show();
    m_loginWindow->showError(message);
    // What went wrong is the picture, and the exit code says so (unless the sign-in window was asked for).
    m_screenshot.take(m_loginWindow.get(), m_screenshot.wants(ScreenshotMode::Window::Login));
}

} // namespace confab::app
