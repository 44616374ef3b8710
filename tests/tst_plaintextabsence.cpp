// Evidence for DESIGN §4: no patient name, identifier or clinical text reaches the disk in clear, in
// the database, its write-ahead log or its shared-memory index, while the store is open or after it
// is closed; the same strings come back through the API, so the scan is looking at real data.

#include "storefixture.h"

#include "store/allergyrepository.h"
#include "store/encounterrepository.h"
#include "store/medicationrepository.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "store/taskrepository.h"

#include <QFileInfo>
#include <QTest>

#include <limits>

using namespace chevet;
using namespace chevet::test;

namespace {

// Not patient data, stored in clear by design (records.author, audit.author): the positive control
// that shows the scan reads the files the data went to.
const QString kDistinctAuthor = QStringLiteral("nurse-zqx-4471");

struct SamplePatient
{
    QString family;
    QString given;
    QString ipp;
    QString nir;
    QDate birth;
};

const QList<SamplePatient> &samplePatients()
{
    static const QList<SamplePatient> patients = {
        {QStringLiteral("Zyxwvutsrqp"), QStringLiteral("Quixandrelle"), QStringLiteral("IPPQZ7781234"),
         nirWithKey(QStringLiteral("2480375123456")), QDate(1948, 3, 17)},
        {QStringLiteral("Vébrunoxqué"), QStringLiteral("Séverinqux"), QStringLiteral("IPPQZ7781235"),
         nirWithKey(QStringLiteral("1520899001234")), QDate(1952, 8, 9)},
        {QStringLiteral("Krzywonoszka"), QStringLiteral("Jadwigulka"), QStringLiteral("IPPQZ7781236"),
         nirWithKey(QStringLiteral("2691175987654")), QDate(1969, 11, 23)},
    };
    return patients;
}

const QString kNoteTarget = QStringLiteral("Zorblaxicité");
const QString kNoteData = QStringLiteral("Xylophagie nocturne persistante");
const QString kNoteActions = QStringLiteral("Compresses de vergquat tiède");
const QString kNoteResults = QStringLiteral("Amélioration flombique nette");
const QString kAmendReason = QStringLiteral("Erratum kwyjibozor");
const QString kMedication = QStringLiteral("Zyxparacétamol 1000 mg");
const QString kTask = QStringLiteral("Pansement zyxwcutané du talon");
const QString kAllergy = QStringLiteral("Zyxpénicillamine orale");
const QString kUnit = QStringLiteral("Unité Zyxcardiologie");

// Every secret string, in the forms a leak could take.
QStringList secretTexts()
{
    QStringList texts = {kNoteTarget, kNoteData, kNoteActions, kNoteResults, kAmendReason,
                         kMedication, kTask,     kUnit,        kAllergy};
    for (const SamplePatient &p : samplePatients()) {
        texts << p.family << p.given << p.ipp << p.nir << p.nir.left(13) << p.birth.toString(Qt::ISODate);
    }
    return texts;
}

QByteArray utf16(const QString &text, bool bigEndian)
{
    QByteArray out;
    for (const QChar c : text) {
        const char low = char(c.unicode() & 0xff);
        const char high = char(c.unicode() >> 8);
        out.append(bigEndian ? high : low);
        out.append(bigEndian ? low : high);
    }
    return out;
}

struct Needle
{
    QString label;
    QByteArray bytes;
};

QList<Needle> needlesFor(const QString &text)
{
    QList<Needle> needles;
    QStringList variants{text, text.toUpper(), text.toLower()};
    variants.removeDuplicates();
    for (const QString &v : std::as_const(variants)) {
        needles.append({v + QStringLiteral(" (UTF-8)"), v.toUtf8()});
        needles.append({v + QStringLiteral(" (UTF-16LE)"), utf16(v, false)});
        needles.append({v + QStringLiteral(" (UTF-16BE)"), utf16(v, true)});
        const QByteArray latin1 = v.toLatin1();
        if (latin1 != v.toUtf8() && QString::fromLatin1(latin1) == v)
            needles.append({v + QStringLiteral(" (Latin-1)"), latin1});
    }
    return needles;
}

// The store's files that exist right now, by name.
QMap<QString, QByteArray> storeFiles(const QString &path)
{
    QMap<QString, QByteArray> files;
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        if (QFileInfo::exists(path + suffix))
            files.insert(QFileInfo(path + suffix).fileName(), readFile(path + suffix));
    }
    return files;
}

QStringList findNeedles(const QMap<QString, QByteArray> &files, const QStringList &texts)
{
    QStringList found;
    for (const QString &text : texts) {
        for (const Needle &needle : needlesFor(text)) {
            for (auto it = files.cbegin(); it != files.cend(); ++it) {
                if (it.value().contains(needle.bytes))
                    found.append(needle.label + QStringLiteral(" in ") + it.key());
            }
        }
    }
    return found;
}

} // namespace

class TestPlaintextAbsence : public QObject
{
    Q_OBJECT

