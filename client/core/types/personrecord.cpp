#include "types/personrecord.h"

#include <cstring>

namespace confab::client {

namespace {

// The fields in Text's order, read from and written to pb::User.
using Getter = const std::string &(pb::User::*)() const;
using Mutable = std::string *(pb::User::*)();
struct Accessor
{
    Getter get;
    Mutable set;
};
constexpr std::array<Accessor, 9> kAccessors = {{
    {&pb::User::login_name, &pb::User::mutable_login_name},
    {&pb::User::real_name, &pb::User::mutable_real_name},
    {&pb::User::nick, &pb::User::mutable_nick},
    {&pb::User::avatar_url, &pb::User::mutable_avatar_url},
    {&pb::User::email, &pb::User::mutable_email},
    {&pb::User::phone, &pb::User::mutable_phone},
    {&pb::User::pinyin, &pb::User::mutable_pinyin},
    {&pb::User::sign_line, &pb::User::mutable_sign_line},
    {&pb::User::title, &pb::User::mutable_title},
}};

} // namespace

PersonRecord::PersonRecord(const pb::User &user)
    : m_id(user.id())
    , m_departmentId(user.department_id())
    , m_gender(user.gender())
    , m_status(user.status())
{
    static_assert(kAccessors.size() == kTexts);
    size_t total = 0;
    for (size_t i = 0; i < kTexts; ++i) {
        total += (user.*kAccessors[i].get)().size();
        m_ends[i] = quint32(total);
    }
    if (total == 0)
        return;
    m_text = std::make_unique_for_overwrite<char[]>(total);
    size_t at = 0;
    for (const Accessor &field : kAccessors) {
        const std::string &value = (user.*field.get)();
        std::memcpy(m_text.get() + at, value.data(), value.size());
        at += value.size();
    }
}

PersonRecord::PersonRecord(const PersonRecord &other)
    : m_id(other.m_id)
    , m_departmentId(other.m_departmentId)
    , m_gender(other.m_gender)
    , m_status(other.m_status)
    , m_ends(other.m_ends)
{
    if (const size_t total = m_ends.back(); total > 0) {
        m_text = std::make_unique_for_overwrite<char[]>(total);
        std::memcpy(m_text.get(), other.m_text.get(), total);
    }
}

PersonRecord &PersonRecord::operator=(const PersonRecord &other)
{
    if (this != &other)
        *this = PersonRecord(other);
    return *this;
}

std::string_view PersonRecord::utf8(Text field) const
{
    const size_t i = size_t(field);
    const quint32 begin = i == 0 ? 0 : m_ends[i - 1];
    return {m_text.get() + begin, size_t(m_ends[i] - begin)};
}

QString PersonRecord::text(Text field) const
{
    const std::string_view value = utf8(field);
    return QString::fromUtf8(value.data(), qsizetype(value.size()));
}

pb::User PersonRecord::toUser() const
{
    pb::User user;
    user.set_id(m_id);
    user.set_department_id(m_departmentId);
    user.set_gender(gender());
    user.set_status(status());
    for (size_t i = 0; i < kTexts; ++i) {
        const std::string_view value = utf8(Text(i));
        if (!value.empty())
            (user.*kAccessors[i].set)()->assign(value.data(), value.size());
    }
    return user;
}

} // namespace confab::client
