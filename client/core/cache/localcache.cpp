#include "cache/localcache.h"

#include "net/serverendpoint.h"

#include <QDir>
#include <QStandardPaths>

namespace confab::client {

QString LocalCache::pathFor(const ServerEndpoint &server, const QString &user)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    // Only safe characters in file names, whatever the host or user name holds.
    const auto safe = [](QString text) {
        for (QChar &c : text) {
            if (!c.isLetterOrNumber() && c != QLatin1Char('.') && c != QLatin1Char('-') && c != QLatin1Char('_'))
                c = QLatin1Char('_');
        }
        return text;
    };
    return QDir(base).filePath(QStringLiteral("cache/%1/%2.sqlite").arg(safe(server.key()), safe(user.toCaseFolded())));
}

LocalCache::LocalCache(const QString &path, QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
    , m_db(std::make_unique<CacheDatabase>(path))
{
    m_thread.setObjectName(QStringLiteral("confab-cache"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QDir().mkpath(QFileInfo(path).absolutePath());
}

LocalCache::~LocalCache()
{
    // Queued writes run before the close: quitting never loses a page the cache accepted.
    QMetaObject::invokeMethod(
        m_worker, [this] { m_db->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool LocalCache::open(QString *error)
{
    QString failure;
    QMetaObject::invokeMethod(
        m_worker,
        [this, &failure] {
            try {
                m_db->open();
            } catch (const CacheError &e) {
                failure = QString::fromUtf8(e.what());
            }
        },
        Qt::BlockingQueuedConnection);
    m_open = failure.isEmpty();
    if (error)
        *error = failure;
    return m_open;
}

void LocalCache::runOnCacheThread(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_worker, std::move(job));
}

void LocalCache::write(std::function<void(CacheDatabase &)> work)
{
    if (!m_open)
        return;
    QPointer<LocalCache> self(this);
    runOnCacheThread([this, self, work = std::move(work)] {
        try {
            work(*m_db);
        } catch (const CacheError &e) {
            const QString reason = QString::fromUtf8(e.what());
            QMetaObject::invokeMethod(self, [self, reason] {
                if (self)
                    emit self->writeFailed(reason);
            });
        }
    });
}

void LocalCache::loadDirectory(QObject *context, std::function<void(CachedDirectory)> done)
{
    read<CachedDirectory>(
        context, [](CacheDatabase &db) { return db.loadDirectory(); }, std::move(done));
}

void LocalCache::addToOutbox(pb::SendMessageRequest request)
{
    write([request = std::move(request)](CacheDatabase &db) { db.addToOutbox(request); });
}

void LocalCache::removeFromOutbox(std::string clientMsgId)
{
    write([clientMsgId = std::move(clientMsgId)](CacheDatabase &db) { db.removeFromOutbox(clientMsgId); });
}

void LocalCache::loadOutbox(QObject *context, std::function<void(std::vector<pb::SendMessageRequest>)> done)
{
    read<std::vector<pb::SendMessageRequest>>(
        context, [](CacheDatabase &db) { return db.loadOutbox(); }, std::move(done));
}

void LocalCache::writeDepartmentsPage(bool restart, std::vector<pb::Department> rows, std::vector<quint64> removed,
                                      quint64 cursor)
{
    write([=, rows = std::move(rows), removed = std::move(removed)](CacheDatabase &db) {
        db.applyDepartmentsPage(restart, rows, removed, cursor);
    });
}

void LocalCache::writeUsersPage(bool restart, std::vector<pb::User> rows, std::vector<quint64> removed, quint64 cursor)
{
    write([=, rows = std::move(rows), removed = std::move(removed)](CacheDatabase &db) {
        db.applyUsersPage(restart, rows, removed, cursor);
    });
}

void LocalCache::flush()
{
    QMetaObject::invokeMethod(
        m_worker, [] {}, Qt::BlockingQueuedConnection);
}

} // namespace confab::client
