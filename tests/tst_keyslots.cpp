// Per-nurse key slots (store/keyslots.h through Store): each nurse of a shared tablet opens the same
// store with her own PIN; switching nurses never touches unsynced work.

#include "storefixture.h"

#include "crypto/keyring.h"
#include "store/database.h"
#include "store/keyslots.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/sealedmeta.h"
#include "store/storecontext.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

const QString kNurseB = QStringLiteral("nurse-b");
const QByteArray kPinB = QByteArrayLiteral("739155");

} // namespace

class TestKeySlots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void theCreatorHoldsTheFirstSlot()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        QCOMPARE(*f->nurses(), QStringList{kTestAuthor});
        QCOMPARE(
            queryInt(f.path(), QStringLiteral("SELECT count(*) FROM meta WHERE key = 'wrapped_key'")).value(),
            0);
    }

    void anotherNurseWithoutSlotIsUnknown_data()
    {
        QTest::addColumn<QString>("nurse");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("not enrolled") << QStringLiteral("nurse-z") << ErrorCode(StoreError::UnknownNurse);
        QTest::newRow("empty id") << QString() << ErrorCode(ValidationError::BadNurseId);
        QTest::newRow("id with a space")
            << QStringLiteral("nurse a") << ErrorCode(ValidationError::BadNurseId);
    }

    void anotherNurseWithoutSlotIsUnknown()
    {
        QFETCH(QString, nurse);
        QFETCH(ErrorCode, code);
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        f.close();
        const Result<std::unique_ptr<Store>> opened = Store::open(asNurse(f, nurse, kTestPin));
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, code);
    }

    void eachNurseOpensWithHerOwnPin()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        CHEVET_VERIFY_OK(f->enrolNurse(kNurseB, kPinB));
        QCOMPARE(*f->nurses(), (QStringList{kTestAuthor, kNurseB}));
        QVERIFY(auditActions(*f.store()).contains(QStringLiteral("store.enrol-nurse")));
        f.close();

        {
            Result<std::unique_ptr<Store>> b = Store::open(asNurse(f, kNurseB, kPinB));
            CHEVET_VERIFY_OK(b);
            QCOMPARE((*b)->author(), kNurseB);
        }
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kNurseB, kTestPin)), CryptoError::WrongPin);
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kTestAuthor, kPinB)), CryptoError::WrongPin);
        CHEVET_VERIFY_OK(Store::open(asNurse(f, kTestAuthor, kTestPin)));
    }

    void enrolmentIsRefusedForBadInput_data()
    {
        QTest::addColumn<QString>("nurse");
        QTest::addColumn<QByteArray>("pin");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("already enrolled") << kTestAuthor << kPinB << ErrorCode(StoreError::NurseExists);
        QTest::newRow("weak PIN") << kNurseB << QByteArrayLiteral("12") << ErrorCode(StoreError::WeakPin);
        QTest::newRow("bad id") << QStringLiteral("*") << kPinB << ErrorCode(ValidationError::BadNurseId);
    }

    void enrolmentIsRefusedForBadInput()
    {
        QFETCH(QString, nurse);
        QFETCH(QByteArray, pin);
        QFETCH(ErrorCode, code);
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        const Status enrolled = f->enrolNurse(nurse, pin);
        QVERIFY(!enrolled);
        QCOMPARE(enrolled.error().code, code);
        QCOMPARE(*f->nurses(), QStringList{kTestAuthor});
    }

    void aRemovedNurseCannotOpenButHerRecordsStay()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        CHEVET_VERIFY_OK(f->enrolNurse(kNurseB, kPinB));
        f.close();
        QUuid recordedByB;
        {
            Result<std::unique_ptr<Store>> b = Store::open(asNurse(f, kNurseB, kPinB));
            CHEVET_VERIFY_OK(b);
            const Result<Patient> p = addPatient(**b, QStringLiteral("551"));
            CHEVET_VERIFY_OK(p);
            recordedByB = p->id;
        }
        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(f->removeNurse(kNurseB));
        CHEVET_VERIFY_ERROR(f->removeNurse(kNurseB), StoreError::UnknownNurse);
        CHEVET_VERIFY_ERROR(f->removeNurse(kTestAuthor), StoreError::LastNurse);
        QVERIFY(auditActions(*f.store()).contains(QStringLiteral("store.remove-nurse")));
        const QList<OutboxEntry> pending = outboxFor(*f.store(), recordedByB);
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().state, OutboxState::Pending);
        f.close();
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kNurseB, kPinB)), StoreError::UnknownNurse);
    }

    void changePinChangesOnlyHerSlot()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        CHEVET_VERIFY_OK(f->enrolNurse(kNurseB, kPinB));
        f.close();
        const QByteArray newPinB = QByteArrayLiteral("204466");
        {
            Result<std::unique_ptr<Store>> b = Store::open(asNurse(f, kNurseB, kPinB));
            CHEVET_VERIFY_OK(b);
            CHEVET_VERIFY_OK((*b)->changePin(newPinB));
        }
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kNurseB, kPinB)), CryptoError::WrongPin);
        CHEVET_VERIFY_OK(Store::open(asNurse(f, kNurseB, newPinB)));
        CHEVET_VERIFY_OK(Store::open(asNurse(f, kTestAuthor, kTestPin)));
    }

    // DESIGN §4: switching users never wipes unsynced work.
    void switchingNursesKeepsEveryonesPendingWork()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        CHEVET_VERIFY_OK(f->enrolNurse(kNurseB, kPinB));
        const Result<Patient> patient = addPatient(*f.store(), QStringLiteral("8801"));
        CHEVET_VERIFY_OK(patient);
        const Result<VitalsEntry> byA = f->observations().recordVitals(patient->id, normalVitals());
        CHEVET_VERIFY_OK(byA);
        f.close(); // nurse A steps away

        QUuid noteByB;
        {
            Result<std::unique_ptr<Store>> b = Store::open(asNurse(f, kNurseB, kPinB));
            CHEVET_VERIFY_OK(b);
            NursingNote note;
            note.meta.patientId = patient->id;
            note.target = QStringLiteral("Douleur");
            note.data = QStringLiteral("EVA 6");
            const Result<NursingNote> recorded = (*b)->notes().record(note);
            CHEVET_VERIFY_OK(recorded);
            noteByB = recorded->meta.id;
        }

        CHEVET_VERIFY_OK(f.open()); // and A is back
        const QUuid obsByA = byA->observations.first().meta.id;
        for (const auto &[id, author] : {std::pair{obsByA, kTestAuthor}, std::pair{noteByB, kNurseB}}) {
            const QList<OutboxEntry> entries = outboxFor(*f.store(), id);
            QCOMPARE(entries.size(), 1);
            QCOMPARE(entries.first().state, OutboxState::Pending);
            const Result<std::optional<RecordRow>> row = f->context().records.find(id);
            CHEVET_VERIFY_OK(row);
            QVERIFY(row->has_value());
            QCOMPARE((*row)->author, author);
        }
        const Result<OutboxCounts> counts = f->outbox().counts();
        QCOMPARE(counts->delivered, 0);
        QVERIFY(counts->pending >= 3); // the patient, A's vitals, B's note
    }

    // Stores made before key slots had one "wrapped_key": the first nurse to open it takes it over.
    // A store made before key slots, by a build before slots were bound to their nurse: its single
    // unbound key is taken over by whoever opens it first, and bound to her.
    void aStoreFromBeforeSlotsIsTakenOver()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        QVERIFY(makeLegacy(f, QStringLiteral("wrapped_key")));
        CHEVET_VERIFY_OK(Store::open(asNurse(f, kNurseB, kTestPin)));
        QCOMPARE(
            queryInt(f.path(), QStringLiteral("SELECT count(*) FROM meta WHERE key = 'wrapped_key'")).value(),
            0);
        CHEVET_VERIFY_OK(Store::open(asNurse(f, kNurseB, kTestPin)));
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kTestAuthor, kTestPin)), StoreError::UnknownNurse);
        QVERIFY(boundWithPersonalKey(slot(f, kNurseB)));
    }

    // Security review F3 (b): Alice's slot copied over Bob's let her open the store as Bob with her own
    // PIN and sign his name under her notes.
    void aSlotCopiedOverAColleaguesDoesNotOpenAsHers()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        CHEVET_VERIFY_OK(f->enrolNurse(kNurseB, kPinB));
        f.close();
        {
            Result<std::unique_ptr<Database>> db = Database::open(f.path(), Database::OpenMode::ExistingOnly);
            CHEVET_VERIFY_OK(db);
            CHEVET_VERIFY_OK(
                (*db)->exec(QStringLiteral("UPDATE meta SET value = (SELECT value FROM meta WHERE "
                                           "key = 'key_slot.%1') WHERE key = 'key_slot.%2'")
                                .arg(kTestAuthor, kNurseB)));
        }
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kNurseB, kTestPin)), CryptoError::WrongPin);
        CHEVET_VERIFY_ERROR(Store::open(asNurse(f, kNurseB, kPinB)), CryptoError::WrongPin);
        CHEVET_VERIFY_OK(Store::open(asNurse(f, kTestAuthor, kTestPin)));
    }

    // A slot in the old, unbound format: taken as it is, then bound, in a store from before; refused in a
    // store created since (it can only have been put there by editing the file).
    void anUnboundSlotIsBoundInAnOldStoreAndRefusedInANewOne()
    {
        StoreFixture old;
        CHEVET_VERIFY_OK(old.create());
        QVERIFY(makeLegacy(old, QStringLiteral("key_slot.") + kTestAuthor));
        QVERIFY(!boundWithPersonalKey(slot(old, kTestAuthor)));
        CHEVET_VERIFY_OK(Store::open(asNurse(old, kTestAuthor, kTestPin)));
        QVERIFY(boundWithPersonalKey(slot(old, kTestAuthor)));

        StoreFixture fresh;
        CHEVET_VERIFY_OK(fresh.create());
        QVERIFY(writeUnboundSlot(fresh, QStringLiteral("key_slot.") + kTestAuthor));
        fresh.close();
        CHEVET_VERIFY_ERROR(Store::open(asNurse(fresh, kTestAuthor, kTestPin)), StoreError::Damaged);
    }

    // Security review F8: a nurse's DPI session is sealed under her own key, which only her PIN opens;
    // a colleague with the shared data key (her own PIN) cannot read it. It survives her PIN change.
    void aNursesOwnSecretsOpenForHerAlone()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        CHEVET_VERIFY_OK(f->enrolNurse(kNurseB, kPinB));
        const QString key = QStringLiteral("auth.session.") + kTestAuthor;
        CHEVET_VERIFY_OK(
            SealedMeta(*f.store(), SealedMeta::Scope::Personal).setValue(key, "refresh-token-a"));
        f.close();

        Result<std::unique_ptr<Store>> asB = Store::open(asNurse(f, kNurseB, kPinB));
        CHEVET_VERIFY_OK(asB);
        QVERIFY(!SealedMeta(**asB, SealedMeta::Scope::Personal).value(key));
        QVERIFY(!SealedMeta(**asB, SealedMeta::Scope::Shared).value(key));
        asB->reset();

        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(f->changePin("918273"));
        f.close();
        Result<std::unique_ptr<Store>> asA = Store::open(asNurse(f, kTestAuthor, "918273"));
        CHEVET_VERIFY_OK(asA);
        Result<QByteArray> mine = SealedMeta(**asA, SealedMeta::Scope::Personal).value(key);
        CHEVET_VERIFY_OK(mine);
        QCOMPARE(*mine, QByteArray("refresh-token-a"));
    }

    // A session sealed under the shared key by a build before personal keys still opens for its nurse,
    // and is sealed under her own key when next written.
    void aSessionSealedBeforeIsStillReadAndMovedToHerKey()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        const QString key = QStringLiteral("auth.session.") + kTestAuthor;
        CHEVET_VERIFY_OK(SealedMeta(*f.store(), SealedMeta::Scope::Shared).setValue(key, "old-token"));
        SealedMeta personal(*f.store(), SealedMeta::Scope::Personal);
        Result<QByteArray> old = personal.value(key);
        CHEVET_VERIFY_OK(old);
        QCOMPARE(*old, QByteArray("old-token"));
        CHEVET_VERIFY_OK(personal.setValue(key, "new-token"));
        QVERIFY(!SealedMeta(*f.store(), SealedMeta::Scope::Shared).value(key));
        QCOMPARE(personal.value(key).value(), QByteArray("new-token"));
    }

