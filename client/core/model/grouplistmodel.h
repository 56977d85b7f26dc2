// The groups the user belongs to, by name. Each row knows the version the group list last announced and the
// details fetched so far; details are fetched again only when the announced version is ahead (see GroupSync).
#pragma once

#include "model/sortedlistmodel.h"
#include "types/cachedgroup.h"
#include "types/conversationid.h"

#include <vector>

namespace confab::client {

class GroupListModel : public SortedListModel<CachedGroup>
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1, // quint64
        MemberCountRole,           // int
        MutedRole,                 // bool
        AnnouncementRole,          // QString
        OwnerIdRole,               // quint64
        ConversationRole,          // ConversationId
    };

    explicit GroupListModel(QObject *parent = nullptr);

    void setGroups(std::vector<CachedGroup> groups); // a reset: cache load, or a full sync's end
    void setListedVersion(quint64 groupId, quint64 version);
    // A dissolved group leaves the list. `carriesMuted`: info.muted is the user's own flag (fetched details, a
    // group one was just added to), not a field the server cleared because every member has their own.
    void setInfo(const pb::GroupInfo &info, bool carriesMuted);
    void setMuted(quint64 groupId, bool muted);
    void setMemberCount(quint64 groupId, int count);
    void remove(quint64 groupId);

    const CachedGroup *group(quint64 groupId) const;
    // Groups whose details are missing or older than the version the list announced.
    std::vector<pb::GroupVersion> outdated() const;
    QString name(quint64 groupId) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void groupChanged(quint64 groupId);

protected:
    bool lessThan(const CachedGroup &a, const CachedGroup &b) const override;

private:
    int rowOf(quint64 groupId) const;
    void changed(int row); // re-sorts the changed row and tells the lists that show the group's name
};

} // namespace confab::client
