#pragma once

#include "reachabilitysource.h"

namespace chevet {

// The OS's view through QNetworkInformation: the platform's default backend, else the GLib one (when
// NetworkManager is absent). With neither, the link stays Unknown and the monitor relies on probes.
class NetworkInformationReachability final : public ReachabilitySource
{
    Q_OBJECT

public:
    explicit NetworkInformationReachability(QObject *parent = nullptr);
    Link link() const override;
    // The backend in use, empty when none loaded.
    QString backendName() const;
};

} // namespace chevet
