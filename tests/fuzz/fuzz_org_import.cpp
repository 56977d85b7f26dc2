// libFuzzer target for the organisation import: the CSV and JSON readers and the checks every row goes through
// before anything is applied. The first byte picks the format.
#include "admin/orgimport.h"

#include <QCoreApplication>

#include <cstddef>
#include <cstdint>

using namespace confab::server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const OrgImport import = (data[0] & 1) ? parseOrgJson(input) : parseOrgCsv(input);
    // An import either has errors and applies nothing, or every person in it is complete.
    if (import.errors.isEmpty()) {
        for (const ImportedUser &u : import.users) {
            if (u.profile.login_name().empty())
                __builtin_trap();
        }
    }
    return 0;
}
