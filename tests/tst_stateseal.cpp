// Security review F1: the outbox decides what reaches the DPI and what the lifetime purge may erase. Each
// entry is sealed with its columns, so an entry marked delivered in the file (never sent, then erased), moved
// to another record, or given another entry's reason is refused; a store from before is sealed once. The
// same for clinical alerts: one acknowledged or moved to another patient in the file is refused. And the
// identifier index: two look-up rows swapped in the file never answer the wrong patient.
#include "storefixture.h"

#include "crypto/keyring.h"
#include "crypto/sealer.h"
#include "store/alertlog.h"
#include "store/database.h"
#include "store/lifetimepurge.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrelink.h"
#include "store/patientrepository.h"
#include "store/storecontext.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

Status runSql(const QString &path, const QString &sql)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    return (*db)->exec(sql);
}

constexpr qint64 kDay = 24 * 3600 * 1000LL;

} // namespace

class TestStateSeal : public QObject
{
    Q_OBJECT

    QUuid m_patient;
    QList<OutboxEntry> m_pending;

    // One patient with a vitals entry, nothing sent yet. Closed.
    bool patientWithVitals(StoreFixture &f)
    {
        if (!f.create())
            return false;
        Result<Patient> patient = addPatient(*f.store(), QStringLiteral("8201"));
        if (!patient)
            return false;
        if (!f->observations().recordVitals(patient->id, normalVitals()))
            return false;
        Result<QList<OutboxEntry>> pending = f->outbox().pending();
        if (!pending || pending->size() < 3)
            return false;
        m_patient = patient->id;
        m_pending = *pending;
        f.close();
        return true;
    }

    // A possible double dose on the test patient, raised at 5 s.
    ClinicalAlert doubleDose(const QList<QUuid> &records, const QString &message) const
    {
        ClinicalAlert alert;
        alert.kind = QStringLiteral("possible-double-dose");
        alert.patientId = m_patient;
        alert.records = records;
        alert.message = message;
        alert.raisedMs = 5000;
        return alert;
    }

    // Even when the check at unlock is skipped, the purge refuses to erase on the word of a tampered
    // outbox, and "forget this device" does not believe nothing is left to send.
    void neitherPurgedNorForgotten(StoreFixture &f)
    {
        f.clock().advanceMs(31 * kDay);
        Result<PurgeReport> purged = LifetimePurge(*f.store()).run(30 * kDay);
        QVERIFY(!purged);
        QCOMPARE(purged.error().code, ErrorCode(StoreError::OutboxTampered));
        Result<std::optional<Patient>> still = f->patients().find(m_patient);
        CHEVET_VERIFY_OK(still);
        QVERIFY(still->has_value());
        Result<bool> forgot = LifetimePurge(*f.store()).forgetDevice(false);
        QVERIFY(!forgot);
        QCOMPARE(forgot.error().code, ErrorCode(StoreError::OutboxTampered));
    }

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void anUntouchedOutboxPassesTheCheck()
    {
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(f->checkIntegrity());
        Result<QList<OutboxEntry>> pending = f->outbox().pending();
        CHEVET_VERIFY_OK(pending);
        QCOMPARE(pending->size(), m_pending.size());
    }

    // The review's attack 3: marked delivered, the records are never sent and the purge erases them.
    void entriesMarkedDeliveredInTheFileAreFound()
    {
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(runSql(f.path(), QStringLiteral("UPDATE outbox SET state = 'delivered'")));
        CHEVET_VERIFY_OK(f.open());
        // No query for pending entries lists them any more: the check at unlock opens every entry.
        const Status checked = f->checkIntegrity();
        QVERIFY(!checked);
        QCOMPARE(checked.error().code, ErrorCode(StoreError::Damaged));
        neitherPurgedNorForgotten(f);
    }

    // Security review F1, a limit its first fix left: an entry deleted outright leaves its record never
    // sent, and the purge then erased it as delivered.
    void anEntryDeletedInTheFileIsFound()
    {
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(
            runSql(f.path(), QStringLiteral("DELETE FROM outbox WHERE seq = %1").arg(m_pending.last().seq)));
        CHEVET_VERIFY_OK(f.open());
        const Status checked = f->checkIntegrity();
        QVERIFY(!checked);
        QCOMPARE(checked.error().code, ErrorCode(StoreError::Damaged));
        neitherPurgedNorForgotten(f);
    }

