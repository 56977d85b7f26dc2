// Settings: the language (switched at once, no restart), desktop notifications, starting minimised to the tray,
// and the account (who is signed in, sign out).
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace confab::ui {

struct Preferences
{
    QString language; // "en", "zh_CN"; empty: the system's
    bool notifications = true;
    bool startMinimised = false;

    static Preferences load();
    void save() const;
};

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const Preferences &preferences, const QString &account, QWidget *parent = nullptr);
    Preferences preferences() const;

signals:
    void languageChosen(const QString &language);
    void signOutRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QString m_account;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QCheckBox *m_notifications;
    QCheckBox *m_startMinimised;
    QLabel *m_accountLabel;
    QPushButton *m_signOut;
    QPushButton *m_close;
};

} // namespace confab::ui
