#include "store/coalescingvfs.h"

#include "store/pagecachefix.h"

#include <QUrl>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <sqlite3.h>
#include <vector>

namespace confab::server {

namespace {

constexpr const char *kVfsName = "confab-coalescing";
constexpr size_t kFlushAtBytes = 4 * 1024 * 1024; // a commit larger than this goes out in pieces

sqlite3_vfs *g_base = nullptr; // the platform's VFS, which does the real work

// Our file: SQLite allocates szOsFile bytes for it; the platform's file follows it in the same allocation.
struct CoalescingFile
{
    sqlite3_file base;          // must be first: SQLite sees a CoalescingFile as a sqlite3_file
    sqlite3_file *real;         // the platform's file, just behind this struct
    bool isWal;                 // only WAL appends are gathered
    std::vector<char> *pending; // WAL bytes not yet written, starting at pendingOffset (null for other files)
    sqlite3_int64 pendingOffset;
    bool commitFramePage; // the last write was the header of a commit frame: its page comes next
};

// The WAL's layout (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte header, then frames of a 24-byte
// header and a page, written as two calls.
constexpr int kWalHeaderBytes = 32;
constexpr int kFrameHeaderBytes = 24;

quint32 readBigEndian32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return (quint32(u[0]) << 24) | (quint32(u[1]) << 16) | (quint32(u[2]) << 8) | quint32(u[3]);
}

sqlite3_file *realOf(sqlite3_file *file)
{
    return reinterpret_cast<CoalescingFile *>(file)->real;
}

int flush(CoalescingFile *file)
{
    if (!file->pending || file->pending->empty())
        return SQLITE_OK;
    // The unix VFS writes at most 128 KiB - 1 per call (and reports a larger write as a full disk), so it gets
    // pieces of that size: still one system call where there were dozens.
    constexpr size_t kMaxPiece = 0x1f000;
    int rc = SQLITE_OK;
    for (size_t done = 0; done < file->pending->size() && rc == SQLITE_OK; done += kMaxPiece) {
        const size_t piece = std::min(kMaxPiece, file->pending->size() - done);
        rc = file->real->pMethods->xWrite(file->real, file->pending->data() + done, int(piece),
                                          file->pendingOffset + sqlite3_int64(done));
    }
    file->pending->clear();
    return rc;
}

int xClose(sqlite3_file *f)
{
    auto *file = reinterpret_cast<CoalescingFile *>(f);
    const int flushed = flush(file);
    delete file->pending;
    file->pending = nullptr;
    const int closed = file->real->pMethods ? file->real->pMethods->xClose(file->real) : SQLITE_OK;
    return flushed != SQLITE_OK ? flushed : closed;
}

int xRead(sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset)
{
    auto *file = reinterpret_cast<CoalescingFile *>(f);
    if (const int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return file->real->pMethods->xRead(file->real, buffer, amount, offset);
}

int xWrite(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset)
{
    auto *file = reinterpret_cast<CoalescingFile *>(f);
    if (!file->isWal)
        return file->real->pMethods->xWrite(file->real, data, amount, offset);
    std::vector<char> &pending = *file->pending;
    if (!pending.empty() && offset != file->pendingOffset + sqlite3_int64(pending.size())) {
        if (const int rc = flush(file); rc != SQLITE_OK) // not an append to what we hold (the header, a rewrite)
            return rc;
    }
    if (pending.empty())
        file->pendingOffset = offset;
    const auto *bytes = static_cast<const char *>(data);
    pending.insert(pending.end(), bytes, bytes + amount);
    // A commit's last frame carries the database size in its header (zero in every other frame). Once its page is
    // here the transaction is complete, and SQLite is about to tell other connections where the WAL ends: the
    // bytes must be in the file by then, synced or not.
    const bool endsCommit = file->commitFramePage;
    file->commitFramePage = amount == kFrameHeaderBytes && offset >= kWalHeaderBytes && readBigEndian32(bytes + 4) != 0;
    return endsCommit || pending.size() >= kFlushAtBytes ? flush(file) : SQLITE_OK;
}

int xTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    auto *file = reinterpret_cast<CoalescingFile *>(f);
    if (const int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return file->real->pMethods->xTruncate(file->real, size);
}

int xSync(sqlite3_file *f, int flags)
{
    auto *file = reinterpret_cast<CoalescingFile *>(f);
    if (const int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return file->real->pMethods->xSync(file->real, flags);
}

int xFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    auto *file = reinterpret_cast<CoalescingFile *>(f);
    if (const int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return file->real->pMethods->xFileSize(file->real, size);
}

// The rest is the platform's business.
int xLock(sqlite3_file *f, int level)
{
    return realOf(f)->pMethods->xLock(realOf(f), level);
}
int xUnlock(sqlite3_file *f, int level)
{
    return realOf(f)->pMethods->xUnlock(realOf(f), level);
}
int xCheckReservedLock(sqlite3_file *f, int *out)
{
    return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out);
}
int xFileControl(sqlite3_file *f, int op, void *arg)
{
    return realOf(f)->pMethods->xFileControl(realOf(f), op, arg);
}
int xSectorSize(sqlite3_file *f)
{
    return realOf(f)->pMethods->xSectorSize(realOf(f));
}
int xDeviceCharacteristics(sqlite3_file *f)
{
    return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f));
}
int xShmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
    return realOf(f)->pMethods->xShmMap(realOf(f), region, size, extend, out);
}
int xShmLock(sqlite3_file *f, int offset, int n, int flags)
{
    return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file *f)
{
    realOf(f)->pMethods->xShmBarrier(realOf(f));
}
int xShmUnmap(sqlite3_file *f, int deleteFlag)
{
    return realOf(f)->pMethods->xShmUnmap(realOf(f), deleteFlag);
}
int xFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out)
{
    auto *file = reinterpret_cast<CoalescingFile *>(f);
    if (const int rc = flush(file); rc != SQLITE_OK)
        return rc;
    return file->real->pMethods->xFetch(file->real, offset, amount, out);
}
int xUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *page)
{
    return realOf(f)->pMethods->xUnfetch(realOf(f), offset, page);
}

