// Runs under dbus-run-session: a private session bus on which the test plays the desktop.
#include "lifecycle/dbusscreenlocksource.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

using namespace chevet;

namespace {

bool sendActiveChanged(bool active)
{
    QDBusMessage signal = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/ScreenSaver"),
                                                     QStringLiteral("org.freedesktop.ScreenSaver"),
                                                     QStringLiteral("ActiveChanged"));
    signal << active;
    // A connection of its own, as the desktop's screen saver would be.
    QDBusConnection desktop =
        QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-desktop"));
    return desktop.send(signal);
}

} // namespace

class TestDBusScreenLockSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QDBusConnection::sessionBus().isConnected(),
                 "no session bus: run this test through CTest (dbus-run-session)");
    }

    void followsTheDesktopsScreenSaver()
    {
        DBusScreenLockSource lock;
        QSignalSpy changes(&lock, &ScreenLockSource::lockedChanged);
        QVERIFY(!lock.isLocked());
        QVERIFY(sendActiveChanged(true));
        QVERIFY(changes.wait(5000));
        QVERIFY(lock.isLocked());
        QVERIFY(sendActiveChanged(true)); // said again: no news
        QVERIFY(sendActiveChanged(false));
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 2, 5000);
        QVERIFY(!lock.isLocked());
        QCOMPARE(changes.at(1).at(0).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestDBusScreenLockSource)
#include "tst_dbusscreenlocksource.moc"
