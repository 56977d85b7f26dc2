// The event dispatcher for processes that hold thousands of sockets (see EpollEventDispatcher for why).
#pragma once

namespace confab::server {

// Call before the QCoreApplication is made. On Linux the main thread gets the epoll dispatcher; elsewhere, or with
// CONFAB_EVENT_DISPATCHER=qt in the environment (to compare), Qt's own without GLib, whose per-socket bookkeeping
// on every wake-up costs even more than a poll() over all of them.
void installScalableEventDispatcher();

} // namespace confab::server
