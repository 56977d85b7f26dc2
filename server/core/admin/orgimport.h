// Importing an organisation chart: CSV or JSON of people with their department paths ("R&D/Client"), plus
// optional department priorities. Re-importing updates in place (people by login name, departments by path);
// people missing from the file can be marked as left. Every row is checked before anything is written, and the
// whole import is applied in one transaction: a file with one bad row changes nothing.
#pragma once

#include "store/store.h"

#include <QHash>
#include <QPair>
#include <QStringList>

namespace confab::server {

struct ImportedDepartment
{
    QStringList path; // names from the root down
    int priority = 0;
    bool priorityGiven = false;
};

struct ImportedUser
{
    QString where;    // "line 12" or "users[3]", for messages
    pb::User profile; // login name, names, contact details, gender, status; department_id unset
    QStringList departmentPath;
    QString password; // optional; empty keeps the current one
};

struct OrgImport
{
    std::vector<ImportedDepartment> departments;
    std::vector<ImportedUser> users;
    QStringList errors; // "line 7: unknown gender 'x'"; non-empty means nothing may be applied
};

struct ImportSummary
{
    int departmentsCreated = 0;
    int departmentsUpdated = 0;
    int usersCreated = 0;
    int usersUpdated = 0;
    int usersMarkedLeft = 0;
};

// Parses by the file's extension (.csv or .json).
OrgImport parseOrgFile(const QString &path);
OrgImport parseOrgCsv(const QByteArray &bytes);
OrgImport parseOrgJson(const QByteArray &bytes);

// Applies a clean import inside the caller's transaction. Throws StoreError on a storage failure.
ImportSummary applyOrgImport(Store &store, const OrgImport &import, bool markMissingAsLeft);

// Finds or creates departments by path. It reads the tree once and remembers what it creates, so an import of
// 100,000 people does not read every department again for each person.
class DepartmentPaths
{
public:
    explicit DepartmentPaths(Store &store);
    // The id of the last department of `path`, creating the missing ones.
    quint64 ensure(const QStringList &path, ImportSummary *summary = nullptr);

private:
    Store &m_store;
    QHash<QPair<quint64, QString>, quint64> m_byParentAndName;
};

// One-off form of DepartmentPaths::ensure.
quint64 ensureDepartmentPath(Store &store, const QStringList &path, ImportSummary *summary = nullptr);

QStringList splitDepartmentPath(const QString &text);

} // namespace confab::server
