// Paints a recent session: the avatar (a presence dot on people), the name, the time, the last message and the
// unread badge (grey when muted), with marks for pinned and muted sessions.
#pragma once

#include <QStyledItemDelegate>

namespace confab::ui {

class SessionDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace confab::ui
