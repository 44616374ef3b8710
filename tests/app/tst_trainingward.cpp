#include "backend/trainingward.h"
#include "backend/unsentrecords.h"
#include "backend/wardqueries.h"
#include "store/alertlog.h"
#include "store/conflictqueue.h"
#include "store/outbox.h"
#include "storefixture.h"
#include "sync/conflictresolver.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace chevet;
using namespace chevet::app;
using namespace chevet::test;

// The training ward is what the self-test, the screenshots and the trainees see: it must hold a
// realistic round (due doses, unsent work only where the trainee acted, one alert, one conflict that
// shows all three sides).
class TestTrainingWard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    const qint64 m_now = QDateTime(QDate(2026, 11, 22), QTime(10, 20)).toMSecsSinceEpoch();

private Q_SLOTS:
    void initTestCase()
    {
        quietStoreInfoLogs();
        StoreOptions o;
        o.path = m_dir.filePath(QStringLiteral("formation.db"));
        o.pin = kTestPin;
        o.deviceSecret = kTestDeviceSecret;
        o.author = QStringLiteral("ide-formation");
        o.establishment = QString::fromLatin1(kTrainingEstablishment);
        o.kdf = kTestKdf;
        Result<std::unique_ptr<Store>> store = Store::create(o);
        CHEVET_VERIFY_OK(store);
        m_store = std::move(*store);
        CHEVET_VERIFY_OK(seedTrainingWard(*m_store, m_now));
    }

    void worklistHasTheWholeRoundInRoomOrder()
    {
        Result<QList<WorklistRow>> rows = loadWorklist(*m_store, QString::fromLatin1(kTrainingUnit), m_now);
        CHEVET_VERIFY_OK(rows);
        QCOMPARE(rows->size(), 12);
        QCOMPARE(rows->first().encounter.room, QStringLiteral("101"));
        int withNews2 = 0, due = 0, unsent = 0, conflicts = 0, alerts = 0, high = 0;
        for (const WorklistRow &r : *rows) {
            withNews2 += r.news2 ? 1 : 0;
            due += r.dueDoses;
            unsent += r.undelivered ? 1 : 0;
            conflicts += r.conflict ? 1 : 0;
            alerts += r.alert ? 1 : 0;
            high += r.news2 && r.news2->total >= 5 ? 1 : 0;
        }
        QCOMPARE(withNews2, 12);
        QVERIFY(due >= 12); // every patient has a dose at the current hour
        QCOMPARE(conflicts, 1);
        QCOMPARE(alerts, 1);
        QCOMPARE(unsent, 2); // the history counts as delivered; only the practice cases are not
        QVERIFY(high >= 1);  // someone on the ward is unwell
    }

    // The nurse's review (ux 4f, §c "what is late") and issue "the app" item 3: a dose never given, a task
    // past its time and vitals past the NEWS2 frequency stay on the worklist, with how late.
    void worklistKeepsLateCareInView()
    {
        Result<QList<WorklistRow>> rows = loadWorklist(*m_store, QString::fromLatin1(kTrainingUnit), m_now);
        CHEVET_VERIFY_OK(rows);
        const qint64 hourStart = m_now - m_now % (60 * 60 * 1000);
        int lateDoses = 0, lateTasks = 0, withVitalsDue = 0;
        for (const WorklistRow &r : *rows) {
            lateDoses += r.lateDoses;
            lateTasks += r.lateTasks;
            QVERIFY(r.news2);
            withVitalsDue += r.vitalsDue.dueAtMs > 0 ? 1 : 0;
            QCOMPARE(r.vitalsDue.dueAtMs, vitalsDue(r.news2, r.news2AtMs, m_now).dueAtMs);
            if (r.encounter.room == QLatin1String("102") && r.encounter.bed == QLatin1String("B")) {
                // The night's 04:00 dose of its first order was never documented.
                QCOMPARE(r.lateDoses, 1);
                QCOMPARE(r.oldestLateDoseMs, hourStart - 6 * 60 * 60 * 1000);
            } else {
                QCOMPARE(r.lateDoses, 0);
            }
            if (r.lateTasks > 0)
                QVERIFY(r.oldestLateTaskMs < m_now);
        }
        QCOMPARE(lateDoses, 1);
        // Each patient has a task due an hour before the current hour; one of them was ticked (the conflict).
        QCOMPARE(lateTasks, rows->size() - 1);
        QCOMPARE(withVitalsDue, rows->size());
    }

    // Issue "the app" item 6: the sync page lists every record not in the DPI, whose, what, when and
    // why, in words (a conflict's rule is not shown as its code).
    void everyUnsentRecordIsListedWithWhoseWhatAndWhy()
    {
        Result<QList<UnsentRecord>> unsent = loadUnsent(*m_store);
        CHEVET_VERIFY_OK(unsent);
        QCOMPARE(unsent->size(), 3); // the two practice doses and the task in conflict
        int pending = 0, conflicts = 0;
        for (const UnsentRecord &u : std::as_const(*unsent)) {
            QVERIFY(!u.patient.isEmpty());
            QVERIFY(u.atMs > 0);
            if (u.state == OutboxState::Pending) {
                ++pending;
                QVERIFY2(u.what.startsWith(QStringLiteral("Administration : ")) && u.what.size() > 20,
                         qPrintable(u.what)); // names the drug
            } else {
                ++conflicts;
                QCOMPARE(int(u.state), int(OutboxState::Conflict));
                QCOMPARE(u.what, QStringLiteral("Soin"));
                QCOMPARE(u.reason, QStringLiteral("Soin fait ici, annulé dans le DPI entre-temps."));
            }
        }
        QCOMPARE(pending, 2);
        QCOMPARE(conflicts, 1);
        for (qsizetype i = 1; i < unsent->size(); ++i)
            QVERIFY(unsent->at(i - 1).atMs <= unsent->at(i).atMs); // oldest first
    }

    void doseSlotsAreDueAroundNow()
    {
        Result<QList<DoseSlot>> slots =
            loadDoseSlots(*m_store, QString::fromLatin1(kTrainingUnit), {}, m_now - kDoseWindowMs,
                          m_now + kDoseWindowMs, m_now - kDoseWindowMs);
        CHEVET_VERIFY_OK(slots);
        QVERIFY(!slots->isEmpty());
        int asNeeded = 0;
        for (const DoseSlot &s : *slots) {
            asNeeded += s.asNeeded() ? 1 : 0;
            QVERIFY(s.asNeeded() || std::abs(s.slotMs - m_now) <= kDoseWindowMs);
        }
        QCOMPARE(asNeeded, 1); // the as-needed order to practise on, listed without a time
    }

    void conflictShowsBaseLocalAndRemote()
    {
        Result<QList<ParkedConflict>> open = m_store->conflicts().open();
        CHEVET_VERIFY_OK(open);
        QCOMPARE(open->size(), 1);
        ConflictResolver resolver(*m_store);
        Result<QJsonObject> base = resolver.baseOf(open->first().recordId);
        Result<QJsonObject> local = resolver.localOf(open->first().recordId);
        CHEVET_VERIFY_OK(base);
        CHEVET_VERIFY_OK(local);
        QCOMPARE(base->value(QStringLiteral("status")).toString(), QStringLiteral("requested"));
        QCOMPARE(local->value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        const QJsonObject remote = QJsonDocument::fromJson(open->first().remote).object();
        QCOMPARE(remote.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
    }

    void doubleDoseIsAlerted()
    {
        Result<QList<ClinicalAlert>> alerts = m_store->alerts().list(true);
        CHEVET_VERIFY_OK(alerts);
        QCOMPARE(alerts->size(), 1);
        QCOMPARE(alerts->first().kind, QStringLiteral("possible-double-dose"));
        QCOMPARE(alerts->first().records.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestTrainingWard)
#include "tst_trainingward.moc"
