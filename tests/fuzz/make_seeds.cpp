// Writes one seed per command into the fuzz corpus folder: a chunk-size byte followed by a real encoded frame of
// that command with every field filled, plus a few multi-frame and broken inputs.
#include "protocol/frame.h"
#include "support/messagefill.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>

using namespace confab::protocol;

namespace {

bool writeSeed(const QDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir.filePath(name));
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: confab_fuzz_seeds DIR\n");
        return 2;
    }
    QDir dir(QString::fromLocal8Bit(argv[1]));
    if (!dir.mkpath(QStringLiteral(".")))
        return 1;

    QByteArray all(1, '\x07');
    int seed = 0;
    for (const CommandInfo &info : allCommands()) {
        std::unique_ptr<google::protobuf::Message> message(info.prototype->New());
        confab::test::fillMessage(*message, ++seed, 2);
        const QByteArray frame = encodeFrame(info.id, quint16(seed), *message);
        if (!writeSeed(dir, QString::fromLatin1(info.name.data(), qsizetype(info.name.size())),
                       QByteArray(1, char(seed)) + frame))
            return 1;
        if (frame.size() < 200)
            all += frame;
    }
    const bool ok = writeSeed(dir, QStringLiteral("multi-frame"), all) &&
                    writeSeed(dir, QStringLiteral("short-length"),
                              QByteArray::fromHex("00"
                                                  "00000008"
                                                  "0001"
                                                  "0000"
                                                  "0007"
                                                  "0701"
                                                  "0001"
                                                  "0000")) &&
                    writeSeed(dir, QStringLiteral("bad-version"),
                              QByteArray::fromHex("03"
                                                  "00000010"
                                                  "0009"
                                                  "0000"
                                                  "0007"
                                                  "0701"
                                                  "0001"
                                                  "0000"));
    return ok ? 0 : 1;
}
