// What every service is handed by the composition root (Server): no singletons, so each part tests alone.
#pragma once

#include "store/store.h"

#include <QString>

#include <functional>

namespace confab::server {

class StorageThread;
class OnlineRegistry;
class Dispatcher;
class ChangeFeed;

struct ServiceSettings
{
    PageLimits defaultPage; // rows per sync page when the client asks for 0
    int maxPageRows = 5000; // a larger request is refused with ERROR_PAGE_TOO_LARGE
    qint64 tokenLifetimeMs = 30LL * 24 * 3600 * 1000;
    int heartbeatIntervalMs = 30'000;
    int idleTimeoutMs = 120'000;
    int maxHistoryPage = 200; // messages per history or by-id page
    int maxGroupMembers = 5000;
};

struct ServerContext
{
    StorageThread &store;
    OnlineRegistry &online;
    Dispatcher &dispatcher;
    ChangeFeed &feed;
    ServiceSettings settings;
    std::function<qint64()> now; // milliseconds since the epoch
};

} // namespace confab::server
