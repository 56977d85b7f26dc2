// The user's own contact list ("buddies"), by name, with presence and sign line from the directory.
#pragma once

#include "messaging/conversationid.h"

#include <QAbstractListModel>

#include <vector>

namespace confab::client {

class DisplayNames;

class BuddyListModel : public QAbstractListModel
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

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Entry
    {
        quint64 userId;
        QString name;
    };
    int rowOf(quint64 userId) const;
    int sortedRow(const Entry &entry, int ignoreRow) const;
    static bool lessThan(const Entry &a, const Entry &b);
    void rename(quint64 userId);

    const DisplayNames &m_names;
    std::vector<Entry> m_entries;
};

} // namespace confab::client
