#include "model/departmenttreemodel.h"

#include "model/rowdescription.h"
#include "text/pinyin.h"

namespace confab::client {

struct DepartmentTreeModel::Node
{
    Kind kind = Kind::Department;
    quint64 id = 0;
    Node *parent = nullptr;
    int row = 0;         // position among the parent's children, kept current so that parent() is O(1)
    int memberCount = 0; // departments: active people in the subtree
    std::vector<std::unique_ptr<Node>> children;
    std::unique_ptr<pb::Department> department; // departments only: a few thousand beside 100,000 people
    PersonRecord person;                        // people only
    QString sortKey; // folded once: sorting 100,000 people must not convert strings on every comparison

    static std::unique_ptr<Node> of(pb::Department d)
    {
        auto node = std::make_unique<Node>();
        node->kind = Kind::Department;
        node->id = d.id();
        node->department = std::make_unique<pb::Department>(std::move(d));
        node->updateSortKey();
        return node;
    }
    static std::unique_ptr<Node> of(PersonRecord p)
    {
        auto node = std::make_unique<Node>();
        node->kind = Kind::Person;
        node->id = p.id();
        node->person = std::move(p);
        node->updateSortKey();
        return node;
    }
    void updateSortKey()
    {
        if (kind == Kind::Department) {
            sortKey = QString::fromStdString(department->name()).toCaseFolded();
            return;
        }
        const std::string_view pinyin = person.utf8(PersonRecord::Text::Pinyin);
        sortKey = (pinyin.empty() ? person.realName() : person.pinyin()).toCaseFolded();
    }
    quint64 parentId() const { return kind == Kind::Department ? department->parent_id() : person.departmentId(); }
};

namespace {
template <class Children>
void renumber(Children &children, size_t from)
{
    for (size_t i = from; i < children.size(); ++i)
        children[i]->row = int(i);
}
} // namespace

DepartmentTreeModel::DepartmentTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

DepartmentTreeModel::~DepartmentTreeModel() = default;

bool DepartmentTreeModel::lessThan(const Node *a, const Node *b) const
{
    if (a->kind != b->kind)
        return a->kind == Kind::Department; // sub-departments before people
    if (a->kind == Kind::Department && a->department->priority() != b->department->priority())
        return a->department->priority() < b->department->priority();
    const int byName = a->sortKey.compare(b->sortKey);
    return byName != 0 ? byName < 0 : a->id < b->id;
}

int DepartmentTreeModel::insertionRow(const Node *parent, const Node *node) const
{
    int row = 0;
    for (const auto &child : parent->children) {
        if (child.get() != node && lessThan(child.get(), node))
            ++row;
    }
    return row;
}

void DepartmentTreeModel::sortChildrenRecursively(Node *node)
{
    std::sort(
        node->children.begin(), node->children.end(),
        [this](const std::unique_ptr<Node> &a, const std::unique_ptr<Node> &b) { return lessThan(a.get(), b.get()); });
    renumber(node->children, 0);
    for (auto &child : node->children) {
        if (child->kind == Kind::Department)
            sortChildrenRecursively(child.get());
    }
}

void DepartmentTreeModel::setDirectory(std::vector<pb::Department> departments, std::vector<PersonRecord> people)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_departments.clear();
    m_people.clear();
    std::vector<std::unique_ptr<Node>> pending;
    pending.reserve(departments.size() + people.size());
    m_departments.reserve(qsizetype(departments.size()));
    m_people.reserve(qsizetype(people.size()));
    for (pb::Department &d : departments) {
        auto node = Node::of(std::move(d));
        m_departments.insert(node->id, node.get());
        pending.push_back(std::move(node));
    }
    for (PersonRecord &p : people) {
        if (p.status() == pb::USER_STATUS_LEFT)
            continue;
        auto node = Node::of(std::move(p));
        m_people.insert(node->id, node.get());
        pending.push_back(std::move(node));
    }
    people = {}; // moved-from records still hold their slots: free them before the sort below
    for (auto &node : pending) {
        Node *parent = departmentOrRoot(node->parentId());
        if (parent == node.get())
            parent = m_root.get();
        node->parent = parent;
        parent->children.push_back(std::move(node));
    }
    sortChildrenRecursively(m_root.get());
    for (Node *person : std::as_const(m_people)) {
        for (Node *at = person->parent; at && at != m_root.get(); at = at->parent)
            ++at->memberCount;
    }
    endResetModel();
}

DepartmentTreeModel::Node *DepartmentTreeModel::departmentOrRoot(quint64 id) const
{
    return id != 0 ? m_departments.value(id, m_root.get()) : m_root.get();
}

