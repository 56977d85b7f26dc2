// How rows are kept in the cache: each one as its protobuf message in a BLOB, so a schema change in shared/proto
// needs no cache migration. Private to client/core/cache.
#pragma once

#include "cache/cachedatabase.h"

#include <QByteArray>
#include <QVariant>

namespace confab::client::cacherows {

template <class Message>
Message parse(const QVariant &blob)
{
    const QByteArray bytes = blob.toByteArray();
    Message m;
    if (!m.ParseFromArray(bytes.constData(), int(bytes.size())))
        throw CacheError("a cached row does not parse");
    return m;
}

inline QByteArray serialise(const google::protobuf::Message &message)
{
    return QByteArray::fromStdString(message.SerializeAsString());
}

inline QVariant id(quint64 value)
{
    return QVariant::fromValue(value);
}

// The key of a row in a table keyed by one id.
inline quint64 rowId(const pb::Department &row)
{
    return row.id();
}
inline quint64 rowId(const pb::User &row)
{
    return row.id();
}
inline quint64 rowId(const pb::Buddy &row)
{
    return row.user_id();
}

} // namespace confab::client::cacherows
