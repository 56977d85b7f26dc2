// Picks one member of a group, by id: each row shows the name and, where two members share it, the login name and
// title that tell them apart. Two colleagues called 张伟 are two rows, and the one chosen is the one removed (or
// handed the group).
#pragma once

#include <QDialog>

#include <optional>
#include <vector>

class QListView;
class QStandardItemModel;

namespace confab::client {
class DepartmentTreeModel;
class DisplayNames;
} // namespace confab::client

namespace confab::ui {

class MemberPicker : public QDialog
{
    Q_OBJECT

public:
    // What the chosen member is picked for: the dialog's title, question and button say it.
    enum class Purpose
    {
        Remove,
        HandOver, // becomes the owner; the present owner stays on as an admin
    };

    MemberPicker(const std::vector<quint64> &memberIds, const client::DisplayNames &names,
                 const client::DepartmentTreeModel &directory, Purpose purpose = Purpose::Remove,
                 QWidget *parent = nullptr);

    // The member chosen, by id.
    std::optional<quint64> chosen() const;
    // Selects a member (tests).
    void choose(quint64 userId);

    static constexpr int kUserIdRole = Qt::UserRole + 1;

private:
    QStandardItemModel *m_members;
    QListView *m_list;
};

} // namespace confab::ui
