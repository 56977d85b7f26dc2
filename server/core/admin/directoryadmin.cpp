#include "admin/directoryadmin.h"

#include "admin/orgimport.h"
#include "services/passwordhasher.h"

namespace confab::server::admin {

namespace {

pb::User existingUser(Store &store, const QString &login)
{
    std::optional<pb::User> user = store.userByLogin(login);
    if (!user)
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no user '%1'").arg(login));
    return *user;
}

pb::Department existingDepartment(Store &store, quint64 id)
{
    std::optional<pb::Department> department = store.department(id);
    if (!department)
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no department %1").arg(id));
    return *department;
}

} // namespace

pb::User addUser(Store &store, const QString &login, const QString &realName, const QString &departmentPath,
                 const QString &email, const QString &password)
{
    if (store.userByLogin(login))
        throw StoreError(StoreError::Kind::Conflict, QStringLiteral("user '%1' exists already").arg(login));
    const QStringList path = splitDepartmentPath(departmentPath);
    if (path.isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("give a department path such as \"R&D/Client\""));
    pb::User user;
    user.set_login_name(login.toStdString());
    user.set_real_name((realName.isEmpty() ? login : realName).toStdString());
    user.set_nick(user.real_name());
    user.set_email(email.toStdString());
    user.set_department_id(ensureDepartmentPath(store, path));
    store.upsertUser(user);
    if (!password.isEmpty())
        store.setPasswordHash(user.id(), PasswordHasher::hash(password));
    return user;
}

void setPassword(Store &store, const QString &login, const QString &password)
{
    if (password.size() < 4)
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("a password needs at least 4 characters"));
    const pb::User user = existingUser(store, login);
    store.setPasswordHash(user.id(), PasswordHasher::hash(password));
    store.endSessionsOf(user.id(), pb::KICK_REASON_PASSWORD_CHANGED); // a new password signs every device out
}

pb::User setEnabled(Store &store, const QString &login, bool enabled)
{
    pb::User user = existingUser(store, login);
    const pb::UserStatus status = enabled ? pb::USER_STATUS_ACTIVE : pb::USER_STATUS_LEFT;
    if (user.status() != status) {
        user.set_status(status);
        store.upsertUser(user);
    }
    if (!enabled)
        store.endSessionsOf(user.id(), pb::KICK_REASON_ACCOUNT_DISABLED);
    return user;
}

quint64 addDepartment(Store &store, const QString &path, int priority)
{
    const QStringList parts = splitDepartmentPath(path);
    if (parts.isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("give a department path such as \"R&D/Client\""));
    const quint64 id = ensureDepartmentPath(store, parts);
    pb::Department department = existingDepartment(store, id);
    if (department.priority() != priority) {
        department.set_priority(priority);
        store.upsertDepartment(department);
    }
    return id;
}

void renameDepartment(Store &store, quint64 id, const QString &name)
{
    pb::Department department = existingDepartment(store, id);
    department.set_name(name.trimmed().toStdString());
    store.upsertDepartment(department);
}

void moveDepartment(Store &store, quint64 id, quint64 newParentId)
{
    pb::Department department = existingDepartment(store, id);
    department.set_parent_id(newParentId);
    store.upsertDepartment(department); // refuses a parent inside the department itself
}

void closeDepartment(Store &store, quint64 id)
{
    store.closeDepartment(id);
}

} // namespace confab::server::admin
