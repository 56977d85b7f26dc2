#include "sync/presencetracker.h"

#include "model/departmenttreemodel.h"

namespace confab::client {

using namespace protocol;

PresenceTracker::PresenceTracker(ServerConnection &connection, DepartmentTreeModel &directory, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_directory(directory)
{}

void PresenceTracker::setShown(const std::vector<quint64> &userIds)
{
    std::vector<quint64> unique;
    QSet<quint64> seen;
    for (quint64 id : userIds) {
        if (id != 0 && !seen.contains(id)) {
            seen.insert(id);
            unique.push_back(id);
        }
    }
    if (unique == m_shown)
        return;
    m_shown = std::move(unique);
    refresh();
}

void PresenceTracker::refresh()
{
    if (m_connection.state() != ServerConnection::State::Connected)
        return;
    pb::PresenceWatchRequest watch;
    for (size_t i = 0; i < m_shown.size() && i < size_t(kBatch); ++i)
        watch.add_user_ids(m_shown[i]);
    m_connection.call<rpc::PresenceWatch>(watch, this, [](RpcResult<pb::PresenceWatchResponse>) {});
    for (size_t first = 0; first < m_shown.size(); first += kBatch) {
        pb::PresenceQueryRequest query;
        for (size_t i = first; i < m_shown.size() && i < first + kBatch; ++i)
            query.add_user_ids(m_shown[i]);
        m_connection.call<rpc::PresenceQuery>(query, this, [this](RpcResult<pb::PresenceQueryResponse> r) {
            if (!r.ok())
                return;
            for (const pb::UserPresence &p : r.value.presences())
                m_directory.setPresence(p.user_id(), p.presence());
            emit fetched(r.value.presences_size());
        });
    }
}

} // namespace confab::client
