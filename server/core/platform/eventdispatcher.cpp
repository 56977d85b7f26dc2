#include "platform/eventdispatcher.h"

#include "platform/epolleventdispatcher.h"

#include <QCoreApplication>

namespace confab::server {

void installScalableEventDispatcher()
{
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
#ifdef Q_OS_LINUX
    if (qEnvironmentVariable("CONFAB_EVENT_DISPATCHER") != QLatin1String("qt"))
        QCoreApplication::setEventDispatcher(new EpollEventDispatcher); // the main thread owns it from here
#endif
}

} // namespace confab::server
