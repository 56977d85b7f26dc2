#include "messagedelegate.h"

#include "avatarpainter.h"
#include "errortext.h"
#include "model/messagelistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

namespace confab::ui {

using client::MessageListModel;

namespace {
constexpr int kMargin = 10;
constexpr int kPadding = 8;
constexpr int kAvatar = 32;

QString dayText(const QDate &day)
{
    const QDate today = QDate::currentDate();
    if (day == today)
        return MessageDelegate::tr("Today");
    if (day == today.addDays(-1))
        return MessageDelegate::tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}
} // namespace

MessageDelegate::MessageDelegate(QAbstractItemView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{}

QString MessageDelegate::statusText(const QModelIndex &index)
{
    const QString time = clockTime(index.data(MessageListModel::TimeRole).toDateTime().time());
    if (!index.data(MessageListModel::IsOwnRole).toBool())
        return time;
    switch (index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>()) {
    case MessageListModel::Delivery::Sending:
        return tr("Sending…");
    case MessageListModel::Delivery::Failed:
        return tr("Not sent: %1. Click to try again.")
            .arg(actionErrorText(index.data(MessageListModel::FailureCodeRole).toInt()));
    case MessageListModel::Delivery::Sent:
        break;
    }
    const int readBy = index.data(MessageListModel::ReadByRole).toInt();
    if (readBy > 0)
        return tr("%1 · Read by %n", nullptr, readBy).arg(time);
    if (index.data(MessageListModel::ReadByPeerRole).toBool())
        return tr("%1 · Read").arg(time);
    return time;
}

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Layout l;
    const QFontMetrics &fm = option.fontMetrics;
    const int width = m_view ? m_view->viewport()->width() : option.rect.width();
    const bool own = index.data(MessageListModel::IsOwnRole).toBool();
    const bool sameSender = index.data(MessageListModel::SameSenderRole).toBool();
    int y = 4;
    if (index.data(MessageListModel::StartsDayRole).toBool()) {
        l.day = QRect(0, y, width, fm.height() + 12);
        y = l.day.bottom() + 4;
    }
    const bool showSender = m_group && !own;
    const int indent = showSender ? kMargin + kAvatar + 8 : kMargin;
    if (showSender && !sameSender) {
        l.name = QRect(indent + 2, y, width - indent - kMargin, fm.height());
        y = l.name.bottom() + 2;
    }
    const int maxText = qMax(80, int(width * 0.68) - 2 * kPadding);
    const QString text = index.data().toString();
    QRect textRect = fm.boundingRect(QRect(0, 0, maxText, 1 << 20), Qt::TextWordWrap | Qt::TextWrapAnywhere, text);
    textRect.setWidth(qMax(textRect.width(), fm.horizontalAdvance(QStringLiteral("00:00"))));
    const int bubbleWidth = textRect.width() + 2 * kPadding;
    const int bubbleHeight = textRect.height() + 2 * kPadding;
    const int left = own ? width - kMargin - bubbleWidth : indent;
    l.bubble = QRect(left, y, bubbleWidth, bubbleHeight);
    l.text = l.bubble.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    if (showSender && !sameSender)
        l.avatar = QRect(kMargin, l.name.top(), kAvatar, kAvatar);
    const QRect statusBox = fm.boundingRect(QRect(0, 0, width / 2, 1 << 20), Qt::TextWordWrap, statusText(index));
    l.status =
        own ? QRect(width - kMargin - statusBox.width(), l.bubble.bottom() + 2, statusBox.width(), statusBox.height())
            : QRect(l.bubble.left() + 2, l.bubble.bottom() + 2, statusBox.width(), statusBox.height());
    l.height = qMax(l.status.bottom(), l.avatar.isNull() ? 0 : l.avatar.bottom()) + 6;
    return l;
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                const QModelIndex &index)
{
    const QStringList readers = index.data(MessageListModel::ReadersRole).toStringList();
    if (event->type() != QEvent::ToolTip || readers.isEmpty())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    QToolTip::showText(event->globalPos(), tr("Read by %1").arg(QLocale().createSeparatedList(readers)), view);
    return true;
}

bool MessageDelegate::isOnSender(const QStyleOptionViewItem &option, const QModelIndex &index,
                                 const QPoint &point) const
{
    Layout l = layout(option, index);
    const QPoint local = point - option.rect.topLeft();
    return l.avatar.contains(local) || l.name.contains(local);
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    return {m_view ? m_view->viewport()->width() : option.rect.width(), l.height};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    Layout l = layout(opt, index);
    const QPoint origin = opt.rect.topLeft();
    for (QRect *r : {&l.day, &l.name, &l.avatar, &l.bubble, &l.text, &l.status}) {
        if (!r->isNull())
            r->translate(origin);
    }
    const QPalette &palette = opt.palette;
    const bool own = index.data(MessageListModel::IsOwnRole).toBool();
    QColor secondary = palette.color(QPalette::Text);
    secondary.setAlphaF(0.6);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (!l.day.isNull()) {
        const QString day = dayText(index.data(MessageListModel::TimeRole).toDateTime().date());
        const int textWidth = opt.fontMetrics.horizontalAdvance(day) + 24;
        painter->setPen(QPen(secondary, 1));
        const int mid = l.day.center().y();
        painter->drawLine(l.day.left() + kMargin, mid, l.day.center().x() - textWidth / 2, mid);
        painter->drawLine(l.day.center().x() + textWidth / 2, mid, l.day.right() - kMargin, mid);
        painter->drawText(l.day, Qt::AlignCenter, day);
    }
    if (!l.avatar.isNull())
        paintAvatar(*painter, l.avatar, index.data(MessageListModel::InitialsRole).toString(),
                    index.data(MessageListModel::SenderIdRole).toULongLong(), false);
    if (!l.name.isNull()) {
        painter->setPen(secondary);
        painter->drawText(l.name, Qt::AlignLeft | Qt::AlignVCenter,
                          index.data(MessageListModel::SenderNameRole).toString());
    }

    const auto delivery = index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>();
    QColor bubble = own ? palette.color(QPalette::Highlight) : palette.color(QPalette::AlternateBase);
    if (!own && bubble == palette.color(QPalette::Base))
        bubble = palette.color(QPalette::Button);
    if (delivery == MessageListModel::Delivery::Sending)
        bubble.setAlphaF(0.6);
    painter->setPen(Qt::NoPen);
    painter->setBrush(bubble);
    painter->drawRoundedRect(l.bubble, 10, 10);
    if (index.data(MessageListModel::MentionsMeRole).toBool()) {
        painter->setPen(QPen(QColor(0xe0, 0xa1, 0x00), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(l.bubble, 10, 10);
    }
    painter->setPen(palette.color(own ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(l.text, Qt::TextWordWrap | Qt::TextWrapAnywhere, index.data().toString());

    painter->setPen(delivery == MessageListModel::Delivery::Failed ? QColor(0xd3, 0x2f, 0x2f) : secondary);
    painter->drawText(l.status, Qt::TextWordWrap | (own ? Qt::AlignRight : Qt::AlignLeft), statusText(index));
    painter->restore();
}

} // namespace confab::ui
