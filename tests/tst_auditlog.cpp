#include "storefixture.h"

#include "store/auditlog.h"
#include "store/migrations.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"

#include <QFile>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

const QString kDropTriggers = QStringLiteral("DROP TRIGGER audit_is_append_only_update; "
                                             "DROP TRIGGER audit_is_append_only_delete;");

// Runs `sql` on a closed store's file through a connection of its own, as someone with the file but
// not the PIN could.
// Edits by someone with the file and SQL, who also removes the head mark beside the store and its flag:
// a rollback with the mark in place is refused at open (tst_headmark); what is left is for the chain.
Status tamper(const QString &path, const QString &sql)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    if (Status edited = (*db)->exec(sql); !edited)
        return edited;
    QFile::remove(path + QStringLiteral("-head"));
    return (*db)->exec(QStringLiteral("DELETE FROM meta WHERE key = 'head_mark'"));
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

    QList<AuditEntry> entriesAfter(Store &store, qint64 seq)
    {
        const Result<QList<AuditEntry>> entries = store.audit().entries(seq, 100000);
        return entries ? *entries : QList<AuditEntry>();
    }

    // A store with exactly six entries: create, patient, three measures, note.
    bool makeSixEntryStore(StoreFixture &f)
    {
        if (!f.create())
            return false;
        const Result<Patient> patient = f->patients().add(
            makePatient(QStringLiteral("7001"), QStringLiteral("Fournier"), QStringLiteral("Anne")));
        if (!patient)
            return false;
        VitalsInput in;
        in.pulse = 80;
        in.temperature = 37.2;
        in.spo2 = 98;
        if (!f->observations().recordVitals(patient->id, in))
            return false;
        NursingNote note;
        note.meta.patientId = patient->id;
        note.target = QStringLiteral("Mobilisation");
        note.actions = QStringLiteral("Levée au fauteuil");
        if (!f->notes().record(note))
            return false;
        const Result<AuditVerification> verified = f->audit().verify();
        return verified && verified->intact && verified->entries == 6;
    }

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void everyWriteAppendsOneEntryPerRecord()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        QList<AuditEntry> created = entriesAfter(*f.store(), 0);
        QCOMPARE(created.size(), 1);
        QCOMPARE(created.first().seq, qint64(1));
        QCOMPARE(created.first().action, QStringLiteral("store.create"));
        QCOMPARE(created.first().author, kTestAuthor);
        QCOMPARE(created.first().device, f->deviceId());
        QCOMPARE(created.first().atMs, kTestStartMs);

        f.clock().advanceMs(1000);
        const Result<Patient> patient = f->patients().add(
            makePatient(QStringLiteral("7002"), QStringLiteral("Girard"), QStringLiteral("Hugo")));
        CHEVET_VERIFY_OK(patient);
        QList<AuditEntry> added = entriesAfter(*f.store(), 1);
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.first().action, QStringLiteral("patient.create"));
        QCOMPARE(added.first().recordType, QStringLiteral("patient"));
        QCOMPARE(added.first().recordId, patient->id);
        QCOMPARE(added.first().version, 1);
        QCOMPARE(added.first().atMs, kTestStartMs + 1000);
        QCOMPARE(added.first().prevHash, created.first().hash);

        f->setAuthor(QStringLiteral("nurse-b"));
        VitalsInput in;
        in.pulse = 64;
        in.respiratoryRate = 14;
        in.glucoseMmol = 6.2;
        const Result<VitalsEntry> vitals = f->observations().recordVitals(patient->id, in);
        CHEVET_VERIFY_OK(vitals);
        const QList<AuditEntry> measured = entriesAfter(*f.store(), 2);
        QCOMPARE(measured.size(), 3);
        QStringList details;
        for (int i = 0; i < measured.size(); ++i) {
            const AuditEntry &e = measured.at(i);
            QCOMPARE(e.seq, qint64(3 + i));
            QCOMPARE(e.action, QStringLiteral("record.create"));
            QCOMPARE(e.recordType, QStringLiteral("observation"));
            QCOMPARE(e.recordId, vitals->observations.at(i).meta.id);
            QCOMPARE(e.author, QStringLiteral("nurse-b"));
            QCOMPARE(e.device, f->deviceId());
            QCOMPARE(e.hlc, vitals->observations.at(i).meta.hlc);
            details.append(e.detail);
        }
        details.sort();
        QCOMPARE(details, (QStringList{QStringLiteral("glucose-mmol"), QStringLiteral("pulse"),
                                       QStringLiteral("rr")}));

        const Result<Observation> amended = f->observations().amend(vitals->observations.first().meta.id, 66,
                                                                    std::nullopt, QStringLiteral("x"));
        CHEVET_VERIFY_OK(amended);
        const QList<AuditEntry> amendment = entriesAfter(*f.store(), 5);
        QCOMPARE(amendment.size(), 1);
        QCOMPARE(amendment.first().action, QStringLiteral("record.amend"));
        QCOMPARE(amendment.first().version, 2);
        QCOMPARE(amendment.first().recordId, amended->meta.id);
        QVERIFY(amendment.first().detail.isEmpty()); // the reason is patient data: sealed, not audited

        // A refused write leaves no trace in the log.
        in.pulse = 900;
        QVERIFY(!f->observations().recordVitals(patient->id, in).ok());
        QVERIFY(entriesAfter(*f.store(), 6).isEmpty());

        const Result<AuditVerification> verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(verified->intact);
        QCOMPARE(verified->entries, qint64(6));
        QCOMPARE(verified->firstBadSeq, qint64(0));
    }

    void chainIsIntactAfterManyWrites()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        qint64 expected = 1;
        for (int i = 0; i < 40; ++i) {
            const Result<Patient> patient = f->patients().add(makePatient(
                QStringLiteral("P%1").arg(i), QStringLiteral("Nom%1").arg(i), QStringLiteral("Marie")));
            CHEVET_VERIFY_OK(patient);
            const Result<VitalsEntry> vitals = f->observations().recordVitals(patient->id, normalVitals());
            CHEVET_VERIFY_OK(vitals);
            f.clock().advanceMs(60'000);
            expected += 1 + vitals->observations.size();
        }
        Result<AuditVerification> verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY2(verified->intact, qPrintable(verified->reason));
        QCOMPARE(verified->entries, expected);

        CHEVET_VERIFY_OK(f.reopen());
        verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(verified->intact);
        QCOMPARE(verified->entries, expected);
    }

    // verify() reads the log in pages: a long log must be checked to its end, across page boundaries.
    void verifyReadsLongLogsToTheEnd()
    {
        QTemporaryDir dir;
        Result<std::unique_ptr<Database>> opened =
            Database::open(dir.filePath(QStringLiteral("audit.db")), Database::OpenMode::CreateNew);
        CHEVET_VERIFY_OK(opened);
        Database &db = **opened;
        CHEVET_VERIFY_OK(migrate(db, schemaMigrations()));
        AuditLog log(db, QByteArray(32, '\x11'));
        const qint64 count = 12'345;
        CHEVET_VERIFY_OK(db.begin());
        for (qint64 i = 1; i <= count; ++i) {
            AuditEntry e;
            e.atMs = kTestStartMs + i;
            e.hlc = HlcTimestamp{kTestStartMs + i, 0};
            e.author = kTestAuthor;
            e.device = QStringLiteral("device-1");
            e.action = QStringLiteral("record.create");
            e.recordType = QStringLiteral("observation");
            e.recordId = QUuid::createUuid();
            e.version = 1;
            CHEVET_VERIFY_OK(log.append(e));
        }
        CHEVET_VERIFY_OK(db.commit());
        Result<AuditVerification> verified = log.verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(verified->intact);
        QCOMPARE(verified->entries, count);

        CHEVET_VERIFY_OK(db.exec(kDropTriggers));
        CHEVET_VERIFY_OK(db.exec(QStringLiteral("UPDATE audit SET detail = 'x' WHERE seq = 12000")));
        verified = log.verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(!verified->intact);
        QCOMPARE(verified->firstBadSeq, qint64(12000));

        // A log checked under another key is not intact either: the chain is keyed.
        AuditLog otherKey(db, QByteArray(32, '\x22'));
        verified = otherKey.verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(!verified->intact);
        QCOMPARE(verified->firstBadSeq, qint64(1));
    }

    void tamperingIsDetected_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qint64>("firstBadSeq");
        QTest::newRow("nothing changed") << QString() << qint64(0);
        QTest::newRow("author of entry 4 changed")
            << QStringLiteral("UPDATE audit SET author = 'mallory' WHERE seq = 4") << qint64(4);
        QTest::newRow("action of entry 2 changed")
            << QStringLiteral("UPDATE audit SET action = 'patient.import' WHERE seq = 2") << qint64(2);
        QTest::newRow("time of entry 5 moved")
            << QStringLiteral("UPDATE audit SET at_ms = at_ms - 3600000 WHERE seq = 5") << qint64(5);
        QTest::newRow("record of entry 3 changed")
            << QStringLiteral(
                   "UPDATE audit SET record_id = (SELECT record_id FROM audit WHERE seq = 4) WHERE seq = 3")
            << qint64(3);
        QTest::newRow("link of entry 6 changed")
            << QStringLiteral("UPDATE audit SET prev_hash = zeroblob(32) WHERE seq = 6") << qint64(6);
        QTest::newRow("last entry deleted (truncation)")
            << QStringLiteral("DELETE FROM audit WHERE seq = 6") << qint64(6);
        QTest::newRow("last two entries deleted")
            << QStringLiteral("DELETE FROM audit WHERE seq >= 5") << qint64(5);
        QTest::newRow("middle entry deleted")
            << QStringLiteral("DELETE FROM audit WHERE seq = 3") << qint64(3);
        QTest::newRow("first entry deleted")
            << QStringLiteral("DELETE FROM audit WHERE seq = 1") << qint64(1);
        QTest::newRow("every entry deleted") << QStringLiteral("DELETE FROM audit") << qint64(1);
        QTest::newRow("entries 3 and 4 swapped")
            << QStringLiteral(
                   "UPDATE audit SET seq = -3 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 4; "
                   "UPDATE audit SET seq = 4 WHERE seq = -3;")
            << qint64(3);
        QTest::newRow("entry forged at the end")
            << QStringLiteral(
                   "INSERT INTO audit (seq, at_ms, hlc, author, device, action, prev_hash, hash) "
                   "SELECT 7, at_ms, hlc + 1, author, device, 'store.create', hash, randomblob(32) "
                   "FROM audit WHERE seq = 6")
            << qint64(7);
    }

    void tamperingIsDetected()
    {
        QFETCH(QString, sql);
        QFETCH(qint64, firstBadSeq);
        StoreFixture f;
        QVERIFY(makeSixEntryStore(f));
        f.close();
        CHEVET_VERIFY_OK(tamper(f.path(), kDropTriggers + sql));

        CHEVET_VERIFY_OK(f.open());
        const Result<AuditVerification> verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QCOMPARE(verified->intact, firstBadSeq == 0);
        QCOMPARE(verified->firstBadSeq, firstBadSeq);
        QCOMPARE(verified->reason.isEmpty(), firstBadSeq == 0);
    }

    void removedHeadIsDetected()
    {
        StoreFixture f;
        QVERIFY(makeSixEntryStore(f));
        f.close();
        CHEVET_VERIFY_OK(tamper(f.path(), QStringLiteral("DELETE FROM meta WHERE key = 'audit_head'")));
        CHEVET_VERIFY_OK(f.open());
        const Result<AuditVerification> verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(!verified->intact);
        QVERIFY(verified->firstBadSeq > 0);
    }

    // New entries chain from the sealed head, not from whatever entry is last: writing on after a
    // truncation, or after the head was removed, does not mend the log.
    void laterWritesDoNotHideTampering_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qint64>("firstBadSeq");
        QTest::newRow("last two entries deleted")
            << QStringLiteral("DELETE FROM audit WHERE seq >= 5") << qint64(5);
        QTest::newRow("last two entries and the head deleted")
            << QStringLiteral("DELETE FROM audit WHERE seq >= 5; DELETE FROM meta WHERE key = 'audit_head'")
            << qint64(5);
        QTest::newRow("head deleted")
            << QStringLiteral("DELETE FROM meta WHERE key = 'audit_head'") << qint64(7);
        QTest::newRow("head forged") << QStringLiteral(
                                            "UPDATE meta SET value = zeroblob(80) WHERE key = 'audit_head'")
                                     << qint64(7);
    }

    void laterWritesDoNotHideTampering()
    {
        QFETCH(QString, sql);
        QFETCH(qint64, firstBadSeq);
        StoreFixture f;
        QVERIFY(makeSixEntryStore(f));
        const Result<std::optional<Patient>> patient = f->patients().findByIpp(QStringLiteral("7001"));
        CHEVET_VERIFY_OK(patient);
        f.close();
        CHEVET_VERIFY_OK(tamper(f.path(), kDropTriggers + sql));

        CHEVET_VERIFY_OK(f.open());
        for (int i = 0; i < 3; ++i)
            CHEVET_VERIFY_OK(f->observations().recordVitals((*patient)->id, normalVitals()));
        CHEVET_VERIFY_OK(f.reopen());
        const Result<AuditVerification> verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(!verified->intact);
        QCOMPARE(verified->firstBadSeq, firstBadSeq);
    }

    // An earlier head put back (it carries a valid MAC) hides the entries after it: verify() says so,
    // and writing goes on rather than stopping on the seq already taken, the break staying visible.
    void earlierHeadPutBackIsDetected()
    {
        StoreFixture f;
        QVERIFY(makeSixEntryStore(f));
        const Result<std::optional<Patient>> patient = f->patients().findByIpp(QStringLiteral("7001"));
        CHEVET_VERIFY_OK(patient);
        f.close();
        QByteArray earlierHead;
        {
            Result<std::unique_ptr<Database>> db = Database::open(f.path(), Database::OpenMode::ExistingOnly);
            CHEVET_VERIFY_OK(db);
            Result<Statement> read =
                (*db)->prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'audit_head'"));
            CHEVET_VERIFY_OK(read);
            QVERIFY(*read->step());
            earlierHead = read->blob(0);
        }
        CHEVET_VERIFY_OK(f.open());
        const Result<VitalsEntry> vitals = f->observations().recordVitals((*patient)->id, normalVitals());
        CHEVET_VERIFY_OK(vitals);
        const qint64 entries = 6 + vitals->observations.size();
        f.close();
        CHEVET_VERIFY_OK(
            tamper(f.path(), QStringLiteral("UPDATE meta SET value = x'%1' WHERE key = 'audit_head'")
                                 .arg(QString::fromLatin1(earlierHead.toHex()))));

        CHEVET_VERIFY_OK(f.open());
        Result<AuditVerification> verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(!verified->intact);
        QCOMPARE(verified->firstBadSeq, qint64(7));

        CHEVET_VERIFY_OK(f->observations().recordVitals((*patient)->id, normalVitals()));
        verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(!verified->intact);
        QCOMPARE(verified->firstBadSeq, entries + 1);
    }

    void appendOnlyTriggersRefuseChanges_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("message");
        QTest::newRow("update an audit entry")
            << QStringLiteral("UPDATE audit SET author = 'mallory' WHERE seq = 2")
            << QStringLiteral("append-only");
        QTest::newRow("delete an audit entry")
            << QStringLiteral("DELETE FROM audit WHERE seq = 6") << QStringLiteral("append-only");
        QTest::newRow("empty the audit log")
            << QStringLiteral("DELETE FROM audit") << QStringLiteral("append-only");
        QTest::newRow("delete an observation")
            << QStringLiteral("DELETE FROM records WHERE type = 'observation'")
            << QStringLiteral("append-only");
        QTest::newRow("delete a note")
            << QStringLiteral("DELETE FROM records WHERE type = 'note'") << QStringLiteral("append-only");
    }

    void appendOnlyTriggersRefuseChanges()
    {
        QFETCH(QString, sql);
        QFETCH(QString, message);
        StoreFixture f;
        QVERIFY(makeSixEntryStore(f));
        const RowCounts before = rowCounts(f.path());
        f.close();
        const QMap<QString, QByteArray> files = snapshotFolder(f.folder());

        const Status changed = tamper(f.path(), sql);
        QVERIFY(!changed.ok());
        QVERIFY2(changed.error().message.contains(message), qPrintable(changed.error().message));
        QCOMPARE(snapshotFolder(f.folder()), files);

        CHEVET_VERIFY_OK(f.open());
        QCOMPARE(rowCounts(f.path()), before);
        const Result<AuditVerification> verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(verified->intact);
        QCOMPARE(verified->entries, qint64(6));
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