void DepartmentTreeModel::attach(Node *parent, Node *node)
{
    // `node` is owned by the caller's unique_ptr until this moves it into the tree.
    const int row = insertionRow(parent, node);
    beginInsertRows(indexOf(parent), row, row);
    node->parent = parent;
    parent->children.insert(parent->children.begin() + row, std::unique_ptr<Node>(node));
    renumber(parent->children, size_t(row));
    endInsertRows();
}

void DepartmentTreeModel::detach(Node *node)
{
    Node *parent = node->parent;
    const int row = node->row;
    beginRemoveRows(indexOf(parent), row, row);
    parent->children.erase(parent->children.begin() + row); // destroys node and its subtree
    renumber(parent->children, size_t(row));
    endRemoveRows();
}

void DepartmentTreeModel::reposition(Node *node, Node *newParent)
{
    Node *oldParent = node->parent;
    const int from = node->row;
    int to = insertionRow(newParent, node);                                       // position among the other children
    const int destination = (newParent == oldParent && to >= from) ? to + 1 : to; // beginMoveRows' convention
    if (newParent == oldParent && (destination == from || destination == from + 1))
        return; // already in place
    const int members = node->kind == Kind::Person ? 1 : node->memberCount;
    if (!beginMoveRows(indexOf(oldParent), from, from, indexOf(newParent), destination))
        return;
    std::unique_ptr<Node> owned = std::move(oldParent->children[size_t(from)]);
    oldParent->children.erase(oldParent->children.begin() + from);
    renumber(oldParent->children, size_t(from));
    owned->parent = newParent;
    newParent->children.insert(newParent->children.begin() + to, std::move(owned));
    renumber(newParent->children, 0);
    endMoveRows();
    if (newParent != oldParent) {
        adjustCounts(oldParent, -members);
        adjustCounts(newParent, members);
    }
}

void DepartmentTreeModel::adjustCounts(Node *from, int delta)
{
    if (delta == 0)
        return;
    for (Node *at = from; at && at != m_root.get(); at = at->parent) {
        at->memberCount += delta;
        const QModelIndex index = indexOf(at);
        emit dataChanged(index, index, {MemberCountRole, Qt::AccessibleTextRole});
    }
}

void DepartmentTreeModel::upsertDepartment(const pb::Department &department)
{
    if (Node *node = m_departments.value(department.id())) {
        *node->department = department;
        node->updateSortKey();
        Node *parent = departmentOrRoot(department.parent_id());
        for (Node *at = parent; at; at = at->parent) {
            if (at == node)
                return; // a move into its own subtree: the server refuses these; ignore a garbled one
        }
        reposition(node, parent);
        const QModelIndex index = indexOf(node);
        emit dataChanged(index, index);
        return;
    }
    Node *node = Node::of(department).release();
    m_departments.insert(department.id(), node);
    attach(departmentOrRoot(department.parent_id()), node);
    // Departments and people that arrived before their department now find their place.
    std::vector<Node *> orphans;
    for (const auto &child : m_root->children) {
        if (child.get() != node && child->parentId() == department.id())
            orphans.push_back(child.get());
    }
    for (Node *orphan : orphans)
        reposition(orphan, node);
}

void DepartmentTreeModel::removeDepartment(quint64 id)
{
    Node *node = m_departments.value(id);
    if (!node)
        return;
    // The server closes only empty departments; anything left inside waits at the top for its next update.
    while (!node->children.empty())
        reposition(node->children.front().get(), m_root.get());
    m_departments.remove(id);
    detach(node);
}

void DepartmentTreeModel::upsertUser(const pb::User &user)
{
    if (user.status() == pb::USER_STATUS_LEFT) {
        removeUser(user.id());
        return;
    }
    if (Node *node = m_people.value(user.id())) {
        node->person = PersonRecord(user);
        node->updateSortKey();
        reposition(node, departmentOrRoot(user.department_id()));
        const QModelIndex index = indexOf(node);
        emit dataChanged(index, index);
        emit personChanged(user.id());
        return;
    }
    Node *node = Node::of(PersonRecord(user)).release();
    m_people.insert(user.id(), node);
    Node *parent = departmentOrRoot(user.department_id());
    attach(parent, node);
    adjustCounts(parent, 1);
    emit personChanged(user.id());
}

void DepartmentTreeModel::removeUser(quint64 id)
{
    Node *node = m_people.take(id);
    if (!node)
        return;
    Node *parent = node->parent;
    detach(node);
    adjustCounts(parent, -1);
    emit personChanged(id);
}

void DepartmentTreeModel::setPresence(quint64 userId, pb::Presence presence)
{
    m_presence.insert(userId, presence);
    if (Node *node = m_people.value(userId)) {
        const QModelIndex index = indexOf(node);
        emit dataChanged(index, index, {PresenceRole, Qt::AccessibleTextRole});
    }
    emit personChanged(userId);
}

