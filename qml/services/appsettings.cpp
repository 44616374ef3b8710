#include "appsettings.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QUrl>

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

QHash<QString, QString> AppSettings::unitNames() const
{
    QSettings settings(m_path, QSettings::IniFormat);
    settings.beginGroup(QStringLiteral("unitNames"));
    QHash<QString, QString> names;
    for (const QString &key : settings.childKeys())
        names.insert(QUrl::fromPercentEncoding(key.toUtf8()), settings.value(key).toString());
    return names;
}

void AppSettings::rememberUnitNames(const QHash<QString, QString> &names)
{
    if (names.isEmpty() || names == unitNames())
        return;
    {
        QSettings settings(m_path, QSettings::IniFormat);
        settings.beginGroup(QStringLiteral("unitNames"));
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            settings.setValue(QString::fromLatin1(QUrl::toPercentEncoding(it.key())), it.value());
        settings.endGroup();
        settings.sync();
    }
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
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
