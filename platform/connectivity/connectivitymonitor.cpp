#include "connectivitymonitor.h"

#include "core/logging.h"
#include "networkinformationreachability.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace chevet {

namespace {

// A DPI on this machine (development, demos) is reachable whatever the OS says about the network.
bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

} // namespace

ConnectivityMonitor::ConnectivityMonitor(QObject *parent)
    : ConnectivityMonitor(std::make_unique<NetworkInformationReachability>(), parent)
{}

ConnectivityMonitor::ConnectivityMonitor(std::unique_ptr<ReachabilitySource> source, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
    , m_network(new QNetworkAccessManager(this))
    , m_backoff(m_timing.retryMin.count(), m_timing.retryMax.count())
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectivityMonitor::probeNow);
    connect(m_source.get(), &ReachabilitySource::linkChanged, this, &ConnectivityMonitor::onLinkChanged);
    // Offline until known. The first check waits for the event loop so that a setProbe() right after
    // construction decides it, not the bare link.
    QMetaObject::invokeMethod(this, &ConnectivityMonitor::probeNow, Qt::QueuedConnection);
}

ConnectivityMonitor::~ConnectivityMonitor()
{
    cancelProbe();
}

void ConnectivityMonitor::cancelProbe()
{
    if (!m_probe)
        return;
    // Its answer no longer matters (new URL, new link): drop it without deciding anything from it.
    disconnect(m_probe, nullptr, this, nullptr);
    m_probe->abort();
    m_probe->deleteLater();
    m_probe = nullptr;
}

void ConnectivityMonitor::setTiming(const Timing &timing)
{
    m_timing = timing;
    m_backoff = Backoff(timing.retryMin.count(), timing.retryMax.count());
}

void ConnectivityMonitor::setSslConfiguration(const QSslConfiguration &tls)
{
    m_tls = tls;
}

void ConnectivityMonitor::setProbe(const QUrl &dpiBase)
{
    cancelProbe();
    m_timer.stop();
    m_backoff.reset();
    m_probeUrl = QUrl();
    if (!dpiBase.isEmpty()) {
        m_probeUrl = dpiBase;
        QString path = dpiBase.path();
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        m_probeUrl.setPath(path + QStringLiteral("/metadata"));
    }
    probeNow();
}

void ConnectivityMonitor::probeNow()
{
    if (m_probe)
        return;
    m_timer.stop();
    const ReachabilitySource::Link link = m_source->link();
    if (m_probeUrl.isEmpty()) {
        setOnline(link != ReachabilitySource::Link::Down);
        return;
    }
    if (link == ReachabilitySource::Link::Down && !isLoopback(m_probeUrl)) {
        // No request on a link the OS calls down; the link coming back triggers the next probe.
        setOnline(false);
        scheduleNext();
        return;
    }
    QNetworkRequest request(m_probeUrl);
    request.setTransferTimeout(int(m_timing.probeTimeout.count()));
    if (m_probeUrl.scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_tls);
    // Always a fresh answer from the server, never from a cache or a kept-alive dead connection.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Connection", "close");
    m_probe = m_network->head(request);
    connect(m_probe, &QNetworkReply::finished, this, &ConnectivityMonitor::onProbeFinished);
}

void ConnectivityMonitor::onProbeFinished()
{
    QNetworkReply *reply = m_probe;
    m_probe = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    // Any HTTP answer below 500 (even 401 or 405) shows the DPI is there; 5xx is a proxy or a DPI that
    // cannot serve, which sync could not use either.
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const bool reached = status.isValid() && status.toInt() < 500;
    if (!reached)
        qCDebug(lcPlatform) << "DPI probe failed:" << reply->error() << status.toInt();
    setOnline(reached);
    scheduleNext();
}

void ConnectivityMonitor::onLinkChanged()
{
    qCInfo(lcPlatform) << "link changed:" << int(m_source->link());
    m_backoff.reset();
    cancelProbe(); // its answer would describe the old link
    probeNow();
}

void ConnectivityMonitor::scheduleNext()
{
    if (m_online) {
        m_backoff.reset();
        m_timer.start(m_timing.recheckOnline);
    } else {
        m_timer.start(std::chrono::milliseconds(m_backoff.nextDelayMs()));
    }
}

void ConnectivityMonitor::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    qCInfo(lcPlatform) << (online ? "DPI reachable: online" : "DPI unreachable: offline");
    Q_EMIT onlineChanged(online);
}

} // namespace chevet
