// Protobuf messages stored as BLOB columns: profiles and message bodies keep every field without a column each.
#pragma once

#include "store/store.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QVariant>

namespace confab::server {

inline QByteArray serialise(const google::protobuf::Message &message)
{
    QByteArray bytes(qsizetype(message.ByteSizeLong()), Qt::Uninitialized);
    message.SerializeWithCachedSizesToArray(reinterpret_cast<quint8 *>(bytes.data()));
    return bytes;
}

template <class T>
T parseBlob(QByteArrayView bytes, const char *what)
{
    T value;
    if (!value.ParseFromArray(bytes.constData(), int(bytes.size())))
        throw StoreError(StoreError::Kind::Internal,
                         QStringLiteral("a stored %1 does not parse").arg(QLatin1String(what)));
    return value;
}

template <class T>
T parseBlob(const QVariant &blob, const char *what)
{
    return parseBlob<T>(QByteArrayView(blob.toByteArray()), what);
}

} // namespace confab::server
