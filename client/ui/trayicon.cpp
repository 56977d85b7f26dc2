#include "trayicon.h"

#include "avatarpainter.h"

#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

namespace confab::ui {

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_menu(std::make_unique<QMenu>())
    , m_base(QStringLiteral(":/icons/confab.svg"))
    , m_icon(m_base)
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(m_icon, this);
        m_tray->setContextMenu(m_menu.get());
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                emit showRequested();
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_lastNotified.isValid())
                emit openRequested(m_lastNotified);
            else
                emit showRequested();
        });
        m_tray->show();
    }
    retranslate();
}

TrayIcon::~TrayIcon() = default;

void TrayIcon::retranslate()
{
    m_menu->clear();
    m_menu->addAction(tr("Show Confab"), this, &TrayIcon::showRequested);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    if (m_tray)
        m_tray->setToolTip(m_unread > 0 ? tr("Confab: %n unread", nullptr, m_unread) : tr("Confab"));
}

QIcon TrayIcon::paintedIcon() const
{
    if (m_unread <= 0)
        return m_base;
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap = m_base.pixmap(size, size);
        QPainter painter(&pixmap);
        const int badge = qMax(9, size * 9 / 16);
        paintCountBadge(painter, QPoint(size - badge / 2 - 1, badge / 2 + 1), m_unread, false, badge);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

void TrayIcon::setUnread(int count)
{
    if (count == m_unread)
        return;
    m_unread = count;
    m_icon = paintedIcon();
    if (m_tray)
        m_tray->setIcon(m_icon);
    retranslate();
}

void TrayIcon::notify(const QString &title, const QString &text, client::ConversationId conversation)
{
    m_lastNotified = conversation;
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, text, m_icon, 6000);
}

} // namespace confab::ui
