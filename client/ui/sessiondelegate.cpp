#include "sessiondelegate.h"

#include "avatarpainter.h"
#include "contactdelegate.h"
#include "model/sessionlistmodel.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>

namespace confab::ui {

using client::SessionListModel;

QSize SessionDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {200, option.fontMetrics.height() * 2 + 20};
}

void SessionDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    painter->save();
    const bool selected = opt.state & QStyle::State_Selected;
    const int unread = index.data(SessionListModel::UnreadRole).toInt();
    const bool muted = index.data(SessionListModel::MutedRole).toBool();
    const bool pinned = index.data(SessionListModel::PinnedRole).toBool();
    const bool group = index.data(SessionListModel::IsGroupRole).toBool();
    const quint64 peer = index.data(SessionListModel::PeerIdRole).toULongLong();
    const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor secondary = text;
    secondary.setAlphaF(0.65);
    const QFontMetrics &fm = opt.fontMetrics;

    if (pinned && !selected) {
        // Pinned rows carry a faint tint and a corner mark, as in most messengers.
        QColor tint = opt.palette.color(QPalette::Highlight);
        tint.setAlphaF(0.08);
        painter->fillRect(opt.rect, tint);
        QPolygon corner;
        corner << opt.rect.topRight() << opt.rect.topRight() - QPoint(10, 0) << opt.rect.topRight() + QPoint(0, 10);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(opt.palette.color(QPalette::Highlight));
        painter->drawPolygon(corner);
    }

    const QRect r = opt.rect.adjusted(8, 6, -8, -6);
    const int avatarSize = r.height();
    const QRect avatar(r.left(), r.top(), avatarSize, avatarSize);
    paintAvatar(*painter, avatar, index.data(SessionListModel::InitialsRole).toString(), peer, group);
    if (!group) {
        const int dot = qMax(8, avatarSize / 4);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(opt.palette.color(QPalette::Base), 2));
        painter->setBrush(ContactDelegate::presenceColor(index.data(SessionListModel::PresenceRole).toInt()));
        painter->drawEllipse(QRect(avatar.right() - dot + 2, avatar.bottom() - dot + 2, dot, dot));
    }

    const QRect textArea = r.adjusted(avatarSize + 10, 0, 0, 0);
    const QRect top(textArea.left(), textArea.top(), textArea.width(), textArea.height() / 2);
    const QRect bottom(textArea.left(), top.bottom(), textArea.width(), textArea.height() - top.height());

    const QString time = shortTime(index.data(SessionListModel::TimeRole).toDateTime());
    painter->setPen(secondary);
    painter->drawText(top, Qt::AlignRight | Qt::AlignVCenter, time);

    QFont nameFont = opt.font;
    nameFont.setBold(unread > 0 && !muted);
    painter->setFont(nameFont);
    painter->setPen(text);
    const int nameWidth = top.width() - fm.horizontalAdvance(time) - 8;
    painter->drawText(QRect(top.left(), top.top(), nameWidth, top.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(index.data().toString(), Qt::ElideRight, nameWidth));
    painter->setFont(opt.font);

    int previewWidth = bottom.width();
    if (unread > 0) {
        const int badgeHeight = fm.height() + 2;
        const QRect badge = paintCountBadge(*painter, QPoint(bottom.right() - badgeHeight / 2 - 2, bottom.center().y()),
                                            unread, muted, badgeHeight);
        previewWidth -= badge.width() + 8;
    }
    if (muted) {
        const int size = fm.height();
        const QRect icon(bottom.left() + previewWidth - size, bottom.center().y() - size / 2, size, size);
        style->standardIcon(QStyle::SP_MediaVolumeMuted, &opt, opt.widget).paint(painter, icon);
        previewWidth -= size + 6;
    }
    painter->setPen(secondary);
    painter->drawText(
        QRect(bottom.left(), bottom.top(), previewWidth, bottom.height()), Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(index.data(SessionListModel::LastMessageRole).toString(), Qt::ElideRight, previewWidth));
    painter->restore();
}

} // namespace confab::ui
