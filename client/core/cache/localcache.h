// The local cache as the rest of the client uses it: a CacheDatabase on a thread of its own, so that no database
// work ever runs on the GUI thread. Writes queue in order; loads answer on the caller's thread.
#pragma once

#include "cache/cachedatabase.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace confab::client {

struct ServerEndpoint;

class LocalCache : public QObject
{
    Q_OBJECT

public:
    // Where the cache for this server and account lives: one SQLite file under the XDG data dir
    // (QStandardPaths::AppDataLocation), e.g. ~/.local/share/Confab/confab/cache/chat.example.com_7210/alice.sqlite.
    static QString pathFor(const ServerEndpoint &server, const QString &user);

    explicit LocalCache(const QString &path, QObject *parent = nullptr);
    ~LocalCache() override;

    // Opens (creating or migrating) the file; false with a reason when it cannot, and the client then works
    // without a cache. Blocks briefly: call it before there is a window to freeze.
    bool open(QString *error);
    bool isOpen() const { return m_open; }

    // Runs `work` on the cache thread, after every write queued before it. `work` gets the database and must
    // capture values, never pointers into the GUI thread's objects. A CacheError is reported as writeFailed.
    void write(std::function<void(CacheDatabase &)> work);
    // Runs `query` on the cache thread and hands its result to `done` on `context`'s thread (unless `context` is
    // gone by then). Without a cache, or when the query fails, `done` gets a default Result.
    template <class Result>
    void read(QObject *context, std::function<Result(CacheDatabase &)> query, std::function<void(Result)> done);

    void loadDirectory(QObject *context, std::function<void(CachedDirectory)> done);
    void writeDepartmentsPage(bool restart, std::vector<pb::Department> rows, std::vector<quint64> removed,
                              quint64 cursor);
    void writeUsersPage(bool restart, std::vector<pb::User> rows, std::vector<quint64> removed, quint64 cursor);
    void addToOutbox(pb::SendMessageRequest request);
    void removeFromOutbox(std::string clientMsgId);
    void loadOutbox(QObject *context, std::function<void(std::vector<pb::SendMessageRequest>)> done);
    // Waits until every queued write is on disk (tests, and before quitting).
    void flush();

signals:
    // A write failed; the cache may now be behind the server, which the next start's incremental sync repairs.
    void writeFailed(const QString &reason);

private:
    void runOnCacheThread(std::function<void()> job);

    QThread m_thread;
    QObject *m_worker;                   // lives in m_thread; runs the jobs
    std::unique_ptr<CacheDatabase> m_db; // used only by jobs on m_thread
    bool m_open = false;
};

template <class Result>
void LocalCache::read(QObject *context, std::function<Result(CacheDatabase &)> query, std::function<void(Result)> done)
{
    QPointer<QObject> receiver(context);
    if (!m_open) {
        QMetaObject::invokeMethod(
            context, [done] { done(Result()); }, Qt::QueuedConnection);
        return;
    }
    runOnCacheThread([this, receiver, query = std::move(query), done = std::move(done)] {
        Result result;
        try {
            result = query(*m_db);
        } catch (const CacheError &) {
            result = Result(); // unreadable: as if empty; the next sync rewrites it
        }
        if (receiver)
            QMetaObject::invokeMethod(receiver,
                                      [done, result = std::move(result)]() mutable { done(std::move(result)); });
    });
}

} // namespace confab::client
