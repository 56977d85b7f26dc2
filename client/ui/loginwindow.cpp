#include "loginwindow.h"

#include <QCheckBox>
#include <QEvent>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

LoginWindow::LoginWindow(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_serverLabel(new QLabel(this))
    , m_userLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(this))
    , m_server(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(this))
    , m_login(new QPushButton(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    setObjectName(QStringLiteral("loginWindow"));
    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/confab.svg")).pixmap(64, 64));
    logo->setAlignment(Qt::AlignCenter);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);

    m_server->setObjectName(QStringLiteral("loginServer"));
    m_server->setPlaceholderText(QStringLiteral("chat.example.com:7210"));
    m_user->setObjectName(QStringLiteral("loginUser"));
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_remember->setObjectName(QStringLiteral("loginRemember"));
    m_login->setObjectName(QStringLiteral("loginButton"));
    m_login->setDefault(true);
    m_status->setObjectName(QStringLiteral("loginStatus"));
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setObjectName(QStringLiteral("loginProgress"));
    m_progress->setVisible(false);
    m_progress->setTextVisible(true);
    m_serverLabel->setBuddy(m_server);
    m_userLabel->setBuddy(m_user);
    m_passwordLabel->setBuddy(m_password);

    auto *form = new QFormLayout;
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_userLabel, m_user);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(QString(), m_remember);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->addWidget(logo);
    layout->addWidget(m_title);
    layout->addSpacing(12);
    layout->addLayout(form);
    layout->addWidget(m_login);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch();

    connect(m_login, &QPushButton::clicked, this, &LoginWindow::submit);
    connect(m_password, &QLineEdit::returnPressed, this, &LoginWindow::submit);
    connect(m_user, &QLineEdit::returnPressed, m_password, qOverload<>(&QWidget::setFocus));
    setMinimumWidth(360);
    retranslate();
}

void LoginWindow::retranslate()
{
    setWindowTitle(tr("Sign in to Confab"));
    m_title->setText(tr("Confab"));
    m_serverLabel->setText(tr("&Server:"));
    m_userLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_login->setText(tr("Sign in"));
    m_remember->setText(tr("&Keep me signed in on this computer"));
    m_remember->setAccessibleName(tr("Keep me signed in"));
    m_server->setAccessibleName(tr("Server address"));
    m_user->setAccessibleName(tr("User name"));
    m_password->setAccessibleName(tr("Password"));
    m_login->setAccessibleName(tr("Sign in"));
    m_status->setAccessibleName(tr("Sign-in status"));
    m_progress->setAccessibleName(tr("Sync progress"));
}

void LoginWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LoginWindow::setServer(const QString &server)
{
    m_server->setText(server);
}

void LoginWindow::setUser(const QString &user)
{
    m_user->setText(user);
}

void LoginWindow::setPassword(const QString &password)
{
    m_password->setText(password);
}

void LoginWindow::setRemember(bool remember)
{
    m_remember->setChecked(remember);
}

bool LoginWindow::remember() const
{
    return m_remember->isChecked();
}

void LoginWindow::showNotice(const QString &text)
{
    m_status->setStyleSheet(QString());
    m_status->setText(text);
}

void LoginWindow::submit()
{
    if (m_server->text().trimmed().isEmpty() || m_user->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        showError(tr("Enter the server, your user name and your password."));
        return;
    }
    emit loginRequested(m_server->text().trimmed(), m_user->text().trimmed(), m_password->text());
}

void LoginWindow::setBusy(bool busy)
{
    for (QWidget *w :
         {static_cast<QWidget *>(m_server), static_cast<QWidget *>(m_user), static_cast<QWidget *>(m_password),
          static_cast<QWidget *>(m_remember), static_cast<QWidget *>(m_login)})
        w->setEnabled(!busy);
    if (busy) {
        m_status->setStyleSheet(QString());
        m_status->setText(tr("Signing in…"));
    } else {
        m_progress->setVisible(false);
    }
}

void LoginWindow::showError(const QString &text)
{
    setBusy(false);
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    m_status->setStyleSheet(dark ? QStringLiteral("color: #ef9a9a;") : QStringLiteral("color: #c62828;"));
    m_status->setText(text);
}

void LoginWindow::showProgress(const QString &text, qint64 value, qint64 maximum)
{
    m_progress->setVisible(true);
    m_progress->setRange(0, maximum > 0 ? int(qMin<qint64>(maximum, INT_MAX)) : 0);
    m_progress->setValue(int(qMin<qint64>(value, INT_MAX)));
    m_progress->setFormat(text);
    m_status->setText(text);
}

} // namespace confab::ui
