#include "avatarpainter.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace confab::ui {

QColor avatarColor(quint64 id, bool group)
{
    // Hues spread by a multiplicative hash; saturation and value fixed so white initials always read.
    const int hue = int((id * 2654435761u) % 360);
    return QColor::fromHsv(hue, group ? 120 : 150, group ? 170 : 190);
}

void paintAvatar(QPainter &painter, const QRect &rect, const QString &initials, quint64 id, bool group)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(avatarColor(id, group));
    if (group)
        painter.drawRoundedRect(rect, rect.width() / 4.0, rect.height() / 4.0);
    else
        painter.drawEllipse(rect);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(qMax(8, rect.height() * (initials.size() > 1 ? 2 : 3) / 7));
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(rect, Qt::AlignCenter, initials);
    painter.restore();
}

QRect paintCountBadge(QPainter &painter, QPoint center, int count, bool muted, int height)
{
    const QString text = count > 99 ? QStringLiteral("99+") : QString::number(count);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(qMax(8, height * 2 / 3));
    painter.setFont(font);
    const int width = qMax(height, QFontMetrics(font).horizontalAdvance(text) + height / 2);
    const QRect badge(center.x() - width / 2, center.y() - height / 2, width, height);
    painter.setPen(Qt::NoPen);
    painter.setBrush(muted ? QColor(0x9e, 0x9e, 0x9e) : QColor(0xe5, 0x39, 0x35));
    painter.drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter.setPen(Qt::white);
    painter.drawText(badge, Qt::AlignCenter, text);
    painter.restore();
    return badge;
}

QString clockTime(const QTime &time)
{
    // The locale's short format, which in some locales (C, POSIX) still carries seconds nobody needs here.
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QStringLiteral(":ss"));
    return locale.toString(time, format);
}

QString shortTime(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    const QLocale locale;
    const QDate today = QDate::currentDate();
    const QDate day = when.date();
    if (day == today)
        return clockTime(when.time());
    if (day == today.addDays(-1))
        return QApplication::translate("confab::ui::SessionDelegate", "Yesterday");
    if (day > today.addDays(-7))
        return locale.dayName(day.dayOfWeek(), QLocale::ShortFormat);
    return locale.toString(day, QLocale::ShortFormat);
}

} // namespace confab::ui