    void anEntryChangedInTheFileIsRefused_data()
    {
        QTest::addColumn<QString>("set");
        QTest::newRow("another record") << QStringLiteral("record_id = '%1'");
        QTest::newRow("another version") << QStringLiteral("version = version + 1");
        QTest::newRow("update instead of create") << QStringLiteral("operation = 'update'");
        QTest::newRow("sent last") << QStringLiteral("priority = 9");
        QTest::newRow("no seal") << QStringLiteral("seal = NULL");
        QTest::newRow("unknown state") << QStringLiteral("state = 'done'");
        // A hostile review: the same bytes as a BLOB still open, but state = 'pending' no longer finds it.
        QTest::newRow("state as a BLOB (hidden)") << QStringLiteral("state = CAST(state AS BLOB)");
        QTest::newRow("version out of range") << QStringLiteral("version = version + 4294967296");
    }
    void anEntryChangedInTheFileIsRefused()
    {
        QFETCH(QString, set);
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        const OutboxEntry target = m_pending.constLast();
        const QString other = m_pending.constFirst().recordId.toString(QUuid::WithoutBraces);
        CHEVET_VERIFY_OK(runSql(
            f.path(),
            QStringLiteral("UPDATE outbox SET %1 WHERE seq = %2").arg(set.arg(other)).arg(target.seq)));
        CHEVET_VERIFY_OK(f.open());
        Result<QList<OutboxEntry>> listed = f->outbox().inState(OutboxState::Pending);
        if (listed) // the entry left the pending list: the check at unlock still finds it
            QCOMPARE(listed->size(), m_pending.size() - 1);
        else
            QCOMPARE(listed.error().code, ErrorCode(StoreError::OutboxTampered));
        QCOMPARE(f->checkIntegrity().error().code, ErrorCode(StoreError::Damaged));
    }

    // Each reason is sealed to its entry: the DPI's words about one record cannot be put on another.
    void swappedReasonsAreRefused()
    {
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(f.open());
        const OutboxEntry a = m_pending.at(1);
        const OutboxEntry b = m_pending.at(2);
        CHEVET_VERIFY_OK(f->outbox().quarantine(a.seq, QStringLiteral("HAPI-0450: code inconnu"), 1000));
        CHEVET_VERIFY_OK(f->outbox().quarantine(b.seq, QStringLiteral("HAPI-0988: patient fusionné"), 1000));
        Result<QList<OutboxEntry>> quarantined = f->outbox().inState(OutboxState::Quarantined);
        CHEVET_VERIFY_OK(quarantined);
        QCOMPARE(quarantined->size(), 2);
        QCOMPARE(quarantined->at(0).lastError, QStringLiteral("HAPI-0450: code inconnu"));
        f.close();
        CHEVET_VERIFY_OK(
            runSql(f.path(), QStringLiteral("UPDATE outbox SET seal = (SELECT seal FROM outbox o "
                                            "WHERE o.seq = %1) WHERE seq = %2")
                                 .arg(a.seq)
                                 .arg(b.seq)));
        CHEVET_VERIFY_OK(f.open());
        QCOMPARE(f->outbox().inState(OutboxState::Quarantined).error().code,
                 ErrorCode(StoreError::OutboxTampered));
        QCOMPARE(f->checkIntegrity().error().code, ErrorCode(StoreError::Damaged));
    }

    // State changes made by the app keep every entry readable: quarantine, retry, settle, move.
    void theAppsOwnChangesStaySealed()
    {
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(f.open());
        Outbox &outbox = f->outbox();
        const OutboxEntry first = m_pending.at(0);
        const OutboxEntry second = m_pending.at(1);
        CHEVET_VERIFY_OK(outbox.recordFailedAttempts(first.recordId, QStringLiteral("503"), 10));
        CHEVET_VERIFY_OK(outbox.settle(first.recordId, first.version, OutboxState::Delivered, QString(), 20));
        CHEVET_VERIFY_OK(outbox.quarantine(second.seq, QStringLiteral("refusé"), 30));
        Result<int> retried = outbox.retryQuarantined(QUuid(), 40);
        CHEVET_VERIFY_OK(retried);
        QCOMPARE(*retried, 1);
        CHEVET_VERIFY_OK(outbox.move(second.recordId, OutboxState::Pending, OutboxState::Conflict,
                                     QStringLiteral("le DPI a changé"), 50));
        CHEVET_VERIFY_OK(f.reopen());
        CHEVET_VERIFY_OK(f->checkIntegrity());
        Result<QList<OutboxEntry>> delivered = f->outbox().forRecord(first.recordId);
        CHEVET_VERIFY_OK(delivered);
        QCOMPARE(delivered->constFirst().state, OutboxState::Delivered);
        QCOMPARE(delivered->constFirst().attempts, 1);
        Result<QList<OutboxEntry>> conflict = f->outbox().forRecord(second.recordId);
        CHEVET_VERIFY_OK(conflict);
        QCOMPARE(conflict->constFirst().state, OutboxState::Conflict);
        QCOMPARE(conflict->constFirst().lastError, QStringLiteral("le DPI a changé"));
    }

