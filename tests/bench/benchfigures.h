// How confab-bench reports: one JSON object per line, {"figure": name, "value": number, "unit": unit}.
#pragma once

#include <QString>

namespace confab::bench {

void printFigure(const QString &figure, double value, const QString &unit);

} // namespace confab::bench
