#include "lifecycle/applifecycle.h"
#include "lifecycle/fakelifecyclesources.h"

#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

using namespace chevet;

namespace {

struct Rig
{
    FakeApplicationStateSource *state = new FakeApplicationStateSource;
    FakeScreenLockSource *lock = new FakeScreenLockSource;
    AppLifecycle lifecycle{std::unique_ptr<ApplicationStateSource>(state),
                           std::unique_ptr<ScreenLockSource>(lock)};
    QSignalSpy suspending{&lifecycle, &AppLifecycle::suspending};
    QSignalSpy resumed{&lifecycle, &AppLifecycle::resumed};
};

} // namespace

class TestAppLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void leavingTheForegroundSuspendsOnce_data()
    {
        QTest::addColumn<QList<int>>("states");
        QTest::addColumn<int>("suspending");
        QTest::addColumn<int>("resumed");
        QTest::addColumn<bool>("active");
        const int active = Qt::ApplicationActive, inactive = Qt::ApplicationInactive,
                  hidden = Qt::ApplicationHidden, suspended = Qt::ApplicationSuspended;
        QTest::newRow("Android to background") << QList<int>{inactive, hidden, suspended} << 1 << 0 << false;
        QTest::newRow("and back") << QList<int>{inactive, hidden, suspended, active} << 1 << 1 << true;
        QTest::newRow("desktop focus lost") << QList<int>{inactive} << 1 << 0 << false;
        QTest::newRow("twice") << QList<int>{hidden, active, suspended, active} << 2 << 2 << true;
        QTest::newRow("active again is no news") << QList<int>{active, active} << 0 << 0 << true;
    }
    void leavingTheForegroundSuspendsOnce()
    {
        QFETCH(QList<int>, states);
        Rig rig;
        for (int s : states)
            rig.state->setState(Qt::ApplicationState(s));
        QTEST(int(rig.suspending.size()), "suspending");
        QTEST(int(rig.resumed.size()), "resumed");
        QTEST(rig.lifecycle.isActive(), "active");
    }

    void theScreenLockSuspendsToo()
    {
        Rig rig;
        rig.lock->setLocked(true);
        QCOMPARE(rig.suspending.size(), 1);
        QVERIFY(!rig.lifecycle.isActive());
        // Hidden behind the lock screen: still one suspension.
        rig.state->setState(Qt::ApplicationHidden);
        QCOMPARE(rig.suspending.size(), 1);
        // Unlocked but the app is still in the background: not resumed yet.
        rig.lock->setLocked(false);
        QCOMPARE(rig.resumed.size(), 0);
        rig.state->setState(Qt::ApplicationActive);
        QCOMPARE(rig.resumed.size(), 1);
        QVERIFY(rig.lifecycle.isActive());
    }

    void inactiveNeedNotSuspend()
    {
        Rig rig;
        rig.lifecycle.setInactiveSuspends(false);
        rig.state->setState(Qt::ApplicationInactive);
        QCOMPARE(rig.suspending.size(), 0);
        rig.state->setState(Qt::ApplicationHidden);
        QCOMPARE(rig.suspending.size(), 1);
    }

    void startingInTheBackgroundSaysNothingUntilItChanges()
    {
        auto *state = new FakeApplicationStateSource;
        state->setState(Qt::ApplicationHidden);
        AppLifecycle lifecycle(std::unique_ptr<ApplicationStateSource>(state), nullptr);
        QSignalSpy resumed(&lifecycle, &AppLifecycle::resumed);
        QVERIFY(!lifecycle.isActive());
        state->setState(Qt::ApplicationActive);
        QCOMPARE(resumed.size(), 1);
    }

    void theRealSourcesFollowTheGuiApplication()
    {
        // The default sources: QGuiApplication's state (and the screen lock where a bus offers it).
        AppLifecycle lifecycle;
        QCOMPARE(lifecycle.isActive(), QGuiApplication::applicationState() == Qt::ApplicationActive);
    }
};

QTEST_MAIN(TestAppLifecycle)
#include "tst_applifecycle.moc"