    // A store created before entries were sealed: sealed once at the next unlock, reasons kept, and the
    // sealing is in the audit trail. Such a store is told apart by its audit trail (its creation entry
    // names no schema); here one is made by editing that entry, which breaks the chain, so only the
    // sealing is checked, not the whole store.
    void entriesFromBeforeAreSealedOnce()
    {
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(f.open());
        const OutboxEntry target = m_pending.at(1);
        {
            Result<QByteArray> oldReason = f->context().keys.sealer().seal(
                QByteArrayLiteral("ancienne raison"), QByteArrayLiteral("chevet-outbox-reason-v1"));
            CHEVET_VERIFY_OK(oldReason);
            Result<Statement> update = f->context().db.prepare(
                QStringLiteral("UPDATE outbox SET state = 'quarantined', last_error = ?2 WHERE seq = ?1"));
            CHEVET_VERIFY_OK(update);
            CHEVET_VERIFY_OK(update->bind(1, target.seq).bind(2, *oldReason).exec());
            CHEVET_VERIFY_OK(f->context().db.exec(
                QStringLiteral("UPDATE outbox SET seal = NULL; DROP TRIGGER audit_is_append_only_update; "
                               "UPDATE audit SET detail = NULL WHERE action = 'store.create'")));
        }
        CHEVET_VERIFY_OK(f.reopen()); // seals
        Result<QList<OutboxEntry>> quarantined = f->outbox().inState(OutboxState::Quarantined);
        CHEVET_VERIFY_OK(quarantined);
        QCOMPARE(quarantined->size(), 1);
        QCOMPARE(quarantined->constFirst().lastError, QStringLiteral("ancienne raison"));
        CHEVET_VERIFY_OK(f->outbox().verifyAll());
        QCOMPARE(queryInt(f.path(), QStringLiteral("SELECT count(*) FROM outbox WHERE seal IS NULL OR "
                                                   "last_error IS NOT NULL"))
                     .value(),
                 qint64(0));
        QCOMPARE(
            queryInt(f.path(), QStringLiteral("SELECT count(*) FROM audit WHERE action = 'store.resealed' "
                                              "AND detail = '%1 entries, 0 alerts'")
                                   .arg(m_pending.size()))
                .value(),
            qint64(1));
        // Once sealed, a seal stripped later is tampering, never sealed again.
        f.close();
        CHEVET_VERIFY_OK(
            runSql(f.path(), QStringLiteral("UPDATE outbox SET seal = NULL, state = 'delivered'")));
        CHEVET_VERIFY_OK(f.open());
        QCOMPARE(f->outbox().verifyAll().error().code, ErrorCode(StoreError::OutboxTampered));
    }

    // A hostile review: the creation entry's action rewritten as a BLOB made the store look older than
    // schema 7, so entries stripped of their seal and marked delivered were sealed again at the next open.
    // The audit chain takes a retyped column for an altered entry: the store is refused.
    void aStoreMadeToLookOlderIsRefused()
    {
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(
            runSql(f.path(), QStringLiteral("DROP TRIGGER audit_is_append_only_update; "
                                            "UPDATE audit SET action = CAST(action AS BLOB) WHERE seq = 1; "
                                            "UPDATE outbox SET state = 'delivered', seal = NULL")));
        CHEVET_VERIFY_OK(f.open());
        QCOMPARE(f->checkIntegrity().error().code, ErrorCode(StoreError::Damaged));
    }

