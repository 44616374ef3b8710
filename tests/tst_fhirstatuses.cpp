// sync-audit §5: every R4 status of every resource type the device reads is read, and written back as
// it came; a code outside R4 (a DPI's own) reads as Unknown with the code kept, never as a refusal.
// Also: which statuses make a prescription give doses and a task show as to do.
#include "fhir/resources.h"
#include "model/statuscode.h"

#include <QDateTime>
#include <QTest>

#include <functional>

using namespace chevet;
using namespace chevet::fhir;

namespace {

const QString kPatientRef = QStringLiteral("Patient/pat-1");
const QString kMadeUp = QStringLiteral("suspendu-pharmacie");

qint64 at(const char *iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

RecordMeta meta()
{
    RecordMeta m;
    m.id = QUuid::fromString(QLatin1String("3f2a9c1e-5b7d-4e8f-a1c2-d3e4f5a6b7c8"));
    m.author = QStringLiteral("nurse-42");
    m.clinicalTimeMs = at("2024-03-05T08:00:00.000Z");
    m.serverId = QStringLiteral("srv-1");
    m.serverVersion = QStringLiteral("1");
    return m;
}

// What a read gave: whether the status is the model's Unknown, the DPI's own code kept, and the
// status written when the record goes back to FHIR.
struct ReadBack
{
    bool unknown = false;
    QString otherStatus;
    QString written;
};

template<typename T, typename Enum>
ReadBack readBack(const T &record, Enum status, const QJsonObject &written)
{
    return {status == Enum::Unknown, record.otherStatus, written.value(QLatin1String("status")).toString()};
}

struct Kind
{
    std::function<QJsonObject()> sample; // a valid resource of the type
    std::function<Result<ReadBack>(const QJsonObject &)> read;
};

QHash<QString, Kind> kinds()
{
    QHash<QString, Kind> k;
    k.insert(QStringLiteral("MedicationRequest"),
             {[] {
                  MedicationRequest r;
                  r.id = QUuid::createUuid();
                  r.medicationCode = QStringLiteral("9000002");
                  r.medicationSystem = QStringLiteral("https://fhir.chevet.invalid/CodeSystem/test-ucd");
                  return requestToFhir(r, kPatientRef);
              },
              [](const QJsonObject &json) -> Result<ReadBack> {
                  Result<MedicationRequest> r = requestFromFhir(json, nullptr);
                  if (!r)
                      return r.error();
                  return readBack(*r, r->status, requestToFhir(*r, kPatientRef));
              }});
    k.insert(QStringLiteral("MedicationAdministration"),
             {[] {
                  MedicationAdministration a;
                  a.meta = meta();
                  a.dose = {1, QStringLiteral("{tbl}")};
                  return administrationToFhir(a, kPatientRef, QStringLiteral("MedicationRequest/rx-9"));
              },
              [](const QJsonObject &json) -> Result<ReadBack> {
                  Result<MedicationAdministration> a = administrationFromFhir(json, nullptr);
                  if (!a)
                      return a.error();
                  return readBack(*a, a->status, administrationToFhir(*a, kPatientRef, {}));
              }});
    k.insert(QStringLiteral("Task"), {[] {
                                          CareTask t;
                                          t.id = QUuid::createUuid();
                                          t.description = QStringLiteral("Surveillance du drain");
                                          t.dueMs = at("2024-03-05T16:00:00.000Z");
                                          return taskToFhir(t, kPatientRef);
                                      },
                                      [](const QJsonObject &json) -> Result<ReadBack> {
                                          Result<CareTask> t = taskFromFhir(json, nullptr);
                                          if (!t)
                                              return t.error();
                                          return readBack(*t, t->status, taskToFhir(*t, kPatientRef));
                                      }});
    k.insert(QStringLiteral("Encounter"), {[] {
                                               Encounter e;
                                               e.id = QUuid::createUuid();
                                               e.unit = QStringLiteral("Cardiologie");
                                               e.startMs = at("2024-03-01T14:20:00.000Z");
                                               return encounterToFhir(e, kPatientRef);
                                           },
                                           [](const QJsonObject &json) -> Result<ReadBack> {
                                               Result<Encounter> e = encounterFromFhir(json, nullptr);
                                               if (!e)
                                                   return e.error();
                                               return readBack(*e, e->status,
                                                               encounterToFhir(*e, kPatientRef));
                                           }});
    k.insert(QStringLiteral("Observation"), {[] {
                                                 Observation o;
                                                 o.meta = meta();
                                                 o.kind = VitalKind::HeartRate;
                                                 o.value = 72;
                                                 return observationToFhir(o, kPatientRef);
                                             },
                                             [](const QJsonObject &json) -> Result<ReadBack> {
                                                 Result<Observation> o = observationFromFhir(json, nullptr);
                                                 if (!o)
                                                     return o.error();
                                                 return readBack(*o, o->status,
                                                                 observationToFhir(*o, kPatientRef));
                                             }});
    k.insert(QStringLiteral("nursing note"), {[] {
                                                  NursingNote n;
                                                  n.meta = meta();
                                                  n.target = QStringLiteral("Douleur");
                                                  n.data = QStringLiteral("EVA 6/10");
                                                  return noteToFhir(n, kPatientRef);
                                              },
                                              [](const QJsonObject &json) -> Result<ReadBack> {
                                                  Result<NursingNote> n = noteFromFhir(json, nullptr);
                                                  if (!n)
                                                      return n.error();
                                                  return readBack(*n, n->status, noteToFhir(*n, kPatientRef));
                                              }});
    return k;
}

// R4's value sets (hl7.org/fhir/R4, the `status` element of each resource).
const QList<QPair<QString, QStringList>> kR4Statuses = {
    {QStringLiteral("MedicationRequest"),
     {QStringLiteral("active"), QStringLiteral("on-hold"), QStringLiteral("cancelled"),
      QStringLiteral("completed"), QStringLiteral("entered-in-error"), QStringLiteral("stopped"),
      QStringLiteral("draft"), QStringLiteral("unknown")}},
    {QStringLiteral("MedicationAdministration"),
     {QStringLiteral("in-progress"), QStringLiteral("not-done"), QStringLiteral("on-hold"),
      QStringLiteral("completed"), QStringLiteral("entered-in-error"), QStringLiteral("stopped"),
      QStringLiteral("unknown")}},
    {QStringLiteral("Task"),
     {QStringLiteral("draft"), QStringLiteral("requested"), QStringLiteral("received"),
      QStringLiteral("accepted"), QStringLiteral("rejected"), QStringLiteral("ready"),
      QStringLiteral("cancelled"), QStringLiteral("in-progress"), QStringLiteral("on-hold"),
      QStringLiteral("failed"), QStringLiteral("completed"), QStringLiteral("entered-in-error")}},
    {QStringLiteral("Encounter"),
     {QStringLiteral("planned"), QStringLiteral("arrived"), QStringLiteral("triaged"),
      QStringLiteral("in-progress"), QStringLiteral("onleave"), QStringLiteral("finished"),
      QStringLiteral("cancelled"), QStringLiteral("entered-in-error"), QStringLiteral("unknown")}},
    {QStringLiteral("Observation"),
     {QStringLiteral("registered"), QStringLiteral("preliminary"), QStringLiteral("final"),
      QStringLiteral("amended"), QStringLiteral("corrected"), QStringLiteral("cancelled"),
      QStringLiteral("entered-in-error"), QStringLiteral("unknown")}},
    {QStringLiteral("nursing note"),
     {QStringLiteral("registered"), QStringLiteral("preliminary"), QStringLiteral("final"),
      QStringLiteral("amended"), QStringLiteral("corrected"), QStringLiteral("cancelled"),
      QStringLiteral("entered-in-error"), QStringLiteral("unknown")}},
};

} // namespace

class TestFhirStatuses : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyR4StatusReadsAndRoundTrips_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("code");
        for (const auto &[type, codes] : kR4Statuses) {
            for (const QString &code : codes)
                QTest::addRow("%s %s", qPrintable(type), qPrintable(code)) << type << code;
        }
    }
    // sync-audit §5: an R4 status never makes a pulled resource unreadable.
    void everyR4StatusReadsAndRoundTrips()
    {
        QFETCH(QString, type);
        QFETCH(QString, code);
        const Kind kind = kinds().value(type);
        QJsonObject json = kind.sample();
        json.insert(QLatin1String("status"), code);
        const Result<ReadBack> back = kind.read(json);
        QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
        QCOMPARE(back->unknown, code == QLatin1String("unknown"));
        QCOMPARE(back->otherStatus, QString());
        QCOMPARE(back->written, code);
    }

    void madeUpStatusIsKept_data()
    {
        QTest::addColumn<QString>("type");
        for (const auto &[type, codes] : kR4Statuses)
            QTest::newRow(qPrintable(type)) << type;
    }
    // sync-audit §5: a code outside R4 reads as Unknown; the code is kept, shown, and written back.
    void madeUpStatusIsKept()
    {
        QFETCH(QString, type);
        const Kind kind = kinds().value(type);
        QJsonObject json = kind.sample();
        json.insert(QLatin1String("status"), kMadeUp);
        const Result<ReadBack> back = kind.read(json);
        QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
        QVERIFY(back->unknown);
        QCOMPARE(back->otherStatus, kMadeUp);
        QCOMPARE(back->written, kMadeUp);
    }

    void observationWithoutResultReads_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("registered") << QStringLiteral("registered");
        QTest::newRow("cancelled") << QStringLiteral("cancelled");
        QTest::newRow("entered-in-error") << QStringLiteral("entered-in-error");
        QTest::newRow("unknown") << QStringLiteral("unknown");
        QTest::newRow("made-up") << kMadeUp;
    }
    // sync-audit §5: a measure registered but not taken, or cancelled, has no value in R4; it still reads
    // (and counts for no score).
    void observationWithoutResultReads()
    {
        QFETCH(QString, code);
        QJsonObject json = kinds().value(QStringLiteral("Observation")).sample();
        json.remove(QLatin1String("valueQuantity"));
        json.insert(QLatin1String("status"), code);
        const Result<Observation> o = observationFromFhir(json, nullptr);
        QVERIFY2(o, qPrintable(o ? QString() : o.error().toString()));
        QVERIFY(!carriesResult(o->status));
        QCOMPARE(statusCode(o->status, o->otherStatus, &recordStatusKey), code);
    }

    void aStatusIsStillRequired()
    {
        QJsonObject json = kinds().value(QStringLiteral("MedicationRequest")).sample();
        json.remove(QLatin1String("status"));
        QVERIFY(!requestFromFhir(json, nullptr));
    }

    // sync-audit §5: only an active prescription gives doses; on hold, draft and unknown ones stay on
    // the round as not to be given; voided, stopped, cancelled and completed ones leave it.
    void onlyActivePrescriptionsGiveDoses()
    {
        const QList<PrescriptionStatus> all = {
            PrescriptionStatus::Active,    PrescriptionStatus::OnHold,    PrescriptionStatus::Stopped,
            PrescriptionStatus::Completed, PrescriptionStatus::Cancelled, PrescriptionStatus::EnteredInError,
            PrescriptionStatus::Draft,     PrescriptionStatus::Unknown};
        for (PrescriptionStatus s : all) {
            QCOMPARE(givesDoses(s), s == PrescriptionStatus::Active);
            QCOMPARE(isSuspended(s), s == PrescriptionStatus::OnHold || s == PrescriptionStatus::Draft ||
                                         s == PrescriptionStatus::Unknown);
        }
    }

    // sync-audit §5: a task is to do while requested, received, accepted, ready or in progress only.
    void onlyActionableTasksAreToDo()
    {
        const QStringList toDo = {QStringLiteral("requested"), QStringLiteral("received"),
                                  QStringLiteral("accepted"), QStringLiteral("ready"),
                                  QStringLiteral("in-progress")};
        for (const QString &code : kR4Statuses.at(2).second) {
            const std::optional<TaskStatus> s = taskStatusFromKey(code);
            QVERIFY(s);
            QCOMPARE(isToDo(*s), toDo.contains(code));
        }
        QVERIFY(!isToDo(TaskStatus::Unknown));
    }
};

QTEST_GUILESS_MAIN(TestFhirStatuses)
#include "tst_fhirstatuses.moc"
