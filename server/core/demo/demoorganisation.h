// Seeds a demo company: departments three levels deep and people with Chinese and English names, gender, email,
// phone and sign lines, always including alice, bob and carol. Every password is "demo"; the demo accounts share
// one salted hash, so that seeding 100,000 people for a benchmark takes seconds, not hours.
#pragma once

#include "store/store.h"

namespace confab::server {

struct DemoSummary
{
    int departments = 0;
    int users = 0;
    bool alreadySeeded = false;
};

// Seeds an empty store (a no-op on one that has people already). Runs inside the caller's transaction.
// `hashIterations` below the default makes logins cheap for load tests (the demo password is public anyway).
DemoSummary seedDemoOrganisation(Store &store, int userCount, int hashIterations = 0);

inline constexpr int kDefaultDemoUsers = 200;

} // namespace confab::server
