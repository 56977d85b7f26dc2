// Keeps an answer within one frame. Rows are bounded by the schema's limits, lists of rows are not: 200 messages
// of 32 KiB, 500 profiles or groups with long announcements would each pass the 1 MiB frame limit. A page takes
// rows while they fit its budget and then says it has more, so that every answer can be sent and the client pages
// on instead of meeting a "response too large" that it could never get past.
#pragma once

#include <QtGlobal>

#include <google/protobuf/message.h>

namespace confab::server {

class ResponseBudget
{
public:
    // What rows may take: the frame limit (1 MiB) less room for the envelope and the answer's other fields.
    static constexpr qsizetype kDefaultBytes = 768 * 1024;

    explicit ResponseBudget(qsizetype bytes = kDefaultBytes)
        : m_left(bytes)
    {}

    // Counts `row` and says whether it still fits. The first row always fits, so that a page is never empty
    // while rows are waiting (one row is far below the frame limit).
    bool take(const google::protobuf::Message &row)
    {
        const qsizetype size = qsizetype(row.ByteSizeLong()) + 8; // the tag and length of a repeated entry
        if (m_taken > 0 && size > m_left)
            return false;
        m_left -= size;
        ++m_taken;
        return true;
    }

private:
    qsizetype m_left;
    int m_taken = 0;
};

} // namespace confab::server
