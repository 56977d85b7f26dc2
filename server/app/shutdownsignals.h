// Turns SIGTERM and SIGINT into a Qt signal on the main thread (the self-pipe trick), so shutdown runs as
// ordinary event-loop code: stop accepting, finish in-flight writes, close the store.
#pragma once

#include <QObject>

class QSocketNotifier;

class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

signals:
    void requested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};
