#include "storefixture.h"

#include "store/patientrepository.h"

#include <QStringList>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

Q_DECLARE_METATYPE(chevet::Patient)

namespace {

const QString kNirA = nirWithKey(QStringLiteral("2480375123456"));
const QString kNirB = nirWithKey(QStringLiteral("1520899001234"));

// "2 48 03 75 123 456 KK", as printed on a carte Vitale.
QString spacedNir(const QString &nir)
{
    return QStringList{nir.left(1),   nir.mid(1, 2),  nir.mid(3, 2), nir.mid(5, 2),
                       nir.mid(7, 3), nir.mid(10, 3), nir.mid(13, 2)}
        .join(QLatin1Char(' '));
}

QString wrongKey(const QString &nir)
{
    const int key = nir.right(2).toInt();
    return nir.left(13) + QStringLiteral("%1").arg(key % 97 + 1, 2, 10, QLatin1Char('0'));
}

} // namespace

// Every case runs once per key set, on a store of its own (see KeySetStoreSuite).
class TestPatientRepository : public KeySetStoreSuite
{
    Q_OBJECT

private Q_SLOTS:
    void patientIsFoundByItsIdentifiers_data()
    {
        QTest::addColumn<bool>("ins");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("found");
        QTest::newRow("IPP as stored") << false << QStringLiteral("Hx0047731") << true;
        QTest::newRow("IPP in upper case") << false << QStringLiteral("HX0047731") << true;
        QTest::newRow("IPP in lower case") << false << QStringLiteral("hx0047731") << true;
        QTest::newRow("IPP with surrounding spaces") << false << QStringLiteral("  Hx0047731 \t") << true;
        QTest::newRow("another IPP") << false << QStringLiteral("Hx0047732") << false;
        QTest::newRow("the INS used as an IPP") << false << kNirA << false;
        QTest::newRow("INS as stored") << true << kNirA << true;
        QTest::newRow("INS with surrounding spaces")
            << true << QStringLiteral(" ") + kNirA + QStringLiteral(" ") << true;
        QTest::newRow("INS in printed groups") << true << spacedNir(kNirA) << true;
        QTest::newRow("another INS") << true << kNirB << false;
        QTest::newRow("the IPP used as an INS") << true << QStringLiteral("Hx0047731") << false;
    }

    void patientIsFoundByItsIdentifiers()
    {
        QFETCH(bool, ins);
        QFETCH(QString, value);
        QFETCH(bool, found);
        const Result<Patient> added = addPatient(store(), QStringLiteral("Hx0047731"), kNirA);
        CHEVET_VERIFY_OK(added);
        QVERIFY(!added->id.isNull());

        const Result<std::optional<Patient>> result =
            ins ? store().patients().findByIdentifier(IdentifierKind::Ins, insNir(), value)
                : store().patients().findByIpp(value);
        CHEVET_VERIFY_OK(result);
        QCOMPARE(result->has_value(), found);
        if (found) {
            QCOMPARE((*result)->id, added->id);
            QCOMPARE((*result)->family, QStringLiteral("Moreau"));
            QCOMPARE((*result)->ins()->value, kNirA);
        }
    }

