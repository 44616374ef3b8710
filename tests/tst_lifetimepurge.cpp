// LifetimePurge: offline data leaves the tablet once delivered, and only then. Undelivered,
// quarantined or conflicting data is never erased; erased data is gone from the file, its WAL and its
// shared-memory index, down to the sealed bytes and the blind indexes.

#include "storefixture.h"

#include "store/conflictqueue.h"
#include "store/encounterrepository.h"
#include "store/lifetimepurge.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/storecontext.h"

#include <QFileInfo>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kMaxAge = 30 * kDay;

// What identifies a patient's data in the file: every sealed payload and blind index, byte for byte.
QList<QByteArray> sealedBytesOf(const QString &path, const QUuid &patient)
{
    QList<QByteArray> out;
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return out;
    const QString id = patient.toString(QUuid::WithoutBraces);
    for (const char *sql : {"SELECT sealed FROM records WHERE patient_id = ?1",
                            "SELECT sealed FROM record_history WHERE record_id IN (SELECT id FROM records "
                            "WHERE patient_id = ?1)",
                            "SELECT hash FROM lookup WHERE record_id = ?1"}) {
        Result<Statement> stmt = (*db)->prepare(QString::fromLatin1(sql));
        if (!stmt)
            return {};
        stmt->bind(1, id);
        while (true) {
            const Result<bool> row = stmt->step();
            if (!row || !*row)
                break;
            out.append(stmt->blob(0));
        }
    }
    return out;
}

QByteArray allStoreBytes(const QString &path)
{
    QByteArray all;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        all += readFile(path + suffix);
    return all;
}

} // namespace

class TestLifetimePurge : public QObject
{
    Q_OBJECT

    std::unique_ptr<StoreFixture> m_f;

    Store &store() { return *m_f->store(); }

    // A patient with a stay, vitals (amended once: history too) and a note.
    QUuid admit(const QString &ipp, EncounterStatus stayStatus)
    {
        const Result<Patient> p =
            addPatient(store(), ipp, nirWithKey(QStringLiteral("24803751%1").arg(ipp.right(5))));
        if (!p)
            return {};
        Encounter stay;
        stay.patientId = p->id;
        stay.unit = QStringLiteral("U-7");
        stay.status = stayStatus;
        stay.startMs = kTestStartMs;
        if (stayStatus == EncounterStatus::Finished)
            stay.endMs = kTestStartMs + kHour;
        if (!store().encounters().save(stay))
            return {};
        const Result<VitalsEntry> vitals = store().observations().recordVitals(p->id, normalVitals());
        if (!vitals || !store().observations().amend(vitals->observations.first().meta.id, 70, std::nullopt,
                                                     QStringLiteral("typo")))
            return {};
        NursingNote note;
        note.meta.patientId = p->id;
        note.target = QStringLiteral("Sommeil");
        note.data = QStringLiteral("Nuit calme");
        if (!store().notes().record(note))
            return {};
        return p->id;
    }

    void deliverAll()
    {
        const Result<QList<OutboxEntry>> pending = store().outbox().pending(100000);
        QVERIFY(pending);
        for (const OutboxEntry &e : *pending)
            CHEVET_VERIFY_OK(store().outbox().markDelivered(e.seq, m_f->clock().nowMs()));
    }

