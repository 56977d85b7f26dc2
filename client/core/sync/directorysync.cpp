#include "sync/directorysync.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDirectorySync, "confab.client.sync")

namespace confab::client {

using namespace protocol;

DirectorySync::DirectorySync(ServerConnection &connection, DepartmentTreeModel &model, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_model(model)
{
    m_connection.pushes().on<oneway::UserChangedNotify>(this, [this](const auto &n) { onUserPush(n); });
    m_connection.pushes().on<oneway::SyncNotify>(this, [this](const auto &n) { onSyncPush(n); });
    m_connection.pushes().on<oneway::PresenceNotify>(this, [this](const pb::PresenceNotify &n) {
        m_model.setPresence(n.presence().user_id(), n.presence().presence());
    });
}

void DirectorySync::loadCache()
{
    if (!m_cache || m_cacheLoaded || m_cacheLoading)
        return;
    m_cacheLoading = true;
    m_cache->loadDirectory(this, [this](CachedDirectory directory) {
        m_cacheLoading = false;
        m_cacheLoaded = true;
        // A cursor only counts when the rows it covers came with it; otherwise start over.
        if (directory.departmentsCursor != 0 && directory.usersCursor != 0) {
            m_departmentsCursor = directory.departmentsCursor;
            m_usersCursor = directory.usersCursor;
            m_model.setDirectory(std::move(directory.departments), std::move(directory.people));
        }
        emit cacheLoaded(m_model.personCount());
        if (m_startAfterLoad) {
            m_startAfterLoad = false;
            start();
        }
    });
}

void DirectorySync::start()
{
    if (m_cache && !m_cacheLoaded) {
        m_startAfterLoad = true;
        loadCache();
        return;
    }
    sync();
}

void DirectorySync::sync()
{
    if (m_syncing) {
        m_pullAgain = true;
        return;
    }
    m_syncing = true;
    m_pullAgain = false;
    m_rows = 0;
    const bool full = m_departmentsCursor == 0 || m_usersCursor == 0;
    m_fullDepartments.clear();
    m_fullPeople.clear();

    const auto usersPage = [this](const pb::UserSyncResponse &page, bool fullSync, bool first) {
        if (m_cache)
            m_cache->writeUsersPage(first && fullSync, {page.users().begin(), page.users().end()},
                                    {page.removed().begin(), page.removed().end()}, page.page().cursor());
        if (fullSync) {
            if (m_fullPeople.empty())
                m_fullPeople.reserve(size_t(std::min<quint64>(page.page().total_hint(), 1000000)));
            for (const pb::User &u : page.users())
                m_fullPeople.emplace_back(u);
        } else {
            for (const pb::User &u : page.users())
                m_model.upsertUser(u);
            for (quint64 id : page.removed())
                m_model.removeUser(id);
            m_usersCursor = page.page().cursor();
        }
        return page.users_size();
    };
    const auto usersDone = [this, full](quint64 cursor) {
        if (full) {
            m_usersCursor = cursor;
            m_model.setDirectory(std::exchange(m_fullDepartments, {}), std::exchange(m_fullPeople, {}));
        }
        done();
    };
    const auto departmentsPage = [this](const pb::DepartmentSyncResponse &page, bool fullSync, bool first) {
        if (m_cache)
            m_cache->writeDepartmentsPage(first && fullSync, {page.departments().begin(), page.departments().end()},
                                          {page.removed().begin(), page.removed().end()}, page.page().cursor());
        if (fullSync) {
            m_fullDepartments.insert(m_fullDepartments.end(), page.departments().begin(), page.departments().end());
        } else {
            for (const pb::Department &d : page.departments())
                m_model.upsertDepartment(d);
            for (quint64 id : page.removed())
                m_model.removeDepartment(id);
            m_departmentsCursor = page.page().cursor();
        }
        return page.departments_size();
    };
    const auto departmentsDone = [this, full, usersPage, usersDone](quint64 cursor) {
        if (full)
            m_departmentsCursor = cursor;
        m_rows = 0;
        pull<rpc::UserSync>(pb::DATA_SET_USERS, full ? 0 : m_usersCursor, full, usersPage, usersDone);
    };
    pull<rpc::DepartmentSync>(pb::DATA_SET_DEPARTMENTS, full ? 0 : m_departmentsCursor, full, departmentsPage,
                              departmentsDone);
}

template <class Rpc, class OnPage, class OnDone>
void DirectorySync::pull(pb::DataSet dataSet, quint64 cursor, bool full, OnPage onPage, OnDone onDone)
{
    pb::SyncRequest request;
    request.set_cursor(cursor);
    m_connection.call<Rpc>(request, this, [=, this](RpcResult<typename Rpc::Response> r) {
        if (!r.ok()) {
            m_syncing = false;
            qCWarning(lcDirectorySync) << "syncing data set" << dataSet << "failed:" << r.message;
            emit failed(r.error);
            return;
        }
        const auto &page = r.value;
        if (page.page().reset() && !full) {
            qCInfo(lcDirectorySync) << "the server asked for a full sync of data set" << dataSet;
            m_departmentsCursor = 0;
            m_usersCursor = 0;
            m_syncing = false;
            sync();
            return;
        }
        m_rows += quint64(onPage(page, full, cursor == 0));
        emit progress(dataSet, m_rows, page.page().total_hint());
        if (page.page().has_more())
            pull<Rpc>(dataSet, page.page().cursor(), full, onPage, onDone);
        else
            onDone(page.page().cursor());
    });
}

void DirectorySync::done()
{
    m_syncing = false;
    if (m_pullAgain) {
        sync();
        return;
    }
    emit finished();
}

void DirectorySync::onUserPush(const pb::UserChangedNotify &notify)
{
    if (!m_syncing && notify.sync().prev_cursor() == m_usersCursor) {
        m_model.upsertUser(notify.user()); // in order: apply it and move on
        m_usersCursor = notify.sync().cursor();
    } else if (notify.sync().cursor() > m_usersCursor) {
        start(); // a gap: pull what was missed
    }
}

void DirectorySync::onSyncPush(const pb::SyncNotify &notify)
{
    const quint64 held = notify.data_set() == pb::DATA_SET_DEPARTMENTS ? m_departmentsCursor : m_usersCursor;
    if ((notify.data_set() == pb::DATA_SET_DEPARTMENTS || notify.data_set() == pb::DATA_SET_USERS) &&
        notify.cursor() > held)
        start();
}

} // namespace confab::client
