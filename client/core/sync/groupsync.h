// The groups data set: the list by cursor with each group's version, details fetched only for groups whose version
// moved, member lists by version plus the events between versions (fetched for the groups the user opens), and
// the group actions: create, invite, remove, leave, rename, announce, dissolve.
#pragma once

#include "model/grouplistmodel.h"
#include "sync/datasetsync.h"

#include <QHash>
#include <QSet>

namespace confab::client {

class GroupSync : public DataSetSync
{
    Q_OBJECT

public:
    GroupSync(ServerConnection &connection, LocalCache *cache, GroupListModel &model, QObject *parent = nullptr);

    void setSelfId(quint64 id) { m_selfId = id; }
    void applyCached(std::vector<CachedGroup> groups, quint64 cursor);

    // Members as last fetched (empty until fetchMembers answered); membersChanged follows every change.
    std::vector<pb::GroupMember> members(quint64 groupId) const;
    bool hasMembers(quint64 groupId) const { return m_members.contains(groupId); }
    // Brings one group's member list up to date: from the cache, then the events since its version.
    void fetchMembers(quint64 groupId);

    // `done` runs once with the outcome, unless `context` is gone by then (a chat window closed meanwhile).
    using Done = std::function<void(pb::ErrorCode error, quint64 groupId)>;
    void createGroup(const QString &name, const std::vector<quint64> &memberIds, QObject *context, Done done);
    void changeMembers(quint64 groupId, pb::MemberChange change, const std::vector<quint64> &userIds, QObject *context,
                       Done done);
    void leave(quint64 groupId, QObject *context, Done done);
    void update(quint64 groupId, std::optional<QString> name, std::optional<QString> announcement, QObject *context,
                Done done);
    void dissolve(quint64 groupId, QObject *context, Done done);

signals:
    void membersChanged(quint64 groupId);
    void removedFromGroup(quint64 groupId); // left, removed by an admin, or dissolved

protected:
    void pull(quint64 cursor) override;

private:
    struct Members
    {
        quint64 version = 0;
        QHash<quint64, pb::GroupMember> byUser;
    };
    void onGroupPush(const pb::GroupChangedNotify &notify);
    void onMembersPush(const pb::GroupMembersNotify &notify);
    void fetchOutdatedDetails();
    void storeInfo(const pb::GroupInfo &info);
    void forget(quint64 groupId);
    void pullMembers(quint64 groupId);
    void applyMembers(quint64 groupId, const pb::GroupMembersResponse &page);
    void applyEvents(quint64 groupId, const google::protobuf::RepeatedPtrField<pb::MemberEvent> &events);

    GroupListModel &m_model;
    quint64 m_selfId = 0;
    std::vector<CachedGroup> m_fullSync;
    QHash<quint64, Members> m_members;
    QSet<quint64> m_pullingMembers;
};

} // namespace confab::client
