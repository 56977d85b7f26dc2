// The tray icon: Confab's icon with the total unread count painted on it, desktop notifications for new messages
// (a click opens the conversation), and a small menu. Where the platform has no tray it still keeps the count, so
// the taskbar alert and tests can rely on it.
#pragma once

#include "types/conversationid.h"

#include <QIcon>
#include <QObject>

class QMenu;
class QSystemTrayIcon;

namespace confab::ui {

class TrayIcon : public QObject
{
    Q_OBJECT

public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    void setUnread(int count);
    int unread() const { return m_unread; }
    void notify(const QString &title, const QString &text, client::ConversationId conversation);
    const QIcon &icon() const { return m_icon; }
    void retranslate();

signals:
    void openRequested(client::ConversationId conversation);
    void showRequested();
    void quitRequested();

private:
    QIcon paintedIcon() const;

    QSystemTrayIcon *m_tray = nullptr;
    std::unique_ptr<QMenu> m_menu;
    QIcon m_base;
    QIcon m_icon;
    int m_unread = 0;
    client::ConversationId m_lastNotified;
};

} // namespace confab::ui
