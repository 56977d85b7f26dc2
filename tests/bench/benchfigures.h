// How confab-bench reports: one JSON object per line, {"figure": name, "value": number, "unit": unit}.
#pragma once

#include <QString>

#include <vector>

namespace confab::bench {

void printFigure(const QString &figure, double value, const QString &unit);

// A process's CPU time (user + system) in seconds, from /proc; -1 when it cannot be read.
double cpuSeconds(qint64 pid);
// CPU time the hypervisor gave to other guests while this machine's CPUs wanted it (the "steal" column of
// /proc/stat), in seconds: on a shared host, the noise under every latency figure, so it is printed beside them.
double stolenCpuSeconds();
// The value at fraction `p` of `sorted` (0 when empty).
double percentile(std::vector<double> &sorted, double p);

} // namespace confab::bench
