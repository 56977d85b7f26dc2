#include "admin/orgimport.h"

#include "services/passwordhasher.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace confab::server {

namespace {

// RFC 4180: fields separated by commas, optionally quoted, "" inside quotes for a quote, CRLF or LF line ends.
// Returns the records with the line each starts on.
std::vector<std::pair<int, QStringList>> parseCsvRecords(const QString &text, QString *error)
{
    std::vector<std::pair<int, QStringList>> records;
    QStringList fields;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int recordLine = 1;
    const auto endField = [&] {
        fields << field;
        field.clear();
        fieldStarted = false;
    };
    const auto endRecord = [&] {
        endField();
        if (!(fields.size() == 1 && fields[0].trimmed().isEmpty()))
            records.emplace_back(recordLine, fields);
        fields.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
        } else if (c == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text[i + 1] == QLatin1Char('\n'))
                ++i;
            endRecord();
            recordLine = ++line;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) {
        *error = QStringLiteral("line %1: a quoted field is never closed").arg(recordLine);
        return {};
    }
    if (!field.isEmpty() || !fields.isEmpty())
        endRecord();
    return records;
}

std::optional<pb::Gender> parseGender(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == QLatin1String("unknown"))
        return pb::GENDER_UNKNOWN;
    if (t == QLatin1String("m") || t == QLatin1String("male") || t == QStringLiteral("男"))
        return pb::GENDER_MALE;
    if (t == QLatin1String("f") || t == QLatin1String("female") || t == QStringLiteral("女"))
        return pb::GENDER_FEMALE;
    return std::nullopt;
}

// Fills a user from named values; appends errors prefixed with `where`.
void readUser(const QString &where, const std::function<QString(const char *)> &value, OrgImport &import)
{
    ImportedUser user;
    user.where = where;
    const QString login = value("login_name").trimmed();
    if (login.isEmpty() || login.contains(QLatin1Char(' ')) || login.size() > 64) {
        import.errors << QStringLiteral("%1: login_name must be 1 to 64 characters without spaces").arg(where);
        return;
    }
    const QString realName = value("real_name").trimmed();
    if (realName.isEmpty())
        import.errors << QStringLiteral("%1: real_name is empty").arg(where);
    user.departmentPath = splitDepartmentPath(value("department"));
    if (user.departmentPath.isEmpty())
        import.errors << QStringLiteral("%1: department is empty (give a path such as \"R&D/Client\")").arg(where);
    const auto gender = parseGender(value("gender"));
    if (!gender)
        import.errors
            << QStringLiteral("%1: unknown gender '%2' (use male, female, m, f, 男 or 女)").arg(where, value("gender"));
    const QString status = value("status").trimmed().toLower();
    if (!status.isEmpty() && status != QLatin1String("active") && status != QLatin1String("left"))
        import.errors << QStringLiteral("%1: status must be active or left, not '%2'").arg(where, status);
    auto &p = user.profile;
    p.set_login_name(login.toCaseFolded().toStdString());
    p.set_real_name(realName.toStdString());
    p.set_nick(value("nick").trimmed().isEmpty() ? realName.toStdString() : value("nick").trimmed().toStdString());
    p.set_gender(gender.value_or(pb::GENDER_UNKNOWN));
    p.set_email(value("email").trimmed().toStdString());
    p.set_phone(value("phone").trimmed().toStdString());
    p.set_pinyin(value("pinyin").trimmed().toStdString());
    p.set_title(value("title").trimmed().toStdString());
    p.set_status(status == QLatin1String("left") ? pb::USER_STATUS_LEFT : pb::USER_STATUS_ACTIVE);
    user.password = value("password");
    import.users.push_back(std::move(user));
}

void checkDuplicates(OrgImport &import)
{
    QHash<QString, QString> seen;
    for (const ImportedUser &u : import.users) {
        const QString login = QString::fromStdString(u.profile.login_name());
        if (seen.contains(login))
            import.errors
                << QStringLiteral("%1: login_name '%2' already appears at %3").arg(u.where, login, seen[login]);
        else
            seen.insert(login, u.where);
    }
}

// Sets the password unless it is the one the person has: re-importing the same file must not sign everyone out.
// True when it changed for someone who could have signed in with the old one.
bool setPasswordIfNew(Store &store, const pb::User &user, const QString &password)
{
    const std::optional<Credentials> current = store.credentials(QString::fromStdString(user.login_name()));
    const QByteArray old = current ? current->passwordHash : QByteArray();
    if (!old.isEmpty() && PasswordHasher::verify(password, old))
        return false;
    store.setPasswordHash(user.id(), PasswordHasher::hash(password));
    return !old.isEmpty();
}

} // namespace

QStringList splitDepartmentPath(const QString &text)
{
    QStringList parts;
    for (const QString &part : text.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            parts << part.trimmed();
    }
    return parts;
}

OrgImport parseOrgFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        OrgImport failed;
        failed.errors << QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return failed;
    }
    const QByteArray bytes = file.readAll();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("json"))
        return parseOrgJson(bytes);
    if (suffix == QLatin1String("csv"))
        return parseOrgCsv(bytes);
    OrgImport failed;
    failed.errors << QStringLiteral("%1: the file must end in .csv or .json").arg(path);
    return failed;
}

