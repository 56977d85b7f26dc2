// Screenshot mode (--screenshot FILE --window login|main|chat): the app signs in as usual, renders the window
// asked for to a PNG and exits, with 0 only when that window was the one rendered (a failed sign-in renders the
// sign-in window and exits 1, so the picture shows what went wrong). One place answers what the mode wants.
#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace confab::app {

class ScreenshotMode : public QObject
{
    Q_OBJECT

public:
    enum class Window
    {
        Login,
        Main,
        Chat
    };

    // `path` empty: off. `window` one of login, main, chat (main when empty).
    ScreenshotMode(QString path, const QString &window, QObject *parent = nullptr);

    bool isOn() const { return !m_path.isEmpty(); }
    bool wants(Window window) const { return isOn() && m_window == window; }
    // Renders `window` once its first paint is done; `asked` says whether it is what the mode wanted.
    void take(QWidget *window, bool asked);

signals:
    void taken(int exitCode);

private:
    QString m_path;
    Window m_window = Window::Main;
};

} // namespace confab::app
