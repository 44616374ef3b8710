#include "networkinformationreachability.h"

#include "core/logging.h"

#include <QNetworkInformation>

namespace chevet {

NetworkInformationReachability::NetworkInformationReachability(QObject *parent)
    : ReachabilitySource(parent)
{
    if (!QNetworkInformation::instance() && !QNetworkInformation::loadDefaultBackend() &&
        !QNetworkInformation::loadBackendByName(u"glib"))
        qCInfo(lcPlatform) << "no network information backend: connectivity from probes only";
    if (QNetworkInformation *info = QNetworkInformation::instance()) {
        qCInfo(lcPlatform) << "network information backend:" << info->backendName();
        connect(info, &QNetworkInformation::reachabilityChanged, this, &ReachabilitySource::linkChanged);
    }
}

ReachabilitySource::Link NetworkInformationReachability::link() const
{
    const QNetworkInformation *info = QNetworkInformation::instance();
    if (!info)
        return Link::Unknown;
    switch (info->reachability()) {
    case QNetworkInformation::Reachability::Disconnected:
        return Link::Down;
    // A hospital DPI is often on the site's own network: Local and Site count as up, the probe decides.
    case QNetworkInformation::Reachability::Local:
    case QNetworkInformation::Reachability::Site:
    case QNetworkInformation::Reachability::Online:
        return Link::Up;
    case QNetworkInformation::Reachability::Unknown:
        break;
    }
    return Link::Unknown;
}

QString NetworkInformationReachability::backendName() const
{
    const QNetworkInformation *info = QNetworkInformation::instance();
    return info ? info->backendName() : QString();
}

} // namespace chevet
