// confab-bench client-start: the first full sync of an organisation into an empty cache, then a cold start of a
// fresh process that fills the department model from that cache.
#pragma once

#include <QString>

namespace confab::bench {

int runClientStartBench(int users);
// The child half: opens the cache at `path`, fills the model, prints "ready <people> <rss_mb>" and exits.
int runClientStartChild(const QString &cachePath);

} // namespace confab::bench
