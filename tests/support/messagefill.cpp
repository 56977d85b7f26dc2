#include "support/messagefill.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <string>

namespace confab::test {

namespace {

using google::protobuf::FieldDescriptor;

void fillField(google::protobuf::Message &message, const FieldDescriptor *field, int value, int depth)
{
    const auto *reflection = message.GetReflection();
    const bool repeated = field->is_repeated();
    const std::string text = std::string("v") + std::to_string(value) + " 汉字";
    switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
        repeated ? reflection->AddInt32(&message, field, -value) : reflection->SetInt32(&message, field, -value);
        break;
    case FieldDescriptor::CPPTYPE_INT64:
        repeated ? reflection->AddInt64(&message, field, -int64_t(value) * 1'000'000'007)
                 : reflection->SetInt64(&message, field, -int64_t(value) * 1'000'000'007);
        break;
    case FieldDescriptor::CPPTYPE_UINT32:
        repeated ? reflection->AddUInt32(&message, field, uint32_t(value))
                 : reflection->SetUInt32(&message, field, uint32_t(value));
        break;
    case FieldDescriptor::CPPTYPE_UINT64:
        repeated ? reflection->AddUInt64(&message, field, uint64_t(value) << 40)
                 : reflection->SetUInt64(&message, field, uint64_t(value) << 40);
        break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT:
        break; // Confab's schemas have no floating-point fields
    case FieldDescriptor::CPPTYPE_BOOL:
        repeated ? reflection->AddBool(&message, field, true) : reflection->SetBool(&message, field, true);
        break;
    case FieldDescriptor::CPPTYPE_ENUM: {
        const auto *type = field->enum_type();
        const auto *enumValue = type->value(type->value_count() > 1 ? 1 + value % (type->value_count() - 1) : 0);
        repeated ? reflection->AddEnum(&message, field, enumValue) : reflection->SetEnum(&message, field, enumValue);
        break;
    }
    case FieldDescriptor::CPPTYPE_STRING:
        repeated ? reflection->AddString(&message, field, text) : reflection->SetString(&message, field, text);
        break;
    case FieldDescriptor::CPPTYPE_MESSAGE:
        if (depth > 0) {
            auto *child =
                repeated ? reflection->AddMessage(&message, field) : reflection->MutableMessage(&message, field);
            fillMessage(*child, value + 1, depth - 1);
        }
        break;
    }
}

} // namespace

void fillMessage(google::protobuf::Message &message, int seed, int depth)
{
    const auto *descriptor = message.GetDescriptor();
    for (int i = 0; i < descriptor->field_count(); ++i) {
        const FieldDescriptor *field = descriptor->field(i);
        // In a oneof only the last field set survives; fill only the first so the result is predictable.
        if (const auto *oneof = field->real_containing_oneof(); oneof && oneof->field(0) != field)
            continue;
        const int value = (seed % 10'000) * 100 + i + 1; // bounded: nested messages seed their children from it
        fillField(message, field, value, depth);
        if (field->is_repeated())
            fillField(message, field, value + 50, depth);
    }
}

} // namespace confab::test
