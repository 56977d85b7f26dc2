// A person's profile: name, title, department path, email, phone, sign line and presence.
#pragma once

#include <QModelIndex>
#include <QWidget>

class QLabel;

namespace confab::ui {

class ProfilePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ProfilePanel(QWidget *parent = nullptr);

    // A person's index in the department tree; an invalid index shows a hint instead.
    void showPerson(const QModelIndex &person);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    QPersistentModelIndex m_person;
    QLabel *m_name;
    QLabel *m_title;
    QLabel *m_details;
    QLabel *m_hint;
};

} // namespace confab::ui