    QHash<QUuid, PurgeDecision> byPatient(const QList<PurgeDecision> &decisions)
    {
        QHash<QUuid, PurgeDecision> out;
        for (const PurgeDecision &d : decisions)
            out.insert(d.patientId, d);
        return out;
    }

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }
    void init()
    {
        m_f = std::make_unique<StoreFixture>();
        CHEVET_VERIFY_OK(m_f->create());
    }
    void cleanup() { m_f.reset(); }

    void onlyDeliveredDataOfDischargedOrExpiredPatientsGoes()
    {
        const QUuid discharged = admit(QStringLiteral("IPP10001"), EncounterStatus::Finished);
        const QUuid inStay = admit(QStringLiteral("IPP10002"), EncounterStatus::InProgress);
        const QUuid conflicted = admit(QStringLiteral("IPP10003"), EncounterStatus::Finished);
        const QUuid quarantined = admit(QStringLiteral("IPP10004"), EncounterStatus::Finished);
        deliverAll();
        // Undelivered: recorded after the sync.
        const QUuid undelivered = admit(QStringLiteral("IPP10005"), EncounterStatus::Finished);
        QVERIFY(!discharged.isNull() && !inStay.isNull() && !conflicted.isNull() && !quarantined.isNull() &&
                !undelivered.isNull());
        // A delivered record the DPI disagrees with: an open conflict.
        const Result<QList<Observation>> obs =
            store().observations().forPatient(conflicted, 0, kTestStartMs * 2);
        QVERIFY(obs && !obs->isEmpty());
        ParkedConflict c;
        c.id = QUuid::createUuid();
        c.recordId = obs->first().meta.id;
        c.recordType = RecordType::Observation;
        c.patientId = conflicted;
        c.rule = QStringLiteral("version-mismatch");
        c.localVersion = 1;
        c.createdMs = m_f->clock().nowMs();
        CHEVET_VERIFY_OK(store().conflicts().park(c));
        // A note the DPI refused (4xx): quarantined, waiting for a person.
        NursingNote refused;
        refused.meta.patientId = quarantined;
        refused.target = QStringLiteral("Chute");
        refused.data = QStringLiteral("Retrouvée au sol");
        const Result<NursingNote> note = store().notes().record(refused);
        CHEVET_VERIFY_OK(note);
        const QList<OutboxEntry> noteEntries = outboxFor(store(), note->meta.id);
        QCOMPARE(noteEntries.size(), 1);
        CHEVET_VERIFY_OK(store().outbox().quarantine(noteEntries.first().seq, QStringLiteral("422"), 0));

        const QList<QByteArray> sealed = sealedBytesOf(m_f->path(), discharged);
        QVERIFY(sealed.size() >= 6); // patient, stay, vitals, history, note, two blind indexes
        // The control: before the purge the scan finds every one of them.
        const QByteArray bytesBefore = allStoreBytes(m_f->path());
        for (const QByteArray &blob : sealed)
            QVERIFY(bytesBefore.contains(blob));
        const qint64 auditBefore = *countRows(m_f->path(), QStringLiteral("audit"));

        LifetimePurge purge(store());
        const Result<PurgeReport> report = purge.run(kMaxAge);
        CHEVET_VERIFY_OK(report);
        const QHash<QUuid, PurgeDecision> d = byPatient(report->decisions);
        QCOMPARE(d.size(), 5);
        QCOMPARE(d[discharged].erase, true);
        QCOMPARE(d[discharged].reason, QStringLiteral("discharged"));
        QCOMPARE(d[inStay].reason, QStringLiteral("in-stay"));
        QCOMPARE(d[conflicted].reason, QStringLiteral("conflict"));
        QCOMPARE(d[quarantined].reason, QStringLiteral("quarantined"));
        QCOMPARE(d[undelivered].reason, QStringLiteral("undelivered"));
        for (const QUuid &kept : {inStay, conflicted, quarantined, undelivered})
            QVERIFY(!d[kept].erase);
        QCOMPARE(report->erasedPatients, 1);
        QVERIFY(report->walTruncated);

        // Gone through the API...
        QVERIFY(!store().patients().find(discharged)->has_value());
        QVERIFY(!store().patients().findByIpp(QStringLiteral("IPP10001"))->has_value());
        QCOMPARE(*queryInt(m_f->path(), QStringLiteral("SELECT count(*) FROM records WHERE patient_id = '%1'")
                                            .arg(discharged.toString(QUuid::WithoutBraces))),
                 qint64(0));
        // ...and from the bytes on disk: no sealed payload, no blind index.
        const QByteArray bytes = allStoreBytes(m_f->path());
        for (const QByteArray &blob : sealed)
            QVERIFY2(!bytes.contains(blob),
                     "an erased sealed payload or index is still in the store's files");
        // The kept ones are all still there.
        for (const QUuid &kept : {inStay, conflicted, quarantined, undelivered})
            QVERIFY(store().patients().find(kept)->has_value());

        // One audit entry per erased patient, without patient data; the chain stays intact.
        const AuditEntry last = lastAudit(store());
        QCOMPARE(*countRows(m_f->path(), QStringLiteral("audit")), auditBefore + 1);
        QCOMPARE(last.action, QStringLiteral("patient.erase"));
        QCOMPARE(last.recordId, discharged);
        QVERIFY(last.detail.startsWith(QStringLiteral("discharged;")));
        QVERIFY(store().audit().verify()->intact);
    }

    void theConflictBlocksUntilItIsResolved()
    {
        const QUuid p = admit(QStringLiteral("IPP20001"), EncounterStatus::Finished);
        deliverAll();
        ParkedConflict c;
        c.id = QUuid::createUuid();
        c.recordId = p;
        c.recordType = RecordType::Patient;
        c.patientId = p;
        c.rule = QStringLiteral("identity-mismatch");
        c.createdMs = m_f->clock().nowMs();
        CHEVET_VERIFY_OK(store().conflicts().park(c));
        LifetimePurge purge(store());
        QCOMPARE(purge.plan(kMaxAge)->first().reason, QStringLiteral("conflict"));
        CHEVET_VERIFY_OK(store().conflicts().close(c.id, QStringLiteral("resolved"), kTestAuthor, 0));
        const Result<PurgeReport> report = purge.run(kMaxAge);
        CHEVET_VERIFY_OK(report);
        QCOMPARE(report->erasedPatients, 1);
        QCOMPARE(*countRows(m_f->path(), QStringLiteral("conflicts")), qint64(0));
    }

    void untouchedDataExpiresAfterTheMaximumAge()
    {
        const Result<Patient> p = addPatient(store(), QStringLiteral("IPP30001"));
        CHEVET_VERIFY_OK(p);
        CHEVET_VERIFY_OK(store().observations().recordVitals(p->id, normalVitals()));
        deliverAll();
        LifetimePurge purge(store());
        QCOMPARE(purge.plan(kMaxAge)->first().reason, QStringLiteral("recent"));
        m_f->clock().advanceMs(kMaxAge + 1);
        const Result<PurgeReport> report = purge.run(kMaxAge);
        CHEVET_VERIFY_OK(report);
        QCOMPARE(report->decisions.first().reason, QStringLiteral("expired"));
        QCOMPARE(report->erasedPatients, 1);
    }

    void clinicalRecordsStillCannotBeDeletedOtherwise()
    {
        const QUuid p = admit(QStringLiteral("IPP40001"), EncounterStatus::Finished);
        QVERIFY(!p.isNull());
        const Status deleted =
            store().context().db.exec(QStringLiteral("DELETE FROM records WHERE type = 'note'"));
        QVERIFY(!deleted);
        QVERIFY(deleted.error().message.contains(QStringLiteral("append-only")));
    }

    void forgettingTheDeviceWaitsForDelivery()
    {
        const QUuid p = admit(QStringLiteral("IPP50001"), EncounterStatus::InProgress);
        QVERIFY(!p.isNull());
        LifetimePurge purge(store());
        CHEVET_VERIFY_ERROR(purge.forgetDevice(false), StoreError::UndeliveredData);
        CHEVET_VERIFY_OK(m_f->reopen()); // nothing was touched
        deliverAll();
        LifetimePurge again(store());
        CHEVET_VERIFY_OK(again.forgetDevice(false));
        QCOMPARE(lastAudit(store()).action, QStringLiteral("device.forget"));
        QVERIFY(lastAudit(store()).detail.startsWith(QStringLiteral("all delivered")));
        m_f->close();
        CHEVET_VERIFY_ERROR(m_f->open(), StoreError::Erased);
        QCOMPARE(
            *queryInt(m_f->path(), QStringLiteral("SELECT count(*) FROM meta WHERE key LIKE 'key_slot.%' OR "
                                                  "key = 'wrapped_key' OR key LIKE 'session.%'")),
            qint64(0));
    }

    void aForcedEraseIsAudited()
    {
        const QUuid p = admit(QStringLiteral("IPP60001"), EncounterStatus::InProgress);
        QVERIFY(!p.isNull());
        QByteArray slot;
        {
            Result<std::unique_ptr<Database>> db =
                Database::open(m_f->path(), Database::OpenMode::ExistingOnly);
            CHEVET_VERIFY_OK(db);
            Result<Statement> stmt = (*db)->prepare(
                QStringLiteral("SELECT value FROM meta WHERE key = 'key_slot.%1'").arg(kTestAuthor));
            CHEVET_VERIFY_OK(stmt);
            QVERIFY(*stmt->step());
            slot = stmt->blob(0);
        }
        LifetimePurge purge(store());
        CHEVET_VERIFY_OK(purge.forgetDevice(true));
        const AuditEntry last = lastAudit(store());
        QCOMPARE(last.action, QStringLiteral("device.forget"));
        QVERIFY2(last.detail.startsWith(QStringLiteral("forced; undelivered")), qPrintable(last.detail));
        m_f->close();
        // The wrapped key is gone from the bytes, not only from the table.
        QVERIFY(!slot.isEmpty());
        QVERIFY(!allStoreBytes(m_f->path()).contains(slot));
        CHEVET_VERIFY_ERROR(m_f->open(), StoreError::Erased);
    }
};

QTEST_GUILESS_MAIN(TestLifetimePurge)
#include "tst_lifetimepurge.moc"