    // A possible double dose, raised and then handled by the app; and the review's attack 4 on it.
    void alertsChangedInTheFileAreRefused_data()
    {
        QTest::addColumn<QString>("set");
        QTest::newRow("acknowledged")
            << QStringLiteral("state = 'acknowledged', acknowledged_by = 'ide.autre'");
        QTest::newRow("moved to another patient") << QStringLiteral("patient_id = '%1'");
        QTest::newRow("re-attributed acknowledgement") << QStringLiteral("acknowledged_by = 'ide.autre'");
        QTest::newRow("re-dated") << QStringLiteral("raised_ms = 1");
        QTest::newRow("state as a BLOB (hidden)") << QStringLiteral("state = CAST(state AS BLOB)");
    }
    void alertsChangedInTheFileAreRefused()
    {
        QFETCH(QString, set);
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(f.open());
        Result<Patient> other = addPatient(*f.store(), QStringLiteral("8202"));
        CHEVET_VERIFY_OK(other);
        ClinicalAlert alert = doubleDose({m_pending.at(1).recordId, m_pending.at(2).recordId},
                                         QStringLiteral("Paracétamol 1 g donné deux fois pour 08:00"));
        Result<bool> raised = f->alerts().raise(alert, QStringLiteral("slot-0800"));
        CHEVET_VERIFY_OK(raised);
        QVERIFY(*raised);
        CHEVET_VERIFY_OK(f->checkIntegrity());
        f.close();
        CHEVET_VERIFY_OK(runSql(
            f.path(),
            QStringLiteral("UPDATE alerts SET %1").arg(set.arg(other->id.toString(QUuid::WithoutBraces)))));
        CHEVET_VERIFY_OK(f.open());
        Result<QList<ClinicalAlert>> open = f->alerts().list(true);
        QVERIFY(!open);
        QCOMPARE(open.error().code, ErrorCode(StoreError::AlertTampered));
        QCOMPARE(f->checkIntegrity().error().code, ErrorCode(StoreError::Damaged));
    }

    // Security review F1, a limit its first fix left: the row of an alert acknowledged, then opened
    // again by a third dose, put back as it was (acknowledged, validly sealed) hid the alert; and a row
    // deleted outright hid it too.
    void anOlderAlertRowPutBackOrAnAlertDeletedIsFound_data()
    {
        QTest::addColumn<bool>("deleted");
        QTest::newRow("older row put back") << false;
        QTest::newRow("row deleted") << true;
    }
    void anOlderAlertRowPutBackOrAnAlertDeletedIsFound()
    {
        QFETCH(bool, deleted);
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(f.open());
        ClinicalAlert alert = doubleDose({m_pending.at(1).recordId, m_pending.at(2).recordId},
                                         QStringLiteral("Paracétamol 1 g donné deux fois pour 08:00"));
        CHEVET_VERIFY_OK(f->alerts().raise(alert, QStringLiteral("slot-0800")));
        const QUuid id = f->alerts().list(true)->constFirst().id;
        CHEVET_VERIFY_OK(f->alerts().acknowledge(id, QStringLiteral("nurse-a"), 6000));
        f.close();
        const QString saved = QStringLiteral("CREATE TABLE old_alert AS SELECT * FROM alerts");
        CHEVET_VERIFY_OK(runSql(f.path(), saved));
        CHEVET_VERIFY_OK(f.open());
        alert.records.append(m_pending.at(0).recordId); // a third dose: opened again
        Result<bool> reopened = f->alerts().raise(alert, QStringLiteral("slot-0800"));
        CHEVET_VERIFY_OK(reopened);
        QVERIFY(*reopened);
        QCOMPARE(f->alerts().list(true)->size(), 1);
        CHEVET_VERIFY_OK(f->checkIntegrity());
        f.close();
        CHEVET_VERIFY_OK(runSql(f.path(), deleted ? QStringLiteral("DELETE FROM alerts")
                                                  : QStringLiteral("DELETE FROM alerts; INSERT INTO alerts "
                                                                   "SELECT * FROM old_alert")));
        CHEVET_VERIFY_OK(f.open());
        if (!deleted) {
            // The old row still opens under its own seal; only the trail tells it from the last one.
            CHEVET_VERIFY_OK(f->alerts().list(false));
        }
        const Status checked = f->checkIntegrity();
        QVERIFY(!checked);
        QCOMPARE(checked.error().code, ErrorCode(StoreError::Damaged));
        QCOMPARE(f->alerts().verifyAll().error().code, ErrorCode(StoreError::AlertTampered));
    }

