// Picks people from the organisation's tree (search narrows it): for a new group (with its name) and for inviting
// people into one.
#pragma once

#include <QDialog>

#include <vector>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace confab::client {
class ContactFilterProxy;
class DepartmentTreeModel;
} // namespace confab::client

namespace confab::ui {

class PeoplePicker : public QDialog
{
    Q_OBJECT

public:
    enum class Purpose
    {
        NewGroup,
        Invite
    };
    PeoplePicker(client::DepartmentTreeModel &directory, Purpose purpose, QWidget *parent = nullptr);

    QString groupName() const;
    std::vector<quint64> chosen() const;
    // Preselects people (tests and "new group with this person").
    void choose(quint64 userId);

private:
    void updateAcceptable();

    client::DepartmentTreeModel &m_directory;
    client::ContactFilterProxy *m_filter;
    Purpose m_purpose;
    QLineEdit *m_name;
    QLineEdit *m_search;
    QTreeView *m_tree;
    QLabel *m_count;
    QDialogButtonBox *m_buttons;
};

} // namespace confab::ui
