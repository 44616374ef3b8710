#include "guiapplicationstatesource.h"

#include <QGuiApplication>

namespace chevet {

GuiApplicationStateSource::GuiApplicationStateSource(QObject *parent)
    : ApplicationStateSource(parent)
{
    if (qGuiApp)
        connect(qGuiApp, &QGuiApplication::applicationStateChanged, this,
                &ApplicationStateSource::stateChanged);
}

Qt::ApplicationState GuiApplicationStateSource::state() const
{
    return qGuiApp ? QGuiApplication::applicationState() : Qt::ApplicationActive;
}

} // namespace chevet
