// The main window: who you are, a search box, the sidebar (the organisation's department tree under Contacts) and
// the profile of the person selected.
#pragma once

#include "protocol/messages.h"

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QTabWidget;
class QTreeView;

namespace confab::client {
class DepartmentTreeModel;
class ContactFilterProxy;
} // namespace confab::client

namespace confab::ui {

class ProfilePanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(client::DepartmentTreeModel &directory, QWidget *parent = nullptr);

    void setOwnProfile(const pb::User &user);
    void setConnectionStatus(const QString &text);
    // Expands the way to a person in the tree, selects them and shows their profile.
    void revealUser(quint64 userId);
    QTreeView *departmentTree() const { return m_tree; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showSelected();

    client::DepartmentTreeModel &m_directory;
    client::ContactFilterProxy *m_filter;
    QLabel *m_ownName;
    QLabel *m_ownSignLine;
    QLineEdit *m_search;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    ProfilePanel *m_profile;
    QLabel *m_status;
};

} // namespace confab::ui
