#pragma once

#include <QHash>
#include <QString>

// What the tablet remembers between launches for the nurse's convenience, in clear beside the store
// (`chevet.ini`, 0600): the last nurse and the last ward or round (the nurse's review, 1b: "the unlock
// screen does not remember the last nurse or unit"). Nothing clinical, nothing secret: the unlock screen
// lists every enrolled nurse anyway.
class AppSettings
{
public:
    explicit AppSettings(const QString &dataDir);

    QString lastNurse() const;
    QString lastUnit() const;
    void remember(const QString &nurse, const QString &unit);
    // Ward and round names from the DPI, for the unlock screen (before the store is open).
    QHash<QString, QString> unitNames() const;
    void rememberUnitNames(const QHash<QString, QString> &names);

private:
    QString m_path;
};
