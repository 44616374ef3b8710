// A DPI's answer as the engine reads it: bundles of every kind, transaction answers, OperationOutcome,
// CapabilityStatement, batch answers, and every resource the engine maps. A reader refuses bad input with
// an error, never crashes; a resource a reader accepts reads again once written back, and writing it
// again gives the same JSON (what the device sends back is what it understood).
#include "fhir/bundle.h"
#include "fhir/capabilities.h"
#include "fhir/resources.h"
#include "sync/batchreads.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>
#include <cstring>

using namespace chevet;
using namespace chevet::fhir;

namespace {

QString patientReference(const References &refs)
{
    return refs.patient.isEmpty() ? QStringLiteral("Patient/p") : refs.patient;
}

// from -> to -> from -> to: the second reading succeeds and writes the same JSON as the first.
template<typename T, typename From, typename To>
void checkRoundTrip(const QJsonObject &json, From from, To to)
{
    References refs;
    Result<T> first = from(json, &refs);
    if (!first)
        return;
    const QJsonObject written = to(*first, refs);
    References again;
    Result<T> second = from(written, &again);
    if (!second) {
        std::fprintf(stderr, "written back, not read again: %s\n%s\n", qPrintable(second.error().message),
                     QJsonDocument(written).toJson().constData());
        std::abort();
    }
    if (to(*second, again) != written) {
        std::fprintf(stderr, "written twice, not the same:\n%s\n%s\n",
                     QJsonDocument(written).toJson().constData(),
                     QJsonDocument(to(*second, again)).toJson().constData());
        std::abort();
    }
}

void readResource(const QJsonObject &json)
{
    const QString type = json.value(QLatin1String("resourceType")).toString();
    if (type == QLatin1String("Patient")) {
        checkRoundTrip<Patient>(
            json, [](const QJsonObject &j, References *) { return patientFromFhir(j); },
            [](const Patient &p, const References &) { return patientToFhir(p); });
        (void)replacedBy(json);
    } else if (type == QLatin1String("Encounter")) {
        checkRoundTrip<Encounter>(json, encounterFromFhir, [](const Encounter &e, const References &refs) {
            return encounterToFhir(e, patientReference(refs));
        });
    } else if (type == QLatin1String("Observation")) {
        if (isNursingNote(json)) {
            checkRoundTrip<NursingNote>(json, noteFromFhir, [](const NursingNote &n, const References &refs) {
                return noteToFhir(n, patientReference(refs));
            });
        } else {
            checkRoundTrip<Observation>(json, observationFromFhir,
                                        [](const Observation &o, const References &refs) {
                                            return observationToFhir(o, patientReference(refs));
                                        });
        }
    } else if (type == QLatin1String("MedicationRequest")) {
        checkRoundTrip<MedicationRequest>(json, requestFromFhir,
                                          [](const MedicationRequest &r, const References &refs) {
                                              return requestToFhir(r, patientReference(refs));
                                          });
    } else if (type == QLatin1String("MedicationAdministration")) {
        checkRoundTrip<MedicationAdministration>(
            json, administrationFromFhir, [](const MedicationAdministration &a, const References &refs) {
                return administrationToFhir(a, patientReference(refs),
                                            refs.request.isEmpty() ? QStringLiteral("MedicationRequest/r")
                                                                   : refs.request);
            });
    } else if (type == QLatin1String("Task")) {
        checkRoundTrip<CareTask>(json, taskFromFhir, [](const CareTask &t, const References &refs) {
            return taskToFhir(t, patientReference(refs));
        });
    } else if (type == QLatin1String("AllergyIntolerance")) {
        checkRoundTrip<AllergyIntolerance>(json, allergyFromFhir,
                                           [](const AllergyIntolerance &a, const References &refs) {
                                               return allergyToFhir(a, patientReference(refs));
                                           });
    } else if (type == QLatin1String("OperationOutcome")) {
        (void)outcomeText(json);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject())
        return 0;
    const QJsonObject json = document.object();
    readResource(json);
    if (Result<ParsedBundle> bundle = parseBundle(json)) {
        for (const BundleEntry &entry : bundle->entries)
            readResource(entry.resource);
    }
    if (Result<QList<BundleResponse>> answers = parseTransactionResponse(json)) {
        for (const BundleResponse &answer : *answers) {
            (void)parseLocation(answer.location);
            (void)versionFromEtag(answer.etag);
            (void)outcomeText(answer.outcome);
            readResource(answer.resource);
        }
    }
    (void)parseCapabilityStatement(json);
    (void)batchreads::judge(QStringLiteral("Observation?patient=Patient/p&_count=1000"), json);
    (void)batchreads::judge(QStringLiteral("Patient/_history?_since=2026-01-01T00:00:00Z"), json);
    return 0;
}
