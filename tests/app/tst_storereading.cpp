// The adaptors that show store data (StoreReading), over a real training store on its own thread, as
// built by the composition root: nothing here reaches a process-wide instance.
#include "backend/appoptions.h"
#include "backend/wardqueries.h"
#include "lifecycle/applifecycle.h"
#include "lifecycle/fakelifecyclesources.h"
#include "patientchart.h"
#include "services/appservices.h"
#include "store/patientrepository.h"
#include "store/store.h"
#include "worklistmodel.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace chevet;

class TestStoreReading : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<AppServices> m_services;
    QHash<QString, QString> m_names; // patient id -> the name the chart shows

    static bool waitFor(const std::function<bool()> &condition, int ms = 20000)
    {
        QDeadlineTimer deadline(ms);
        while (!condition() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        return condition();
    }

private Q_SLOTS:
    void initTestCase()
    {
        app::AppOptions options;
        options.dataDir = m_dir.path();
        options.units = {QStringLiteral("unit-cardio")};
        m_services = std::make_unique<AppServices>(
            options, std::make_unique<AppLifecycle>(std::make_unique<FakeApplicationStateSource>(),
                                                    std::make_unique<FakeScreenLockSource>()));
        m_services->session().startTraining();
        QVERIFY(waitFor([this] { return m_services->session().unlocked(); }));
        bool done = false;
        m_services->session().worker().run<QList<Patient>>(
            this, [](Store &store) { return store.patients().all(); },
            [&](Result<QList<Patient>> patients) {
                for (const Patient &p : patients ? *patients : QList<Patient>())
                    m_names.insert(p.id.toString(QUuid::WithoutBraces), app::displayName(p));
                done = true;
            });
        QVERIFY(waitFor([&] { return done; }));
        QVERIFY(m_names.size() >= 2);
    }

    void cleanupTestCase() { m_services.reset(); }

    // A chart asked for one patient, then at once for another: the first read lands after the second
    // was asked for. It must never show the first patient under the second one's id, even for one
    // signal (the chart showed it until the second read landed).
    void aChartNeverShowsThePreviousPatientUnderTheNewId()
    {
        const QStringList ids = m_names.keys();
        PatientChart chart;
        chart.setSession(&m_services->session());
        int shownWrong = 0, shownRight = 0;
        connect(&chart, &PatientChart::changed, this, [&]() {
            if (!chart.loaded())
                return;
            const QString shown = chart.identity().value(QStringLiteral("name")).toString();
            (shown == m_names.value(chart.patientId()) ? shownRight : shownWrong)++;
        });
        for (int round = 0; round < 5; ++round) {
            chart.setPatientId(ids.at(0));
            chart.setPatientId(ids.at(1));
            QVERIFY(waitFor([&] { return chart.loaded(); }));
            QTRY_COMPARE_WITH_TIMEOUT(chart.identity().value(QStringLiteral("name")).toString(),
                                      m_names.value(ids.at(1)), 5000);
            chart.setPatientId(QString());
        }
        QCOMPARE(shownWrong, 0);
        QVERIFY(shownRight >= 5);
    }

    // Many changes while a read is under way make one more read, not one each.
    void changesDuringAReadMakeOneMoreRead()
    {
        WorklistModel worklist;
        worklist.setUnit(QStringLiteral("formation"));
        QSignalSpy loaded(&worklist, &WorklistModel::loadedChanged);
        worklist.setSession(&m_services->session());
        for (int i = 0; i < 10; ++i)
            Q_EMIT m_services->session().dataChanged();
        QVERIFY(waitFor([&] { return loaded.count() >= 2; }));
        QTest::qWait(300);
        QCOMPARE(loaded.count(), 2);
        QVERIFY(worklist.loaded());
        QVERIFY(worklist.error().isEmpty());
        QCOMPARE(worklist.rowCount(), m_names.size());
    }

    // Another ward chosen: the previous ward's patients go at once, before the new read lands, so none
    // is shown (or found by a wristband) under the new ward's name (a review of the change).
    void anotherWardShowsNoneOfThePreviousOne()
    {
        WorklistModel worklist;
        worklist.setSession(&m_services->session());
        worklist.setUnit(QStringLiteral("formation"));
        QVERIFY(waitFor([&] { return worklist.loaded() && worklist.rowCount() > 0; }));
        const QString firstIpp = worklist.data(worklist.index(0), WorklistModel::IppRole).toString();
        QVERIFY(worklist.rowForCode(firstIpp) >= 0);
        worklist.setUnit(QStringLiteral("unit-cardio"));
        QCOMPARE(worklist.rowCount(), 0);
        QVERIFY(!worklist.loaded());
        QCOMPARE(worklist.rowForCode(firstIpp), -1);
        QVERIFY(waitFor([&] { return worklist.loaded(); }));
        QCOMPARE(worklist.rowCount(), 0); // no stay of the training ward is in that ward
    }

    // Locked, an adaptor reads nothing and keeps nothing it could show.
    void aLockedSessionIsNotRead()
    {
        m_services->session().lock();
        WorklistModel worklist;
        worklist.setUnit(QStringLiteral("formation"));
        worklist.setSession(&m_services->session());
        QTest::qWait(200);
        QVERIFY(!worklist.loaded());
        QCOMPARE(worklist.rowCount(), 0);
    }
};

QTEST_MAIN(TestStoreReading)
#include "tst_storereading.moc"
