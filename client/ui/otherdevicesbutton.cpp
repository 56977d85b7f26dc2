#include "otherdevicesbutton.h"

#include "errortext.h"
#include "sync/otherdevices.h"

#include <QEvent>
#include <QLocale>
#include <QMenu>

namespace confab::ui {

OtherDevicesButton::OtherDevicesButton(client::OtherDevices &devices, QWidget *parent)
    : QToolButton(parent)
    , m_devices(devices)
    , m_menu(new QMenu(this))
{
    setObjectName(QStringLiteral("otherDevicesButton"));
    m_menu->setObjectName(QStringLiteral("otherDevicesMenu"));
    setAutoRaise(true);
    setPopupMode(QToolButton::InstantPopup);
    setMenu(m_menu);
    connect(m_menu, &QMenu::aboutToShow, this, &OtherDevicesButton::fillMenu);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_devices, signal, this, &OtherDevicesButton::refresh);
    connect(&m_devices, &QAbstractItemModel::modelReset, this, &OtherDevicesButton::refresh);
    connect(&m_devices, &QAbstractItemModel::dataChanged, this, &OtherDevicesButton::refresh);
    refresh();
}

void OtherDevicesButton::refresh()
{
    QStringList devices;
    for (int row = 0; row < m_devices.rowCount(); ++row)
        devices << m_devices.index(row).data().toString();
    setVisible(!devices.isEmpty());
    setText(tr("Also signed in on: %1").arg(QLocale().createSeparatedList(devices)));
    setAccessibleName(text());
    setToolTip(tr("Your other devices signed in now. Choose one to sign it out."));
}

void OtherDevicesButton::fillMenu()
{
    m_menu->clear();
    for (int row = 0; row < m_devices.rowCount(); ++row) {
        QAction *action = m_menu->addAction(tr("Sign out %1").arg(m_devices.index(row).data().toString()));
        action->setObjectName(QStringLiteral("signOutDevice%1").arg(row));
        connect(action, &QAction::triggered, this, [this, row] {
            m_devices.signOut(row, this, [this](pb::ErrorCode error) {
                if (error != pb::ERROR_NONE)
                    emit signOutFailed(tr("The other device could not be signed out: %1").arg(actionErrorText(error)));
            });
        });
    }
}

void OtherDevicesButton::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QToolButton::changeEvent(event);
}

} // namespace confab::ui
