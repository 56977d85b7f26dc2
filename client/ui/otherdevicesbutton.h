// "Also signed in on: a phone (Android), since 09:12": the person's other devices, in the main window's status bar,
// with a menu that signs one of them out. Hidden while there is no other device.
#pragma once

#include <QToolButton>

class QMenu;

namespace confab::client {
class OtherDevices;
}

namespace confab::ui {

class OtherDevicesButton : public QToolButton
{
    Q_OBJECT

public:
    explicit OtherDevicesButton(client::OtherDevices &devices, QWidget *parent = nullptr);

signals:
    // A sign-out was refused or could not be sent: what to tell the person.
    void signOutFailed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void fillMenu();

    client::OtherDevices &m_devices;
    QMenu *m_menu;
};

} // namespace confab::ui
