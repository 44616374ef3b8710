#include "storefixture.h"

#include "store/allergyrepository.h"

#include <QFile>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

// A substance no store would hold by chance, to look for in the raw files.
const QString kSecretSubstance = QStringLiteral("Zyxquinolémycine retard");
const QString kSecretReaction = QStringLiteral("Flombite vergquatique");

AllergyIntolerance allergy(const QUuid &patientId, const QString &substance)
{
    AllergyIntolerance a;
    a.patientId = patientId;
    a.substanceDisplay = substance;
    a.verificationStatus = AllergyVerificationStatus::Confirmed;
    a.recordedMs = kTestStartMs - 30 * 24 * kHour;
    return a;
}

// The store's database and write-ahead log, as they are on disk right now.
QByteArray rawFiles(const QString &path)
{
    QByteArray bytes = readFile(path);
    if (QFile::exists(path + QStringLiteral("-wal")))
        bytes += readFile(path + QStringLiteral("-wal"));
    return bytes;
}

QStringList substances(const QList<AllergyIntolerance> &list)
{
    QStringList out;
    for (const AllergyIntolerance &a : list)
        out.append(a.substanceDisplay);
    return out;
}

} // namespace

// Every case runs once per key set (see KeySetStoreSuite).
class TestAllergyRepository : public KeySetStoreSuite
{
    Q_OBJECT

private Q_SLOTS:
    void allergiesAreStoredSealedAndNotQueued()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("6001"));
        CHEVET_VERIFY_OK(patient);
        AllergyIntolerance a = allergy(patient->id, kSecretSubstance);
        a.substanceSystem = QStringLiteral("http://www.whocc.no/atc");
        a.substanceCode = QStringLiteral("J01C");
        a.criticality = AllergyCriticality::High;
        a.category = AllergyCategory::Medication;
        a.reactionText = kSecretReaction;
        a.serverId = QStringLiteral("allergy-1");
        a.serverVersion = QStringLiteral("3");
        const RowCounts before = counts();
        const Result<AllergyIntolerance> saved = store().allergies().save(a);
        CHEVET_VERIFY_OK(saved);
        QVERIFY(!saved->id.isNull());
        QCOMPARE(counts().records, before.records + 1);
        QCOMPARE(counts().outbox, before.outbox); // owned by the DPI: never queued back
        QCOMPARE(lastAudit(store()).action, QStringLiteral("allergy.import"));

        const Result<std::optional<AllergyIntolerance>> found = store().allergies().find(saved->id);
        CHEVET_VERIFY_OK(found);
        QVERIFY(found->has_value());
        QCOMPARE((*found)->substanceDisplay, kSecretSubstance);
        QCOMPARE((*found)->substanceCode, QStringLiteral("J01C"));
        QCOMPARE((*found)->reactionText, kSecretReaction);
        QCOMPARE((*found)->criticality, std::optional<AllergyCriticality>(AllergyCriticality::High));
        QCOMPARE((*found)->serverVersion, QStringLiteral("3"));

        // Sealed at rest: the substance and the reaction are nowhere in the files, in any case, while the
        // author (kept in clear by design) is: the scan reads the files the row went to.
        const QByteArray raw = rawFiles(m_f->path());
        QVERIFY(raw.contains(kTestAuthor.toUtf8()));
        for (const QString &secret : {kSecretSubstance, kSecretReaction}) {
            QVERIFY2(!raw.contains(secret.toUtf8()), qPrintable(secret));
            QVERIFY2(!raw.contains(secret.toUpper().toUtf8()), qPrintable(secret));
            QVERIFY2(!raw.contains(secret.left(8).toUtf8()), qPrintable(secret));
        }
        m_f->close();
        QVERIFY(!rawFiles(m_f->path()).contains(kSecretSubstance.left(8).toUtf8()));
        CHEVET_VERIFY_OK(m_f->open());
        const Result<std::optional<AllergyIntolerance>> reopened = store().allergies().find(saved->id);
        CHEVET_VERIFY_OK(reopened);
        QVERIFY(reopened->has_value());
        QCOMPARE((*reopened)->substanceDisplay, kSecretSubstance);

        // find() is for allergies only.
        const Result<std::optional<AllergyIntolerance>> notAnAllergy = store().allergies().find(patient->id);
        CHEVET_VERIFY_OK(notAnAllergy);
        QVERIFY(!notAnAllergy->has_value());
    }

    void forPatientListsActiveFirstAndLeavesOutErrors()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("6002"));
        const Result<Patient> other = addPatient(store(), QStringLiteral("6003"));
        CHEVET_VERIFY_OK(patient);
        CHEVET_VERIFY_OK(other);

        AllergyIntolerance resolved = allergy(patient->id, QStringLiteral("Amoxicilline"));
        resolved.clinicalStatus = AllergyClinicalStatus::Resolved;
        resolved.verificationStatus = AllergyVerificationStatus::Refuted;
        resolved.recordedMs = kTestStartMs - kHour; // the newest: order is not by time first
        AllergyIntolerance latexLow = allergy(patient->id, QStringLiteral("Latex"));
        latexLow.criticality = AllergyCriticality::Low;
        latexLow.recordedMs = kTestStartMs - 2 * kHour;
        AllergyIntolerance pollen = allergy(patient->id, QStringLiteral("Pollens"));
        pollen.clinicalStatus = AllergyClinicalStatus::Inactive;
        AllergyIntolerance contrastHigh = allergy(patient->id, QStringLiteral("Produits de contraste iodés"));
        contrastHigh.criticality = AllergyCriticality::High;
        contrastHigh.recordedMs = kTestStartMs - 400 * 24 * kHour;
        AllergyIntolerance unstated = allergy(patient->id, QStringLiteral("Morphine"));
        unstated.clinicalStatus.reset(); // the DPI did not say: shown as active
        unstated.recordedMs = kTestStartMs - 3 * kHour;
        AllergyIntolerance mistaken = allergy(patient->id, QStringLiteral("Pénicilline (erreur)"));
        mistaken.clinicalStatus.reset();
        mistaken.verificationStatus = AllergyVerificationStatus::EnteredInError;
        AllergyIntolerance someoneElse = allergy(other->id, QStringLiteral("Arachide"));

        QUuid mistakenId;
        for (const AllergyIntolerance &a :
             {resolved, latexLow, pollen, contrastHigh, unstated, mistaken, someoneElse}) {
            const Result<AllergyIntolerance> saved = store().allergies().save(a);
            CHEVET_VERIFY_OK(saved);
            if (a.verificationStatus == AllergyVerificationStatus::EnteredInError)
                mistakenId = saved->id;
        }

        const Result<QList<AllergyIntolerance>> list = store().allergies().forPatient(patient->id);
        CHEVET_VERIFY_OK(list);
        QCOMPARE(substances(*list), (QStringList{QStringLiteral("Produits de contraste iodés"),
                                                 QStringLiteral("Latex"), QStringLiteral("Morphine"),
                                                 QStringLiteral("Pollens"), QStringLiteral("Amoxicilline")}));
        QCOMPARE(list->last().verificationStatus, AllergyVerificationStatus::Refuted);
        // Entered in error: not on the chart, still on the device.
        const Result<std::optional<AllergyIntolerance>> kept = store().allergies().find(mistakenId);
        CHEVET_VERIFY_OK(kept);
        QVERIFY(kept->has_value());
        QCOMPARE((*kept)->clinicalStatus, std::optional<AllergyClinicalStatus>());

        const Result<QList<AllergyIntolerance>> others = store().allergies().forPatient(other->id);
        CHEVET_VERIFY_OK(others);
        QCOMPARE(substances(*others), QStringList{QStringLiteral("Arachide")});
    }

    void allergyRecordedAtTheBedsideIsQueuedWithTheSafetyCriticalRecords()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("6005"));
        CHEVET_VERIFY_OK(patient);
        store().setAuthor(QStringLiteral("nurse-b"));
        AllergyIntolerance told = allergy(patient->id, QStringLiteral("Latex"));
        told.recordedMs = 0;
        told.verificationStatus = AllergyVerificationStatus::Unconfirmed; // the patient says so
        told.criticality = AllergyCriticality::High;
        const Result<AllergyIntolerance> recorded = store().allergies().record(told);
        CHEVET_VERIFY_OK(recorded);
        QCOMPARE(recorded->recordedBy, QStringLiteral("nurse-b"));
        QCOMPARE(recorded->recordedMs, kTestStartMs);
        const QList<OutboxEntry> queued = outboxFor(store(), recorded->id);
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.first().operation, QStringLiteral("create"));
        QCOMPARE(queued.first().recordType, QStringLiteral("allergy"));
        QCOMPARE(queued.first().priority, int(OutboxPriority::SafetyCritical));
        const AuditEntry audited = lastAudit(store());
        QCOMPARE(audited.action, QStringLiteral("allergy.record"));
        QCOMPARE(audited.author, QStringLiteral("nurse-b"));
        const Result<std::optional<AllergyIntolerance>> found = store().allergies().find(recorded->id);
        CHEVET_VERIFY_OK(found);
        QCOMPARE((*found)->recordedBy, QStringLiteral("nurse-b"));

        // Only new allergies are recorded at the bedside; the DPI's own go through save().
        const RowCounts before = counts();
        AllergyIntolerance fromDpi = told;
        fromDpi.serverId = QStringLiteral("allergy-9");
        CHEVET_VERIFY_ERROR(store().allergies().record(fromDpi), ValidationError::NotNew);
        CHEVET_VERIFY_ERROR(store().allergies().record(allergy(patient->id, QString())),
                            ValidationError::MissingValue);
        QCOMPARE(counts(), before);
    }

    void refusals()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("6004"));
        CHEVET_VERIFY_OK(patient);
        const RowCounts before = counts();
        const Result<AllergyIntolerance> blank =
            store().allergies().save(allergy(patient->id, QStringLiteral("  ")));
        CHEVET_VERIFY_ERROR(blank, ValidationError::MissingValue);
        QCOMPARE(blank.error().field, QStringLiteral("substance"));
        CHEVET_VERIFY_ERROR(store().allergies().save(allergy(QUuid::createUuid(), QStringLiteral("Latex"))),
                            ValidationError::MissingPatient);
        QCOMPARE(counts(), before);

        // A coded substance without a display is enough.
        AllergyIntolerance coded = allergy(patient->id, QString());
        coded.substanceSystem = QStringLiteral("http://snomed.info/sct");
        coded.substanceCode = QStringLiteral("716186003");
        const Result<AllergyIntolerance> saved = store().allergies().save(coded);
        CHEVET_VERIFY_OK(saved);
        QVERIFY(saved->isNoKnownAllergy());
    }
};

QTEST_GUILESS_MAIN(TestAllergyRepository)
#include "moc_storefixture.cpp"
#include "tst_allergyrepository.moc"
