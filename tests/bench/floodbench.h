// confab-bench flood: what one session flooding the server costs everyone else, under the default rate limits.
#pragma once

#include <QtGlobal>

namespace confab::bench {

struct FloodOptions
{
    int seconds = 5; // each phase: alone, then beside the flood
};

int runFloodBench(const FloodOptions &options);
// The flooding session, run as a process of its own so that its writing does not delay the honest client's
// reading in the same event loop: floods the server at `port` for `seconds` and prints what it got.
int runFloodChild(quint16 port, int seconds);

} // namespace confab::bench
