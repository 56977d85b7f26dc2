#include "sync/watchedpeople.h"

#include <QSet>

namespace confab::client {

std::vector<quint64> peopleToWatch(const ShownPeople &shown)
{
    std::vector<quint64> watched;
    QSet<quint64> seen{0, shown.self};
    const auto add = [&](quint64 id) {
        if (!seen.contains(id)) {
            seen.insert(id);
            watched.push_back(id);
        }
    };
    add(shown.profile);
    for (const std::vector<quint64> *part :
         {&shown.openConversation, &shown.visibleRows, &shown.sessions, &shown.buddies}) {
        for (quint64 id : *part)
            add(id);
    }
    return watched;
}

} // namespace confab::client
