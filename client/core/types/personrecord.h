// One person as the client holds them in memory: the numbers inline and every text field packed into one UTF-8
// buffer. The tree, the first sync and the cache load keep a whole organisation of these; as pb::User each person
// cost about 600 bytes in nine separate string allocations (a 100,000-person organisation: 60 MB), packed it is one
// allocation of about 150 bytes. pb::User stays the wire and cache format; toUser() rebuilds one where it is wanted.
#pragma once

#include "protocol/messages.h"

#include <QString>

#include <array>
#include <memory>
#include <string_view>

namespace confab::client {

class PersonRecord
{
public:
    enum class Text : quint8
    {
        LoginName,
        RealName,
        Nick,
        AvatarUrl,
        Email,
        Phone,
        Pinyin,
        SignLine,
        Title,
    };

    PersonRecord() = default;
    explicit PersonRecord(const pb::User &user);
    PersonRecord(const PersonRecord &other);
    PersonRecord &operator=(const PersonRecord &other);
    PersonRecord(PersonRecord &&) noexcept = default;
    PersonRecord &operator=(PersonRecord &&) noexcept = default;
    ~PersonRecord() = default;

    pb::User toUser() const;

    quint64 id() const { return m_id; }
    quint64 departmentId() const { return m_departmentId; }
    pb::Gender gender() const { return pb::Gender(m_gender); }
    pb::UserStatus status() const { return pb::UserStatus(m_status); }

    std::string_view utf8(Text field) const;
    QString text(Text field) const;
    QString realName() const { return text(Text::RealName); }
    QString pinyin() const { return text(Text::Pinyin); }
    QString loginName() const { return text(Text::LoginName); }
    QString signLine() const { return text(Text::SignLine); }
    QString title() const { return text(Text::Title); }

private:
    static constexpr size_t kTexts = size_t(Text::Title) + 1;

    quint64 m_id = 0;
    quint64 m_departmentId = 0;
    qint32 m_gender = 0;
    qint32 m_status = 0;
    std::array<quint32, kTexts> m_ends{}; // where each field ends in m_text; a field starts where the previous ends
    std::unique_ptr<char[]> m_text;
};

} // namespace confab::client
