// A nurse's save reaches the DPI on its own, shortly after, without anyone pressing "sync": the
// app's session and sync status against the stand-in DPI over real HTTP. That DPI's clock is ahead of
// the tablet's, and the nurse is told.
#include "backend/appoptions.h"
#include "services/appservices.h"
#include "standindpi.h"
#include "store/patientrepository.h"
#include "store/store.h"

#include <QDeadlineTimer>
#include <QTemporaryDir>
#include <QTest>

class TestSaveSync : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StandInDpi m_dpi;
    std::unique_ptr<AppServices> m_services;

    bool waitFor(const std::function<bool()> &condition, int ms)
    {
        QDeadlineTimer deadline(ms);
        while (!condition() && !deadline.hasExpired()) {
            m_services->autoLock().touch();
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        return condition();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The DPI's clock is 7 minutes ahead of the tablet's (sync-audit §23).
        QVERIFY2(m_dpi.start(m_dir.filePath(QStringLiteral("dpi.sqlite")),
                             {QStringLiteral("--clock-offset"), QStringLiteral("420")}),
                 qPrintable(m_dpi.problem()));
        chevet::app::AppOptions options;
        options.dataDir = m_dir.filePath(QStringLiteral("tablet"));
        options.dpi = m_dpi.baseUrl();
        options.units = {QStringLiteral("unit-test")};
        m_services = std::make_unique<AppServices>(options);
    }

    void cleanupTestCase()
    {
        m_services.reset();
        m_dpi.stop();
    }

    void aSaveIsSentWithoutAskingForIt()
    {
        SyncStatus *status = &m_services->sync();
        m_services->session().enrol(QStringLiteral("ide-martin"), QStringLiteral("246813"),
                                    QStringLiteral("246813"));
        QVERIFY(
            waitFor([this] { return m_services->session().phase() == SessionController::Unlocked; }, 20000));
        // Online once the DPI answers, then a first sync of the empty ward.
        QVERIFY(waitFor([status] { return status->state() == SyncStatus::UpToDate; }, 20000));

        bool saved = false;
        m_services->session().worker().write<chevet::Patient>(
            status,
            [](chevet::Store &store) {
                chevet::Patient p;
                p.family = QStringLiteral("Marchand");
                p.given = QStringLiteral("Louise");
                p.birthDate = QDate(1944, 5, 2);
                p.identifiers = {
                    {chevet::IdentifierKind::Ipp, store.establishment(), QStringLiteral("810001"), false}};
                return store.patients().add(p);
            },
            [&saved](chevet::Result<chevet::Patient> added) { saved = bool(added); });
        QVERIFY(waitFor([&saved] { return saved; }, 10000));
        QVERIFY(waitFor([status] { return status->pending() == 1; }, 5000)); // counted as not yet sent

        // No syncNow(): the save itself leads to a sync that delivers it.
        QVERIFY(waitFor(
            [status] { return status->pending() == 0 && status->state() == SyncStatus::UpToDate; }, 20000));
        QVERIFY(status->lastSync().isValid());
    }

    // sync-audit §23: the skew measured at each contact reaches the nurse (the banner and the sync page
    // read these): the tablet is 7 minutes behind the DPI.
    void aWrongClockIsShown()
    {
        SyncStatus *status = &m_services->sync();
        QVERIFY(waitFor([status] { return status->clockWrong(); }, 20000));
        QCOMPARE(status->clockSkewMinutes(), -7);
    }
};

QTEST_MAIN(TestSaveSync)
#include "tst_savesync.moc"
