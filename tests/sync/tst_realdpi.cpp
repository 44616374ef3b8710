// The sync engine against what real FHIR servers do and the kind stand-in did not: one regression test
// per finding of the sync audit (sync-audit §N in each name), each failing on the engine before the fix.
// The DPI is chevet-dpi in-process, strict by default (newest-first history, no resources in bundle
// answers without Prefer, per-type integer ids, R4 invariants), reshaped where needed by a HookTransport.
#include "fhir/bundle.h"
#include "hooktransport.h"
#include "net/networktransport.h"
#include "store/alertlog.h"
#include "store/auditlog.h"
#include "store/conflictqueue.h"
#include "store/medicationrepository.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/storecontext.h"
#include "store/taskrepository.h"
#include "sync/conflictresolver.h"
#include "syncfixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>
#include <QThread>
#include <QTimeZone>
#include <QUrl>

using namespace chevet;

namespace {

const QString kDemoEstablishment = QStringLiteral("urn:oid:2.999.250.1");

SyncScope ward()
{
    SyncScope scope;
    scope.unit = QStringLiteral("unit-cardio");
    return scope;
}

Result<SyncOutcome> syncThrough(Device &device, Transport &transport, const SyncScope &scope = {})
{
    SyncRun run(*device.store, transport, scope);
    return run.run();
}

// A resource created "by the DPI's own users".
QJsonObject created(DpiHarness &dpi, const QString &type, const QJsonObject &resource)
{
    const HttpResponse r =
        dpi.direct("POST", type, QJsonDocument(resource).toJson(QJsonDocument::Compact),
                   {{QByteArrayLiteral("Prefer"), QByteArrayLiteral("return=representation")}});
    if (r.status != 201)
        qWarning("create refused %d %s", r.status, r.body.constData());
    return QJsonDocument::fromJson(r.body).object();
}

QJsonObject dpiPatient(const QString &system, const QString &ipp, const QString &family, const QString &birth,
                       bool oldIdentifier = false)
{
    QJsonObject identifier{{QStringLiteral("system"), system}, {QStringLiteral("value"), ipp}};
    identifier.insert(
        QStringLiteral("type"),
        QJsonObject{{QStringLiteral("coding"),
                     QJsonArray{QJsonObject{{QStringLiteral("system"),
                                             QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203")},
                                            {QStringLiteral("code"), QStringLiteral("PI")}}}}});
    if (oldIdentifier)
        identifier.insert(QStringLiteral("use"), QStringLiteral("old"));
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Patient")},
        {QStringLiteral("identifier"), QJsonArray{identifier}},
        {QStringLiteral("name"),
         QJsonArray{QJsonObject{{QStringLiteral("family"), family},
                                {QStringLiteral("given"), QJsonArray{QStringLiteral("Jean")}}}}},
        {QStringLiteral("birthDate"), birth}};
}

QString versionOf(const QJsonObject &resource)
{
    return resource.value(QLatin1String("meta")).toObject().value(QLatin1String("versionId")).toString();
}

// Bundle answers without any `resource` (and, with `noHeaders`, without location and etag): what HAPI
// and Prefer-minimal servers return.
HookTransport::Hook stripAnswers(bool noHeaders = false)
{
    return [noHeaders](HttpRequest &request, const HookTransport::Forward &forward) -> Result<HttpResponse> {
        Result<HttpResponse> r = forward();
        if (!r || !isBundlePost(request) || r->status >= 300)
            return r;
        QJsonObject bundle = QJsonDocument::fromJson(r->body).object();
        QJsonArray entries;
        for (const QJsonValue &v : bundle.value(QLatin1String("entry")).toArray()) {
            QJsonObject entry = v.toObject();
            entry.remove(QLatin1String("resource"));
            if (noHeaders) {
                entry.remove(QLatin1String("fullUrl"));
                QJsonObject response = entry.value(QLatin1String("response")).toObject();
                response.remove(QLatin1String("location"));
                response.remove(QLatin1String("etag"));
                entry.insert(QStringLiteral("response"), response);
            }
            entries.append(entry);
        }
        bundle.insert(QStringLiteral("entry"), entries);
        r->body = QJsonDocument(bundle).toJson(QJsonDocument::Compact);
        return r;
    };
}

// The demo ward is seeded with one timestamp, which a fresh device's checkpoint equals: a `_since` that
// includes it reads the whole seed again and hides what a test wants to show. One later DPI edit, synced,
// moves the device's checkpoint past the seed, as on any ward after its first hour.
bool checkpointPastTheSeed(DpiHarness &dpi, Device &device, const SyncScope &scope)
{
    QJsonObject task = dpi.all(QStringLiteral("Task"), QStringLiteral("status=requested")).first();
    task.insert(QStringLiteral("status"), QStringLiteral("in-progress"));
    dpi.put(QStringLiteral("Task/") + task.value(QLatin1String("id")).toString(), task);
    return bool(device.sync(dpi, scope));
}

// A nursing note's section on the DPI (its component coded `section`), read or changed.
QString noteSection(const QJsonObject &note, const QString &section)
{
    for (const QJsonValue &c : note.value(QLatin1String("component")).toArray())
        if (c.toObject()
                .value(QLatin1String("code"))
                .toObject()
                .value(QLatin1String("coding"))
                .toArray()
                .first()
                .toObject()
                .value(QLatin1String("code"))
                .toString() == section)
            return c.toObject().value(QLatin1String("valueString")).toString();
    return {};
}

QJsonObject withNoteSection(QJsonObject note, const QString &section, const QString &text)
{
    QJsonArray components = note.value(QLatin1String("component")).toArray();
    for (qsizetype i = 0; i < components.size(); ++i) {
        QJsonObject c = components.at(i).toObject();
        if (c.value(QLatin1String("code"))
                .toObject()
                .value(QLatin1String("coding"))
                .toArray()
                .first()
                .toObject()
                .value(QLatin1String("code"))
                .toString() == section) {
            c.insert(QStringLiteral("valueString"), text);
            components.replace(i, c);
        }
    }
    note.insert(QStringLiteral("component"), components);
    return note;
}

QString taskStatusOnDevice(Device &device, const QString &serverId)
{
    Result<std::optional<RecordRow>> row =
        device.store->context().records.findByServerId(RecordType::Task, serverId);
    return row && *row ? (*row)->status : QString();
}

} // namespace

class TestRealDpi : public QObject
{
    Q_OBJECT

