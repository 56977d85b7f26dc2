// Round avatars with a person's or group's initials on a colour of their own (the same id always gets the same
// colour), and the count badge that session rows and the tray icon share.
#pragma once

#include <QColor>
#include <QRect>
#include <QString>

class QDateTime;
class QTime;
class QPainter;
class QPalette;

namespace confab::ui {

QColor avatarColor(quint64 id, bool group);
void paintAvatar(QPainter &painter, const QRect &rect, const QString &initials, quint64 id, bool group);
// A rounded badge with `count` (99+ above 99) centred on `center`; grey when `muted`. Returns its rectangle.
QRect paintCountBadge(QPainter &painter, QPoint center, int count, bool muted, int height);
// "12:04" today, "Yesterday", the weekday within a week, else the date, in the user's locale.
QString shortTime(const QDateTime &when);
// The time of day without seconds, in the user's locale.
QString clockTime(const QTime &time);

} // namespace confab::ui
