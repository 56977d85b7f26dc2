// What a screen reader says for a row (Qt::AccessibleTextRole): everything a sighted person sees in it, such as
// "Bob 李明, online, 2 unread messages, last message: See you at ten". Each part is a whole phrase of its own in
// tr(), and the separator between parts is translated too ("，" in Chinese).
#pragma once

#include "protocol/messages.h"

#include <QCoreApplication>
#include <QStringList>

namespace confab::client {

class RowDescription
{
    Q_DECLARE_TR_FUNCTIONS(RowDescription)

public:
    static QString presence(pb::Presence presence);
    static QString unread(int count);
    static QString lastMessage(const QString &text);
    static QString members(int count);
    static QString people(int count);
    static QString muted();
    static QString pinned();
    // The parts, in order, with the language's separator; empty parts are left out.
    static QString join(const QStringList &parts);
};

} // namespace confab::client