    std::unique_ptr<DpiHarness> start(QTemporaryDir &folder, DpiConfig config = {})
    {
        return DpiHarness::start(DpiHarness::Mode::Loopback, config, folder.path());
    }

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    // §1: a match on another person's IPP, answered without the resource, is read and checked.
    void s01_matchWithoutResourceIsReadAndChecked()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        const QJsonObject dupont =
            created(*dpi, QStringLiteral("Patient"),
                    dpiPatient(kTestEstablishment, QStringLiteral("800001"), QStringLiteral("Dupont"),
                               QStringLiteral("1960-01-01")));
        Device device;
        Result<Patient> moreau = addPatient(*device.store, QStringLiteral("800001"));
        QVERIFY(moreau);
        QVERIFY(device.store->observations().recordVitals(moreau->id, normalVitals()));
        HookTransport transport(dpi->transport(), stripAnswers());
        QVERIFY(syncThrough(device, transport));
        QVERIFY(syncThrough(device, transport));
        Result<QList<ParkedConflict>> parked = device.store->conflicts().open();
        QVERIFY(parked);
        QCOMPARE(parked->size(), 1);
        QCOMPARE(parked->first().rule, QStringLiteral("identity-mismatch"));
        QCOMPARE(parked->first().patientId, moreau->id);
        QCOMPARE(dpi->all(QStringLiteral("Observation")).size(), 0); // nothing on Dupont
        QVERIFY(device.store->patients().find(moreau->id).value()->serverId.isEmpty());
        QCOMPARE(dpi->get(QStringLiteral("Patient/") + dupont.value(QLatin1String("id")).toString())
                     .value(QLatin1String("birthDate"))
                     .toString(),
                 QStringLiteral("1960-01-01"));
    }

    // §1: a match the device cannot read is a conflict, never delivered.
    void s01_unverifiableMatchIsAConflict()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        created(*dpi, QStringLiteral("Patient"),
                dpiPatient(kTestEstablishment, QStringLiteral("800002"), QStringLiteral("Moreau"),
                           QStringLiteral("1948-03-17")));
        Device device;
        Result<Patient> moreau = addPatient(*device.store, QStringLiteral("800002"));
        QVERIFY(moreau);
        HookTransport transport(dpi->transport(), [](HttpRequest &request,
                                                     const HookTransport::Forward &forward) {
            // Every read of a Patient, by GET or by POST _search (searches by identifier: security F18).
            const bool patientRead =
                request.target.startsWith(QLatin1String("Patient")) &&
                (request.method == "GET" || request.target.contains(QLatin1String("/_search")));
            if (patientRead)
                return Result<HttpResponse>(answer(404, R"({"resourceType":"OperationOutcome","issue":[]})",
                                                   "application/fhir+json"));
            return stripAnswers(true)(request, forward);
        });
        (void)syncThrough(device, transport);
        QCOMPARE(device.counts().delivered, 0);
        Result<QList<ParkedConflict>> parked = device.store->conflicts().open();
        QVERIFY(parked && parked->size() == 1);
        QCOMPARE(parked->first().rule, QStringLiteral("identity-unverified"));
    }

    // §2: an identity conflict is settled as "not the same person": nothing goes onto the other person.
    void s02_identityConflictKeepsThePatientLocal()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        const QJsonObject dupont =
            created(*dpi, QStringLiteral("Patient"),
                    dpiPatient(kTestEstablishment, QStringLiteral("800003"), QStringLiteral("Dupont"),
                               QStringLiteral("1960-01-01")));
        Device device;
        Result<Patient> moreau = addPatient(*device.store, QStringLiteral("800003"));
        QVERIFY(moreau && device.store->observations().recordVitals(moreau->id, normalVitals()));
        QVERIFY(device.sync(*dpi));
        Result<QList<ParkedConflict>> parked = device.store->conflicts().open();
        QVERIFY(parked && parked->size() == 1);
        ConflictResolver resolver(*device.store);
        Status local = resolver.resolve(parked->first().id, ConflictResolver::Choice::TakeLocal);
        QVERIFY(!local);
        QCOMPARE(local.error().code, ErrorCode(ValidationError::IdentityNeedsVigilance));
        QVERIFY(!resolver.resolve(parked->first().id, ConflictResolver::Choice::TakeMerged, dupont));
        QVERIFY(resolver.resolve(parked->first().id, ConflictResolver::Choice::DifferentPerson));
        QVERIFY(device.sync(*dpi));
        QVERIFY(device.sync(*dpi));
        const QJsonObject after =
            dpi->get(QStringLiteral("Patient/") + dupont.value(QLatin1String("id")).toString());
        QCOMPARE(after.value(QLatin1String("birthDate")).toString(), QStringLiteral("1960-01-01"));
        QCOMPARE(versionOf(after), versionOf(dupont));
        QCOMPARE(dpi->all(QStringLiteral("Observation")).size(), 0);
        QCOMPARE(device.store->conflicts().open()->size(), 0);
        QVERIFY(device.counts().quarantined >= 1);
        Result<QList<ClinicalAlert>> alerts = device.store->alerts().list();
        QVERIFY(alerts && alerts->size() == 1);
        QCOMPARE(alerts->first().kind, QStringLiteral("identity-vigilance"));
    }

    // §3a: newest-first history: the device ends on the newest version, not the oldest of the window.
    void s03_newestFirstHistoryKeepsTheNewestVersion()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        config.historyNewestFirst = true;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        QJsonObject task = dpi->all(QStringLiteral("Task"), QStringLiteral("status=requested")).first();
        const QString id = task.value(QLatin1String("id")).toString();
        for (const char *status : {"in-progress", "cancelled"}) {
            task.insert(QStringLiteral("status"), QString::fromLatin1(status));
            task = dpi->put(QStringLiteral("Task/") + id, task);
        }
        QVERIFY(device.sync(*dpi, ward()));
        QCOMPARE(taskStatusOnDevice(device, id), QStringLiteral("cancelled"));
    }

    // §3b: a failure on page 2 of newest-first history must not skip the older changes.
    void s03_failedSecondPageDoesNotSkipOlderChanges()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        config.maxPageSize = 200;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        QJsonObject task = dpi->all(QStringLiteral("Task"), QStringLiteral("status=requested")).first();
        const QString id = task.value(QLatin1String("id")).toString();
        task.insert(QStringLiteral("status"), QStringLiteral("cancelled"));
        dpi->put(QStringLiteral("Task/") + id, task);
        // 250 newer changes fill the first page.
        QList<QJsonObject> others = dpi->all(QStringLiteral("Task"));
        for (int i = 0; i < 250; ++i) {
            QJsonObject other = others.at(i % others.size());
            if (other.value(QLatin1String("id")).toString() == id)
                continue;
            other.insert(QStringLiteral("description"), QStringLiteral("revue %1").arg(i));
            other = dpi->put(QStringLiteral("Task/") + other.value(QLatin1String("id")).toString(), other);
            others[i % others.size()] = other;
        }
        bool failed = false;
        HookTransport transport(dpi->transport(), [&](const HttpRequest &request,
                                                      const HookTransport::Forward &forward) {
            if (!failed && request.target.contains(QLatin1String("Task/_history")) &&
                !request.target.startsWith(QLatin1String("Task/_history"))) {
                failed = true; // the second page (an absolute next link)
                return Result<HttpResponse>(makeError(NetError::Unreachable, QStringLiteral("lost"), true));
            }
            return forward();
        });
        QVERIFY(!syncThrough(device, transport, ward()));
        QVERIFY(failed);
        QVERIFY(syncThrough(device, transport, ward()));
        QCOMPARE(taskStatusOnDevice(device, id), QStringLiteral("cancelled"));
    }

    // §4a: an admission whose first full pull fails gets its prescriptions and allergies later.
    void s04_admissionPulledInFullAfterAFailedRun()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        QVERIFY(checkpointPastTheSeed(*dpi, device, ward()));
        // pat-026 (home care) is admitted to the ward.
        QJsonObject stay =
            dpi->all(QStringLiteral("Encounter"), QStringLiteral("patient=Patient/pat-026")).first();
        stay.insert(QStringLiteral("location"),
                    QJsonArray{QJsonObject{{QStringLiteral("location"),
                                            QJsonObject{{QStringLiteral("reference"),
                                                         QStringLiteral("Location/unit-cardio")}}}}});
        dpi->put(QStringLiteral("Encounter/") + stay.value(QLatin1String("id")).toString(), stay);
        const int onDpi =
            dpi->all(QStringLiteral("MedicationRequest"), QStringLiteral("patient=Patient/pat-026")).size();
        QVERIFY(onDpi > 0);
        // In the first run the full pull of prescriptions is lost each time it is asked (batch, then alone).
        bool failing = true;
        HookTransport transport(dpi->transport(), [&](const HttpRequest &request,
                                                      const HookTransport::Forward &forward) {
            if (failing && request.target.startsWith(QLatin1String("MedicationRequest?patient=")))
                return Result<HttpResponse>(makeError(NetError::Unreachable, QStringLiteral("lost"), true));
            return forward();
        });
        QVERIFY(!syncThrough(device, transport, ward()));
        failing = false;
        QVERIFY(syncThrough(device, transport, ward()));
        Result<std::optional<Patient>> patient =
            device.store->patients().findByServerId(QStringLiteral("pat-026"));
        QVERIFY(patient && *patient);
        QCOMPARE(int(device.store->medications().requestsForPatient((*patient)->id)->size()), onDpi);
    }

    // §4b: a patient registered here whom the DPI already knew gets the DPI's prescriptions, on a device
    // that synced its ward before (the audit's probe registeredKnownPatientNeverPulledInFull).
    void s04_registeredKnownPatientIsPulledInFull()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        QVERIFY(checkpointPastTheSeed(*dpi, device, ward()));
        const QJsonObject known = dpi->get(QStringLiteral("Patient/pat-027"));
        Patient p;
        for (const QJsonValue &v : known.value(QLatin1String("identifier")).toArray()) {
            const QJsonObject id = v.toObject();
            if (id.value(QLatin1String("system")).toString() == kDemoEstablishment)
                p.identifiers.append(PatientIdentifier{IdentifierKind::Ipp, kDemoEstablishment,
                                                       id.value(QLatin1String("value")).toString(), false});
        }
        const QJsonObject name = known.value(QLatin1String("name")).toArray().first().toObject();
        p.family = name.value(QLatin1String("family")).toString();
        p.given = name.value(QLatin1String("given")).toArray().first().toString();
        p.birthDate = QDate::fromString(known.value(QLatin1String("birthDate")).toString(), Qt::ISODate);
        Result<Patient> added = device.store->patients().add(p);
        QVERIFY2(added, qPrintable(errorText(added)));
        QVERIFY(device.sync(*dpi, ward()));
        QVERIFY(device.sync(*dpi, ward()));
        const int onDpi =
            dpi->all(QStringLiteral("MedicationRequest"), QStringLiteral("patient=Patient/pat-027")).size();
        QVERIFY(onDpi > 0);
        QCOMPARE(int(device.store->medications().requestsForPatient(added->id)->size()), onDpi);
    }

    // §5: a newer DPI version the device cannot read is never skipped in silence: the tablet's copy is
    // kept as it was, and the nurse is told it is out of date (an alert naming the record and patient).
    // Issue "weak links": the second sync downloaded the whole round again. The checkpoint stayed at the
    // newest change (or, after a first run, a minute before it), so everything changed in the margin
    // before it came back at every sync. It now follows the server's clock (the page's
    // meta.lastUpdated): the next pass asks only from the previous query minus the margin.
    void checkpointFollowsTheServersClock()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = start(folder, config);
        Device device;
        constexpr qint64 kMarginMs = 2 * 60 * 1000;
        // Every change query of a sync asks from no earlier than `since` (ms) minus the margin.
        const auto syncAsksFrom = [&](qint64 since) {
            HookTransport transport(dpi->transport(), nullptr);
            SyncRun run(*device.store, transport, ward());
            if (!run.run())
                return -1;
            int changeQueries = 0;
            for (const HttpRequest &r : std::as_const(transport.requests)) {
                const QRegularExpressionMatch at =
                    QRegularExpression(QStringLiteral("_since=([^&]+)")).match(r.target);
                if (!at.hasMatch())
                    continue;
                const qint64 from = QDateTime::fromString(QUrl::fromPercentEncoding(at.captured(1).toUtf8()),
                                                          Qt::ISODateWithMs)
                                        .toMSecsSinceEpoch();
                if (from < since - kMarginMs - 500) {
                    qWarning("asked from too early: %s", qPrintable(r.target));
                    return -1;
                }
                ++changeQueries;
            }
            return changeQueries;
        };
        QThread::msleep(1500); // the seed is now well before the first query
        const qint64 firstStart = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(device.sync(*dpi, ward())); // first run: full pulls, no change query
        QThread::msleep(1500);
        const qint64 secondStart = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(syncAsksFrom(firstStart) >= 5);  // from the first run's queries, not a minute before it
        QVERIFY(syncAsksFrom(secondStart) >= 5); // and then from the second's
    }

    // Issue "weak links": request bodies go gzipped; a DPI that refuses the coding (415 here; the
    // independent server answers 400, tst_independentdpi) gets the same request plain, and the next ones
    // plain too; nothing is lost or quarantined either way.
    void requestBodiesGoGzippedUntilTheDpiRefuses_data()
    {
        QTest::addColumn<bool>("plainOnly");
        QTest::newRow("the DPI reads gzip") << false;
        QTest::newRow("the DPI refuses gzip") << true;
    }
    void requestBodiesGoGzippedUntilTheDpiRefuses()
    {
        QFETCH(bool, plainOnly);
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        config.plainRequestsOnly = plainOnly;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Http, config, folder.path()); // the real wire
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        Result<QList<Patient>> patients = device.store->patients().all();
        QVERIFY(patients && !patients->isEmpty());
        int observations = 0;
        for (int i = 0; i < 5; ++i) {
            Result<VitalsEntry> entry =
                device.store->observations().recordVitals(patients->first().id, normalVitals());
            QVERIFY(entry);
            observations += int(entry->observations.size());
        }
        std::unique_ptr<Transport> transport = dpi->transport();
        auto *network = dynamic_cast<NetworkTransport *>(transport.get());
        QVERIFY(network && network->gzipsRequests());
        SyncRun run(*device.store, *transport, ward());
        Result<SyncOutcome> pushed = run.run();
        QVERIFY2(pushed, qPrintable(errorText(pushed)));
        QCOMPARE(network->gzipsRequests(), !plainOnly);
        QCOMPARE(device.counts().pending, 0);
        QCOMPARE(device.counts().quarantined, 0);
        QCOMPARE(pushed->counts.pushed, observations);
    }

    void s05_unreadableDpiVersionIsFlagged()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        config.validation = false; // a DPI that stores what no R4 reader can read
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        QJsonObject task = dpi->all(QStringLiteral("Task"), QStringLiteral("status=requested")).first();
        const QString id = task.value(QLatin1String("id")).toString();
        task.insert(QStringLiteral("status"), 42); // not a code
        dpi->put(QStringLiteral("Task/") + id, task);
        Result<SyncOutcome> outcome = device.sync(*dpi, ward());
        QVERIFY(outcome);
        QCOMPARE(taskStatusOnDevice(device, id), QStringLiteral("requested"));
        Result<QList<ClinicalAlert>> alerts = device.store->alerts().list();
        QVERIFY(alerts);
        const RecordRow held =
            device.store->context().records.findByServerId(RecordType::Task, id).value().value();
        int flagged = 0;
        for (const ClinicalAlert &a : *alerts)
            if (a.kind == QLatin1String("unreadable-dpi-version")) {
                ++flagged;
                QCOMPARE(a.records, QList<QUuid>{held.id});
                QCOMPARE(a.patientId, held.patientId);
            }
        QCOMPARE(flagged, 1);
        QVERIFY(device.sync(*dpi, ward())); // read again (the margin): raised once, not twice
        QCOMPARE(int(device.store->alerts().list().value().size()), int(alerts->size()));
    }

    // §6: without history, a failure after the first 20-patient chunk must not skip the later chunks.
    void s06_searchCheckpointWaitsForEveryChunk()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        config.history = false;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        QList<QJsonObject> tasks = dpi->all(QStringLiteral("Task"), QStringLiteral("status=requested"));
        QJsonObject late; // a task of a patient in the second chunk (sorted ids: pat-02x)
        for (const QJsonObject &t : tasks) {
            const QString who =
                t.value(QLatin1String("for")).toObject().value(QLatin1String("reference")).toString();
            if (who >= QLatin1String("Patient/pat-022") && who <= QLatin1String("Patient/pat-024"))
                late = t; // in the ward's second chunk of 20 patients
        }
        QVERIFY(!late.isEmpty());
        late.insert(QStringLiteral("status"), QStringLiteral("cancelled"));
        dpi->put(QStringLiteral("Task/") + late.value(QLatin1String("id")).toString(), late);
        QJsonObject early = tasks.first();
        early.insert(QStringLiteral("status"), QStringLiteral("cancelled"));
        QTest::qWait(5);
        dpi->put(QStringLiteral("Task/") + early.value(QLatin1String("id")).toString(), early);
        // In the first run the second chunk's query is lost each time it is asked (in a batch, then alone).
        QStringList taskQueries;
        bool firstRun = true;
        HookTransport transport(
            dpi->transport(), [&](const HttpRequest &request, const HookTransport::Forward &forward) {
                if (firstRun && request.target.startsWith(QLatin1String("Task?patient=")) &&
                    request.target.contains(QLatin1String("_lastUpdated"))) {
                    if (!taskQueries.contains(request.target))
                        taskQueries.append(request.target);
                    if (request.target == taskQueries.value(1))
                        return Result<HttpResponse>(
                            makeError(NetError::Unreachable, QStringLiteral("lost"), true));
                }
                return forward();
            });
        QVERIFY(!syncThrough(device, transport, ward()));
        QCOMPARE(taskQueries.size(), 2);
        firstRun = false;
        QVERIFY(syncThrough(device, transport, ward()));
        QCOMPARE(taskStatusOnDevice(device, late.value(QLatin1String("id")).toString()),
                 QStringLiteral("cancelled"));
    }

    // §7: a record the DPI fails on (500) is set aside; the others go, and the pull still runs.
    void s07_poisonRecordIsSetAsideAndThePullRuns()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        Result<QList<Patient>> patients = device.store->patients().all();
        QVERIFY(patients && patients->size() >= 2);
        Result<VitalsEntry> poison =
            device.store->observations().recordVitals(patients->at(0).id, normalVitals());
        Result<VitalsEntry> fine =
            device.store->observations().recordVitals(patients->at(1).id, normalVitals());
        QVERIFY(poison && fine);
        const QString poisonId = clientIdentifier(poison->observations.first().meta.id);
        // The DPI stops a prescription meanwhile.
        QJsonObject request =
            dpi->all(QStringLiteral("MedicationRequest"), QStringLiteral("status=active")).first();
        request.insert(QStringLiteral("status"), QStringLiteral("stopped"));
        dpi->put(QStringLiteral("MedicationRequest/") + request.value(QLatin1String("id")).toString(),
                 request);
        HookTransport transport(dpi->transport(), [&](const HttpRequest &r,
                                                      const HookTransport::Forward &forward) {
            if (isBundlePost(r) && r.body.contains(poisonId.toUtf8()))
                return Result<HttpResponse>(answer(
                    500,
                    R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"exception"}]})",
                    "application/fhir+json"));
            return forward();
        });
        for (int run = 0; run < 2; ++run)
            (void)syncThrough(device, transport, ward());
        const QHash<QString, int> onDpi = identifierCounts(dpi->all(QStringLiteral("Observation")));
        QCOMPARE(onDpi.value(clientIdentifier(fine->observations.first().meta.id)), 1);
        QCOMPARE(onDpi.value(poisonId), 0);
        QCOMPARE(device.counts().quarantined, 1);
        QCOMPARE(device.counts().pending, 0);
        Result<std::optional<RecordRow>> stopped = device.store->context().records.findByServerId(
            RecordType::MedicationRequest, request.value(QLatin1String("id")).toString());
        QVERIFY(stopped && *stopped);
        QCOMPARE((*stopped)->status, QStringLiteral("stopped"));
        // Reversible: retried once the DPI is fixed, it arrives once.
        QCOMPARE(device.store->outbox().retryQuarantined({}, 0).value(), 1);
        HookTransport healthy(dpi->transport(), {});
        QVERIFY(syncThrough(device, healthy, ward()));
        QCOMPARE(identifierCounts(dpi->all(QStringLiteral("Observation"))).value(poisonId), 1);
    }

    // §7: a record the DPI fails on when it is the only one to send: a 500 alone could be the DPI, so
    // it stays queued for a few runs; failing alone run after run, it is the record: it is set aside and
    // the device's sync is no longer stuck in error behind it.
    void s07_lonePoisonRecordIsSetAsideAfterRepeatedFailures()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800024"));
        QVERIFY(patient && device.sync(*dpi));
        NursingNote note;
        note.meta.patientId = patient->id;
        note.target = QStringLiteral("Chute");
        note.data = QStringLiteral("retrouvée au sol");
        Result<NursingNote> poison = device.store->notes().record(note);
        QVERIFY(poison);
        const QByteArray poisonId = clientIdentifier(poison->meta.id).toUtf8();
        HookTransport failing(dpi->transport(), [&](const HttpRequest &r,
                                                    const HookTransport::Forward &forward) {
            if (isBundlePost(r) && r.body.contains(poisonId))
                return Result<HttpResponse>(answer(
                    500,
                    R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"exception"}]})",
                    "application/fhir+json"));
            return forward();
        });
        int failedRuns = 0;
        while (!syncThrough(device, failing) && failedRuns < 20) {
            ++failedRuns;
            if (failedRuns < 4) // the first runs keep it queued: the DPI may be the one failing
                QCOMPARE(device.counts().quarantined, 0);
        }
        QVERIFY2(failedRuns >= 4 && failedRuns < 20, qPrintable(QString::number(failedRuns)));
        QVERIFY(device.counts().quarantined > 0);
        QCOMPARE(device.counts().pending, 0);
        QVERIFY(syncThrough(device, failing)); // no longer stuck
    }

    // §7: the pull runs even when the push cannot finish (a gateway answering 502 to every bundle).
    void s07_pullRunsWhenThePushFails()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        Result<QList<Patient>> patients = device.store->patients().all();
        QVERIFY(patients && !patients->isEmpty());
        QVERIFY(device.store->observations().recordVitals(patients->first().id, normalVitals()));
        QJsonObject request =
            dpi->all(QStringLiteral("MedicationRequest"), QStringLiteral("status=active")).first();
        request.insert(QStringLiteral("status"), QStringLiteral("stopped"));
        dpi->put(QStringLiteral("MedicationRequest/") + request.value(QLatin1String("id")).toString(),
                 request);
        HookTransport transport(dpi->transport(), [](HttpRequest &r, const HookTransport::Forward &forward) {
            if (isBundlePost(r))
                return Result<HttpResponse>(
                    answer(502, "<html><body>Bad Gateway</body></html>", "text/html"));
            return forward();
        });
        QVERIFY(!syncThrough(device, transport, ward()));
        QVERIFY(device.counts().pending > 0);
        QCOMPARE(device.counts().quarantined, 0);
        Result<std::optional<RecordRow>> stopped = device.store->context().records.findByServerId(
            RecordType::MedicationRequest, request.value(QLatin1String("id")).toString());
        QVERIFY(stopped && *stopped);
        QCOMPARE((*stopped)->status, QStringLiteral("stopped"));
    }

    // §7: a proxy's 413 with an HTML body halves the bundle; nothing is quarantined.
    void s07_htmlTooLargeIsLearnt()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800010"));
        QVERIFY(patient && device.sync(*dpi));
        for (int i = 0; i < 4; ++i)
            QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        const qint64 queued = device.counts().pending;
        HookTransport transport(
            dpi->transport(), [](const HttpRequest &r, const HookTransport::Forward &forward) {
                if (isBundlePost(r) && r.body.size() > 6000)
                    return Result<HttpResponse>(answer(
                        413, "<html><body><h1>413 Request Entity Too Large</h1></body></html>", "text/html"));
                return forward();
            });
        QVERIFY(syncThrough(device, transport));
        QCOMPARE(device.counts().quarantined, 0);
        QCOMPARE(device.counts().delivered, queued + 1);
    }

    // §8: 409 is transient; a gateway's 415 to every request quarantines nothing.
    void s08_transientAndServerWideAnswersNeverQuarantine_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("409")
            << 409
            << QByteArray(
                   R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"conflict"}]})");
        QTest::newRow("415 html") << 415 << QByteArray("<html>Unsupported Media Type</html>");
        QTest::newRow("415 fhir")
            << 415
            << QByteArray(
                   R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"not-supported"}]})");
        QTest::newRow("405")
            << 405
            << QByteArray(
                   R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"not-supported"}]})");
        QTest::newRow("423")
            << 423
            << QByteArray(
                   R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"lock-error"}]})");
    }
    void s08_transientAndServerWideAnswersNeverQuarantine()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800011"));
        QVERIFY(patient && device.sync(*dpi));
        for (int i = 0; i < 3; ++i)
            QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        HookTransport broken(
            dpi->transport(), [&](const HttpRequest &r, const HookTransport::Forward &forward) {
                if (isBundlePost(r))
                    return Result<HttpResponse>(
                        answer(status, body, body.startsWith('<') ? "text/html" : "application/fhir+json"));
                return forward();
            });
        QVERIFY(!syncThrough(device, broken));
        QCOMPARE(device.counts().quarantined, 0);
        QVERIFY(device.counts().pending > 0);
        HookTransport healthy(dpi->transport(), {});
        QVERIFY(syncThrough(device, healthy));
        QCOMPARE(device.counts().pending, 0);
        QCOMPARE(device.counts().quarantined, 0);
    }

    // §8: a quarantined edit is never overwritten by the pull.
    void s08_quarantinedEditSurvivesThePull()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800012"));
        QVERIFY(patient);
        VitalsInput t;
        t.temperature = 38.2;
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, t);
        QVERIFY(entry && device.sync(*dpi));
        const QUuid id = entry->observations.first().meta.id;
        QVERIFY(device.store->observations().enterInError(id, QStringLiteral("mauvais patient")));
        HookTransport refusing(dpi->transport(), [](const HttpRequest &r,
                                                    const HookTransport::Forward &forward) {
            if (isBundlePost(r))
                return Result<HttpResponse>(answer(
                    422,
                    R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invariant"}]})",
                    "application/fhir+json"));
            return forward();
        });
        (void)syncThrough(device, refusing);
        QCOMPARE(device.counts().quarantined, 1);
        QJsonObject remote = dpi->all(QStringLiteral("Observation")).first();
        remote.insert(QStringLiteral("status"), QStringLiteral("final"));
        remote.insert(QStringLiteral("issued"), QStringLiteral("2026-01-01T10:00:00Z"));
        dpi->put(QStringLiteral("Observation/") + remote.value(QLatin1String("id")).toString(), remote);
        HookTransport healthy(dpi->transport(), {});
        QVERIFY(syncThrough(device, healthy));
        QCOMPARE(device.store->observations().find(id).value()->status, RecordStatus::EnteredInError);
        // Retried, it meets the DPI's newer version (412) and the voiding still wins over a plain edit.
        QVERIFY(device.store->outbox().retryQuarantined(id, 0));
        QVERIFY(syncThrough(device, healthy));
        QCOMPARE(dpi->get(QStringLiteral("Observation/") + remote.value(QLatin1String("id")).toString())
                     .value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("entered-in-error"));
    }

    // §9: a lost create answer, a DPI user's edit, then a local amendment: merged, never overwritten.
    void s09_lostCreateThenDpiEditIsMergedNotOverwritten()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800013"));
        QVERIFY(patient && device.sync(*dpi));
        VitalsInput t;
        t.temperature = 37.9;
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, t);
        QVERIFY(entry);
        const QUuid id = entry->observations.first().meta.id;
        HookTransport losing(
            dpi->transport(), [](const HttpRequest &r, const HookTransport::Forward &forward) {
                Result<HttpResponse> done = forward();
                if (isBundlePost(r))
                    return Result<HttpResponse>(
                        makeError(NetError::Unreachable, QStringLiteral("answer lost"), true));
                return done;
            });
        QVERIFY(!syncThrough(device, losing));
        QJsonObject remote = dpi->all(QStringLiteral("Observation")).first();
        QJsonObject quantity = remote.value(QLatin1String("valueQuantity")).toObject();
        quantity.insert(QStringLiteral("value"), 38.6);
        remote.insert(QStringLiteral("valueQuantity"), quantity);
        remote.insert(QStringLiteral("status"), QStringLiteral("amended"));
        dpi->put(QStringLiteral("Observation/") + remote.value(QLatin1String("id")).toString(), remote);
        QVERIFY(device.store->observations().amend(id, 37.5, std::nullopt, QStringLiteral("recontrôlée")));
        (void)device.sync(*dpi);
        const double onDpi =
            dpi->get(QStringLiteral("Observation/") + remote.value(QLatin1String("id")).toString())
                .value(QLatin1String("valueQuantity"))
                .toObject()
                .value(QLatin1String("value"))
                .toDouble();
        QCOMPARE(onDpi, 38.6); // the DPI user's value is not overwritten without a person deciding
        Result<QList<ParkedConflict>> parked = device.store->conflicts().open();
        QVERIFY(parked && parked->size() == 1);
        QCOMPARE(parked->first().recordId, id);
    }

    // §10: completing a DPI task keeps every element the DPI had.
    void s10_taskCompletionKeepsTheDpiElements()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        QJsonObject task = dpi->all(QStringLiteral("Task"), QStringLiteral("status=requested")).first();
        const QString id = task.value(QLatin1String("id")).toString();
        task.insert(QStringLiteral("priority"), QStringLiteral("urgent"));
        task.insert(QStringLiteral("authoredOn"), QStringLiteral("2026-11-20T08:00:00+01:00"));
        task.insert(QStringLiteral("note"),
                    QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("à jeun")}}});
        task.insert(QStringLiteral("intent"), QStringLiteral("plan"));
        QJsonArray identifiers = task.value(QLatin1String("identifier")).toArray();
        identifiers.append(QJsonObject{{QStringLiteral("system"), QStringLiteral("urn:oid:2.999.250.1.6")},
                                       {QStringLiteral("value"), QStringLiteral("T-42")}});
        task.insert(QStringLiteral("identifier"), identifiers);
        task = dpi->put(QStringLiteral("Task/") + id, task);
        QVERIFY(device.sync(*dpi, ward()));
        Result<std::optional<RecordRow>> row =
            device.store->context().records.findByServerId(RecordType::Task, id);
        QVERIFY(row && *row);
        QVERIFY(device.store->tasks().complete((*row)->id));
        QVERIFY(device.sync(*dpi, ward()));
        const QJsonObject after = dpi->get(QStringLiteral("Task/") + id);
        QCOMPARE(after.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
        for (const char *kept : {"priority", "authoredOn", "note", "intent", "code", "encounter"}) {
            if (task.contains(QLatin1String(kept)))
                QVERIFY2(after.value(QLatin1String(kept)) == task.value(QLatin1String(kept)), kept);
        }
        const QByteArray ids = QJsonDocument(after.value(QLatin1String("identifier")).toArray()).toJson();
        QVERIFY(ids.contains("T-42"));
    }

    // §11: a record deleted in the DPI while edited here can be settled both ways.
    void s11_deletedInDpiSettlesBothWays()
    {
        for (ConflictResolver::Choice choice :
             {ConflictResolver::Choice::TakeRemote, ConflictResolver::Choice::TakeLocal}) {
            QTemporaryDir folder;
            auto dpi = start(folder);
            Device device;
            Result<Patient> patient = addPatient(*device.store, QStringLiteral("800014"));
            VitalsInput t;
            t.temperature = 38.0;
            Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, t);
            QVERIFY(patient && entry && device.sync(*dpi));
            const QUuid id = entry->observations.first().meta.id;
            const QString serverId = device.store->context().records.find(id).value()->serverId;
            QCOMPARE(dpi->direct("DELETE", QStringLiteral("Observation/") + serverId).status / 100, 2);
            QVERIFY(
                device.store->observations().amend(id, 38.4, std::nullopt, QStringLiteral("recontrôlée")));
            (void)device.sync(*dpi);
            Result<QList<ParkedConflict>> parked = device.store->conflicts().open();
            QVERIFY(parked && parked->size() == 1);
            QCOMPARE(parked->first().rule, QStringLiteral("deleted-in-dpi"));
            QVERIFY(ConflictResolver(*device.store).resolve(parked->first().id, choice));
            QVERIFY(device.sync(*dpi));
            QVERIFY(device.sync(*dpi));
            QCOMPARE(device.store->conflicts().open()->size(), 0);
            QCOMPARE(device.counts().pending, 0);
            const int live =
                identifierCounts(dpi->all(QStringLiteral("Observation"))).value(clientIdentifier(id));
            QCOMPARE(live, choice == ConflictResolver::Choice::TakeLocal ? 1 : 0);
        }
    }

    // §12: a conditional create matching several DPI records parks an ambiguous match with the candidates.
    void s12_severalMatchesAreAnAmbiguousMatch()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        for (const char *family : {"Moreau", "Moreaux"})
            created(*dpi, QStringLiteral("Patient"),
                    dpiPatient(kTestEstablishment, QStringLiteral("800015"), QString::fromLatin1(family),
                               QStringLiteral("1948-03-17")));
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800015"));
        QVERIFY(patient);
        HookTransport transport(dpi->transport(), {});
        (void)syncThrough(device, transport);
        for (const HttpRequest &r : std::as_const(transport.requests))
            QVERIFY2(r.target != QLatin1String("Patient"), "a whole-type search");
        Result<QList<ParkedConflict>> parked = device.store->conflicts().open();
        QVERIFY(parked && parked->size() == 1);
        QCOMPARE(parked->first().rule, QStringLiteral("ambiguous-match"));
        const QJsonObject candidates = QJsonDocument::fromJson(parked->first().remote).object();
        QCOMPARE(candidates.value(QLatin1String("entry")).toArray().size(), 2);
        QVERIFY(ConflictResolver(*device.store)
                    .resolve(parked->first().id, ConflictResolver::Choice::DifferentPerson));
    }

    // §13: an answer with no resource, no location and no etag: read by the client id, delivered once.
    void s13_answerWithoutVersionIsReadAndDelivered()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800016"));
        QVERIFY(patient && device.store->observations().recordVitals(patient->id, normalVitals()));
        HookTransport transport(dpi->transport(), stripAnswers(true));
        QVERIFY(syncThrough(device, transport));
        QVERIFY(syncThrough(device, transport));
        QCOMPARE(device.counts().pending, 0);
        for (int n : identifierCounts(dpi->all(QStringLiteral("Observation"))))
            QCOMPARE(n, 1);
    }

    // §14: a DPI without conditional create: a lost answer never makes a duplicate.
    void s14_noConditionalCreateNoDuplicate()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800017"));
        QVERIFY(patient);
        bool lose = false;
        HookTransport transport(
            dpi->transport(),
            [&](HttpRequest &r, const HookTransport::Forward &forward) -> Result<HttpResponse> {
                if (r.target == QLatin1String("metadata")) {
                    Result<HttpResponse> m = forward();
                    // The server says it has no conditional create, and ignores ifNoneExist.
                    m->body.replace("\"conditionalCreate\":true", "\"conditionalCreate\":false");
                    return m;
                }
                if (isBundlePost(r)) {
                    QJsonObject bundle = QJsonDocument::fromJson(r.body).object();
                    QJsonArray entries;
                    for (const QJsonValue &v : bundle.value(QLatin1String("entry")).toArray()) {
                        QJsonObject e = v.toObject();
                        QJsonObject request = e.value(QLatin1String("request")).toObject();
                        request.remove(QLatin1String("ifNoneExist"));
                        e.insert(QStringLiteral("request"), request);
                        entries.append(e);
                    }
                    bundle.insert(QStringLiteral("entry"), entries);
                    r.body = QJsonDocument(bundle).toJson(QJsonDocument::Compact);
                    Result<HttpResponse> done = forward();
                    if (lose) {
                        lose = false;
                        return makeError(NetError::Unreachable, QStringLiteral("answer lost"), true);
                    }
                    return done;
                }
                return forward();
            });
        // The device meets this DPI from its first sync (it keeps the CapabilityStatement for an hour).
        QVERIFY(syncThrough(device, transport));
        QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        lose = true;
        QVERIFY(!syncThrough(device, transport));
        QVERIFY(syncThrough(device, transport));
        for (int n : identifierCounts(dpi->all(QStringLiteral("Observation"))))
            QCOMPARE(n, 1);
        QCOMPARE(device.counts().pending, 0);
    }

    // §15: doses recorded in the DPI (no slot extension) never raise a "1970" double dose.
    void s15_dpiDosesRaiseNoFalseDoubleDose()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        const QJsonObject request =
            dpi->all(QStringLiteral("MedicationRequest"), QStringLiteral("status=active")).first();
        const QString subject =
            request.value(QLatin1String("subject")).toObject().value(QLatin1String("reference")).toString();
        for (const char *at : {"T08:00:00+01:00", "T20:00:00+01:00"}) {
            QJsonObject given{
                {QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
                {QStringLiteral("status"), QStringLiteral("completed")},
                {QStringLiteral("medicationCodeableConcept"),
                 request.value(QLatin1String("medicationCodeableConcept"))},
                {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), subject}}},
                {QStringLiteral("effectiveDateTime"),
                 QDate::currentDate().toString(Qt::ISODate) + QString::fromLatin1(at)},
                {QStringLiteral("request"), QJsonObject{{QStringLiteral("reference"),
                                                         QStringLiteral("MedicationRequest/") +
                                                             request.value(QLatin1String("id")).toString()}}},
                {QStringLiteral("dosage"),
                 QJsonObject{
                     {QStringLiteral("dose"), QJsonObject{{QStringLiteral("value"), 1},
                                                          {QStringLiteral("unit"), QStringLiteral("g")}}}}}};
            created(*dpi, QStringLiteral("MedicationAdministration"), given);
        }
        QVERIFY(device.sync(*dpi, ward()));
        Result<QList<ClinicalAlert>> alerts = device.store->alerts().list();
        QVERIFY(alerts);
        for (const ClinicalAlert &a : std::as_const(*alerts))
            QVERIFY2(!a.message.contains(QLatin1String("1970")), qPrintable(a.message));
        QCOMPARE(alerts->size(), 0);
    }

    // §18: a change the DPI committed late (its transaction began before a later one that a pull already
    // saw) is not skipped: the next pull reads from the checkpoint minus a margin. The late commit is
    // played by hiding the earlier change from the first pull's history page.
    void s18_lateCommitIsNotSkipped()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        QVERIFY(checkpointPastTheSeed(*dpi, device, ward()));
        QList<QJsonObject> tasks = dpi->all(QStringLiteral("Task"), QStringLiteral("status=requested"));
        QVERIFY(tasks.size() >= 2);
        QJsonObject late = tasks.at(0);
        QJsonObject seen = tasks.at(1);
        const QString lateId = late.value(QLatin1String("id")).toString();
        late.insert(QStringLiteral("status"), QStringLiteral("cancelled"));
        dpi->put(QStringLiteral("Task/") + lateId, late); // begins first...
        QThread::msleep(5);                               // two distinct lastUpdated instants
        seen.insert(QStringLiteral("status"), QStringLiteral("cancelled"));
        dpi->put(QStringLiteral("Task/") + seen.value(QLatin1String("id")).toString(), seen);
        bool committed = false; // ...commits after the next pull has seen the later one
        HookTransport transport(
            dpi->transport(), [&](const HttpRequest &r, const HookTransport::Forward &forward) {
                Result<HttpResponse> answer = forward();
                if (committed || !answer || !r.target.contains(QLatin1String("Task/_history")))
                    return answer;
                QJsonObject page = QJsonDocument::fromJson(answer->body).object();
                QJsonArray kept;
                for (const QJsonValue &e : page.value(QLatin1String("entry")).toArray())
                    if (e.toObject()
                            .value(QLatin1String("resource"))
                            .toObject()
                            .value(QLatin1String("id"))
                            .toString() != lateId)
                        kept.append(e);
                page.insert(QStringLiteral("entry"), kept);
                answer->body = QJsonDocument(page).toJson(QJsonDocument::Compact);
                return answer;
            });
        QVERIFY(syncThrough(device, transport, ward()));
        QCOMPARE(taskStatusOnDevice(device, seen.value(QLatin1String("id")).toString()),
                 QStringLiteral("cancelled"));
        QCOMPARE(taskStatusOnDevice(device, lateId), QStringLiteral("requested"));
        committed = true;
        QVERIFY(syncThrough(device, transport, ward()));
        QCOMPARE(taskStatusOnDevice(device, lateId), QStringLiteral("cancelled"));
    }

    // §19: a record missing from an id listing is read before it is called deleted.
    void s19_listingGapIsCheckedBeforeDeleting()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        config.history = false;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        const QJsonObject task = dpi->all(QStringLiteral("Task"), QStringLiteral("status=requested")).first();
        const QString id = task.value(QLatin1String("id")).toString();
        HookTransport transport(
            dpi->transport(), [&](const HttpRequest &r, const HookTransport::Forward &forward) {
                Result<HttpResponse> done = forward();
                if (done && r.target.startsWith(QLatin1String("Task?")) &&
                    r.target.contains(QLatin1String("_elements=id"))) {
                    // A listing that drops one entry (drifting offset paging, a default filter).
                    QJsonObject bundle = QJsonDocument::fromJson(done->body).object();
                    QJsonArray kept;
                    for (const QJsonValue &v : bundle.value(QLatin1String("entry")).toArray()) {
                        if (v.toObject()
                                .value(QLatin1String("resource"))
                                .toObject()
                                .value(QLatin1String("id"))
                                .toString() != id)
                            kept.append(v);
                    }
                    bundle.insert(QStringLiteral("entry"), kept);
                    done->body = QJsonDocument(bundle).toJson(QJsonDocument::Compact);
                }
                return done;
            });
        QVERIFY(syncThrough(device, transport, ward()));
        QCOMPARE(taskStatusOnDevice(device, id), QStringLiteral("requested"));
    }

    // §20: references are read with their type and version.
    void s20_referencesKeepTheirTypeAndVersion()
    {
        QTemporaryDir folder;
        DpiConfig config;
        config.seedDemo = true;
        auto dpi = start(folder, config);
        Device device;
        QVERIFY(device.sync(*dpi, ward()));
        const QString patient = QStringLiteral("pat-003");
        QJsonObject observation{
            {QStringLiteral("resourceType"), QStringLiteral("Observation")},
            {QStringLiteral("status"), QStringLiteral("final")},
            {QStringLiteral("code"),
             QJsonObject{
                 {QStringLiteral("coding"),
                  QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("http://loinc.org")},
                                         {QStringLiteral("code"), QStringLiteral("8310-5")}}}}}},
            {QStringLiteral("effectiveDateTime"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {QStringLiteral("valueQuantity"),
             QJsonObject{{QStringLiteral("value"), 37.1},
                         {QStringLiteral("unit"), QStringLiteral("Cel")},
                         {QStringLiteral("system"), QStringLiteral("http://unitsofmeasure.org")},
                         {QStringLiteral("code"), QStringLiteral("Cel")}}}};
        observation.insert(QStringLiteral("subject"),
                           QJsonObject{{QStringLiteral("reference"), QStringLiteral("Patient/") + patient +
                                                                         QStringLiteral("/_history/1")}});
        const QJsonObject versioned = created(*dpi, QStringLiteral("Observation"), observation);
        observation.insert(QStringLiteral("subject"),
                           QJsonObject{{QStringLiteral("reference"), QStringLiteral("Group/") + patient}});
        const QJsonObject group = created(*dpi, QStringLiteral("Observation"), observation);
        QVERIFY(device.sync(*dpi, ward()));
        Result<std::optional<RecordRow>> a = device.store->context().records.findByServerId(
            RecordType::Observation, versioned.value(QLatin1String("id")).toString());
        QVERIFY(a && *a);
        QCOMPARE((*a)->patientId, device.store->patients().findByServerId(patient).value()->id);
        Result<std::optional<RecordRow>> b = device.store->context().records.findByServerId(
            RecordType::Observation, group.value(QLatin1String("id")).toString());
        QVERIFY(b && !*b);
    }

    // §21: a merge survivor carrying the retired IPP as use=old is stored, and the records follow it.
    void s21_oldIdentifierIsNotAnIdentityConflict()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        const QJsonObject retired =
            created(*dpi, QStringLiteral("Patient"),
                    dpiPatient(kDemoEstablishment, QStringLiteral("910001"), QStringLiteral("Martin"),
                               QStringLiteral("1950-05-05")));
        Device device;
        SyncScope scope;
        scope.patients = {QStringLiteral("910001")};
        QVERIFY(device.sync(*dpi, scope));
        QCOMPARE(device.store->patients().all()->size(), 1);
        QJsonObject survivor = dpiPatient(kDemoEstablishment, QStringLiteral("910002"),
                                          QStringLiteral("Martin"), QStringLiteral("1950-05-05"));
        QJsonArray ids = survivor.value(QLatin1String("identifier")).toArray();
        ids.append(dpiPatient(kDemoEstablishment, QStringLiteral("910001"), QString(), QString(), true)
                       .value(QLatin1String("identifier"))
                       .toArray()
                       .first());
        survivor.insert(QStringLiteral("identifier"), ids);
        survivor = created(*dpi, QStringLiteral("Patient"), survivor);
        QJsonObject merged = retired;
        merged.insert(QStringLiteral("active"), false);
        merged.insert(
            QStringLiteral("link"),
            QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("replaced-by")},
                                   {QStringLiteral("other"),
                                    QJsonObject{{QStringLiteral("reference"),
                                                 QStringLiteral("Patient/") +
                                                     survivor.value(QLatin1String("id")).toString()}}}}});
        dpi->put(QStringLiteral("Patient/") + retired.value(QLatin1String("id")).toString(), merged);
        QVERIFY(device.sync(*dpi, scope));
        QCOMPARE(device.store->conflicts().open()->size(), 0);
        QVERIFY(device.store->patients()
                    .findByServerId(survivor.value(QLatin1String("id")).toString())
                    .value()
                    .has_value());
    }

    // §26: an IPP that matches nothing never brings the patient whose DPI id happens to equal it.
    void s26_unknownIppNeverFallsBackToAnId()
    {
        QTemporaryDir folder;
        auto dpi = start(folder); // per-type integer ids: Patient/1 exists
        const QJsonObject first = created(*dpi, QStringLiteral("Patient"),
                                          dpiPatient(kDemoEstablishment, QStringLiteral("555555"),
                                                     QStringLiteral("Autre"), QStringLiteral("1970-01-01")));
        Device device;
        SyncScope scope;
        scope.patients = {first.value(QLatin1String("id")).toString()}; // an IPP nobody has, equal to an id
        QVERIFY(device.sync(*dpi, scope));
        QCOMPARE(device.store->patients().all()->size(), 0);
    }

    // §27: the pull never marks a patient's unsent create delivered. The nurse registers the patient
    // while a run is under way, after its push: the pull then meets the DPI's patient with the same IPP,
    // name and birth date before the create was ever sent.
    void s27_pullNeverSettlesAnUnsentCreate()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        const QString establishment = device.store->establishment(); // the IPP system the scope searches
        created(*dpi, QStringLiteral("Patient"),
                dpiPatient(establishment, QStringLiteral("800018"), QStringLiteral("Moreau"),
                           QStringLiteral("1948-03-17")));
        std::optional<Result<Patient>> registered;
        HookTransport duringThePull(dpi->transport(), [&](const HttpRequest &r,
                                                          const HookTransport::Forward &forward) {
            const bool patientSearch =
                (r.method == "GET" && r.target.startsWith(QLatin1String("Patient?"))) ||
                r.target.startsWith(QLatin1String("Patient/_search"));
            if (!registered && patientSearch) {
                Patient moreau =
                    makePatient(QStringLiteral("800018"), QStringLiteral("Moreau"), QStringLiteral("Jean"));
                moreau.identifiers.first().system = establishment;
                registered = device.store->patients().add(moreau);
            }
            return forward();
        });
        SyncScope scope;
        scope.patients = {QStringLiteral("800018")};
        (void)syncThrough(device, duringThePull, scope);
        QVERIFY(registered && *registered);
        QCOMPARE(device.counts().delivered, 0);
        // The next run sends it, and the DPI's answer binds it: delivered once, never twice on the DPI.
        QVERIFY(device.sync(*dpi, scope));
        QCOMPARE(dpi->all(QStringLiteral("Patient")).size(), 1);
    }

    // §17: the merge base moves on with each merge. The DPI changes a note's actions while the nurse
    // completes its results: merged, but the merged update is lost on the way. The DPI then reverts its
    // change. The second merge starts from the version merged in, so the revert stands; from the stale
    // base it would look like a local change and silently overwrite the DPI's revert.
    void s17_secondMergeStartsFromTheVersionMergedIn()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800020"));
        QVERIFY(patient);
        NursingNote note;
        note.meta.patientId = patient->id;
        note.target = QStringLiteral("Douleur");
        note.data = QStringLiteral("EVA 6");
        note.actions = QStringLiteral("Paracétamol 1 g");
        Result<NursingNote> written = device.store->notes().record(note);
        QVERIFY(written && device.sync(*dpi));
        const QString serverId = device.store->context().records.find(written->meta.id).value()->serverId;
        const QString target = QStringLiteral("Observation/") + serverId;

        dpi->put(target, withNoteSection(dpi->get(target), QStringLiteral("actions"),
                                         QStringLiteral("Paracétamol 1 g IV")));
        NursingNote completed = *written;
        completed.results = QStringLiteral("EVA 2");
        QVERIFY(device.store->notes().amend(written->meta.id, completed, QStringLiteral("réévaluation")));
        int bundles = 0;
        HookTransport losing(dpi->transport(), [&](const HttpRequest &r,
                                                   const HookTransport::Forward &forward) {
            if (isBundlePost(r) && ++bundles > 1) // the merged update never reaches the DPI
                return Result<HttpResponse>(makeError(NetError::Unreachable, QStringLiteral("lost"), true));
            return forward();
        });
        (void)syncThrough(device, losing);
        QVERIFY(bundles >= 2); // the 412, then the merged update
        QCOMPARE(device.store->conflicts().open()->size(), 0);

        dpi->put(target, withNoteSection(dpi->get(target), QStringLiteral("actions"),
                                         QStringLiteral("Paracétamol 1 g")));
        QVERIFY(device.sync(*dpi));
        QVERIFY(device.sync(*dpi));
        const QJsonObject onDpi = dpi->get(target);
        QCOMPARE(noteSection(onDpi, QStringLiteral("results")), QStringLiteral("EVA 2"));
        QCOMPARE(noteSection(onDpi, QStringLiteral("actions")), QStringLiteral("Paracétamol 1 g"));
        QCOMPARE(device.store->conflicts().open()->size(), 0);
    }

    // §24: a decision that cannot be carried out changes nothing: the conflict stays open and the local
    // edit stays in conflict (not pending, where the next push would park it a second time).
    void s24_aFailedResolutionChangesNothing()
    {
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800021"));
        VitalsInput t;
        t.temperature = 38.2;
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, t);
        QVERIFY(patient && entry);
        const QUuid id = entry->observations.first().meta.id;
        QVERIFY(device.store->outbox().move(id, OutboxState::Pending, OutboxState::Conflict, QString(), 0));
        ParkedConflict conflict;
        conflict.recordId = id;
        conflict.recordType = RecordType::Observation;
        conflict.patientId = patient->id;
        conflict.rule = QStringLiteral("amendment-conflict");
        conflict.localVersion = 1;
        // The DPI's version as parked, which this device cannot read (no code, no subject).
        conflict.remote =
            R"({"resourceType":"Observation","id":"77","meta":{"versionId":"3"},"status":"final"})";
        conflict.remoteVersion = QStringLiteral("3");
        QVERIFY(device.store->conflicts().park(conflict));
        const ParkedConflict parked = device.store->conflicts().open().value().first();
        ConflictResolver resolver(*device.store);
        QVERIFY(!resolver.resolve(parked.id, ConflictResolver::Choice::TakeRemote));
        QCOMPARE(device.store->conflicts().open()->size(), 1);
        QVERIFY(device.store->outbox().hasConflict(id).value());
        for (const OutboxEntry &e : outboxFor(*device.store, id))
            QCOMPARE(e.state, OutboxState::Conflict);
        QCOMPARE(device.store->context().records.find(id).value()->version, 1);
    }

    // §28: the bundle size a proxy allowed is remembered: the next run starts there, without a 413.
    void s28_learntBundleSizeOutlivesTheRun()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800022"));
        QVERIFY(patient && device.sync(*dpi));
        int tooLarge = 0;
        const HookTransport::Hook proxy = [&](const HttpRequest &r, const HookTransport::Forward &forward) {
            if (isBundlePost(r) && r.body.size() > 6000) {
                ++tooLarge;
                return Result<HttpResponse>(answer(
                    413, "<html><body><h1>413 Request Entity Too Large</h1></body></html>", "text/html"));
            }
            return forward();
        };
        for (int i = 0; i < 4; ++i)
            QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        HookTransport first(dpi->transport(), proxy);
        QVERIFY(syncThrough(device, first));
        QVERIFY(tooLarge > 0);
        tooLarge = 0;
        for (int i = 0; i < 4; ++i)
            QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        HookTransport next(dpi->transport(), proxy);
        QVERIFY(syncThrough(device, next));
        QCOMPARE(tooLarge, 0);
        QCOMPARE(device.counts().pending, 0);
    }

    // §28: a record the device cannot express is set aside with an audit entry, like any other.
    void s28_unexpressibleRecordIsQuarantinedWithAnAuditEntry()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        OutboxEntry orphan; // an outbox entry whose record is gone
        orphan.recordId = QUuid::createUuid();
        orphan.recordType = RecordType::Observation;
        orphan.version = 1;
        orphan.operation = QStringLiteral("create");
        QVERIFY(device.store->outbox().enqueue(orphan));
        (void)device.sync(*dpi);
        QCOMPARE(device.counts().quarantined, 1);
        const AuditEntry last = lastAudit(*device.store);
        QCOMPARE(last.action, QStringLiteral("record.quarantined"));
        QCOMPARE(last.recordId, orphan.recordId);
    }

    // §23: the DPI's clock, read at each contact, is remembered for the nurse and moves the device's
    // version clock (HLC) forward when the tablet's is behind: what is written next orders after it.
    void s23_theDpiClockIsObserved()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        const qint64 dpiAheadMs = 7 * 60 * 1000;
        qint64 dpiDateMs = 0;
        HookTransport ahead(dpi->transport(), [&](const HttpRequest &,
                                                  const HookTransport::Forward &forward) {
            Result<HttpResponse> r = forward();
            if (r) {
                dpiDateMs = (QDateTime::currentMSecsSinceEpoch() + dpiAheadMs) / 1000 * 1000;
                r->headers.append({QByteArrayLiteral("date"),
                                   QLocale::c()
                                       .toString(QDateTime::fromMSecsSinceEpoch(dpiDateMs, QTimeZone::utc()),
                                                 QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                                       .toLatin1()});
            }
            return r;
        });
        QVERIFY(syncThrough(device, ahead));
        const qint64 skew = device.store->metaValue(QStringLiteral("clock_skew_ms")).value().toLongLong();
        QVERIFY2(skew <= -dpiAheadMs + 2000 && skew >= -dpiAheadMs - 2000, qPrintable(QString::number(skew)));
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800023"));
        QVERIFY(patient);
        const RecordRow row = device.store->context().records.find(patient->id).value().value();
        QVERIFY2(row.hlc.wallMs >= dpiDateMs,
                 qPrintable(QStringLiteral("%1 < %2").arg(row.hlc.wallMs).arg(dpiDateMs)));
    }

    // §28 (weak ETag): the precondition of an update travels inside the bundle entry (`request.ifMatch`,
    // W/"n" as FHIR writes it), where the FHIR server evaluates it; no HTTP If-Match header is ever sent,
    // so an RFC-strict intermediary has no weak ETag to refuse.
    void s28_ifMatchTravelsInsideTheBundle()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800025"));
        VitalsInput t;
        t.temperature = 38.0;
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, t);
        QVERIFY(patient && entry && device.sync(*dpi));
        QVERIFY(device.store->observations().amend(entry->observations.first().meta.id, 38.4, std::nullopt,
                                                   QStringLiteral("recontrôlée")));
        HookTransport watched(dpi->transport(), {});
        QVERIFY(syncThrough(device, watched));
        int preconditions = 0;
        for (const HttpRequest &r : watched.requests) {
            for (const auto &[name, value] : r.headers)
                QVERIFY2(name.compare("if-match", Qt::CaseInsensitive) != 0, r.target.toUtf8().constData());
            if (!isBundlePost(r))
                continue;
            for (const QJsonValue &e :
                 QJsonDocument::fromJson(r.body).object().value(QLatin1String("entry")).toArray()) {
                const QString ifMatch = e.toObject()
                                            .value(QLatin1String("request"))
                                            .toObject()
                                            .value(QLatin1String("ifMatch"))
                                            .toString();
                if (!ifMatch.isEmpty()) {
                    QVERIFY(ifMatch.startsWith(QLatin1String("W/\"")));
                    ++preconditions;
                }
            }
        }
        QCOMPARE(preconditions, 1);
        QCOMPARE(device.counts().pending, 0);
    }

    // §25: push-side conflicts name their patient.
    void s25_pushConflictsNameTheirPatient()
    {
        QTemporaryDir folder;
        auto dpi = start(folder);
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("800019"));
        VitalsInput t;
        t.temperature = 38.0;
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, t);
        QVERIFY(patient && entry && device.sync(*dpi));
        const QString serverId =
            device.store->context().records.find(entry->observations.first().meta.id).value()->serverId;
        dpi->direct("DELETE", QStringLiteral("Observation/") + serverId);
        QVERIFY(device.store->observations().amend(entry->observations.first().meta.id, 38.5, std::nullopt,
                                                   QStringLiteral("x")));
        (void)device.sync(*dpi);
        Result<QList<ParkedConflict>> parked = device.store->conflicts().open();
        QVERIFY(parked && parked->size() == 1);
        QCOMPARE(parked->first().patientId, patient->id);
    }
};

QTEST_GUILESS_MAIN(TestRealDpi)
#include "tst_realdpi.moc"
