#pragma once

#include "reachabilitysource.h"
#include "sync/backoff.h"

#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace chevet {

// Says whether the DPI can be reached now. With a probe set, "online" means the last probe of
// <dpiBase>/metadata got an HTTP answer below 500 within the timeout; the OS link state only triggers
// probes (and short-cuts a link that is down). While offline it re-probes with capped backoff and
// jitter (5 s to 60 s by default); while online it re-checks now and then, so a DPI that vanishes
// behind a working Wi-Fi is noticed. Without a probe it follows the link (Unknown counts as online).
//
// The app wakes the sync engine with:
//     QObject::connect(&monitor, &ConnectivityMonitor::onlineChanged, &engine, &SyncEngine::setOnline);
// or connectSyncEngine() in syncconnectivity.h, which also hands over the current state.
class ConnectivityMonitor : public QObject
{
    Q_OBJECT

public:
    struct Timing
    {
        std::chrono::milliseconds probeTimeout{4000};
        std::chrono::milliseconds retryMin{5000};
        std::chrono::milliseconds retryMax{60000};
        std::chrono::milliseconds recheckOnline{120000};
    };

    // Uses the OS's reachability (QNetworkInformation).
    explicit ConnectivityMonitor(QObject *parent = nullptr);
    // Uses the given reachability source (a fake in tests).
    explicit ConnectivityMonitor(std::unique_ptr<ReachabilitySource> source, QObject *parent = nullptr);
    ~ConnectivityMonitor() override;

    bool online() const { return m_online; }
    void setTiming(const Timing &timing);
    // Probes <dpiBase>/metadata from now on; an empty URL turns probing off.
    void setProbe(const QUrl &dpiBase);
    QUrl probeUrl() const { return m_probeUrl; }
    // TLS for the probe: a DPI signed by the hospital's own CA needs that CA here too (the same extra
    // CAs as NetworkOptions), or it would never read as reachable. Pins are left to the transport: a
    // probe fooled into "online" only starts a sync that then refuses the connection.
    void setSslConfiguration(const QSslConfiguration &tls);

public Q_SLOTS:
    // Probes at once (say, after a sync failed on the network); does nothing while a probe runs.
    void probeNow();

Q_SIGNALS:
    void onlineChanged(bool online);

private:
    void cancelProbe();
    void onLinkChanged();
    void onProbeFinished();
    void scheduleNext();
    void setOnline(bool online);

    std::unique_ptr<ReachabilitySource> m_source;
    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_probe;
    QUrl m_probeUrl;
    Timing m_timing;
    QSslConfiguration m_tls = QSslConfiguration::defaultConfiguration();
    Backoff m_backoff;
    QTimer m_timer;
    bool m_online = false;
};

} // namespace chevet
