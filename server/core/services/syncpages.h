// Serves one sync request of any data set: checks the page size, reads the page on the storage thread and
// answers with SyncPage, rows and tombstones. Every *SyncResponse has `page` and `removed`; `addRow` fills the
// data set's own repeated field.
#pragma once

#include "rpc/dispatcher.h"
#include "services/servercontext.h"
#include "store/storagethread.h"

#include <type_traits>

namespace confab::server {

template <class Rpc, class Row, class Fetch, class AddRow>
void serveSyncPage(ServerContext &context, QObject *owner, const pb::SyncRequest &request, Reply<Rpc> reply,
                   Fetch fetch, AddRow addRow)
{
    if (request.limit() > quint32(context.settings.maxPageRows)) {
        reply.fail(pb::ERROR_PAGE_TOO_LARGE,
                   QStringLiteral("at most %1 rows per page").arg(context.settings.maxPageRows));
        return;
    }
    PageLimits limits = context.settings.defaultPage;
    if (request.limit() > 0)
        limits.rows = int(request.limit());
    using Page = std::invoke_result_t<Fetch, Store &, Cursor, PageLimits>;
    context.store.read(
        owner, [fetch, since = Cursor(request.cursor()), limits](Store &s) { return fetch(s, since, limits); },
        [reply, addRow](StoreResult<Page> result) {
            if (!result.ok()) {
                reply.fail(pb::ERROR_INTERNAL, QStringLiteral("storage error"));
                return;
            }
            Page &page = result.value();
            typename Rpc::Response response;
            pb::SyncPage *info = response.mutable_page();
            info->set_cursor(page.cursor.value());
            info->set_has_more(page.hasMore);
            info->set_reset(page.reset);
            info->set_total_hint(page.totalHint);
            for (Row &row : page.rows)
                addRow(response, std::move(row));
            for (const auto &id : page.removed) {
                if constexpr (std::is_integral_v<std::decay_t<decltype(id)>>)
                    response.add_removed(id);
                else
                    *response.add_removed() = id;
            }
            reply(response);
        });
}

} // namespace confab::server
