#include "clioutput.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

namespace confab::cli {

CliOutput::CliOutput(bool json)
    : m_json(json)
    , m_out(stdout)
    , m_err(stderr)
{}

void CliOutput::message(const QString &kind, const google::protobuf::Message &message)
{
    if (m_json) {
        std::string body;
        google::protobuf::util::JsonPrintOptions options;
        options.preserve_proto_field_names = true;
        (void)google::protobuf::util::MessageToJsonString(message, &body, options);
        m_out << "{\"" << kind << "\":" << QString::fromStdString(body) << "}\n";
    } else {
        std::string text;
        google::protobuf::TextFormat::Printer printer;
        printer.SetSingleLineMode(true);
        printer.SetUseUtf8StringEscaping(true);
        printer.PrintToString(message, &text);
        m_out << kind << ": " << QString::fromStdString(text).trimmed() << "\n";
    }
    m_out.flush();
}

void CliOutput::fields(const QList<std::pair<QString, QVariant>> &fields)
{
    if (m_json) {
        QJsonObject object;
        for (const auto &[key, value] : fields)
            object.insert(key, QJsonValue::fromVariant(value));
        m_out << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
    } else {
        QStringList parts;
        for (const auto &[key, value] : fields)
            parts << key + QStringLiteral(": ") + value.toString();
        m_out << parts.join(QStringLiteral(", ")) << "\n";
    }
    m_out.flush();
}

void CliOutput::error(const QString &text)
{
    m_err << "confab-cli: " << text << "\n";
    m_err.flush();
}

} // namespace confab::cli
