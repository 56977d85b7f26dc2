// Paints one message of a conversation as a chat bubble: own messages on the right in the highlight colour,
// others' on the left with the sender's avatar and name in groups (once per run of messages from the same
// person), a day separator above the first message of each day, the time, and the delivery state: sending,
// failed (click to retry), read by N in groups, read in one-to-one chats.
#pragma once

#include <QStyledItemDelegate>

class QAbstractItemView;

namespace confab::ui {

class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // `view` gives the width bubbles wrap to.
    explicit MessageDelegate(QAbstractItemView *view);

    void setGroup(bool group) { m_group = group; }
    // Whether `point` (in the view's viewport) is on the sender's avatar or name of the message at `index`.
    bool isOnSender(const QStyleOptionViewItem &option, const QModelIndex &index, const QPoint &point) const;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // Hovering an own group message says who has read it.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    struct Layout
    {
        QRect day;    // the day separator, or empty
        QRect name;   // the sender's name (groups, others), or empty
        QRect avatar; // others' avatar, or empty
        QRect bubble;
        QRect text;
        QRect status; // time and delivery state, under the bubble
        int height = 0;
    };
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    static QString statusText(const QModelIndex &index);

    QAbstractItemView *m_view;
    bool m_group = false;
};

} // namespace confab::ui
