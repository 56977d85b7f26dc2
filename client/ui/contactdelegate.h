// Paints the department tree: a presence dot, the name and the title for people; the name and the number of
// people inside for departments. Colours come from the palette, so light and dark themes both work.
#pragma once

#include <QStyledItemDelegate>

namespace confab::ui {

class ContactDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor presenceColor(int presence);
};

} // namespace confab::ui