    // An alert goes with its patient when the purge erases her: no false alarm then.
    void anAlertErasedWithItsPatientIsNoTamper()
    {
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(f.open());
        ClinicalAlert alert = doubleDose({m_pending.at(1).recordId}, QStringLiteral("dose"));
        CHEVET_VERIFY_OK(f->alerts().raise(alert, QStringLiteral("slot")));
        CHEVET_VERIFY_OK(f->alerts().acknowledge(f->alerts().list(true)->constFirst().id,
                                                 QStringLiteral("nurse-a"), 6000));
        for (const OutboxEntry &e : m_pending)
            CHEVET_VERIFY_OK(f->outbox().markDelivered(e.seq, f.clock().nowMs()));
        f.clock().advanceMs(31 * kDay);
        Result<PurgeReport> purged = LifetimePurge(*f.store()).run(30 * kDay);
        CHEVET_VERIFY_OK(purged);
        QVERIFY(f->alerts().list(false)->isEmpty());
        CHEVET_VERIFY_OK(f->checkIntegrity());
    }

    void alertsHandledByTheAppStayReadable()
    {
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(f.open());
        Result<Patient> survivor = addPatient(*f.store(), QStringLiteral("8203"));
        CHEVET_VERIFY_OK(survivor);
        ClinicalAlert alert = doubleDose({m_pending.at(1).recordId}, QStringLiteral("dose"));
        CHEVET_VERIFY_OK(f->alerts().raise(alert, QStringLiteral("slot")));
        Result<QList<ClinicalAlert>> listed = f->alerts().list(true);
        CHEVET_VERIFY_OK(listed);
        QCOMPARE(listed->size(), 1);
        CHEVET_VERIFY_OK(f->alerts().acknowledge(listed->constFirst().id, QStringLiteral("nurse-a"), 6000));
        CHEVET_VERIFY_OK(relinkPatient(f->context(), m_patient, survivor->id));
        CHEVET_VERIFY_OK(f.reopen());
        CHEVET_VERIFY_OK(f->checkIntegrity());
        Result<QList<ClinicalAlert>> all = f->alerts().list(false);
        CHEVET_VERIFY_OK(all);
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->constFirst().state, QStringLiteral("acknowledged"));
        QCOMPARE(all->constFirst().acknowledgedBy, QStringLiteral("nurse-a"));
        QCOMPARE(all->constFirst().patientId, survivor->id);
        QCOMPARE(all->constFirst().message, QStringLiteral("dose"));
        QVERIFY(f->alerts().list(true)->isEmpty());
    }

    // The review's attack 5: resolve("1001") returned MARTIN instead of DUPONT.
    void swappedLookUpRowsNeverAnswerTheWrongPatient()
    {
        StoreFixture f;
        QVERIFY(patientWithVitals(f));
        CHEVET_VERIFY_OK(f.open());
        Result<Patient> other = addPatient(*f.store(), QStringLiteral("8204"));
        CHEVET_VERIFY_OK(other);
        Result<std::optional<Patient>> before = f->patients().findByIpp(QStringLiteral("8201"));
        CHEVET_VERIFY_OK(before);
        QVERIFY(*before);
        QCOMPARE((*before)->id, m_patient);
        f.close();
        const QString a = m_patient.toString(QUuid::WithoutBraces);
        const QString b = other->id.toString(QUuid::WithoutBraces);
        CHEVET_VERIFY_OK(
            runSql(f.path(), QStringLiteral("UPDATE lookup SET record_id = CASE record_id WHEN '%1' "
                                            "THEN '%2' ELSE '%1' END WHERE record_id IN ('%1', '%2')")
                                 .arg(a, b)));
        CHEVET_VERIFY_OK(f.open());
        for (const QString &ipp : {QStringLiteral("8201"), QStringLiteral("8204")}) {
            Result<std::optional<Patient>> found = f->patients().findByIpp(ipp);
            QVERIFY2(!found, qPrintable(ipp));
            QCOMPARE(found.error().code, ErrorCode(StoreError::LookupTampered));
        }
    }
};

QTEST_GUILESS_MAIN(TestStateSeal)
#include "tst_stateseal.moc"
