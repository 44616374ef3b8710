// Reliability review §2 and security audit F1: the clear columns of a record (patient, author, panel,
// times, status, DPI id and version) are sealed with its payload as associated data, so a record moved to
// another patient, re-attributed, regrouped or re-dated in the file is refused, never shown; a patient merge
// re-seals what it moves; a store sealed the old way is re-sealed once at open.
#include "storefixture.h"

#include "crypto/keyring.h"
#include "crypto/sealer.h"
#include "store/database.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/patientrelink.h"
#include "store/patientrepository.h"
#include "store/recordtable.h"
#include "store/storecontext.h"

#include <QTest>

#include <limits>

using namespace chevet;
using namespace chevet::test;

namespace {

constexpr qint64 kAllTime = std::numeric_limits<qint64>::max();

Status runSql(const QString &path, const QString &sql)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    return (*db)->exec(sql);
}

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

class TestRecordSeal : public QObject
{
    Q_OBJECT

    QUuid m_first;
    QUuid m_second;
    QUuid m_observation;

    // Two patients; the first has a full vitals entry. Closed.
    bool twoPatients(StoreFixture &f)
    {
        if (!f.create())
            return false;
        Result<Patient> first = addPatient(*f.store(), QStringLiteral("8101"));
        Result<Patient> second = addPatient(*f.store(), QStringLiteral("8102"));
        if (!first || !second)
            return false;
        Result<VitalsEntry> entry = f->observations().recordVitals(first->id, normalVitals());
        if (!entry)
            return false;
        m_first = first->id;
        m_second = second->id;
        m_observation = entry->observations.first().meta.id;
        f.close();
        return true;
    }

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void aChangedClearColumnIsRefused_data()
    {
        QTest::addColumn<QString>("set");
        QTest::newRow("moved to another patient") << QStringLiteral("patient_id = '%2'");
        QTest::newRow("moved to no patient (hidden)") << QStringLiteral("patient_id = 'x'");
        QTest::newRow("re-attributed") << QStringLiteral("author = 'ide.autre'");
        QTest::newRow("another panel") << QStringLiteral("ref_id = '%2'");
        QTest::newRow("re-dated") << QStringLiteral("effective_ms = effective_ms - 3600000");
        QTest::newRow("status") << QStringLiteral("status = 'entered-in-error'");
        QTest::newRow("version") << QStringLiteral("version = 2");
        QTest::newRow("another DPI id") << QStringLiteral("server_id = 'obs-of-another-patient'");
        QTest::newRow("another DPI version") << QStringLiteral("server_version = '7'");
        QTest::newRow("another DPI time") << QStringLiteral("server_ms = 1");
        // A hostile review: the same bytes as a BLOB still open, but no chart's query finds them.
        QTest::newRow("patient as a BLOB (hidden)")
            << QStringLiteral("patient_id = CAST(patient_id AS BLOB)");
        QTest::newRow("status as a BLOB") << QStringLiteral("status = CAST(status AS BLOB)");
        QTest::newRow("time as a BLOB") << QStringLiteral("effective_ms = CAST(effective_ms AS BLOB)");
    }
    void aChangedClearColumnIsRefused()
    {
        QFETCH(QString, set);
        StoreFixture f;
        QVERIFY(twoPatients(f));
        QString change = set;
        change.replace(QStringLiteral("%2"), idText(m_second));
        CHEVET_VERIFY_OK(runSql(
            f.path(),
            QStringLiteral("UPDATE records SET %1 WHERE id = '%2'").arg(change, idText(m_observation))));
        CHEVET_VERIFY_OK(f.open());
        Result<QList<Observation>> first = f->observations().forPatient(m_first, 0, kAllTime);
        Result<QList<Observation>> second = f->observations().forPatient(m_second, 0, kAllTime);
        // Whichever patient it now appears under, it is refused, not shown; moved out of every chart, the
        // integrity check finds it.
        if (first && second) {
            const Status checked = f->checkIntegrity();
            QVERIFY(!checked);
            QCOMPARE(checked.error().code, ErrorCode(StoreError::Damaged));
            return;
        }
        const Error refused = !first ? first.error() : second.error();
        QCOMPARE(refused.code, ErrorCode(CryptoError::RecordUnreadable));
        QCOMPARE(f->checkIntegrity().error().code, ErrorCode(StoreError::Damaged));
    }

    void anUntouchedStoreReadsAsWritten()
    {
        StoreFixture f;
        QVERIFY(twoPatients(f));
        CHEVET_VERIFY_OK(f.open());
        Result<QList<Observation>> first = f->observations().forPatient(m_first, 0, kAllTime);
        QVERIFY(first && !first->isEmpty());
    }

    // A merge in the DPI moves the retired patient's records: they are sealed again under the survivor.
    void aMergeReSealsWhatItMoves()
    {
        StoreFixture f;
        QVERIFY(twoPatients(f));
        CHEVET_VERIFY_OK(f.open());
        const int before = int(f->observations().forPatient(m_first, 0, kAllTime)->size());
        Result<int> moved = relinkPatient(f->context(), m_first, m_second);
        CHEVET_VERIFY_OK(moved);
        QVERIFY(*moved >= before);
        CHEVET_VERIFY_OK(f.reopen());
        Result<QList<Observation>> survivor = f->observations().forPatient(m_second, 0, kAllTime);
        CHEVET_VERIFY_OK(survivor);
        QCOMPARE(int(survivor->size()), before);
        Result<std::optional<RecordRow>> retired = f->context().records.find(m_first);
        CHEVET_VERIFY_OK(retired);
        QVERIFY(*retired);
        QCOMPARE((*retired)->status, QStringLiteral("merged"));
    }

