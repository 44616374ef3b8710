// A nurse's save reaches the DPI on its own, shortly after, without anyone pressing "sync": the
// app's session and sync status against the stand-in DPI over real HTTP. That DPI's clock is ahead of
// the tablet's, and the nurse is told.
#include "backend/appoptions.h"
#include "session.h"
#include "store/patientrepository.h"
#include "store/store.h"
#include "syncstatus.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestSaveSync : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_dpi;

    static bool waitFor(const std::function<bool()> &condition, int ms)
    {
        QDeadlineTimer deadline(ms);
        while (!condition() && !deadline.hasExpired()) {
            Session::instance()->touch();
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        }
        return condition();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dpi.start(QStringLiteral(CHEVET_DPI_PATH),
                    {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"),
                     m_dir.filePath(QStringLiteral("dpi.sqlite")), QStringLiteral("--quiet"),
                     // The DPI's clock is 7 minutes ahead of the tablet's (sync-audit §23).
                     QStringLiteral("--clock-offset"), QStringLiteral("420")});
        QVERIFY(m_dpi.waitForStarted(10000));
        QByteArray line;
        while (!line.contains("listening on") && m_dpi.waitForReadyRead(10000))
            line += m_dpi.readAll();
        const qsizetype at = line.indexOf("http://");
        QVERIFY2(at >= 0, line.constData());
        chevet::app::AppOptions options;
        options.dataDir = m_dir.filePath(QStringLiteral("tablet"));
        options.dpi = QUrl(QString::fromLatin1(line.mid(at).split('\n').first().trimmed()));
        options.units = {QStringLiteral("unit-test")};
        Session::configure(options);
    }

    void cleanupTestCase()
    {
        Session::release();
        m_dpi.terminate();
        m_dpi.waitForFinished(5000);
    }

    void aSaveIsSentWithoutAskingForIt()
    {
        SyncStatus *status = SyncStatus::create(nullptr, nullptr);
        Session::instance()->enrol(QStringLiteral("ide-martin"), QStringLiteral("246813"),
                                   QStringLiteral("246813"));
        QVERIFY(waitFor([] { return Session::instance()->phase() == Session::Unlocked; }, 20000));
        // Online once the DPI answers, then a first sync of the empty ward.
        QVERIFY(waitFor([status] { return status->state() == SyncStatus::UpToDate; }, 20000));

        bool saved = false;
        Session::instance()->worker().write<chevet::Patient>(
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
        SyncStatus *status = SyncStatus::create(nullptr, nullptr);
        QVERIFY(waitFor([status] { return status->clockWrong(); }, 20000));
        QCOMPARE(status->clockSkewMinutes(), -7);
    }
};

QTEST_MAIN(TestSaveSync)
#include "tst_savesync.moc"
