// An SQLite VFS that gathers the writes to a write-ahead log into one system call per commit.
//
// SQLite appends each page of a commit to the WAL with two pwrite() calls (a 24-byte frame header, then the
// page), so a group commit of a few hundred messages made thousands of small system calls, each straddling two
// file-system blocks: a third of the storage thread's time. This VFS wraps the platform's own and, for WAL files
// only, keeps consecutive appends in memory until SQLite syncs, reads, truncates, asks for the size or closes.
//
// Nothing else changes: a commit's frames are written out as soon as its last frame is complete, before SQLite
// tells other connections that the WAL has grown (they read the file, not this memory), and a sync writes out
// whatever is gathered first. Until then the bytes are as volatile as unsynced bytes in the kernel would be.
#pragma once

#include <QString>

namespace confab::server {

// Registers the VFS once (not as the default) and returns its name, for a `vfs=` URI parameter.
const char *coalescingVfsName();

// The URI that opens `path` through the VFS (for QSQLITE_OPEN_URI).
QString coalescingVfsUri(const QString &path);

} // namespace confab::server
