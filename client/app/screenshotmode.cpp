#include "screenshotmode.h"

#include <QPixmap>
#include <QPointer>
#include <QTimer>
#include <QWidget>

namespace confab::app {

ScreenshotMode::ScreenshotMode(QString path, const QString &window, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_window(window == QLatin1String("login")  ? Window::Login
               : window == QLatin1String("chat") ? Window::Chat
                                                 : Window::Main)
{}

void ScreenshotMode::take(QWidget *window, bool asked)
{
    if (!isOn())
        return;
    // Let the layout settle and the first paint happen before grabbing.
    QTimer::singleShot(300, this, [this, window = QPointer<QWidget>(window), asked] {
        const bool saved = window && window->grab().save(m_path);
        emit taken(saved && asked ? 0 : 1);
    });
}

} // namespace confab::app
