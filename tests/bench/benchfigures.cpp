#include "benchfigures.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <unistd.h>

namespace confab::bench {

void printFigure(const QString &figure, double value, const QString &unit)
{
    static QTextStream out(stdout);
    const QJsonObject line{
        {QStringLiteral("figure"), figure}, {QStringLiteral("value"), value}, {QStringLiteral("unit"), unit}};
    out << QJsonDocument(line).toJson(QJsonDocument::Compact) << "\n";
    out.flush();
}

double cpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double ticks = fields.value(11).toDouble() + fields.value(12).toDouble(); // utime, stime
    return ticks / double(sysconf(_SC_CLK_TCK));
}

double stolenCpuSeconds()
{
    QFile stat(QStringLiteral("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = stat.readLine().simplified().split(' '); // cpu user nice system idle … steal
    if (fields.size() < 9 || fields.front() != "cpu")
        return -1;
    return fields.at(8).toDouble() / double(sysconf(_SC_CLK_TCK));
}

double percentile(std::vector<double> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    return sorted[std::min(sorted.size() - 1, size_t(p * double(sorted.size())))];
}

} // namespace confab::bench
