// Keeps SQLite's page cache from scanning its whole hash table at every commit.
//
// When a B-tree page splits, SQLite renumbers the new pages into ascending order, parking one for a moment at the
// page number just past the 1 GiB lock byte. The default page cache remembers that as the highest page it has
// held, and from then on each commit's "drop pages past the end of the database" walks every bucket of the hash
// table instead of the few at the end: with a 64 MiB cache, a fifth of the storage thread's time. This wraps the
// default cache and passes a truncation on only when a page at or past the limit may really be there.
#pragma once

namespace confab::server {

// Installs the wrapper if SQLite has not been initialised yet in this process (it must be the first thing done
// with SQLite); returns whether it is in place. Idempotent.
bool installPageCacheFix();

} // namespace confab::server
