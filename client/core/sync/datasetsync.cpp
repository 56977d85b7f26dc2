#include "sync/datasetsync.h"

namespace confab::client {

DataSetSync::DataSetSync(ServerConnection &connection, LocalCache *cache, pb::DataSet dataSet, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_cache(cache)
    , m_dataSet(dataSet)
{}

void DataSetSync::start()
{
    if (m_syncing) {
        m_pullAgain = true;
        return;
    }
    m_syncing = true;
    m_pullAgain = false;
    m_rows = 0;
    pull(m_cursor);
}

void DataSetSync::pageApplied(int rows, quint64 expected)
{
    m_rows += quint64(rows);
    emit progress(m_dataSet, m_rows, expected);
}

void DataSetSync::pullDone(quint64 cursor)
{
    m_cursor = cursor;
    m_syncing = false;
    if (m_pullAgain) {
        start();
        return;
    }
    emit finished();
}

void DataSetSync::pullFailed(const QString &reason)
{
    m_syncing = false;
    m_pullAgain = false;
    emit failed(reason);
}

} // namespace confab::client
