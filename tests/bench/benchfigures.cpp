#include "benchfigures.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace confab::bench {

void printFigure(const QString &figure, double value, const QString &unit)
{
    static QTextStream out(stdout);
    const QJsonObject line{
        {QStringLiteral("figure"), figure}, {QStringLiteral("value"), value}, {QStringLiteral("unit"), unit}};
    out << QJsonDocument(line).toJson(QJsonDocument::Compact) << "\n";
    out.flush();
}

} // namespace confab::bench
