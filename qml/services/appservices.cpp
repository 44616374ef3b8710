#include "appservices.h"

#include "connectivity/connectivitymonitor.h"
#include "keystore/devicesecretstorefactory.h"
#include "lifecycle/applifecycle.h"

#include <QDir>
#include <QFile>
#include <QQmlEngine>

using namespace chevet;
using namespace chevet::app;

namespace {

constexpr const char *kModule = "Chevet.App";

std::unique_ptr<DeviceSecretStore> secretsIn(const QString &dataDir)
{
    // The owner's only (security review F18): the store inside is 0600 too.
    if (!QDir(dataDir).exists() && QDir().mkpath(dataDir))
        QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return makeDeviceSecretStore(dataDir);
}

} // namespace

AppServices::AppServices(const AppOptions &options, std::unique_ptr<AppLifecycle> lifecycle)
    : m_secrets(secretsIn(options.dataDir))
    , m_lifecycle(lifecycle ? std::move(lifecycle) : std::make_unique<AppLifecycle>())
{
    m_session = std::make_unique<SessionController>(options, m_worker, *m_secrets);
    m_units = std::make_unique<UnitSelection>(*m_session);
    m_autoLock = std::make_unique<AutoLock>(*m_session, options.autoLockSeconds);
    m_screenCover = std::make_unique<ScreenCover>(*m_session, *m_lifecycle);
    m_appearance = std::make_unique<Appearance>(options.dark, options.windowSize);
    // Online means the DPI answers, not only that Wi-Fi is up; reconnecting wakes the sync engine.
    if (m_session->connectedToDpi()) {
        m_connectivity = std::make_unique<ConnectivityMonitor>();
        m_connectivity->setProbe(options.dpi);
    }
    m_signIn = std::make_unique<SignIn>(*m_session);
    m_sync = std::make_unique<SyncStatus>(*m_session, *m_units, *m_signIn, m_connectivity.get());
}

AppServices::~AppServices()
{
    m_session->lock();
}

void AppServices::registerForQml()
{
    qmlRegisterSingletonInstance(kModule, 1, 0, "Session", m_session.get());
    qmlRegisterSingletonInstance(kModule, 1, 0, "Units", m_units.get());
    qmlRegisterSingletonInstance(kModule, 1, 0, "AutoLock", m_autoLock.get());
    qmlRegisterSingletonInstance(kModule, 1, 0, "ScreenCover", m_screenCover.get());
    qmlRegisterSingletonInstance(kModule, 1, 0, "Appearance", m_appearance.get());
    qmlRegisterSingletonInstance(kModule, 1, 0, "SignIn", m_signIn.get());
    qmlRegisterSingletonInstance(kModule, 1, 0, "SyncStatus", m_sync.get());
}
