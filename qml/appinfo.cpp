#include "appinfo.h"

#include "store/migrations.h"

#include <QCoreApplication>

QString AppInfo::version() const
{
    return QCoreApplication::applicationVersion();
}

int AppInfo::schemaVersion() const
{
    return chevet::currentSchemaVersion();
}
