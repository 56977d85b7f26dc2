// Every generated message type of the Confab protocol, for code that works across services.
#pragma once

#include "confab/buddy.pb.h"
#include "confab/common.pb.h"
#include "confab/directory.pb.h"
#include "confab/error.pb.h"
#include "confab/file.pb.h"
#include "confab/group.pb.h"
#include "confab/limits.pb.h"
#include "confab/login.pb.h"
#include "confab/message.pb.h"
#include "confab/other.pb.h"
#include "confab/presence.pb.h"
#include "confab/session.pb.h"
#include "confab/sync.pb.h"
