// How confab-cli prints: human-readable lines, or one JSON object per line with --json.
#pragma once

#include <QString>
#include <QTextStream>

#include <google/protobuf/message.h>

namespace confab::cli {

class CliOutput
{
public:
    explicit CliOutput(bool json);

    bool json() const { return m_json; }
    // {"<kind>": <message as JSON>} with --json; otherwise the message's fields on one line.
    void message(const QString &kind, const google::protobuf::Message &message);
    // {"key": value, ...} with --json; otherwise "key: value" pairs.
    void fields(const QList<std::pair<QString, QVariant>> &fields);
    void error(const QString &text);

private:
    bool m_json;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace confab::cli
