#include "appsettings.h"

#include <QDir>
#include <QFile>
#include <QSettings>

namespace {

const QString kNurse = QStringLiteral("unlock/lastNurse");
const QString kUnit = QStringLiteral("unlock/lastUnit");

} // namespace

AppSettings::AppSettings(const QString &dataDir)
    : m_path(QDir(dataDir).filePath(QStringLiteral("chevet.ini")))
{}

QString AppSettings::lastNurse() const
{
    return QSettings(m_path, QSettings::IniFormat).value(kNurse).toString();
}

QString AppSettings::lastUnit() const
{
    return QSettings(m_path, QSettings::IniFormat).value(kUnit).toString();
}

void AppSettings::remember(const QString &nurse, const QString &unit)
{
    {
        QSettings settings(m_path, QSettings::IniFormat);
        settings.setValue(kNurse, nurse);
        settings.setValue(kUnit, unit);
        settings.sync();
    }
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
}