    // Writes every kind of record carrying the secret strings; returns the patients' ids.
    QList<QUuid> fill(Store &store)
    {
        QList<QUuid> ids;
        for (const SamplePatient &sample : samplePatients()) {
            Patient p = makePatient(sample.ipp, sample.family, sample.given, sample.nir);
            p.birthDate = sample.birth;
            const Result<Patient> added = store.patients().add(p);
            if (!added)
                return {};
            ids.append(added->id);

            VitalsInput vitals = normalVitals();
            vitals.pulse = 160; // unusual: its note is stored too
            const Result<VitalsEntry> entry = store.observations().recordVitals(added->id, vitals);
            if (!entry)
                return {};
            if (!store.observations().amend(entry->observations.first().meta.id, 18, std::nullopt,
                                            kAmendReason))
                return {};

            NursingNote note;
            note.meta.patientId = added->id;
            note.target = kNoteTarget;
            note.data = kNoteData;
            note.actions = kNoteActions;
            const Result<NursingNote> recorded = store.notes().record(note);
            if (!recorded)
                return {};
            NursingNote corrected = *recorded;
            corrected.results = kNoteResults;
            if (!store.notes().amend(recorded->meta.id, corrected, kAmendReason))
                return {};

            MedicationRequest request;
            request.patientId = added->id;
            request.medicationDisplay = kMedication;
            request.dose = Dose{1000, QStringLiteral("mg")};
            request.slotsMs = {kTestStartMs + 3'600'000};
            if (!store.medications().saveRequest(request))
                return {};
            CareTask task;
            task.patientId = added->id;
            task.description = kTask;
            if (!store.tasks().save(task))
                return {};
            AllergyIntolerance allergy;
            allergy.patientId = added->id;
            allergy.substanceDisplay = kAllergy;
            if (!store.allergies().record(allergy))
                return {};
            Encounter stay;
            stay.patientId = added->id;
            stay.unit = kUnit;
            if (!store.encounters().save(stay))
                return {};
        }
        return ids;
    }

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void noPlaintextOnDisk_data()
    {
        QTest::addColumn<bool>("closeFirst");
        QTest::newRow("store open, data in the WAL") << false;
        QTest::newRow("store closed, data checkpointed") << true;
    }

    void noPlaintextOnDisk()
    {
        QFETCH(bool, closeFirst);
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        f->setAuthor(kDistinctAuthor);
        const QList<QUuid> ids = fill(*f.store());
        QCOMPARE(ids.size(), samplePatients().size());

        if (closeFirst) {
            f.close();
            QVERIFY(!QFileInfo::exists(f.path() + QStringLiteral("-wal")));
        } else {
            QVERIFY(QFileInfo(f.path() + QStringLiteral("-wal")).size() > 0);
        }
        const QMap<QString, QByteArray> files = storeFiles(f.path());
        QVERIFY(files.contains(QStringLiteral("chevet.db")));

        // The control: what is stored in clear by design is found by the same scan.
        const QStringList control = findNeedles(files, {kDistinctAuthor});
        QVERIFY2(!control.isEmpty(), "the scan did not find the author: it is not reading the store's data");

        const QStringList leaks = findNeedles(files, secretTexts());
        QVERIFY2(leaks.isEmpty(),
                 qPrintable(QStringLiteral("in clear on disk: ") + leaks.join(QStringLiteral("; "))));
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            QVERIFY2(!it.value().contains(kTestDeviceSecret), qPrintable(it.key()));

        // Through the API, with the keys, every string is there.
        if (closeFirst)
            CHEVET_VERIFY_OK(f.open());
        for (int i = 0; i < ids.size(); ++i) {
            const SamplePatient &sample = samplePatients().at(i);
            const Result<std::optional<Patient>> p = f->patients().findByIpp(sample.ipp);
            CHEVET_VERIFY_OK(p);
            QVERIFY(p->has_value());
            QCOMPARE((*p)->id, ids.at(i));
            QCOMPARE((*p)->family, sample.family);
            QCOMPARE((*p)->given, sample.given);
            QCOMPARE((*p)->birthDate, sample.birth);
            QCOMPARE((*p)->ins()->value, sample.nir);
            const Result<std::optional<Patient>> byIns =
                f->patients().findByIdentifier(IdentifierKind::Ins, insNir(), sample.nir);
            CHEVET_VERIFY_OK(byIns);
            QVERIFY(byIns->has_value());

            const Result<QList<NursingNote>> notes =
                f->notes().forPatient(ids.at(i), 0, std::numeric_limits<qint64>::max());
            CHEVET_VERIFY_OK(notes);
            QCOMPARE(notes->size(), 1);
            QCOMPARE(notes->first().target, kNoteTarget);
            QCOMPARE(notes->first().data, kNoteData);
            QCOMPARE(notes->first().actions, kNoteActions);
            QCOMPARE(notes->first().results, kNoteResults);
            QCOMPARE(notes->first().statusReason, kAmendReason);
            QCOMPARE(f->medications().requestsForPatient(ids.at(i))->first().medicationDisplay, kMedication);
            QCOMPARE(f->tasks().forPatient(ids.at(i))->first().description, kTask);
            QCOMPARE(f->allergies().forPatient(ids.at(i))->first().substanceDisplay, kAllergy);
            QCOMPARE(f->encounters().forPatient(ids.at(i))->first().unit, kUnit);
        }
    }

    // The scan itself finds every form it looks for, so a clean result above means something.
    void scanFindsEveryForm_data()
    {
        QTest::addColumn<QByteArray>("planted");
        const QString name = samplePatients().at(1).family; // has accents
        QTest::newRow("UTF-8") << name.toUtf8();
        QTest::newRow("UTF-8 upper case") << name.toUpper().toUtf8();
        QTest::newRow("UTF-8 lower case") << name.toLower().toUtf8();
        QTest::newRow("UTF-16LE") << utf16(name, false);
        QTest::newRow("UTF-16BE upper case") << utf16(name.toUpper(), true);
        QTest::newRow("Latin-1") << name.toLatin1();
    }

    void scanFindsEveryForm()
    {
        QFETCH(QByteArray, planted);
        const QMap<QString, QByteArray> files = {
            {QStringLiteral("f"), QByteArray(100, '\0') + planted + QByteArray(100, '\x7f')}};
        QVERIFY(!findNeedles(files, {samplePatients().at(1).family}).isEmpty());
        QVERIFY(findNeedles(files, {samplePatients().at(0).family}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPlaintextAbsence)
#include "tst_plaintextabsence.moc"
