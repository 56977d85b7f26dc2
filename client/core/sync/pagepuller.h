// Pages through one cursor data set (sync.md): asks for what changed after `cursor`, hands each page on, and
// asks again with the page's cursor while the server says there is more. A page that says `reset` is the first
// page of a full sync: the receiver drops its copy of the data set before applying it.
#pragma once

#include "net/serverconnection.h"

#include <functional>

namespace confab::client {

template <class Rpc>
struct PageHandlers
{
    // `restart`: the page begins a full sync (cursor 0, or the server said reset).
    std::function<void(const typename Rpc::Response &page, bool restart)> page;
    std::function<void(quint64 cursor)> done;
    std::function<void(const QString &reason)> failed;
};

template <class Rpc>
void pullPages(ServerConnection &connection, QObject *context, quint64 cursor, PageHandlers<Rpc> handlers)
{
    pb::SyncRequest request;
    request.set_cursor(cursor);
    connection.call<Rpc>(request, context, [&connection, context, cursor, handlers](auto result) {
        if (!result.ok()) {
            handlers.failed(result.message);
            return;
        }
        const pb::SyncPage &page = result.value.page();
        handlers.page(result.value, cursor == 0 || page.reset());
        if (page.has_more())
            pullPages<Rpc>(connection, context, page.cursor(), handlers);
        else
            handlers.done(page.cursor());
    });
}

} // namespace confab::client
