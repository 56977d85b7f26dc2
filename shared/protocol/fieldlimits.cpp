#include "protocol/fieldlimits.h"

namespace confab::protocol {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

namespace {

QString fieldName(const QString &path, const FieldDescriptor &field)
{
    return path + QLatin1Char('.') + QString::fromStdString(field.name());
}

pb::ErrorCode tooLargeCode(const FieldDescriptor &field)
{
    const pb::ErrorCode code = field.options().GetExtension(pb::too_large);
    return code == pb::ERROR_NONE ? pb::ERROR_FIELD_TOO_LARGE : code;
}

std::optional<FieldViolation> checkBytes(const FieldDescriptor &field, const QString &name, size_t size)
{
    const quint32 limit = maxBytes(field);
    if (limit == 0 || size <= limit)
        return std::nullopt;
    return FieldViolation{tooLargeCode(field),
                          QStringLiteral("%1 is %2 bytes; at most %3").arg(name).arg(size).arg(limit)};
}

std::optional<FieldViolation> checkEnum(const FieldDescriptor &field, const QString &name, int value)
{
    if (field.enum_type()->FindValueByNumber(value))
        return std::nullopt;
    return FieldViolation{pb::ERROR_UNKNOWN_VALUE, QStringLiteral("%1: %2 is not a %3")
                                                       .arg(name)
                                                       .arg(value)
                                                       .arg(QString::fromStdString(field.enum_type()->name()))};
}

std::optional<FieldViolation> checkMessage(const Message &message, const QString &path);

// One value of `field`: item `index` of a list, or the field itself when `index` is -1.
std::optional<FieldViolation> checkValue(const Message &message, const Reflection &reflection,
                                         const FieldDescriptor &field, int index, const QString &name)
{
    const bool item = index >= 0;
    switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
        std::string scratch;
        const std::string &value = item ? reflection.GetRepeatedStringReference(message, &field, index, &scratch)
                                        : reflection.GetStringReference(message, &field, &scratch);
        return checkBytes(field, name, value.size());
    }
    case FieldDescriptor::CPPTYPE_ENUM:
        return checkEnum(field, name,
                         item ? reflection.GetRepeatedEnumValue(message, &field, index)
                              : reflection.GetEnumValue(message, &field));
    case FieldDescriptor::CPPTYPE_MESSAGE:
        return checkMessage(item ? reflection.GetRepeatedMessage(message, &field, index)
                                 : reflection.GetMessage(message, &field),
                            name);
    default:
        return std::nullopt; // numbers and booleans: any value is in bounds
    }
}

std::optional<FieldViolation> checkMessage(const Message &message, const QString &path)
{
    const Reflection &reflection = *message.GetReflection();
    std::vector<const FieldDescriptor *> present; // only fields that are set: proto3 defaults are always in bounds
    reflection.ListFields(message, &present);
    for (const FieldDescriptor *field : present) {
        const QString name = fieldName(path, *field);
        if (!field->is_repeated()) {
            if (std::optional<FieldViolation> violation = checkValue(message, reflection, *field, -1, name))
                return violation;
            continue;
        }
        const int count = reflection.FieldSize(message, field);
        if (const quint32 limit = maxItems(*field); limit != 0 && quint32(count) > limit)
            return FieldViolation{tooLargeCode(*field),
                                  QStringLiteral("%1 has %2 items; at most %3").arg(name).arg(count).arg(limit)};
        for (int i = 0; i < count; ++i) {
            if (std::optional<FieldViolation> violation =
                    checkValue(message, reflection, *field, i, QStringLiteral("%1[%2]").arg(name).arg(i)))
                return violation;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<FieldViolation> checkFieldLimits(const Message &message)
{
    return checkMessage(message, QString::fromStdString(message.GetDescriptor()->name()));
}

quint32 maxBytes(const FieldDescriptor &field)
{
    return field.options().GetExtension(pb::max_bytes);
}

quint32 maxItems(const FieldDescriptor &field)
{
    return field.options().GetExtension(pb::max_items);
}

} // namespace confab::protocol