bool DepartmentTreeModel::matches(const PersonRecord &person, const QString &text)
{
    if (text.isEmpty())
        return true;
    using Text = PersonRecord::Text;
    for (Text field : {Text::RealName, Text::Pinyin, Text::LoginName, Text::Email}) {
        if (person.text(field).contains(text, Qt::CaseInsensitive))
            return true;
    }
    return pinyinInitials(person.pinyin()).startsWith(text, Qt::CaseInsensitive);
}

std::vector<quint64> DepartmentTreeModel::findPeople(const QString &text, int limit) const
{
    std::vector<const Node *> found;
    for (const Node *node : m_people) {
        if (matches(node->person, text))
            found.push_back(node);
    }
    // Only the first `limit` by name are shown: no need to sort the thousands that "w" finds.
    const size_t shown = std::min(found.size(), size_t(std::max(0, limit)));
    std::partial_sort(found.begin(), found.begin() + qsizetype(shown), found.end(),
                      [](const Node *a, const Node *b) { return a->sortKey < b->sortKey; });
    std::vector<quint64> ids;
    ids.reserve(shown);
    for (size_t i = 0; i < shown; ++i)
        ids.push_back(found[i]->id);
    return ids;
}

void DepartmentTreeModel::setUnread(quint64 userId, int unread)
{
    if (m_unread.value(userId, 0) == unread)
        return;
    if (unread > 0)
        m_unread.insert(userId, unread);
    else
        m_unread.remove(userId);
    if (Node *node = m_people.value(userId)) {
        const QModelIndex index = indexOf(node);
        emit dataChanged(index, index, {UnreadRole, Qt::AccessibleTextRole});
    }
}

const PersonRecord *DepartmentTreeModel::person(quint64 id) const
{
    const Node *node = m_people.value(id);
    return node ? &node->person : nullptr;
}

QModelIndex DepartmentTreeModel::indexOfDepartment(quint64 id) const
{
    const Node *node = m_departments.value(id);
    return node ? indexOf(node) : QModelIndex();
}

QModelIndex DepartmentTreeModel::indexOfUser(quint64 id) const
{
    const Node *node = m_people.value(id);
    return node ? indexOf(node) : QModelIndex();
}

DepartmentTreeModel::Node *DepartmentTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex DepartmentTreeModel::indexOf(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, const_cast<Node *>(node));
}

QModelIndex DepartmentTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (column != 0 || row < 0 || size_t(row) >= p->children.size())
        return {};
    return createIndex(row, 0, p->children[size_t(row)].get());
}

QModelIndex DepartmentTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int DepartmentTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int DepartmentTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant DepartmentTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeOf(index);
    const bool person = node->kind == Kind::Person;
    using Text = PersonRecord::Text;
    switch (role) {
    case Qt::DisplayRole:
        return person ? node->person.realName() : QString::fromStdString(node->department->name());
    case Qt::ToolTipRole:
        return person ? node->person.signLine() : QVariant();
    case KindRole:
        return QVariant::fromValue(node->kind);
    case IdRole:
        return QVariant::fromValue(node->id);
    case MemberCountRole:
        return person ? QVariant() : QVariant(node->memberCount);
    case PresenceRole:
        return person ? QVariant(int(m_presence.value(node->id, pb::PRESENCE_OFFLINE))) : QVariant();
    case SignLineRole:
        return person ? node->person.text(Text::SignLine) : QVariant();
    case TitleRole:
        return person ? node->person.text(Text::Title) : QVariant();
    case PinyinRole:
        return person ? node->person.text(Text::Pinyin) : QVariant();
    case EmailRole:
        return person ? node->person.text(Text::Email) : QVariant();
    case LoginNameRole:
        return person ? node->person.text(Text::LoginName) : QVariant();
    case PhoneRole:
        return person ? node->person.text(Text::Phone) : QVariant();
    case UnreadRole:
        return person ? QVariant(m_unread.value(node->id, 0)) : QVariant();
    case Qt::AccessibleTextRole:
        if (!person)
            return RowDescription::join(
                {QString::fromStdString(node->department->name()), RowDescription::people(node->memberCount)});
        return RowDescription::join({node->person.realName(),
                                     RowDescription::presence(m_presence.value(node->id, pb::PRESENCE_OFFLINE)),
                                     node->person.title(), RowDescription::unread(m_unread.value(node->id, 0))});
    default:
        return {};
    }
}

QHash<int, QByteArray> DepartmentTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert({{KindRole, "kind"},
                  {IdRole, "id"},
                  {MemberCountRole, "memberCount"},
                  {PresenceRole, "presence"},
                  {SignLineRole, "signLine"},
                  {TitleRole, "title"},
                  {PinyinRole, "pinyin"},
                  {EmailRole, "email"},
                  {LoginNameRole, "loginName"},
                  {PhoneRole, "phone"},
                  {UnreadRole, "unread"}});
    return names;
}

} // namespace confab::client
