#include "net/logbudget.h"

namespace confab::server {

LogBudget::LogBudget(const QLoggingCategory &category, int linesPerInterval, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_category(category)
    , m_linesPerInterval(linesPerInterval)
    , m_intervalMs(intervalMs)
{
    m_clock.start();
    m_summary.setSingleShot(true);
    connect(&m_summary, &QTimer::timeout, this, &LogBudget::summarise);
}

bool LogBudget::admit(const QString &kind)
{
    const qint64 now = m_clock.elapsed();
    Kind &k = m_kinds[kind];
    if (now - k.windowStartMs >= m_intervalMs && k.suppressed == 0) {
        k.windowStartMs = now;
        k.lines = 0;
    }
    if (k.lines < m_linesPerInterval) {
        ++k.lines;
        return true;
    }
    ++k.suppressed;
    ++m_suppressedTotal;
    if (!m_summary.isActive())
        m_summary.start(int(qMax<qint64>(1, k.windowStartMs + m_intervalMs - now)));
    return false;
}

void LogBudget::summarise()
{
    const qint64 now = m_clock.elapsed();
    qint64 nextDue = -1;
    for (auto it = m_kinds.begin(); it != m_kinds.end(); ++it) {
        Kind &k = it.value();
        if (k.suppressed == 0)
            continue;
        const qint64 due = k.windowStartMs + m_intervalMs;
        if (due > now) {
            nextDue = nextDue < 0 ? due : qMin(nextDue, due);
            continue;
        }
        qCWarning(m_category).noquote() << QStringLiteral("%1: %2 more in the last %3 s, not logged one by one")
                                               .arg(it.key())
                                               .arg(k.suppressed)
                                               .arg((now - k.windowStartMs) / 1000);
        k.suppressed = 0;
        k.windowStartMs = now; // the next interval starts with the summary
        k.lines = 0;
    }
    if (nextDue >= 0)
        m_summary.start(int(qMax<qint64>(1, nextDue - now)));
}

QString LogBudget::excerpt(const QString &text, int max)
{
    if (text.size() <= max)
        return text;
    return QStringLiteral("%1… (%2 characters)").arg(text.left(max)).arg(text.size());
}

} // namespace confab::server
