#include "types/conversationid.h"

namespace confab::client {

namespace {
const QString kUserPrefix = QStringLiteral("user:");
const QString kGroupPrefix = QStringLiteral("group:");
} // namespace

ConversationId ConversationId::fromString(const QString &text)
{
    const bool group = text.startsWith(kGroupPrefix);
    if (!group && !text.startsWith(kUserPrefix))
        return {};
    bool ok = false;
    const quint64 peer = text.mid(group ? kGroupPrefix.size() : kUserPrefix.size()).toULongLong(&ok);
    if (!ok || peer == 0)
        return {};
    return group ? ConversationId::group(peer) : ConversationId::single(peer);
}

QString ConversationId::toString() const
{
    return (isGroup() ? kGroupPrefix : kUserPrefix) + QString::number(peer);
}

} // namespace confab::client