OrgImport parseOrgCsv(const QByteArray &bytes)
{
    OrgImport import;
    QString error;
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF))) // spreadsheet programs write a byte-order mark
        text.remove(0, 1);
    const auto records = parseCsvRecords(text, &error);
    if (!error.isEmpty()) {
        import.errors << error;
        return import;
    }
    if (records.empty()) {
        import.errors << QStringLiteral("the file is empty");
        return import;
    }
    QHash<QString, int> column;
    const QStringList header = records[0].second;
    for (int i = 0; i < header.size(); ++i)
        column.insert(header[i].trimmed().toLower(), i);
    for (const char *required : {"login_name", "real_name", "department"}) {
        if (!column.contains(QLatin1String(required)))
            import.errors << QStringLiteral("line 1: the header has no '%1' column").arg(QLatin1String(required));
    }
    if (!import.errors.isEmpty())
        return import;
    for (size_t r = 1; r < records.size(); ++r) {
        // Named, not a structured binding: the lambda below captures it (clang 14 cannot capture a binding).
        const int line = records[r].first;
        const QStringList &fields = records[r].second;
        if (fields.size() != header.size()) {
            import.errors << QStringLiteral("line %1: %2 fields, but the header has %3")
                                 .arg(line)
                                 .arg(fields.size())
                                 .arg(header.size());
            continue;
        }
        readUser(
            QStringLiteral("line %1").arg(line),
            [&](const char *name) {
                const int i = column.value(QLatin1String(name), -1);
                return i >= 0 ? fields[i] : QString();
            },
            import);
    }
    checkDuplicates(import);
    return import;
}

OrgImport parseOrgJson(const QByteArray &bytes)
{
    OrgImport import;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (doc.isNull() || !doc.isObject()) {
        import.errors << QStringLiteral("not a JSON object: %1 at offset %2")
                             .arg(parseError.errorString())
                             .arg(parseError.offset);
        return import;
    }
    const QJsonArray departments = doc[QLatin1String("departments")].toArray();
    for (qsizetype i = 0; i < departments.size(); ++i) {
        const QJsonObject d = departments[i].toObject();
        ImportedDepartment department;
        department.path = splitDepartmentPath(d[QLatin1String("path")].toString());
        department.priorityGiven = d.contains(QLatin1String("priority"));
        department.priority = d[QLatin1String("priority")].toInt();
        if (department.path.isEmpty())
            import.errors << QStringLiteral("departments[%1]: path is empty").arg(i);
        import.departments.push_back(department);
    }
    const QJsonArray users = doc[QLatin1String("users")].toArray();
    for (qsizetype i = 0; i < users.size(); ++i) {
        const QJsonObject u = users[i].toObject();
        readUser(
            QStringLiteral("users[%1]").arg(i),
            [&](const char *name) { return u[QLatin1String(name)].toVariant().toString(); }, import);
    }
    checkDuplicates(import);
    return import;
}

DepartmentPaths::DepartmentPaths(Store &store)
    : m_store(store)
{
    for (const pb::Department &d : store.allDepartments())
        m_byParentAndName.insert({d.parent_id(), QString::fromStdString(d.name())}, d.id());
}

quint64 DepartmentPaths::ensure(const QStringList &path, ImportSummary *summary)
{
    quint64 parent = 0;
    for (const QString &name : path) {
        const auto key = qMakePair(parent, name);
        if (const auto it = m_byParentAndName.constFind(key); it != m_byParentAndName.cend()) {
            parent = *it;
            continue;
        }
        pb::Department created;
        created.set_name(name.toStdString());
        created.set_parent_id(parent);
        m_store.upsertDepartment(created);
        m_byParentAndName.insert(key, created.id());
        if (summary)
            ++summary->departmentsCreated;
        parent = created.id();
    }
    return parent;
}

quint64 ensureDepartmentPath(Store &store, const QStringList &path, ImportSummary *summary)
{
    return DepartmentPaths(store).ensure(path, summary);
}

ImportSummary applyOrgImport(Store &store, const OrgImport &import, bool markMissingAsLeft)
{
    Q_ASSERT(import.errors.isEmpty());
    ImportSummary summary;
    DepartmentPaths departments(store);
    for (const ImportedDepartment &d : import.departments) {
        const quint64 id = departments.ensure(d.path, &summary);
        auto department = store.department(id);
        if (d.priorityGiven && department->priority() != d.priority) {
            department->set_priority(d.priority);
            store.upsertDepartment(*department);
            ++summary.departmentsUpdated;
        }
    }
    QSet<QString> present;
    for (const ImportedUser &u : import.users) {
        pb::User profile = u.profile;
        profile.set_department_id(departments.ensure(u.departmentPath, &summary));
        const QString login = QString::fromStdString(profile.login_name());
        present.insert(login);
        const std::optional<pb::User> existing = store.userByLogin(login);
        if (existing) {
            profile.set_id(existing->id());
            profile.set_sign_line(existing->sign_line()); // the user's own, not the admin's
            profile.set_avatar_url(existing->avatar_url());
            if (profile.SerializeAsString() == existing->SerializeAsString() && u.password.isEmpty())
                continue; // unchanged: no new cursor, no sync traffic
            ++summary.usersUpdated;
        } else {
            ++summary.usersCreated;
        }
        store.upsertUser(profile);
        if (profile.status() == pb::USER_STATUS_LEFT)
            store.endSessionsOf(profile.id(), pb::KICK_REASON_ACCOUNT_DISABLED);
        else if (!u.password.isEmpty() && setPasswordIfNew(store, profile, u.password))
            store.endSessionsOf(profile.id(), pb::KICK_REASON_PASSWORD_CHANGED); // as `user passwd` does
    }
    if (markMissingAsLeft) {
        for (pb::User user : store.allUsers()) {
            if (present.contains(QString::fromStdString(user.login_name())) || user.status() == pb::USER_STATUS_LEFT)
                continue;
            user.set_status(pb::USER_STATUS_LEFT);
            store.upsertUser(user);
            store.endSessionsOf(user.id(), pb::KICK_REASON_ACCOUNT_DISABLED);
            ++summary.usersMarkedLeft;
        }
    }
    return summary;
}

} // namespace confab::server
