// The data key is replaced when a nurse is removed (security review F7): a removed nurse who kept a copy
// of the file made while she was enrolled, and who can reach the device secret, opens nothing the store
// holds afterwards, while the nurses who stay take the new key over at their next unlock without anyone
// knowing their PIN.

#include "storefixture.h"

#include "crypto/keyring.h"
#include "store/alertlog.h"
#include "store/conflictqueue.h"
#include "store/database.h"
#include "store/dpicopies.h"
#include "store/keyslots.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/recordtable.h"
#include "store/sealedmeta.h"
#include "store/storecontext.h"

#include <QCborArray>
#include <QCborValue>
#include <QFile>
#include <QJsonObject>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

const QString kNurseB = QStringLiteral("nurse-b");
const QByteArray kPinB = QByteArrayLiteral("739155");
const QString kNurseC = QStringLiteral("nurse-c");
const QByteArray kPinC = QByteArrayLiteral("604182");

Status runSql(const QString &path, const QString &sql)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    return (*db)->exec(sql);
}

Result<QByteArray> metaBlob(const QString &path, const QString &key)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    Result<Statement *> stmt = (*db)->cached("SELECT value FROM meta WHERE key = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, key);
    Result<bool> row = (*stmt)->step();
    if (!row)
        return row.error();
    QByteArray value = *row ? (*stmt)->blob(0) : QByteArray();
    (*stmt)->reset();
    return value;
}

// The ring a slot of the file at `path` opens: what a nurse who copied the file holds.
Result<crypto::KeyRing> ringOf(const StoreFixture &f, const QString &path, const QString &nurse,
                               const QByteArray &pin)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    Result<std::optional<crypto::WrappedDataKey>> slot = keyslots::read(**db, nurse);
    if (!slot)
        return slot.error();
    if (!*slot)
        return makeError(StoreError::UnknownNurse, QStringLiteral("no slot"));
    Result<QByteArray> storeId = metaBlob(path, QStringLiteral("store_id"));
    if (!storeId)
        return storeId.error();
    return crypto::KeyRing::unlock(pin, f.deviceSecret(), *storeId, **slot, nurse);
}

// Opens every record and earlier version of the file at `path` with `ring`, as RecordTable does.
Status openRecordsWith(const QString &path, const crypto::KeyRing &ring)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    RecordTable table(**db, ring.sealer());
    return table.verifyAll();
}

Result<qint64> lookupRows(const QString &path, const QByteArray &hash)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    Result<Statement *> stmt = (*db)->cached("SELECT count(*) FROM lookup WHERE hash = ?1");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, hash);
    Result<bool> row = (*stmt)->step();
    if (!row)
        return row.error();
    const qint64 count = (*stmt)->int64(0);
    (*stmt)->reset();
    return count;
}

} // namespace

class TestKeyRotation : public QObject
{
    Q_OBJECT

    QUuid m_patient;
    QUuid m_observation;
    QUuid m_alert;

