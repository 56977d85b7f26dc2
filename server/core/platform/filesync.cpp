#include "platform/filesync.h"

#include <QFile>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace confab::server {

FileSync::~FileSync()
{
    close();
}

bool FileSync::open(const QString &path)
{
    close();
#ifdef Q_OS_UNIX
    // Any descriptor of a file syncs the file's data, whoever wrote it.
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
#else
    Q_UNUSED(path);
#endif
    return m_fd >= 0;
}

bool FileSync::sync()
{
#if defined(Q_OS_LINUX)
    return m_fd >= 0 && ::fdatasync(m_fd) == 0;
#elif defined(Q_OS_UNIX)
    return m_fd >= 0 && ::fsync(m_fd) == 0;
#else
    return false;
#endif
}

void FileSync::close()
{
#ifdef Q_OS_UNIX
    if (m_fd >= 0)
        ::close(m_fd);
#endif
    m_fd = -1;
}

} // namespace confab::server
