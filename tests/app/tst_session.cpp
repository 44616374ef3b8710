// The app's session on a real store: enrolment, unlock through the gate (wrong PINs counted, then a
// wait), the nurse list read from the key slots, auto-lock after inactivity, and a second nurse whose
// unsent work survives the switch.
#include "backend/appoptions.h"
#include "lifecycle/applifecycle.h"
#include "lifecycle/fakelifecyclesources.h"
#include "services/appservices.h"
#include "services/appsettings.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/store.h"

#include <QDeadlineTimer>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    // The app's state and the screen lock, as the OS would change them (owned by the session).
    chevet::FakeApplicationStateSource *m_appState = nullptr;
    chevet::FakeScreenLockSource *m_screenLock = nullptr;

    // Waits, touching the session like a nurse at work unless `idle` (auto-lock is 1 s here).
    std::unique_ptr<AppServices> m_services;

    bool waitFor(const std::function<bool()> &condition, int ms = 20000, bool idle = false)
    {
        QDeadlineTimer deadline(ms);
        while (!condition() && !deadline.hasExpired()) {
            if (!idle)
                m_services->autoLock().touch();
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        return condition();
    }
    // Adds a patient as the nurse at the tablet (queued for the DPI), through the store thread.
    bool addPatient(const QString &ipp)
    {
        bool done = false, ok = false;
        session()->worker().write<chevet::Patient>(
            session(),
            [ipp](chevet::Store &store) {
                chevet::Patient p;
                p.family = QStringLiteral("Test");
                p.given = ipp;
                p.birthDate = QDate(1950, 3, 14);
                p.identifiers = {{chevet::IdentifierKind::Ipp, store.establishment(), ipp, false}};
                return store.patients().add(p);
            },
            [&](chevet::Result<chevet::Patient> added) {
                ok = bool(added);
                if (!added)
                    qWarning() << "patient not added:" << added.error().toString();
                done = true;
            });
        return waitFor([&] { return done; }) && ok;
    }
    qint64 pending()
    {
        qint64 count = -1;
        session()->worker().run<qint64>(
            session(), [](chevet::Store &store) { return store.outbox().pendingCount(); },
            [&](chevet::Result<qint64> n) { count = n ? *n : -2; });
        waitFor([&] { return count != -1; });
        return count;
    }
    SessionController *session() const { return &m_services->session(); }

private Q_SLOTS:
    void initTestCase()
    {
        chevet::app::AppOptions options;
        options.dataDir = m_dir.path();
        options.autoLockSeconds = 1; // the app's minimum is 10 s; the test cannot wait two minutes
        options.units = {QStringLiteral("unit-cardio")};
        auto appState = std::make_unique<chevet::FakeApplicationStateSource>();
        auto screenLock = std::make_unique<chevet::FakeScreenLockSource>();
        m_appState = appState.get();
        m_screenLock = screenLock.get();
        m_services = std::make_unique<AppServices>(
            options, std::make_unique<chevet::AppLifecycle>(std::move(appState), std::move(screenLock)));
        QCOMPARE(session()->phase(), SessionController::Setup);
    }

    void enrolsTheFirstNurse()
    {
        session()->enrol(QStringLiteral("ide-martin"), QStringLiteral("246813"), QStringLiteral("246810"));
        QVERIFY(session()->error().contains(QStringLiteral("identiques")));
        // Security review F2: a PIN a thief tries first is refused, in French, and nothing is created.
        session()->enrol(QStringLiteral("ide-martin"), QStringLiteral("123456"), QStringLiteral("123456"));
        QVERIFY2(session()->error().contains(QStringLiteral("suite")), qPrintable(session()->error()));
        session()->enrol(QStringLiteral("ide-martin"), QStringLiteral("2468"), QStringLiteral("2468"));
        QVERIFY2(session()->error().contains(QStringLiteral("au moins 6 chiffres")),
                 qPrintable(session()->error()));
        QCOMPARE(session()->phase(), SessionController::Setup);
        session()->enrol(QStringLiteral("ide-martin"), QStringLiteral("246813"), QStringLiteral("246813"));
        QVERIFY(waitFor([this] { return session()->phase() == SessionController::Unlocked; }));
        QCOMPARE(session()->nurse(), QStringLiteral("ide-martin"));
        QVERIFY(waitFor([this] { return session()->nurses() == QStringList{QStringLiteral("ide-martin")}; }));
    }

    void switchingNurseKeepsUnsentWork()
    {
        QVERIFY(addPatient(QStringLiteral("700001")));
        QCOMPARE(pending(), 1);
        QSignalSpy added(session(), &SessionController::nurseAdded);
        session()->addNurse(QStringLiteral("ide-bernard"), QStringLiteral("135702"),
                            QStringLiteral("135702"));
        QVERIFY(waitFor([&] { return added.count() == 1; }));
        session()->lock();
        QCOMPARE(session()->phase(), SessionController::Locked);
        QVERIFY(waitFor([this] { return session()->nurses().size() == 2; }));
        session()->unlock(QStringLiteral("ide-bernard"), QStringLiteral("135702"));
        QVERIFY2(waitFor([this] { return session()->phase() == SessionController::Unlocked; }),
                 qPrintable(session()->error()));
        QCOMPARE(session()->nurse(), QStringLiteral("ide-bernard"));
        // The nurse's review 1b: the next launch offers the last nurse and ward first; the file says
        // nothing clinical and is the owner's only.
        const AppSettings settings(m_dir.path());
        QCOMPARE(settings.lastNurse(), QStringLiteral("ide-bernard"));
        QCOMPARE(settings.lastUnit(), QStringLiteral("unit-cardio"));
        QCOMPARE(session()->lastNurse(), QStringLiteral("ide-bernard"));
        QCOMPARE(QFile::permissions(m_dir.filePath(QStringLiteral("chevet.ini"))) & 0x0077,
                 QFileDevice::Permissions());
        QVERIFY(addPatient(QStringLiteral("700002")));
        QCOMPARE(pending(), 2); // the first nurse's unsent record is still there, and hers
    }

    // The nurse's review 7a: the lock is announced first (a countdown), then comes.
    void locksAfterInactivity()
    {
        QVERIFY(session()->phase() == SessionController::Unlocked);
        QCOMPARE(m_services->autoLock().secondsLeft(), -1);
        bool warnedWhileUnlocked = false;
        QMetaObject::Connection watch =
            connect(&m_services->autoLock(), &AutoLock::secondsLeftChanged, this, [&]() {
                warnedWhileUnlocked =
                    warnedWhileUnlocked || (m_services->autoLock().secondsLeft() > 0 &&
                                            session()->phase() == SessionController::Unlocked);
            });
        QVERIFY(waitFor([this] { return session()->phase() == SessionController::Locked; }, 5000, true));
        disconnect(watch);
        QVERIFY(warnedWhileUnlocked);
        QCOMPARE(m_services->autoLock().secondsLeft(), -1);
        QVERIFY(!session()->worker().isOpen()); // the keys went with the lock
    }

    // Security review F9: the cover is up in the same event that tells the app it left the foreground
    // (before the OS takes its snapshot), the session locks, and the cover goes when the app is back.
    void leavingTheForegroundCoversTheScreenAtOnceThenLocks()
    {
        session()->unlock(QStringLiteral("ide-martin"), QStringLiteral("246813"));
        QVERIFY2(waitFor([this] { return session()->phase() == SessionController::Unlocked; }),
                 qPrintable(session()->error()));
        QVERIFY(!m_services->screenCover().covered());
        QSignalSpy covered(&m_services->screenCover(), &ScreenCover::coveredChanged);

        m_appState->setState(Qt::ApplicationInactive);
        QVERIFY(m_services->screenCover().covered()); // no event loop turn in between
        QCOMPARE(covered.count(), 1);
        QVERIFY(waitFor([this] { return session()->phase() == SessionController::Locked; }, 5000, true));
        m_appState->setState(Qt::ApplicationActive);
        QVERIFY(!m_services->screenCover().covered());

        // The desktop's screen lock covers it the same way.
        m_screenLock->setLocked(true);
        QVERIFY(m_services->screenCover().covered());
        m_screenLock->setLocked(false);
        QVERIFY(!m_services->screenCover().covered());
        QCOMPARE(session()->phase(), SessionController::Locked);
    }

    void wrongPinsAreCountedThenMakeHerWait()
    {
        for (int i = 0; i < 3; ++i) {
            session()->unlock(QStringLiteral("ide-martin"), QStringLiteral("0000"));
            QVERIFY(waitFor([this] { return !session()->busy(); }));
            QCOMPARE(session()->phase(), SessionController::Locked);
            QVERIFY2(session()->error().contains(QStringLiteral("incorrect")),
                     qPrintable(session()->error()));
        }
        // Past the free attempts, even the right PIN waits: the guard decides before the PIN is tried.
        session()->unlock(QStringLiteral("ide-martin"), QStringLiteral("246813"));
        QVERIFY(waitFor([this] { return !session()->busy(); }));
        QCOMPARE(session()->phase(), SessionController::Locked);
        QVERIFY2(session()->error().contains(QStringLiteral("patientez")), qPrintable(session()->error()));
    }
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
