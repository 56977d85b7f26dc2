// The organisation as a tree: departments (by priority, then name) with their sub-departments first and their
// active members after, each department carrying the number of people in its subtree. People who left are not
// shown. Changes arrive one by one (a sync page, a push) and are applied as row inserts, removals, moves and
// dataChanged, never as a reset; only a whole new directory (first sync, reset) resets the model.
#pragma once

#include "protocol/messages.h"
#include "types/personrecord.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

namespace confab::client {

class DepartmentTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role
    {
        KindRole = Qt::UserRole + 1, // Kind
        IdRole,                      // quint64: department or user id
        MemberCountRole,             // int: active people in a department's subtree
        PresenceRole,                // int (pb::Presence): people only
        SignLineRole,
        TitleRole,
        PinyinRole,
        EmailRole,
        LoginNameRole,
        PhoneRole,
        UnreadRole, // int: unread messages in one's one-to-one conversation with the person
    };
    enum class Kind
    {
        Department,
        Person
    };
    Q_ENUM(Kind)

    explicit DepartmentTreeModel(QObject *parent = nullptr);
    ~DepartmentTreeModel() override;

    // Replaces everything (first sync, cache load, or after the server said reset). Takes the rows over.
    void setDirectory(std::vector<pb::Department> departments, std::vector<PersonRecord> people);

    void upsertDepartment(const pb::Department &department);
    void removeDepartment(quint64 id);
    void upsertUser(const pb::User &user); // a user who left is removed from the tree
    void removeUser(quint64 id);
    void setPresence(quint64 userId, pb::Presence presence);
    // Unread messages from the person (the session list knows them; the tree shows them as a badge).
    void setUnread(quint64 userId, int unread);

    // A person shown in the tree (null for unknown ids and people who left) and their presence.
    const PersonRecord *person(quint64 id) const;
    pb::Presence presence(quint64 userId) const { return m_presence.value(userId, pb::PRESENCE_OFFLINE); }

    // Whether a person matches what was typed: name, pinyin, its initials ("zs" for zhang san), login name or
    // email, case-insensitively. (The search box asks the cache's full-text index instead; see SearchModel.)
    static bool matches(const PersonRecord &person, const QString &text);
    // Up to `limit` people who match, by name.
    std::vector<quint64> findPeople(const QString &text, int limit) const;

    QModelIndex indexOfDepartment(quint64 id) const;
    QModelIndex indexOfUser(quint64 id) const;
    int departmentCount() const { return int(m_departments.size()); }
    int personCount() const { return int(m_people.size()); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    // One person's profile or presence changed, or they left (lists that show people by id follow this; a whole
    // new directory comes as modelReset).
    void personChanged(quint64 userId);

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    // Where `node` belongs among `parent`'s children (departments first, each group in display order).
    int insertionRow(const Node *parent, const Node *node) const;
    bool lessThan(const Node *a, const Node *b) const;
    void attach(Node *parent, Node *node); // with beginInsertRows/endInsertRows
    void detach(Node *node);               // with beginRemoveRows/endRemoveRows
    void reposition(Node *node, Node *newParent);
    void adjustCounts(Node *from, int delta); // member counts up the ancestor chain, with dataChanged
    Node *departmentOrRoot(quint64 id) const;
    void sortChildrenRecursively(Node *node);

    std::unique_ptr<Node> m_root;
    QHash<quint64, Node *> m_departments;
    QHash<quint64, Node *> m_people;
    QHash<quint64, pb::Presence> m_presence;
    QHash<quint64, int> m_unread;
};

} // namespace confab::client
