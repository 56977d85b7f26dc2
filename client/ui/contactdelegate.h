// Paints the department tree: a presence dot, the name and the title for people; the name and the number of
// people inside for departments. Colours come from the palette, so light and dark themes both work.
#pragma once

#include <QStyledItemDelegate>

namespace confab::ui {

class ContactDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // The roles to paint people with: the department tree's by default; lists of people only (buddies) name
    // their own and have no departments.
    struct Roles
    {
        int presence;
        int title;
        bool peopleOnly = false;
    };
    explicit ContactDelegate(QObject *parent = nullptr);
    ContactDelegate(Roles roles, QObject *parent);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor presenceColor(int presence);

private:
    Roles m_roles;
};

} // namespace confab::ui
