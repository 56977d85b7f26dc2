#include "model/rowdescription.h"

namespace confab::client {

QString RowDescription::presence(pb::Presence presence)
{
    switch (presence) {
    case pb::PRESENCE_ONLINE:
        return tr("online");
    case pb::PRESENCE_AWAY:
        return tr("away");
    case pb::PRESENCE_BUSY:
        return tr("busy");
    case pb::PRESENCE_INVISIBLE: // only ever one's own
        return tr("invisible");
    default:
        return tr("offline");
    }
}

QString RowDescription::unread(int count)
{
    // Singular and plural spelled out rather than %n: the source language needs no .ts of its own this way.
    if (count <= 0)
        return {};
    return count == 1 ? tr("1 unread message") : tr("%1 unread messages").arg(count);
}

QString RowDescription::lastMessage(const QString &text)
{
    return text.isEmpty() ? QString() : tr("last message: %1").arg(text);
}

QString RowDescription::members(int count)
{
    return count == 1 ? tr("1 member") : tr("%1 members").arg(count);
}

QString RowDescription::people(int count)
{
    return count == 1 ? tr("1 person") : tr("%1 people").arg(count);
}

QString RowDescription::muted()
{
    return tr("muted");
}

QString RowDescription::pinned()
{
    return tr("pinned");
}

QString RowDescription::join(const QStringList &parts)
{
    QStringList shown = parts;
    shown.removeAll(QString());
    //: Between the parts of a row's spoken description: "Bob, online, 2 unread messages".
    return shown.join(tr(", "));
}

} // namespace confab::client