    void patientIsFoundByIdAndResolved()
    {
        Patient fromDpi =
            makePatient(QStringLiteral("556677"), QStringLiteral("Bernard"), QStringLiteral("Luc"));
        fromDpi.serverId = QStringLiteral("pat-778");
        fromDpi.serverVersion = QStringLiteral("3");
        const Result<Patient> imported = store().patients().add(fromDpi, false);
        CHEVET_VERIFY_OK(imported);
        const Result<Patient> local = addPatient(store(), QStringLiteral("880012"), kNirA);
        CHEVET_VERIFY_OK(local);

        const Result<std::optional<Patient>> byId = store().patients().find(local->id);
        CHEVET_VERIFY_OK(byId);
        QVERIFY(byId->has_value());
        QCOMPARE((*byId)->ipp(kTestEstablishment)->value, QStringLiteral("880012"));

        const QList<std::pair<QString, QUuid>> references = {
            {QStringLiteral("880012"), local->id},
            {local->id.toString(QUuid::WithoutBraces), local->id},
            {QStringLiteral("pat-778"), imported->id},
            {QStringLiteral("556677"), imported->id},
            {QStringLiteral("999999"), QUuid()},
            {QUuid::createUuid().toString(QUuid::WithoutBraces), QUuid()},
            {QString(), QUuid()},
        };
        for (const auto &[reference, expected] : references) {
            const Result<std::optional<Patient>> resolved = store().patients().resolve(reference);
            CHEVET_VERIFY_OK(resolved);
            QVERIFY2(resolved->has_value() == !expected.isNull(), qPrintable(reference));
            if (!expected.isNull())
                QCOMPARE((*resolved)->id, expected);
        }

        const Result<QList<Patient>> all = store().patients().all();
        CHEVET_VERIFY_OK(all);
        QCOMPARE(all->size(), 2);
        // Only the patient the DPI knows has a DPI id.
        const Result<QStringList> serverIds = store().patients().serverIds();
        CHEVET_VERIFY_OK(serverIds);
        QCOMPARE(*serverIds, QStringList{QStringLiteral("pat-778")});

        // A patient made on the device goes to the DPI first; one imported from it does not go back.
        const QList<OutboxEntry> queued = outboxFor(store(), local->id);
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.first().priority, int(OutboxPriority::Identity));
        QCOMPARE(queued.first().operation, QStringLiteral("create"));
        QCOMPARE(queued.first().recordType, QStringLiteral("patient"));
        QVERIFY(outboxFor(store(), imported->id).isEmpty());
        const Result<QList<AuditEntry>> audit = store().audit().entries();
        CHEVET_VERIFY_OK(audit);
        QCOMPARE(audit->at(audit->size() - 2).action, QStringLiteral("patient.import"));
        QCOMPARE(audit->constLast().action, QStringLiteral("patient.create"));
    }

    void duplicatePatientIsRefused_data()
    {
        QTest::addColumn<QString>("ipp");
        QTest::addColumn<QString>("nir");
        QTest::addColumn<QString>("field");
        QTest::newRow("same IPP") << QStringLiteral("HX880012") << QString() << QStringLiteral("ipp");
        QTest::newRow("same IPP in other case with spaces")
            << QStringLiteral(" hx880012 ") << QString() << QStringLiteral("ipp");
        QTest::newRow("same INS, other IPP") << QStringLiteral("HX990000") << kNirA << QStringLiteral("ins");
        QTest::newRow("same INS in printed groups")
            << QStringLiteral("HX990001") << spacedNir(kNirA) << QStringLiteral("ins");
        QTest::newRow("other IPP and INS") << QStringLiteral("HX990002") << kNirB << QString();
    }

    void duplicatePatientIsRefused()
    {
        QFETCH(QString, ipp);
        QFETCH(QString, nir);
        QFETCH(QString, field);
        CHEVET_VERIFY_OK(addPatient(store(), QStringLiteral("HX880012"), kNirA));
        const RowCounts before = counts();
        const Result<Patient> second = addPatient(store(), ipp, nir);
        if (field.isEmpty()) {
            CHEVET_VERIFY_OK(second);
            QCOMPARE(counts().records, before.records + 1);
            return;
        }
        CHEVET_VERIFY_ERROR(second, ValidationError::DuplicatePatient);
        QCOMPARE(second.error().field, field);
        QCOMPARE(counts(), before);
    }

    void invalidPatientIsRefused_data()
    {
        QTest::addColumn<Patient>("patient");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("field");
        const Patient good =
            makePatient(QStringLiteral("123"), QStringLiteral("Simon"), QStringLiteral("Eva"), kNirA);
        Patient p = good;
        p.identifiers[1].value = wrongKey(kNirA);
        QTest::newRow("INS with a wrong key")
            << p << ErrorCode(ValidationError::BadValue) << QStringLiteral("ins");
        p = good;
        p.identifiers[1].value = kNirA.left(13);
        QTest::newRow("INS without its key")
            << p << ErrorCode(ValidationError::BadValue) << QStringLiteral("ins");
        p = good;
        p.identifiers[1].value = QStringLiteral("9") + kNirA.mid(1);
        QTest::newRow("INS with an impossible sex digit")
            << p << ErrorCode(ValidationError::BadValue) << QStringLiteral("ins");
        p = good;
        p.identifiers[1].system = kTestEstablishment;
        QTest::newRow("INS in a system that is not INS")
            << p << ErrorCode(ValidationError::BadSystem) << QStringLiteral("ins");
        p = good;
        p.identifiers.removeFirst();
        QTest::newRow("no IPP") << p << ErrorCode(ValidationError::MissingValue) << QStringLiteral("ipp");
        p = good;
        p.identifiers[0].value = QStringLiteral("  ");
        QTest::newRow("blank IPP") << p << ErrorCode(ValidationError::MissingValue) << QStringLiteral("ipp");
        p = good;
        p.family.clear();
        QTest::newRow("no family name")
            << p << ErrorCode(ValidationError::MissingValue) << QStringLiteral("family");
        p = good;
        p.given = QStringLiteral(" ");
        QTest::newRow("blank given name")
            << p << ErrorCode(ValidationError::MissingValue) << QStringLiteral("given");
        p = good;
        p.birthDate = QDate();
        QTest::newRow("no birth date")
            << p << ErrorCode(ValidationError::BadValue) << QStringLiteral("birth");
        p = good;
        p.birthDate = QDate::currentDate().addDays(1);
        QTest::newRow("birth date tomorrow")
            << p << ErrorCode(ValidationError::OutOfRange) << QStringLiteral("birth");
    }

    void invalidPatientIsRefused()
    {
        QFETCH(Patient, patient);
        QFETCH(ErrorCode, code);
        QFETCH(QString, field);
        const RowCounts before = counts();
        const Result<Patient> added = store().patients().add(patient);
        QVERIFY(!added.ok());
        QCOMPARE(added.error().domain, ErrorDomain::Validation);
        QCOMPARE(added.error().code, code);
        QCOMPARE(added.error().field, field);
        QCOMPARE(counts(), before);
    }
};

QTEST_GUILESS_MAIN(TestPatientRepository)
#include "moc_storefixture.cpp"
#include "tst_patientrepository.moc"
