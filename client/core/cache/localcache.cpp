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

template <class Op>
void LocalCache::post(Op op)
{
    if (!m_open)
        return;
    QPointer<LocalCache> self(this);
    QMetaObject::invokeMethod(m_worker, [this, self, op = std::move(op)]() mutable {
        try {
            op(*m_db);
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
    if (!m_open) {
        QMetaObject::invokeMethod(
            context, [done] { done(CachedDirectory()); }, Qt::QueuedConnection);
        return;
    }
    QPointer<QObject> receiver(context);
    QMetaObject::invokeMethod(m_worker, [this, receiver, done = std::move(done)] {
        CachedDirectory directory;
        try {
            directory = m_db->loadDirectory();
        } catch (const CacheError &) {
            directory = CachedDirectory(); // unreadable: start as if empty; a full sync rewrites it
        }
        if (receiver)
            QMetaObject::invokeMethod(
                receiver, [done, directory = std::move(directory)]() mutable { done(std::move(directory)); });
    });
}

void LocalCache::addToOutbox(pb::SendMessageRequest request)
{
    post([request = std::move(request)](CacheDatabase &db) { db.addToOutbox(request); });
}

void LocalCache::removeFromOutbox(std::string clientMsgId)
{
    post([clientMsgId = std::move(clientMsgId)](CacheDatabase &db) { db.removeFromOutbox(clientMsgId); });
}

void LocalCache::loadOutbox(QObject *context, std::function<void(std::vector<pb::SendMessageRequest>)> done)
{
    if (!m_open) {
        QMetaObject::invokeMethod(
            context, [done] { done({}); }, Qt::QueuedConnection);
        return;
    }
    QPointer<QObject> receiver(context);
    QMetaObject::invokeMethod(m_worker, [this, receiver, done = std::move(done)] {
        std::vector<pb::SendMessageRequest> pending;
        try {
            pending = m_db->loadOutbox();
        } catch (const CacheError &) {
            pending.clear(); // unreadable rows cannot be sent anyway
        }
        if (receiver)
            QMetaObject::invokeMethod(receiver,
                                      [done, pending = std::move(pending)]() mutable { done(std::move(pending)); });
    });
}

void LocalCache::writeDepartmentsPage(bool restart, std::vector<pb::Department> rows, std::vector<quint64> removed,
                                      quint64 cursor)
{
    post([=, rows = std::move(rows), removed = std::move(removed)](CacheDatabase &db) {
        db.applyDepartmentsPage(restart, rows, removed, cursor);
    });
}

void LocalCache::writeUsersPage(bool restart, std::vector<pb::User> rows, std::vector<quint64> removed, quint64 cursor)
{
    post([=, rows = std::move(rows), removed = std::move(removed)](CacheDatabase &db) {
        db.applyUsersPage(restart, rows, removed, cursor);
    });
}

void LocalCache::flush()
{
    QMetaObject::invokeMethod(
        m_worker, [] {}, Qt::BlockingQueuedConnection);
}

} // namespace confab::client