    // Security F1: two patients' DPI ids swapped in the file would pull each one's data onto the other's
    // chart (the puller maps the DPI's Patient/x to the local record holding server id x).
    void swappedDpiIdsAreRefused()
    {
        StoreFixture f;
        QVERIFY(twoPatients(f));
        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(
            f->context().records.setServerState(m_first, QStringLiteral("pat-a"), QStringLiteral("1"), 10));
        CHEVET_VERIFY_OK(
            f->context().records.setServerState(m_second, QStringLiteral("pat-b"), QStringLiteral("1"), 10));
        Result<std::optional<Patient>> a = f->patients().findByServerId(QStringLiteral("pat-a"));
        CHEVET_VERIFY_OK(a);
        QVERIFY(*a);
        QCOMPARE((*a)->id, m_first);
        f.close();
        CHEVET_VERIFY_OK(runSql(f.path(), QStringLiteral("UPDATE records SET server_id = CASE server_id WHEN "
                                                         "'pat-a' THEN 'pat-b' ELSE 'pat-a' END WHERE "
                                                         "server_id IN ('pat-a', 'pat-b')")));
        CHEVET_VERIFY_OK(f.open());
        Result<std::optional<Patient>> swapped = f->patients().findByServerId(QStringLiteral("pat-a"));
        QVERIFY(!swapped);
        QCOMPARE(swapped.error().code, ErrorCode(CryptoError::RecordUnreadable));
        QCOMPARE(f->checkIntegrity().error().code, ErrorCode(StoreError::Damaged));
    }

    // A hostile review of F1: an older version copied back from record_history, with the flag that marks
    // the one-time re-sealing removed, was sealed again at the next open (an "entered in error" undone, a
    // DPI id changed). A store created since schema 7 never reads the old seals.
    void anOldVersionPutBackIsNeverSealedAgain()
    {
        StoreFixture f;
        QVERIFY(twoPatients(f));
        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(
            f->observations().amend(m_observation, 20, std::nullopt, QStringLiteral("erreur de saisie")));
        f.close();
        CHEVET_VERIFY_OK(runSql(
            f.path(),
            QStringLiteral("UPDATE records SET sealed = (SELECT sealed FROM record_history WHERE record_id "
                           "= '%1' AND version = 1), version = 1, status = (SELECT status FROM "
                           "record_history WHERE record_id = '%1' AND version = 1), server_id = '2' "
                           "WHERE id = '%1'; DELETE FROM meta WHERE key = 'record_aad'")
                .arg(idText(m_observation))));
        CHEVET_VERIFY_OK(f.open());
        Result<std::optional<RecordRow>> read = f->context().records.find(m_observation);
        QVERIFY(!read);
        QCOMPARE(read.error().code, ErrorCode(CryptoError::RecordUnreadable));
        QCOMPARE(f->checkIntegrity().error().code, ErrorCode(StoreError::Damaged));
    }

    // A store written before the clear columns (v1) or the DPI's id and version (v2) were bound: each row
    // is re-sealed at the first open, then a changed column is refused there too.
    void aStoreSealedTheOldWayIsReSealedOnce_data()
    {
        QTest::addColumn<bool>("withClearColumns");
        QTest::newRow("type, id and version only") << false;
        QTest::newRow("clear columns but the DPI's id") << true;
    }
    void aStoreSealedTheOldWayIsReSealedOnce()
    {
        QFETCH(bool, withClearColumns);
        StoreFixture f;
        QVERIFY(twoPatients(f));
        CHEVET_VERIFY_OK(f.open());
        {
            // Back to the old seals: type, id and version only.
            Result<QList<RecordRow>> rows =
                f->context().records.forPatient(m_first, QStringLiteral("observation"), 0, kAllTime);
            CHEVET_VERIFY_OK(rows);
            QVERIFY(!rows->isEmpty());
            for (const RecordRow &row : std::as_const(*rows)) {
                Result<QByteArray> old = f->context().keys.sealer().seal(
                    row.payload, withClearColumns
                                     ? RecordTable::unboundServerAssociatedData(row)
                                     : RecordTable::versionAssociatedData(row.type, row.id, row.version));
                CHEVET_VERIFY_OK(old);
                Result<Statement> update =
                    f->context().db.prepare(QStringLiteral("UPDATE records SET sealed = ?2 WHERE id = ?1"));
                CHEVET_VERIFY_OK(update);
                CHEVET_VERIFY_OK(update->bind(1, idText(row.id)).bind(2, *old).exec());
            }
            // ... in a store created before schema 7: its creation entry names no schema (which breaks
            // the audit chain, so only the records are checked here).
            CHEVET_VERIFY_OK(f->context().db.exec(QStringLiteral(
                "DELETE FROM meta WHERE key = 'record_aad'; DROP TRIGGER audit_is_append_only_update; "
                "UPDATE audit SET detail = NULL WHERE action = 'store.create'")));
        }
        f.close();
        CHEVET_VERIFY_OK(f.open()); // re-seals
        Result<QList<Observation>> read = f->observations().forPatient(m_first, 0, kAllTime);
        CHEVET_VERIFY_OK(read);
        QVERIFY(!read->isEmpty());
        f.close();
        CHEVET_VERIFY_OK(runSql(
            f.path(),
            QStringLiteral("UPDATE records SET server_version = '9', author = 'ide.autre' WHERE id = '%1'")
                .arg(idText(m_observation))));
        CHEVET_VERIFY_OK(f.open());
        QVERIFY(!f->observations().forPatient(m_first, 0, kAllTime));
    }
};

QTEST_GUILESS_MAIN(TestRecordSeal)
#include "tst_recordseal.moc"
