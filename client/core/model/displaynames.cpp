#include "model/displaynames.h"

#include "model/departmenttreemodel.h"
#include "model/grouplistmodel.h"

namespace confab::client {

DisplayNames::DisplayNames(const DepartmentTreeModel &directory, const GroupListModel &groups, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_groups(groups)
{
    connect(&directory, &DepartmentTreeModel::personChanged, this,
            [this](quint64 id) { emit changed(ConversationId::single(id)); });
    connect(&groups, &GroupListModel::groupChanged, this,
            [this](quint64 id) { emit changed(ConversationId::group(id)); });
    connect(&directory, &QAbstractItemModel::modelReset, this, &DisplayNames::allChanged);
    connect(&groups, &QAbstractItemModel::modelReset, this, &DisplayNames::allChanged);
}

QString DisplayNames::userName(quint64 userId) const
{
    if (const PersonRecord *person = m_directory.person(userId))
        return person->realName();
    //: A person the directory does not show (not synced yet, or no longer with the company); %1 is their id.
    return tr("User %1").arg(userId);
}

QString DisplayNames::conversationName(ConversationId conversation) const
{
    if (!conversation.isGroup())
        return userName(conversation.peer);
    const QString name = m_groups.name(conversation.peer);
    //: A group whose details have not arrived yet; %1 is its id.
    return name.isEmpty() ? tr("Group %1").arg(conversation.peer) : name;
}

QString DisplayNames::initials(const QString &name)
{
    // "Alice Wang" gives AW; "Carol 陈静" gives C (the Latin name, not half of each); "王丽" gives 王.
    QStringList latin;
    for (const QString &word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (word[0].isLetter() && word[0].script() == QChar::Script_Latin)
            latin.append(word);
    }
    if (latin.size() >= 2)
        return (latin[0].left(1) + latin[1].left(1)).toUpper();
    if (latin.size() == 1)
        return latin[0].left(1).toUpper();
    const QString trimmed = name.trimmed();
    return trimmed.isEmpty() ? QStringLiteral("?") : trimmed.left(1).toUpper();
}

} // namespace confab::client
