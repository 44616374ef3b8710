#pragma once

#include "appearance.h"
#include "autolock.h"
#include "screencover.h"
#include "sessioncontroller.h"
#include "signin.h"
#include "syncstatus.h"
#include "unitselection.h"

#include "backend/appoptions.h"
#include "backend/storeworker.h"
#include "lifecycle/applifecycle.h"

#include <memory>

namespace chevet {
class ConnectivityMonitor;
class DeviceSecretStore;
} // namespace chevet

// The app's composition root: every long-lived service, built once from the launch options, each
// handed what it depends on. mobile/main.cpp makes one; each test makes its own. QML reaches them
// as singletons registered by registerForQml() (Session, Units, AutoLock, ScreenCover, Appearance,
// SignIn, SyncStatus); the adaptors QML creates are handed `Session`.
class AppServices
{
public:
    // Without a lifecycle, the application's own state and the desktop screen lock are followed.
    explicit AppServices(const chevet::app::AppOptions &options,
                         std::unique_ptr<chevet::AppLifecycle> lifecycle = nullptr);
    // Locks first: the sync stops and the store closes while every service still listens.
    ~AppServices();
    AppServices(const AppServices &) = delete;
    AppServices &operator=(const AppServices &) = delete;

    // Before the first QML engine loads anything.
    void registerForQml();

    SessionController &session() { return *m_session; }
    UnitSelection &units() { return *m_units; }
    AutoLock &autoLock() { return *m_autoLock; }
    ScreenCover &screenCover() { return *m_screenCover; }
    Appearance &appearance() { return *m_appearance; }
    SignIn &signIn() { return *m_signIn; }
    SyncStatus &sync() { return *m_sync; }

private:
    std::unique_ptr<chevet::DeviceSecretStore> m_secrets;
    std::unique_ptr<chevet::AppLifecycle> m_lifecycle;
    chevet::app::StoreWorker m_worker;
    std::unique_ptr<SessionController> m_session;
    std::unique_ptr<UnitSelection> m_units;
    std::unique_ptr<AutoLock> m_autoLock;
    std::unique_ptr<ScreenCover> m_screenCover;
    std::unique_ptr<Appearance> m_appearance;
    std::unique_ptr<chevet::ConnectivityMonitor> m_connectivity;
    std::unique_ptr<SignIn> m_signIn;
    std::unique_ptr<SyncStatus> m_sync;
};
