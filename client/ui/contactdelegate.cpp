#include "contactdelegate.h"

#include "avatarpainter.h"
#include "model/departmenttreemodel.h"

#include <QApplication>
#include <QPainter>

namespace confab::ui {

using client::DepartmentTreeModel;

ContactDelegate::ContactDelegate(QObject *parent)
    : ContactDelegate({DepartmentTreeModel::PresenceRole, DepartmentTreeModel::TitleRole, false}, parent)
{}

ContactDelegate::ContactDelegate(Roles roles, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_roles(roles)
{}

QColor ContactDelegate::presenceColor(int presence)
{
    switch (presence) {
    case pb::PRESENCE_ONLINE:
        return QColor(0x2e, 0xa0, 0x43);
    case pb::PRESENCE_AWAY:
        return QColor(0xe0, 0xa1, 0x00);
    case pb::PRESENCE_BUSY:
        return QColor(0xd3, 0x2f, 0x2f);
    default:
        return QColor(0x9e, 0x9e, 0x9e);
    }
}

QSize ContactDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    return {base.width(), qMax(base.height(), option.fontMetrics.height() + 10)};
}

void ContactDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString name = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // background and selection

    painter->save();
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor text = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor secondary = text;
    secondary.setAlphaF(0.6);
    QRect r = opt.rect.adjusted(4, 0, -4, 0);
    const bool person =
        m_roles.peopleOnly || index.data(DepartmentTreeModel::KindRole).value<DepartmentTreeModel::Kind>() ==
                                  DepartmentTreeModel::Kind::Person;
    if (person) {
        if (m_roles.presence >= 0) { // rows without presence (groups) have no dot
            const int dot = qMax(8, opt.fontMetrics.height() / 2);
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(presenceColor(index.data(m_roles.presence).toInt()));
            painter->drawEllipse(QRect(r.left(), r.center().y() - dot / 2, dot, dot));
            r.setLeft(r.left() + dot + 8);
        }
        // The tree's people carry their unread count (lists without the role have none).
        const int unread = m_roles.peopleOnly ? 0 : index.data(DepartmentTreeModel::UnreadRole).toInt();
        if (unread > 0) {
            const int height = opt.fontMetrics.height();
            const QRect badge =
                paintCountBadge(*painter, QPoint(r.right() - height, r.center().y()), unread, false, height);
            r.setRight(badge.left() - 6);
        }
        painter->setPen(text);
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, name);
        const QString title = index.data(m_roles.title).toString();
        if (!title.isEmpty()) {
            r.setLeft(r.left() + opt.fontMetrics.horizontalAdvance(name) + 10);
            painter->setPen(secondary);
            painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft,
                              opt.fontMetrics.elidedText(title, Qt::ElideRight, r.width()));
        }
    } else {
        QFont bold = opt.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(text);
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, name);
        const QString count = QStringLiteral("%1").arg(index.data(DepartmentTreeModel::MemberCountRole).toInt());
        painter->setFont(opt.font);
        painter->setPen(secondary);
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignRight, count);
    }
    painter->restore();
}

} // namespace confab::ui
