// libFuzzer target for the desktop client's push handling: the client core as ClientController wires it (the
// messaging core with its cache, the directory, presence, own presence, other devices and the session), fed
// whatever a hostile or broken server could push. Inputs are the frame decoder's: one byte, then frames; each
// frame is handed to the connection's push dispatch as if it had arrived. The pulls a push starts go to a
// connection that is not open and fail, as they would while reconnecting. The item models are checked by
// QAbstractItemModelTester after every change.
#include "cache/localcache.h"
#include "fuzzapplication.h"
#include "messaging/messenger.h"
#include "model/departmenttreemodel.h"
#include "net/serverconnection.h"
#include "net/session.h"
#include "sync/directorysync.h"
#include "sync/otherdevices.h"
#include "sync/ownpresence.h"
#include "sync/presencetracker.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <utility>

using namespace confab;

namespace {

struct Client
{
    Client()
        : cache(dir.filePath(QStringLiteral("fuzz.sqlite")))
    {
        QString error;
        if (!cache.open(&error))
            qFatal("cache: %s", qPrintable(error));
        messenger.setSelfId(1);
        for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{
                 &directory, &messenger.sessions(), &messenger.groups(), &messenger.buddies()})
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::Fatal));
    }

    QTemporaryDir dir{fuzz::scratchTemplate()};
    client::ServerConnection connection;
    client::LocalCache cache;
    client::DepartmentTreeModel directory;
    client::Messenger messenger{connection, &cache, directory};
    client::Session session{connection, pb::CLIENT_TYPE_LINUX};
    client::DirectorySync directorySync{connection, directory};
    client::PresenceTracker presence{connection, directory};
    client::OwnPresence ownPresence{connection, session};
    client::OtherDevices otherDevices{connection};
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};

Client *g_client = nullptr;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::ensureApplication();
    // Lives for the whole run, as a client does, and closes its cache before the process's statics go.
    static Client *client = [] {
        g_client = new Client;
        std::atexit([] { delete std::exchange(g_client, nullptr); });
        return g_client;
    }();
    if (size == 0)
        return 0;

    protocol::FrameDecoder decoder(1024 * 1024);
    decoder.append(QByteArrayView(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1)));
    while (auto frame = decoder.next()) {
        frame->seq = 0; // pushes carry no sequence number
        client->connection.pushes().dispatch(*frame);
        QCoreApplication::processEvents(); // the failed pulls' callbacks, queued model updates
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
