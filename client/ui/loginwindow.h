// The sign-in window: server, user name and password, clear messages when signing in fails, and a progress bar
// for the first sync of the organisation.
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace confab::ui {

class LoginWindow : public QWidget
{
    Q_OBJECT

public:
    explicit LoginWindow(QWidget *parent = nullptr);

    void setServer(const QString &server);
    void setUser(const QString &user);
    void setPassword(const QString &password);
    void setRemember(bool remember);
    bool remember() const;
    // A note under the form that is not an error (the keychain is unavailable, ...).
    void showNotice(const QString &text);

    void setBusy(bool busy);
    void showError(const QString &text);
    void showProgress(const QString &text, qint64 value, qint64 maximum);

signals:
    void loginRequested(const QString &server, const QString &user, const QString &password);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void submit();

    QLabel *m_title;
    QLabel *m_serverLabel;
    QLabel *m_userLabel;
    QLabel *m_passwordLabel;
    QLineEdit *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QPushButton *m_login;
    QLabel *m_status;
    QProgressBar *m_progress;
};

} // namespace confab::ui
