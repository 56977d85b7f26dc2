// The cache's schema as ordered migration steps: step N brings a cache from PRAGMA user_version N to N + 1.
#pragma once

#include <QStringList>

#include <vector>

namespace confab::client {

const std::vector<QStringList> &cacheMigrationSteps();

} // namespace confab::client
