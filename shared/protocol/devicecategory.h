// Kinds of device, as both sides count them: a new login of the same category (desktop, mobile, web) replaces the
// older one; logins of different categories coexist (common.proto's ClientType: bit 0x10 mobile, 0x20 web).
#pragma once

#include "protocol/messages.h"

namespace confab::protocol {

enum class DeviceCategory
{
    Desktop,
    Mobile,
    Web
};

inline DeviceCategory deviceCategoryOf(pb::ClientType type)
{
    if (type & 0x10)
        return DeviceCategory::Mobile;
    if (type & 0x20)
        return DeviceCategory::Web;
    return DeviceCategory::Desktop;
}

} // namespace confab::protocol
