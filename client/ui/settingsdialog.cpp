#include "settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace confab::ui {

Preferences Preferences::load()
{
    QSettings s;
    Preferences p;
    p.language = s.value(QStringLiteral("ui/language")).toString();
    p.notifications = s.value(QStringLiteral("ui/notifications"), true).toBool();
    p.startMinimised = s.value(QStringLiteral("ui/startMinimised"), false).toBool();
    return p;
}

void Preferences::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("ui/language"), language);
    s.setValue(QStringLiteral("ui/notifications"), notifications);
    s.setValue(QStringLiteral("ui/startMinimised"), startMinimised);
}

SettingsDialog::SettingsDialog(const Preferences &preferences, const QString &account, QWidget *parent)
    : QDialog(parent)
    , m_account(account)
    , m_languageLabel(new QLabel(this))
    , m_language(new QComboBox(this))
    , m_notifications(new QCheckBox(this))
    , m_startMinimised(new QCheckBox(this))
    , m_accountLabel(new QLabel(this))
    , m_signOut(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    m_language->setObjectName(QStringLiteral("settingsLanguage"));
    m_notifications->setObjectName(QStringLiteral("settingsNotifications"));
    m_startMinimised->setObjectName(QStringLiteral("settingsStartMinimised"));
    m_signOut->setObjectName(QStringLiteral("settingsSignOut"));
    m_close->setObjectName(QStringLiteral("settingsClose"));
    m_languageLabel->setBuddy(m_language);
    // Each language is named in itself, so it can be found whatever language the window is in.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    const int current =
        m_language->findData(preferences.language.isEmpty() ? QStringLiteral("en") : preferences.language);
    m_language->setCurrentIndex(qMax(0, current));
    m_notifications->setChecked(preferences.notifications);
    m_startMinimised->setChecked(preferences.startMinimised);

    auto *form = new QFormLayout;
    form->addRow(m_languageLabel, m_language);
    form->addRow(m_notifications);
    form->addRow(m_startMinimised);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(12);
    layout->addWidget(m_accountLabel);
    layout->addWidget(m_signOut, 0, Qt::AlignLeft);
    layout->addStretch();
    layout->addWidget(m_close, 0, Qt::AlignRight);

    connect(m_language, &QComboBox::activated, this,
            [this](int index) { emit languageChosen(m_language->itemData(index).toString()); });
    connect(m_signOut, &QPushButton::clicked, this, [this] {
        emit signOutRequested();
        accept();
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    retranslate();
}

Preferences SettingsDialog::preferences() const
{
    return {m_language->currentData().toString(), m_notifications->isChecked(), m_startMinimised->isChecked()};
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("Settings"));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setAccessibleName(tr("Language"));
    m_notifications->setText(tr("Show desktop notifications for new messages"));
    m_notifications->setAccessibleName(tr("Desktop notifications"));
    m_startMinimised->setText(tr("Start minimised to the tray"));
    m_startMinimised->setAccessibleName(tr("Start minimised"));
    m_accountLabel->setText(tr("Signed in as %1").arg(m_account));
    m_signOut->setText(tr("Sign out"));
    m_signOut->setAccessibleName(tr("Sign out"));
    m_close->setText(tr("Close"));
    m_close->setAccessibleName(tr("Close"));
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace confab::ui
