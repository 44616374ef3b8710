#pragma once

#include <QJsonObject>
#include <QString>

namespace chevet::dpi {

struct CapabilityOptions
{
    bool history = true;
    QString softwareVersion;
    qint64 startedMs = 0;
};

// What this server can do, as clients read it before syncing. The bundle size cap is deliberately
// not advertised: real servers rarely do, and clients must learn it from the refusal.
QJsonObject capabilityStatement(const CapabilityOptions &options, const QString &base);

} // namespace chevet::dpi
