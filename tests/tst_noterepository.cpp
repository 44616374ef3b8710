#include "storefixture.h"

#include "store/noterepository.h"

#include <QTest>

#include <limits>

using namespace chevet;
using namespace chevet::test;

namespace {

constexpr qint64 kAllTime = std::numeric_limits<qint64>::max();

} // namespace

// Every case runs once per key set, on a store of its own (see KeySetStoreSuite).
class TestNoteRepository : public KeySetStoreSuite
{
    Q_OBJECT

private Q_SLOTS:
    void notesAreRecordedAndAmended()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("3001"));
        CHEVET_VERIFY_OK(patient);
        NursingNote note;
        note.meta.patientId = patient->id;
        note.target = QStringLiteral("Douleur");
        note.data = QStringLiteral("EVA 6/10 au flanc droit");
        note.actions = QStringLiteral("Paracétamol 1 g per os");
        const Result<NursingNote> recorded = store().notes().record(note);
        CHEVET_VERIFY_OK(recorded);
        QVERIFY(!recorded->meta.id.isNull());
        QCOMPARE(recorded->status, RecordStatus::Final);
        QCOMPARE(recorded->meta.author, kTestAuthor);
        QCOMPARE(recorded->meta.device, store().deviceId());
        QCOMPARE(outboxFor(store(), recorded->meta.id).size(), 1);
        QCOMPARE(outboxFor(store(), recorded->meta.id).first().recordType, QStringLiteral("note"));

        NursingNote corrected = *recorded;
        corrected.results = QStringLiteral("EVA 2/10 à 1 h");
        const Result<NursingNote> amended =
            store().notes().amend(recorded->meta.id, corrected, QStringLiteral("résultat ajouté"));
        CHEVET_VERIFY_OK(amended);
        QCOMPARE(amended->meta.version, 2);
        QCOMPARE(amended->status, RecordStatus::Amended);
        QCOMPARE(amended->results, QStringLiteral("EVA 2/10 à 1 h"));
        QCOMPARE(amended->data, note.data);

        const Result<QList<NursingNote>> notes = store().notes().forPatient(patient->id, 0, kAllTime);
        CHEVET_VERIFY_OK(notes);
        QCOMPARE(notes->size(), 1);
        QCOMPARE(notes->first().results, QStringLiteral("EVA 2/10 à 1 h"));
        QCOMPARE(notes->first().statusReason, QStringLiteral("résultat ajouté"));

        // A correction that would leave the note without a target is refused.
        const RowCounts before = counts();
        NursingNote blank = *amended;
        blank.target = QStringLiteral(" ");
        const Result<NursingNote> refused = store().notes().amend(recorded->meta.id, blank, QString());
        CHEVET_VERIFY_ERROR(refused, ValidationError::MissingValue);
        QCOMPARE(refused.error().field, QStringLiteral("target"));
        QCOMPARE(counts(), before);

        CHEVET_VERIFY_OK(store().notes().enterInError(recorded->meta.id, QStringLiteral("mauvais patient")));
        CHEVET_VERIFY_ERROR(store().notes().amend(recorded->meta.id, corrected, QString()),
                            ValidationError::EnteredInError);
    }

    void invalidNotesAreRefused_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("data");
        QTest::addColumn<QString>("results");
        QTest::addColumn<bool>("withPatient");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("field");
        QTest::newRow("no target") << QString() << QStringLiteral("Agitée") << QString() << true
                                   << ErrorCode(ValidationError::MissingValue) << QStringLiteral("target");
        QTest::newRow("blank target") << QStringLiteral("  ") << QStringLiteral("Agitée") << QString() << true
                                      << ErrorCode(ValidationError::MissingValue) << QStringLiteral("target");
        QTest::newRow("target without D, A or R")
            << QStringLiteral("Sommeil") << QStringLiteral(" ") << QString() << true
            << ErrorCode(ValidationError::MissingValue) << QStringLiteral("data");
        QTest::newRow("no patient") << QStringLiteral("Sommeil") << QStringLiteral("Dort") << QString()
                                    << false << ErrorCode(ValidationError::MissingPatient)
                                    << QStringLiteral("patient");
        QTest::newRow("results only") << QStringLiteral("Sommeil") << QString()
                                      << QStringLiteral("Nuit calme") << true << ErrorCode() << QString();
    }

    void invalidNotesAreRefused()
    {
        QFETCH(QString, target);
        QFETCH(QString, data);
        QFETCH(QString, results);
        QFETCH(bool, withPatient);
        QFETCH(ErrorCode, code);
        QFETCH(QString, field);
        const Result<Patient> patient = addPatient(store(), QStringLiteral("3002"));
        CHEVET_VERIFY_OK(patient);
        NursingNote note;
        note.meta.patientId = withPatient ? patient->id : QUuid();
        note.target = target;
        note.data = data;
        note.results = results;
        const RowCounts before = counts();
        const Result<NursingNote> recorded = store().notes().record(note);
        if (code == ErrorCode()) {
            CHEVET_VERIFY_OK(recorded);
            QCOMPARE(counts().records, before.records + 1);
            return;
        }
        QVERIFY(!recorded.ok());
        QCOMPARE(recorded.error().code, code);
        QCOMPARE(recorded.error().field, field);
        QCOMPARE(counts(), before);
    }
};

QTEST_GUILESS_MAIN(TestNoteRepository)
#include "moc_storefixture.cpp"
#include "tst_noterepository.moc"
