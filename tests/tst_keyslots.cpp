// Per-nurse key slots (store/keyslots.h through Store): each nurse of a shared tablet opens the same
// store with her own PIN; switching nurses never touches unsynced work.

#include "storefixture.h"

#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/storecontext.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

const QString kNurseB = QStringLiteral("nurse-b");
const QByteArray kPinB = QByteArrayLiteral("739155");

StoreOptions as(const StoreFixture &f, const QString &nurse, const QByteArray &pin)
{
    StoreOptions o = f.options();
    o.author = nurse;
    o.pin = pin;
    return o;
}

QStringList auditActions(Store &store)
{
    QStringList actions;
    const Result<QList<AuditEntry>> entries = store.audit().entries(0, 100000);
    for (const AuditEntry &e : entries ? *entries : QList<AuditEntry>())
        actions.append(e.action);
    return actions;
}

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
        QTest::addColumn<QString>("code");
        QTest::newRow("not enrolled") << QStringLiteral("nurse-z") << QStringLiteral("unknown-nurse");
        QTest::newRow("empty id") << QString() << QStringLiteral("bad-nurse-id");
        QTest::newRow("id with a space") << QStringLiteral("nurse a") << QStringLiteral("bad-nurse-id");
    }

    void anotherNurseWithoutSlotIsUnknown()
    {
        QFETCH(QString, nurse);
        QFETCH(QString, code);
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        f.close();
        const Result<std::unique_ptr<Store>> opened = Store::open(as(f, nurse, kTestPin));
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
            Result<std::unique_ptr<Store>> b = Store::open(as(f, kNurseB, kPinB));
            CHEVET_VERIFY_OK(b);
            QCOMPARE((*b)->author(), kNurseB);
        }
        CHEVET_VERIFY_ERROR(Store::open(as(f, kNurseB, kTestPin)), "wrong-pin");
        CHEVET_VERIFY_ERROR(Store::open(as(f, kTestAuthor, kPinB)), "wrong-pin");
        CHEVET_VERIFY_OK(Store::open(as(f, kTestAuthor, kTestPin)));
    }

    void enrolmentIsRefusedForBadInput_data()
    {
        QTest::addColumn<QString>("nurse");
        QTest::addColumn<QByteArray>("pin");
        QTest::addColumn<QString>("code");
        QTest::newRow("already enrolled") << kTestAuthor << kPinB << QStringLiteral("nurse-exists");
        QTest::newRow("weak PIN") << kNurseB << QByteArrayLiteral("12") << QStringLiteral("weak-pin");
        QTest::newRow("bad id") << QStringLiteral("*") << kPinB << QStringLiteral("bad-nurse-id");
    }

    void enrolmentIsRefusedForBadInput()
    {
        QFETCH(QString, nurse);
        QFETCH(QByteArray, pin);
        QFETCH(QString, code);
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
            Result<std::unique_ptr<Store>> b = Store::open(as(f, kNurseB, kPinB));
            CHEVET_VERIFY_OK(b);
            const Result<Patient> p = addPatient(**b, QStringLiteral("551"));
            CHEVET_VERIFY_OK(p);
            recordedByB = p->id;
        }
        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(f->removeNurse(kNurseB));
        CHEVET_VERIFY_ERROR(f->removeNurse(kNurseB), "unknown-nurse");
        CHEVET_VERIFY_ERROR(f->removeNurse(kTestAuthor), "last-nurse");
        QVERIFY(auditActions(*f.store()).contains(QStringLiteral("store.remove-nurse")));
        const QList<OutboxEntry> pending = outboxFor(*f.store(), recordedByB);
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().state, OutboxState::Pending);
        f.close();
        CHEVET_VERIFY_ERROR(Store::open(as(f, kNurseB, kPinB)), "unknown-nurse");
    }

    void changePinChangesOnlyHerSlot()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        CHEVET_VERIFY_OK(f->enrolNurse(kNurseB, kPinB));
        f.close();
        const QByteArray newPinB = QByteArrayLiteral("204466");
        {
            Result<std::unique_ptr<Store>> b = Store::open(as(f, kNurseB, kPinB));
            CHEVET_VERIFY_OK(b);
            CHEVET_VERIFY_OK((*b)->changePin(newPinB));
        }
        CHEVET_VERIFY_ERROR(Store::open(as(f, kNurseB, kPinB)), "wrong-pin");
        CHEVET_VERIFY_OK(Store::open(as(f, kNurseB, newPinB)));
        CHEVET_VERIFY_OK(Store::open(as(f, kTestAuthor, kTestPin)));
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
            Result<std::unique_ptr<Store>> b = Store::open(as(f, kNurseB, kPinB));
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
    void aStoreFromBeforeSlotsIsTakenOver()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        f.close();
        {
            Result<std::unique_ptr<Database>> db = Database::open(f.path(), Database::OpenMode::ExistingOnly);
            CHEVET_VERIFY_OK(db);
            CHEVET_VERIFY_OK(
                (*db)->exec(QStringLiteral("UPDATE meta SET key = 'wrapped_key' WHERE key = 'key_slot.%1'")
                                .arg(kTestAuthor)));
        }
        CHEVET_VERIFY_OK(Store::open(as(f, kNurseB, kTestPin)));
        QCOMPARE(
            queryInt(f.path(), QStringLiteral("SELECT count(*) FROM meta WHERE key = 'wrapped_key'")).value(),
            0);
        CHEVET_VERIFY_OK(Store::open(as(f, kNurseB, kTestPin)));
        CHEVET_VERIFY_ERROR(Store::open(as(f, kTestAuthor, kTestPin)), "unknown-nurse");
    }
};

QTEST_GUILESS_MAIN(TestKeySlots)
#include "tst_keyslots.moc"
