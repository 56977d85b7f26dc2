// The process's limit on open descriptors. Every connection is one; Debian's default soft limit (1,024) let 1,100
// idle connections lock out everyone, while the hard limit allows far more. The server raises its soft limit to
// the hard one at start and caps connections below what it got.
#pragma once

namespace confab::server {

// Raises the soft limit as far as the hard limit allows and returns the limit now in force (-1 where there is no
// such limit to read).
long raiseDescriptorLimit();

} // namespace confab::server
