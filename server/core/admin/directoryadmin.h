// What `confab-server admin user|dept ...` does to the directory, as functions on a Store, so that tests call the
// same code. Each runs inside the caller's transaction and throws StoreError with a message for the admin.
#pragma once

#include "store/store.h"

namespace confab::server::admin {

pb::User addUser(Store &store, const QString &login, const QString &realName, const QString &departmentPath,
                 const QString &email, const QString &password);
void setPassword(Store &store, const QString &login, const QString &password);
// Disabling marks the person as having left: they cannot log in, their tokens are revoked, online devices are
// kicked by the running server when it sees the change.
pb::User setEnabled(Store &store, const QString &login, bool enabled);

quint64 addDepartment(Store &store, const QString &path, int priority);
void renameDepartment(Store &store, quint64 id, const QString &name);
void moveDepartment(Store &store, quint64 id, quint64 newParentId);
void closeDepartment(Store &store, quint64 id);

} // namespace confab::server::admin
