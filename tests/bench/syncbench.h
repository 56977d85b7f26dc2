// confab-bench sync: full, no-change and incremental sync of a large organisation from a real confab-server
// process over loopback.
#pragma once

namespace confab::bench {

int runSyncBench(int users);

} // namespace confab::bench
