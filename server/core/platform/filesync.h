// A second handle on a file, to make what others write to it durable from another thread.
#pragma once

#include <QString>

namespace confab::server {

class FileSync
{
public:
    FileSync() = default;
    ~FileSync();
    FileSync(const FileSync &) = delete;
    FileSync &operator=(const FileSync &) = delete;

    // False when the file cannot be opened (or the platform has no way to sync it from here).
    bool open(const QString &path);
    bool isOpen() const { return m_fd >= 0; }
    // Waits until the file's data is on the disk; false (errno set) when the disk says no.
    bool sync();
    void close();

private:
    int m_fd = -1;
};

} // namespace confab::server
