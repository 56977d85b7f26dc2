// A person's profile: name, title, department path, email, phone, sign line and presence.
#pragma once

#include <QModelIndex>
#include <QWidget>

class QLabel;
class QPushButton;

namespace confab::ui {

class ProfilePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ProfilePanel(QWidget *parent = nullptr);

    // A person's index in the department tree; an invalid index shows a hint instead.
    void showPerson(const QModelIndex &person);
    // Whether the person shown is on the user's buddy list (the button offers the other).
    void setBuddy(bool buddy);
    // Off for one's own profile: nobody messages or befriends themselves.
    void setActionsVisible(bool visible);
    quint64 personId() const;

signals:
    void messageRequested(quint64 userId);
    void buddyChangeRequested(quint64 userId, bool add);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    QPersistentModelIndex m_person;
    QLabel *m_name;
    QLabel *m_title;
    QLabel *m_details;
    QLabel *m_hint;
    QPushButton *m_message;
    QPushButton *m_buddy;
    bool m_isBuddy = false;
    bool m_actionsVisible = true;
};

} // namespace confab::ui
