// The user's own contact list ("buddies"), by name, with presence and sign line from the directory.
#pragma once

#include "model/sortedlistmodel.h"
#include "types/conversationid.h"

#include <vector>

namespace confab::client {

class DisplayNames;

struct BuddyRow
{
    quint64 userId;
    QString name;
};

class BuddyListModel : public SortedListModel<BuddyRow>
{
    Q_OBJECT

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1, // quint64 user id
        PresenceRole,              // int (pb::Presence)
        SignLineRole,              // QString
        InitialsRole,              // QString
        ConversationRole,          // ConversationId
    };

    explicit BuddyListModel(const DisplayNames &names, QObject *parent = nullptr);

    void setBuddies(const std::vector<pb::Buddy> &buddies);
    void add(quint64 userId);
    void remove(quint64 userId);
    bool contains(quint64 userId) const { return rowOf(userId) >= 0; }
    std::vector<quint64> userIds() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

protected:
    bool lessThan(const BuddyRow &a, const BuddyRow &b) const override;

private:
    int rowOf(quint64 userId) const;
    void rename(quint64 userId);

    const DisplayNames &m_names;
};

} // namespace confab::client
