// Strongly typed ids and cursors, so that a user id cannot be passed where a group id or a cursor is expected.
// On the wire they are plain uint64.
#pragma once

#include <QHashFunctions>
#include <QMetaType>
#include <QtGlobal>

#include <compare>

namespace confab::protocol {

template <class Tag>
class TypedId
{
public:
    constexpr TypedId() = default;
    constexpr explicit TypedId(quint64 value)
        : m_value(value)
    {}

    constexpr quint64 value() const { return m_value; }
    constexpr bool isValid() const { return m_value != 0; }

    friend constexpr auto operator<=>(TypedId, TypedId) = default;
    friend size_t qHash(TypedId id, size_t seed = 0) noexcept { return ::qHash(id.m_value, seed); }

private:
    quint64 m_value = 0;
};

using UserId = TypedId<struct UserIdTag>;
using DepartmentId = TypedId<struct DepartmentIdTag>;
using GroupId = TypedId<struct GroupIdTag>;
using MessageId = TypedId<struct MessageIdTag>; // position within one conversation, from 1
using FileId = TypedId<struct FileIdTag>;

// A server-issued update stamp: milliseconds since the epoch, strictly increasing within one data set. Clients
// hold it opaquely; 0 means "nothing seen yet", which asks for a full sync.
class Cursor
{
public:
    constexpr Cursor() = default;
    constexpr explicit Cursor(quint64 value)
        : m_value(value)
    {}

    constexpr quint64 value() const { return m_value; }
    constexpr bool isNull() const { return m_value == 0; }

    // The cursor for a change made at `nowMs` after the change stamped `last`: max(now, last + 1). Stamps read as
    // times, yet two changes in one millisecond, or a clock stepped backwards, never collide or go backwards.
    static constexpr Cursor after(Cursor last, qint64 nowMs)
    {
        const quint64 now = nowMs > 0 ? quint64(nowMs) : 0;
        return Cursor(now > last.m_value ? now : last.m_value + 1);
    }

    friend constexpr auto operator<=>(Cursor, Cursor) = default;

private:
    quint64 m_value = 0;
};

} // namespace confab::protocol

Q_DECLARE_METATYPE(confab::protocol::UserId)
Q_DECLARE_METATYPE(confab::protocol::Cursor)
