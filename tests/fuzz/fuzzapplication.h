// The Qt application a fuzz target that needs an event loop makes once, on its first input, and keeps for the
// whole run. Logs are silenced (a fuzzer's inputs are meant to be refused, and logging each would be the run's
// whole cost); a fatal message still aborts, so libFuzzer reports it with the input that caused it.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <google/protobuf/stubs/logging.h>

#include <cstdio>
#include <cstdlib>

namespace confab::fuzz {

inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "confab-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = [] {
        google::protobuf::SetLogHandler(nullptr);
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
            if (type == QtFatalMsg) {
                std::fprintf(stderr, "fatal: %s\n", qPrintable(message));
                std::abort();
            }
        });
        return new QCoreApplication(argc, argv);
    }();
    (void)app;
}

// Where a target keeps its files: memory (/dev/shm) where there is one, so that disk syncs cost nothing.
inline QString scratchTemplate()
{
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    const QDir base = shm.isDir() && shm.isWritable() ? QDir(shm.filePath()) : QDir::temp();
    return base.filePath(QStringLiteral("confab-fuzz-XXXXXX"));
}

} // namespace confab::fuzz
