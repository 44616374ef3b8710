#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

// Facts about the build that every page may show (version, schema).
class AppInfo : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(int schemaVersion READ schemaVersion CONSTANT)

public:
    using QObject::QObject;
    QString version() const;
    int schemaVersion() const;
};