private:
    static bool boundWithPersonalKey(const QByteArray &encoded)
    {
        const std::optional<crypto::WrappedDataKey> w = keyslots::decode(encoded);
        return w && w->boundToOwner && !w->personalWrapped.isEmpty();
    }

    static QByteArray slot(const StoreFixture &f, const QString &nurse)
    {
        Result<std::unique_ptr<Database>> db = Database::open(f.path(), Database::OpenMode::ExistingOnly);
        if (!db)
            return {};
        Result<Statement> stmt = (*db)->prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?1"));
        if (!stmt)
            return {};
        stmt->bind(1, QStringLiteral("key_slot.") + nurse);
        Result<bool> row = stmt->step();
        return row && *row ? stmt->blob(0) : QByteArray();
    }

    // Puts the open store's data key, wrapped the way builds before schema 7 did (unbound), under `key`
    // (replacing the creator's slot). The store stays open.
    static bool writeUnboundSlot(StoreFixture &f, const QString &key)
    {
        Result<Statement> id =
            f->context().db.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'store_id'"));
        if (!id || !id->step().value())
            return false;
        const QByteArray store = id->blob(0);
        id->reset();
        Result<crypto::WrappedDataKey> unbound =
            f->context().keys.rewrap(kTestPin, f.deviceSecret(), store, kTestKdf);
        if (!unbound || unbound->boundToOwner)
            return false;
        Result<Statement> put =
            f->context().db.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?1, ?2) ON "
                                                   "CONFLICT (key) DO UPDATE SET value = excluded.value"));
        if (!put)
            return false;
        put->bind(1, key).bind(2, keyslots::encode(*unbound));
        if (!put->exec())
            return false;
        if (key != QStringLiteral("key_slot.") + kTestAuthor) {
            Result<Statement> drop =
                f->context().db.prepare(QStringLiteral("DELETE FROM meta WHERE key = ?1"));
            if (!drop || !drop->bind(1, QStringLiteral("key_slot.") + kTestAuthor).exec())
                return false;
        }
        return true;
    }

    // Makes a new store look like one created before schema 7: an unbound key under `key`, and a creation
    // entry that names no schema. Closes it.
    static bool makeLegacy(StoreFixture &f, const QString &key)
    {
        if (!writeUnboundSlot(f, key))
            return false;
        const bool aged =
            f->context()
                .db
                .exec(QStringLiteral("DROP TRIGGER audit_is_append_only_update; UPDATE audit SET "
                                     "detail = NULL WHERE action = 'store.create'"))
                .ok();
        f.close();
        return aged;
    }
};

QTEST_GUILESS_MAIN(TestKeySlots)
#include "tst_keyslots.moc"
