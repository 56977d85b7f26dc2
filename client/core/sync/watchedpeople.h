// Whose presence this device asks for and watches: the people on screen, most visible first, so that the server's
// cap on a watch (PresenceTracker::kBatch) keeps what the person looks at. The profile card, then the open
// conversation, then the rows visible in the tree and the lists, then the rest of the sessions and the buddies.
// Pure policy, with its own unit test.
#pragma once

#include <QtGlobal>

#include <vector>

namespace confab::client {

struct ShownPeople
{
    quint64 self = 0;                      // one's own presence comes with the sign-in and one's own pushes
    quint64 profile = 0;                   // the person whose profile card is open
    std::vector<quint64> openConversation; // the peer, or the group's members
    std::vector<quint64> visibleRows;      // people in the rows on screen: tree, sessions, buddies
    std::vector<quint64> sessions;         // every one-to-one session's peer, most recent first
    std::vector<quint64> buddies;
};

// The people to watch, each once, in that order.
std::vector<quint64> peopleToWatch(const ShownPeople &shown);

} // namespace confab::client