const sqlite3_io_methods kMethods = {
    3,
    xClose,
    xRead,
    xWrite,
    xTruncate,
    xSync,
    xFileSize,
    xLock,
    xUnlock,
    xCheckReservedLock,
    xFileControl,
    xSectorSize,
    xDeviceCharacteristics,
    xShmMap,
    xShmLock,
    xShmBarrier,
    xShmUnmap,
    xFetch,
    xUnfetch,
};

int xOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    auto *file = reinterpret_cast<CoalescingFile *>(f);
    std::memset(file, 0, sizeof(CoalescingFile));
    file->real = reinterpret_cast<sqlite3_file *>(file + 1);
    const int rc = g_base->xOpen(g_base, name, file->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        file->base.pMethods = nullptr; // SQLite then does not call xClose
        return rc;
    }
    file->isWal = (flags & SQLITE_OPEN_WAL) != 0;
    if (file->isWal) { // other files are written through as they come
        file->pending = new std::vector<char>;
        file->pending->reserve(256 * 1024);
    }
    file->base.pMethods = &kMethods;
    return SQLITE_OK;
}

// Everything but opening a file goes to the platform's VFS unchanged.
int xDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    return g_base->xDelete(g_base, name, syncDir);
}
int xAccess(sqlite3_vfs *, const char *name, int flags, int *out)
{
    return g_base->xAccess(g_base, name, flags, out);
}
int xFullPathname(sqlite3_vfs *, const char *name, int size, char *out)
{
    return g_base->xFullPathname(g_base, name, size, out);
}
void *xDlOpen(sqlite3_vfs *, const char *name)
{
    return g_base->xDlOpen(g_base, name);
}
void xDlError(sqlite3_vfs *, int size, char *out)
{
    g_base->xDlError(g_base, size, out);
}
void (*xDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
{
    return g_base->xDlSym(g_base, handle, symbol);
}
void xDlClose(sqlite3_vfs *, void *handle)
{
    g_base->xDlClose(g_base, handle);
}
int xRandomness(sqlite3_vfs *, int size, char *out)
{
    return g_base->xRandomness(g_base, size, out);
}
int xSleep(sqlite3_vfs *, int micros)
{
    return g_base->xSleep(g_base, micros);
}
int xCurrentTime(sqlite3_vfs *, double *out)
{
    return g_base->xCurrentTime(g_base, out);
}
int xGetLastError(sqlite3_vfs *, int size, char *out)
{
    return g_base->xGetLastError ? g_base->xGetLastError(g_base, size, out) : 0;
}
int xCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out)
{
    return g_base->xCurrentTimeInt64(g_base, out);
}
int xSetSystemCall(sqlite3_vfs *, const char *name, sqlite3_syscall_ptr call)
{
    return g_base->xSetSystemCall(g_base, name, call);
}
sqlite3_syscall_ptr xGetSystemCall(sqlite3_vfs *, const char *name)
{
    return g_base->xGetSystemCall(g_base, name);
}
const char *xNextSystemCall(sqlite3_vfs *, const char *name)
{
    return g_base->xNextSystemCall(g_base, name);
}

sqlite3_vfs g_vfs;

} // namespace

const char *coalescingVfsName()
{
    static std::once_flag once;
    std::call_once(once, [] {
        installPageCacheFix(); // only possible before SQLite is initialised, which the next line does
        sqlite3_initialize();
        g_base = sqlite3_vfs_find(nullptr);
        g_vfs = *g_base; // version, path length and the rest as the platform has them
        g_vfs.szOsFile = int(sizeof(CoalescingFile)) + g_base->szOsFile;
        g_vfs.zName = kVfsName;
        g_vfs.pNext = nullptr;
        g_vfs.pAppData = nullptr;
        g_vfs.xOpen = xOpen;
        g_vfs.xDelete = xDelete;
        g_vfs.xAccess = xAccess;
        g_vfs.xFullPathname = xFullPathname;
        g_vfs.xDlOpen = xDlOpen;
        g_vfs.xDlError = xDlError;
        g_vfs.xDlSym = xDlSym;
        g_vfs.xDlClose = xDlClose;
        g_vfs.xRandomness = xRandomness;
        g_vfs.xSleep = xSleep;
        g_vfs.xCurrentTime = xCurrentTime;
        g_vfs.xGetLastError = xGetLastError;
        g_vfs.xCurrentTimeInt64 = xCurrentTimeInt64;
        g_vfs.xSetSystemCall = g_base->iVersion >= 3 ? xSetSystemCall : nullptr;
        g_vfs.xGetSystemCall = g_base->iVersion >= 3 ? xGetSystemCall : nullptr;
        g_vfs.xNextSystemCall = g_base->iVersion >= 3 ? xNextSystemCall : nullptr;
        sqlite3_vfs_register(&g_vfs, 0);
    });
    return kVfsName;
}

QString coalescingVfsUri(const QString &path)
{
    return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?vfs=") +
           QLatin1String(coalescingVfsName());
}

} // namespace confab::server