    // A, B and C enrolled; A's ward holds a patient, vitals amended once, a note, an alert, a parked
    // conflict, the DPI's copy of the patient and an engine secret: something of every sealed kind.
    bool fillWard(StoreFixture &f)
    {
        if (!f.create() || !f->enrolNurse(kNurseB, kPinB) || !f->enrolNurse(kNurseC, kPinC))
            return false;
        Result<Patient> patient = addPatient(*f.store(), QStringLiteral("8301"));
        if (!patient)
            return false;
        m_patient = patient->id;
        Result<VitalsEntry> vitals = f->observations().recordVitals(m_patient, normalVitals());
        if (!vitals)
            return false;
        m_observation = vitals->observations.first().meta.id;
        if (!f->observations().amend(m_observation, vitals->observations.first().value + 1, std::nullopt,
                                     QStringLiteral("saisie")))
            return false;
        NursingNote note;
        note.meta.patientId = m_patient;
        note.target = QStringLiteral("Sommeil");
        note.data = QStringLiteral("Patiente calme, a bien dormi.");
        if (!f->notes().record(note))
            return false;
        ClinicalAlert alert;
        alert.kind = QStringLiteral("possible-double-dose");
        alert.patientId = m_patient;
        alert.records = {m_observation};
        alert.message = QStringLiteral("Deux doses");
        alert.raisedMs = 5000;
        Result<bool> raised = f->alerts().raise(alert, QStringLiteral("slot-1"));
        if (!raised)
            return false;
        Result<QList<ClinicalAlert>> alerts = f->alerts().list();
        if (!alerts || alerts->isEmpty())
            return false;
        m_alert = alerts->first().id;
        ParkedConflict conflict;
        conflict.recordId = m_observation;
        conflict.recordType = QStringLiteral("observation");
        conflict.patientId = m_patient;
        conflict.rule = QStringLiteral("version-mismatch");
        conflict.reason = QStringLiteral("modifié au DPI");
        conflict.createdMs = 6000;
        if (!f->conflicts().park(conflict))
            return false;
        DpiCopies copies(f->context().db, f->context().keys.sealer());
        if (!copies.put(m_patient, m_patient,
                        QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                                    {QStringLiteral("id"), QStringLiteral("p-1")},
                                    {QStringLiteral("meta"),
                                     QJsonObject{{QStringLiteral("versionId"), QStringLiteral("3")}}}}))
            return false;
        return bool(SealedMeta(*f.store()).setValue(QStringLiteral("ward-secret"), "s3cret"));
    }

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void aRemovedNursesCopyOpensNothingTheStoreHoldsAfterwards()
    {
        StoreFixture f;
        QVERIFY(fillWard(f));
        f.close();
        // B, still enrolled, copies the file: her slot in it and her PIN give her the data key.
        const QString copy = f.folder() + QStringLiteral("/taken.db");
        QVERIFY(QFile::copy(f.path(), copy));
        Result<crypto::KeyRing> taken = ringOf(f, copy, kNurseB, kPinB);
        CHEVET_VERIFY_OK(taken);
        CHEVET_VERIFY_OK(openRecordsWith(copy, *taken)); // the control: her key opens her copy
        const QByteArray ippIndex =
            taken->blindIndex(QStringLiteral("ipp|") + kTestEstablishment, QStringLiteral("8301"));
        QCOMPARE(lookupRows(copy, ippIndex).value(), 1);

        CHEVET_VERIFY_OK(f.open());
        Result<Store::KeyReplacement> replaced = f->removeNurse(kNurseB);
        CHEVET_VERIFY_OK(replaced);
        QCOMPARE(replaced->notHanded, QStringList());
        QCOMPARE(replaced->rowsLeftUnreadable, 0);
        QVERIFY(f->observations().recordVitals(m_patient, normalVitals()));
        f.close();

        // Nothing in the file opens under the key she holds: records, earlier versions, and the index.
        const Status underOldKey = openRecordsWith(f.path(), *taken);
        QVERIFY(!underOldKey);
        QCOMPARE(underOldKey.error().code, ErrorCode(CryptoError::RecordUnreadable));
        QCOMPARE(lookupRows(f.path(), ippIndex).value(), 0);
        const QString storeId = QString::fromUtf8(metaBlob(f.path(), QStringLiteral("store_id")).value());
        const QByteArray secretAad = SealedMeta::associatedData(storeId, QStringLiteral("ward-secret"));
        const QString secretKey = SealedMeta::storedKey(QStringLiteral("ward-secret"));
        QVERIFY(taken->sealer().open(metaBlob(copy, secretKey).value(), secretAad));
        QVERIFY(!taken->sealer().open(metaBlob(f.path(), secretKey).value(), secretAad));

        // Her old slot put back into the file does not open it either.
        Result<QByteArray> oldSlot = metaBlob(copy, QStringLiteral("key_slot.") + kNurseB);
        CHEVET_VERIFY_OK(oldSlot);
        {
            Result<std::unique_ptr<Database>> db = Database::open(f.path(), Database::OpenMode::ExistingOnly);
            CHEVET_VERIFY_OK(db);
            Result<Statement *> put = (*db)->cached("INSERT INTO meta (key, value) VALUES (?1, ?2)");
            CHEVET_VERIFY_OK(put);
            (*put)->bind(1, QStringLiteral("key_slot.") + kNurseB).bind(2, *oldSlot);
            CHEVET_VERIFY_OK((*put)->exec());
        }
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kNurseB, kPinB)), StoreError::SlotOutdated);
        // Nor with the mark of the current key taken away: the store refuses, it does not show.
        {
            Result<std::unique_ptr<Store>> a = Store::open(f.options());
            CHEVET_VERIFY_OK(a);
            QVERIFY(auditActions(**a).contains(QStringLiteral("store.replace-key")));
        }
        CHEVET_VERIFY_OK(runSql(f.path(), QStringLiteral("DELETE FROM meta WHERE key = 'key_check'")));
        QVERIFY(!Store::open(asNurse(f, kNurseB, kPinB)));
    }

    void theNursesWhoStayTakeTheNewKeyAtTheirNextUnlock()
    {
        StoreFixture f;
        QVERIFY(fillWard(f));
        const QByteArray markBefore = readFile(f.path() + QStringLiteral("-head"));
        QVERIFY(!markBefore.isEmpty());
        CHEVET_VERIFY_OK(f->removeNurse(kNurseB));
        f.close();
        // As after a crash right after the commit: the mark beside the store still under the old key.
        QVERIFY(writeFile(f.path() + QStringLiteral("-head"), markBefore));

        // C never gave her PIN to A: the key handed to her opens at her unlock, and her slot takes it.
        QVERIFY(metaBlob(f.path(), QStringLiteral("key_grant.") + kNurseC).value().size() > 0);
        {
            Result<std::unique_ptr<Store>> c = Store::open(asNurse(f, kNurseC, kPinC));
            CHEVET_VERIFY_OK(c);
            Result<std::optional<Observation>> amended = (*c)->observations().find(m_observation);
            CHEVET_VERIFY_OK(amended);
            QVERIFY(amended->has_value());
            QCOMPARE((*c)->observations().history(m_observation).value().size(), 2);
            QCOMPARE((*c)->patients().findByIpp(QStringLiteral("8301")).value().value().id, m_patient);
            Result<QList<ClinicalAlert>> alerts = (*c)->alerts().list();
            CHEVET_VERIFY_OK(alerts);
            QCOMPARE(alerts->size(), 1);
            Result<QList<ParkedConflict>> conflicts = (*c)->conflicts().open();
            CHEVET_VERIFY_OK(conflicts);
            QCOMPARE(conflicts->size(), 1);
            QCOMPARE(conflicts->first().reason, QStringLiteral("modifié au DPI"));
            Result<std::optional<DpiCopy>> copy =
                DpiCopies((*c)->context().db, (*c)->context().keys.sealer()).find(m_patient);
            CHEVET_VERIFY_OK(copy);
            QCOMPARE(copy->value().serverVersion, QStringLiteral("3"));
            QCOMPARE(SealedMeta(**c).value(QStringLiteral("ward-secret")).value(), QByteArray("s3cret"));
            CHEVET_VERIFY_OK((*c)->checkIntegrity());
            Result<AuditVerification> chain = (*c)->audit().verify();
            CHEVET_VERIFY_OK(chain);
            QVERIFY2(chain->intact, qPrintable(chain->reason));
        }
        QCOMPARE(metaBlob(f.path(), QStringLiteral("key_grant.") + kNurseC).value(), QByteArray());
        // Her slot now wraps the current key; A, who removed B, takes hers the same way.
        CHEVET_VERIFY_OK(Store::open(asNurse(f, kNurseC, kPinC)));
        CHEVET_VERIFY_OK(f.open());
        QCOMPARE(f->notes().forPatient(m_patient, 0, kTestStartMs + 3600 * 1000).value().size(), 1);

        // A second replacement: the trail is one chain across three keys.
        CHEVET_VERIFY_OK(f->enrolNurse(kNurseB, kPinB));
        CHEVET_VERIFY_OK(f->removeNurse(kNurseC));
        QVERIFY(f->observations().recordVitals(m_patient, normalVitals()));
        CHEVET_VERIFY_OK(f.reopen());
        Result<AuditVerification> chain = f->audit().verify();
        CHEVET_VERIFY_OK(chain);
        QVERIFY2(chain->intact, qPrintable(chain->reason));
        CHEVET_VERIFY_OK(f->checkIntegrity());
        CHEVET_VERIFY_OK(Store::open(asNurse(f, kNurseB, kPinB)));
    }

    void aNurseWithoutAPublicKeyMustBeEnrolledAgain()
    {
        StoreFixture f;
        QVERIFY(fillWard(f));
        // As a slot enrolled by a build before grants, never unlocked since.
        CHEVET_VERIFY_OK(f.store()->context().db.exec(
            QStringLiteral("DELETE FROM meta WHERE key = 'key_public.%1'").arg(kNurseC)));
        Result<Store::KeyReplacement> replaced = f->removeNurse(kNurseB);
        CHEVET_VERIFY_OK(replaced);
        QCOMPARE(replaced->notHanded, QStringList{kNurseC});
        f.close();
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kNurseC, kPinC)), StoreError::SlotOutdated);
        CHEVET_VERIFY_OK(f.open());
    }

    void aKeyHandedOverThatWasAlteredIsRefused()
    {
        StoreFixture f;
        QVERIFY(fillWard(f));
        CHEVET_VERIFY_OK(f->removeNurse(kNurseB));
        f.close();
        Result<QByteArray> grant = metaBlob(f.path(), QStringLiteral("key_grant.") + kNurseC);
        CHEVET_VERIFY_OK(grant);
        QByteArray altered = *grant;
        altered[altered.size() - 1] = char(altered.at(altered.size() - 1) ^ 0x01);
        CHEVET_VERIFY_OK(
            runSql(f.path(), QStringLiteral("UPDATE meta SET value = x'%1' WHERE key = 'key_grant.%2'")
                                 .arg(QString::fromLatin1(altered.toHex()), kNurseC)));
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kNurseC, kPinC)), StoreError::KeyGrantInvalid);
    }

    void aConnectionStillOnTheOldKeyWritesNothing()
    {
        StoreFixture f;
        QVERIFY(fillWard(f));
        f.close();
        Result<std::unique_ptr<Store>> elsewhere = Store::open(asNurse(f, kNurseC, kPinC));
        CHEVET_VERIFY_OK(elsewhere);
        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(f->removeNurse(kNurseB));
        // The other program's next write is refused, and the trail is not marked broken by it.
        Result<VitalsEntry> late = (*elsewhere)->observations().recordVitals(m_patient, normalVitals());
        QVERIFY(!late);
        QCOMPARE(late.error().code, ErrorCode(StoreError::KeyReplaced));
        elsewhere->reset();
        Result<AuditVerification> chain = f->audit().verify();
        CHEVET_VERIFY_OK(chain);
        QVERIFY2(chain->intact, qPrintable(chain->reason));
    }

    // A hostile review of F7: one row that does not open (damaged, or planted by the nurse to be removed)
    // must not keep her key in force.
    void aRowThatDoesNotOpenIsLeftAndTheKeyStillReplaced()
    {
        StoreFixture f;
        QVERIFY(fillWard(f));
        CHEVET_VERIFY_OK(f.store()->context().db.exec(
            QStringLiteral("UPDATE dpi_copies SET sealed = x'01' || substr(sealed, 2, 12) || zeroblob(40)")));
        const Result<Store::KeyReplacement> replaced = f->removeNurse(kNurseB);
        CHEVET_VERIFY_OK(replaced);
        QCOMPARE(replaced->rowsLeftUnreadable, 1);
        QCOMPARE(*f->nurses(), (QStringList{kTestAuthor, kNurseC}));
        QVERIFY(auditActions(*f.store()).contains(QStringLiteral("store.replace-key.unreadable")));
        f.close();
        CHEVET_VERIFY_OK(Store::open(asNurse(f, kNurseC, kPinC)));
    }

    void aReplacementThatFailsLeavesTheStoreAsItWas()
    {
        StoreFixture f;
        QVERIFY(fillWard(f));
        // A write that fails midway (as on a full disk): nothing of the replacement stays, and this
        // connection goes on under the key the file still has.
        CHEVET_VERIFY_OK(f.store()->context().db.exec(
            QStringLiteral("CREATE TRIGGER fail_midway BEFORE UPDATE ON conflicts BEGIN SELECT RAISE(ABORT, "
                           "'disk full'); END")));
        const Result<Store::KeyReplacement> removed = f->removeNurse(kNurseB);
        QVERIFY(!removed);
        CHEVET_VERIFY_OK(f.store()->context().db.exec(QStringLiteral("DROP TRIGGER fail_midway")));
        QCOMPARE(*f->nurses(), (QStringList{kTestAuthor, kNurseB, kNurseC}));
        Result<VitalsEntry> after = f->observations().recordVitals(m_patient, normalVitals());
        CHEVET_VERIFY_OK(after);
        f.close();
        Result<std::unique_ptr<Store>> b = Store::open(asNurse(f, kNurseB, kPinB));
        CHEVET_VERIFY_OK(b);
        Result<std::optional<Observation>> written =
            (*b)->observations().find(after->observations.first().meta.id);
        CHEVET_VERIFY_OK(written);
        QVERIFY(written->has_value());
        Result<AuditVerification> chain = (*b)->audit().verify();
        CHEVET_VERIFY_OK(chain);
        QVERIFY2(chain->intact, qPrintable(chain->reason));
        QVERIFY(!auditActions(**b).contains(QStringLiteral("store.replace-key")));
    }

    // A hostile review of F7: the removed nurse, who can write the file but no longer holds the key,
    // files her own public key for a colleague; the next key must not be handed to her.
    void aPublicKeyFiledOutsideTheAppGetsNoKey()
    {
        StoreFixture f;
        QVERIFY(fillWard(f));
        CHEVET_VERIFY_OK(f->enrolNurse(QStringLiteral("nurse-d"), QByteArrayLiteral("915273")));
        CHEVET_VERIFY_OK(f->removeNurse(kNurseB));
        Result<QByteArray> own = metaBlob(f.path(), QStringLiteral("key_public.nurse-d"));
        CHEVET_VERIFY_OK(own);
        QCOMPARE(own->size(), 64);
        // Her key (any 32 bytes she holds the private half of) over C's, with a tag she cannot make.
        CHEVET_VERIFY_OK(f.store()->context().db.exec(
            QStringLiteral("UPDATE meta SET value = x'%1' WHERE key = 'key_public.%2'")
                .arg(QString::fromLatin1(own->left(32).toHex() + QByteArray(64, 'a')), kNurseC)));
        Result<Store::KeyReplacement> replaced = f->removeNurse(QStringLiteral("nurse-d"));
        CHEVET_VERIFY_OK(replaced);
        QCOMPARE(replaced->notHanded, QStringList{kNurseC});
        QCOMPARE(metaBlob(f.path(), QStringLiteral("key_grant.") + kNurseC).value(), QByteArray());
    }

    // A hostile review of F7: anyone can seal a grant to a public key, and the key check is only a MAC
    // under the key it names. A key made up by someone who never held the nurse's key is refused before
    // her slot changes.
    void aKeyMadeUpOutsideTheAppIsNotTaken()
    {
        StoreFixture f;
        QVERIFY(fillWard(f));
        CHEVET_VERIFY_OK(f->removeNurse(kNurseB));
        f.close();
        // C takes the real key once, so her slot holds the current key.
        CHEVET_VERIFY_OK(Store::open(asNurse(f, kNurseC, kPinC)));
        const QByteArray slotBefore = metaBlob(f.path(), QStringLiteral("key_slot.") + kNurseC).value();
        const QByteArray storeId = metaBlob(f.path(), QStringLiteral("store_id")).value();
        const QByteArray filed = metaBlob(f.path(), QStringLiteral("key_public.") + kNurseC).value();
        Result<std::pair<crypto::KeyRing, crypto::WrappedDataKey>> forger =
            crypto::KeyRing::create(kPinB, f.deviceSecret(), storeId, kTestKdf, kNurseB);
        CHEVET_VERIFY_OK(forger);
        const crypto::KeyRing &made = forger->first;
        Result<QByteArray> grant = made.grantTo(filed.left(32), QByteArrayLiteral("chevet key grant v1|") +
                                                                    storeId + '|' + kNurseC.toUtf8());
        CHEVET_VERIFY_OK(grant);
        const QByteArray check = made.keyCheck(storeId).value();
        // Her own list of audit keys too, sealed under the key she made up: it cannot name C's.
        const QByteArray epochs = QCborValue(QCborArray{QCborArray{1, made.auditKey()}}).toCbor();
        Result<QByteArray> sealedEpochs =
            made.sealer().seal(epochs, QByteArrayLiteral("chevet audit epochs v1|") + storeId);
        CHEVET_VERIFY_OK(sealedEpochs);
        for (const auto &[key, value] : {std::pair{QStringLiteral("key_grant.") + kNurseC, *grant},
                                         std::pair{QStringLiteral("key_check"), check},
                                         std::pair{QStringLiteral("audit_epochs"), *sealedEpochs}}) {
            CHEVET_VERIFY_OK(
                runSql(f.path(), QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES "
                                                "('%1', x'%2')")
                                     .arg(key, QString::fromLatin1(value.toHex()))));
        }
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kNurseC, kPinC)), StoreError::KeyGrantInvalid);
        QCOMPARE(metaBlob(f.path(), QStringLiteral("key_slot.") + kNurseC).value(), slotBefore);
    }

    // A hostile review of F7: a PIN change gives her a new personal key, so whoever guessed her old PIN
    // from an old copy of the file (her slot in it opens with it) opens no key handed to her afterwards.
    void aGuessOfAnOldPinOpensNoKeyHandedAfterItsChange()
    {
        StoreFixture f;
        QVERIFY(fillWard(f));
        f.close();
        const QString copy = f.folder() + QStringLiteral("/taken.db");
        QVERIFY(QFile::copy(f.path(), copy));
        Result<crypto::KeyRing> guessed = ringOf(f, copy, kNurseC, kPinC);
        CHEVET_VERIFY_OK(guessed);
        const QByteArray newPin = QByteArrayLiteral("862049");
        {
            Result<std::unique_ptr<Store>> c = Store::open(asNurse(f, kNurseC, kPinC));
            CHEVET_VERIFY_OK(c);
            CHEVET_VERIFY_OK(
                SealedMeta(**c, SealedMeta::Scope::Personal).setValue(QStringLiteral("own"), "mine"));
            CHEVET_VERIFY_OK((*c)->changePin(newPin));
            // Her own values moved under her new key, and still open for her.
            QCOMPARE(SealedMeta(**c, SealedMeta::Scope::Personal).value(QStringLiteral("own")).value(),
                     QByteArray("mine"));
        }
        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(f->removeNurse(kNurseB));
        f.close();
        const QByteArray storeId = metaBlob(f.path(), QStringLiteral("store_id")).value();
        const QByteArray grant = metaBlob(f.path(), QStringLiteral("key_grant.") + kNurseC).value();
        QVERIFY(!grant.isEmpty());
        Result<std::unique_ptr<Database>> db = Database::open(f.path(), Database::OpenMode::ExistingOnly);
        CHEVET_VERIFY_OK(db);
        const QByteArray salt = keyslots::read(**db, kNurseC).value().value().salt; // in clear in the file
        db->reset();
        QVERIFY(!guessed->openGrant(
            grant, QByteArrayLiteral("chevet key grant v1|") + storeId + '|' + kNurseC.toUtf8(), salt));
        Result<std::unique_ptr<Store>> c = Store::open(asNurse(f, kNurseC, newPin));
        CHEVET_VERIFY_OK(c);
        QCOMPARE(SealedMeta(**c, SealedMeta::Scope::Personal).value(QStringLiteral("own")).value(),
                 QByteArray("mine"));
    }
};

QTEST_GUILESS_MAIN(TestKeyRotation)
#include "tst_keyrotation.moc"
