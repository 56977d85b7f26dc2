// Keeps the log from amplifying an attack: each kind of refusal gets a few lines per interval, the rest are counted
// and summarised once when the interval ends ("and 12,345 more like it"). One hostile peer sending junk costs the
// disk a handful of lines, not one per frame.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QObject>
#include <QString>
#include <QTimer>

namespace confab::server {

class LogBudget : public QObject
{
    Q_OBJECT

public:
    explicit LogBudget(const QLoggingCategory &category, int linesPerInterval = 5, int intervalMs = 10'000,
                       QObject *parent = nullptr);

    // Writes line() as a warning unless `kind` has had its lines this interval; then only counts it. line is
    // called only when it is written, so a refusal that is not logged costs no formatting.
    template <class Line>
    void warn(const QString &kind, Line &&line)
    {
        if (admit(kind))
            qCWarning(m_category).noquote() << line();
    }

    // At most `max` characters of something a peer sent, with its real length when it was longer.
    static QString excerpt(const QString &text, int max = 64);

    qint64 suppressedTotal() const { return m_suppressedTotal; }

private:
    struct Kind
    {
        qint64 windowStartMs = 0;
        int lines = 0;
        qint64 suppressed = 0;
    };
    bool admit(const QString &kind);
    void summarise();

    const QLoggingCategory &m_category;
    int m_linesPerInterval;
    int m_intervalMs;
    QElapsedTimer m_clock;
    QHash<QString, Kind> m_kinds; // a few fixed kinds, never keyed by anything a peer chooses
    QTimer m_summary;
    qint64 m_suppressedTotal = 0;
};

} // namespace confab::server
