// The fault-matrix soak (issue "real DPIs (1)", item 4): three tablets work on one ward through the
// stand-in in each of its strict modes while everything real DPIs do to a client happens at random: lost
// answers, 503, 409, HTML 502 from a gateway, a poison record the DPI answers 500 to, pulls that fail
// between two pages, and the DPI's own users editing the same records. One tablet registers a patient
// under another person's IPP. Under the faults: the poison is set aside and nothing else, nothing is
// duplicated, the other person's record is never touched. Then a person settles every parked conflict, the
// DPI is mended, the poison is sent again, and the invariants of WardSoak::check hold: nothing lost,
// nothing duplicated, no record on the wrong patient, every device equal to the DPI for what it holds.
#include "hooktransport.h"
#include "store/conflictqueue.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/recordtable.h"
#include "store/storecontext.h"
#include "sync/conflictresolver.h"
#include "wardsoak.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace chevet;

Q_DECLARE_METATYPE(DpiConfig)

namespace {

constexpr int kDevices = 3;
constexpr int kRounds = 6;

const SyncScope kWard{QStringLiteral("unit-cardio"), {}};

// What the hook adds to the stand-in's own faults, until the DPI is mended.
struct HookFaults
{
    QByteArray poison; // a write whose body names this client id answers 500, until mended
    bool mended = false;
    bool storm = false; // pulls fail between two pages
    int poisonHits = 0, pageFailures = 0;
};

HookTransport::Hook faultHook(HookFaults &faults, QRandomGenerator &rng)
{
    return
        [&faults, &rng](HttpRequest &request, const HookTransport::Forward &forward) -> Result<HttpResponse> {
            // Like most servers, this one caps its pages (here at 25), whatever _count asks: pulls take
            // several pages, and a failure can fall between two of them.
            static const QRegularExpression count(QStringLiteral("_count=\\d+"));
            request.target.replace(count, QStringLiteral("_count=25"));
            if (!faults.mended && request.method != "GET" && !faults.poison.isEmpty() &&
                request.body.contains(faults.poison)) {
                ++faults.poisonHits;
                return answer(500,
                              R"({"resourceType":"OperationOutcome","issue":[{"severity":"error",)"
                              R"("code":"exception","diagnostics":"NullPointerException"}]})",
                              "application/fhir+json");
            }
            // A pull that fails between two pages: the link is followed, the answer never comes.
            if (faults.storm && request.method == "GET" &&
                request.target.contains(QLatin1String("_cursor")) && rng.bounded(3) == 0) {
                ++faults.pageFailures;
                return makeError(NetError::Unreachable,
                                 QStringLiteral("connection reset between two pages (simulated)"), true);
            }
            return forward();
        };
}

int copiesOnDpi(DpiHarness &dpi, const QString &type, const QUuid &id)
{
    return identifierCounts(dpi.all(type)).value(clientIdentifier(id));
}

} // namespace

class TestFaultMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        quietStoreInfoLogs();
        WardSoak::quietAlertLogs();
    }

    void threeDevicesThroughEveryFault_data()
    {
        QTest::addColumn<DpiConfig>("config");
        DpiConfig strict; // newest-first history, no resources in answers without Prefer, integer ids, R4
        QTest::newRow("strict") << strict;
        DpiConfig noHistory = strict; // pulls by _lastUpdated search, patient by patient
        noHistory.history = false;
        QTest::newRow("strict, no history") << noHistory;
        DpiConfig small = strict; // bundles of 4 at most and a proxy's HTML 413 above 12 KB
        small.maxBundleEntries = 4;
        small.maxBodyBytes = 12000;
        QTest::newRow("strict, small bundles and body limit") << small;
    }

    void threeDevicesThroughEveryFault()
    {
        QFETCH(DpiConfig, config);
        quint32 seed = quint32(QDateTime::currentMSecsSinceEpoch() & 0x7fffffff);
        if (qEnvironmentVariableIsSet("CHEVET_SOAK_SEED"))
            seed = quint32(qEnvironmentVariableIntValue("CHEVET_SOAK_SEED"));
        qInfo("fault-matrix seed %u (set CHEVET_SOAK_SEED to replay)", seed);
        QElapsedTimer clock;
        clock.start();

        QTemporaryDir folder;
        config.seedDemo = true;
        config.failRate = 0.05;     // 503 before the server
        config.dropRate = 0.08;     // the server does the work, the answer is lost
        config.conflictRate = 0.04; // 409 before anything is done
        config.html502Rate = 0.03;  // a gateway's HTML page
        config.faultSeed = seed;
        auto dpi = DpiHarness::start(DpiHarness::Mode::Loopback, config, folder.path());
        WardSoak soak(seed, kDevices);
        HookFaults faults;
        QRandomGenerator hookRng(seed ^ 0x5eed);
        auto syncOnce = [&](Device &d) {
            HookTransport transport(dpi->transport(), faultHook(faults, hookRng));
            SyncRun run(*d.store, transport, kWard);
            return run.run();
        };

        // Two tablets are set up on the ward's Wi-Fi; the third joins during the storm.
        QVERIFY(dpi->setFaults(false));
        WardSoak::Devices devices;
        for (int i = 1; i <= kDevices; ++i)
            devices.push_back(std::make_unique<Device>(QStringLiteral("ide.%1").arg(i)));
        for (int i = 0; i < kDevices - 1; ++i)
            QVERIFY(syncOnce(*devices[i]));
        Result<QList<Patient>> ward = devices.front()->store->patients().all();
        QVERIFY(ward && ward->size() >= 6);

        // The poison: a note on the first tablet that the DPI cannot store (500 every time).
        NursingNote note;
        note.meta.patientId = ward->first().id;
        note.target = QStringLiteral("Douleur");
        note.data = QStringLiteral("EVA 6");
        Result<NursingNote> poison = devices[0]->store->notes().record(note);
        QVERIFY(poison);
        soak.created[0].insert(poison->meta.id);
        faults.poison = clientIdentifier(poison->meta.id).toUtf8();

        // The second tablet registers a patient under the IPP another person has in the DPI (known there
        // from an earlier stay, not on this ward).
        const QString establishment = devices[1]->store->establishment();
        const HttpResponse made = dpi->direct(
            "POST", QStringLiteral("Patient"),
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("resourceType"), QStringLiteral("Patient")},
                    {QStringLiteral("identifier"),
                     QJsonArray{QJsonObject{{QStringLiteral("system"), establishment},
                                            {QStringLiteral("value"), QStringLiteral("800555")}}}},
                    {QStringLiteral("name"),
                     QJsonArray{QJsonObject{{QStringLiteral("family"), QStringLiteral("Dupont")},
                                            {QStringLiteral("given"), QJsonArray{QStringLiteral("Jean")}}}}},
                    {QStringLiteral("birthDate"), QStringLiteral("1950-01-01")}})
                .toJson(QJsonDocument::Compact),
            {{QByteArrayLiteral("Prefer"), QByteArrayLiteral("return=representation")}});
        QCOMPARE(made.status, 201);
        const QString otherId =
            QJsonDocument::fromJson(made.body).object().value(QLatin1String("id")).toString();
        const QJsonObject otherBefore = dpi->get(QStringLiteral("Patient/") + otherId);
        Patient moreau =
            makePatient(QStringLiteral("800555"), QStringLiteral("Moreau"), QStringLiteral("Claire"));
        moreau.identifiers.first().system = establishment;
        Result<Patient> clash = devices[1]->store->patients().add(moreau);
        QVERIFY(clash);
        Result<VitalsEntry> clashVitals =
            devices[1]->store->observations().recordVitals(clash->id, normalVitals());
        QVERIFY(clashVitals);

        // The storm: every run meets the faults; the DPI's users edit meanwhile.
        QVERIFY(dpi->setFaults(true));
        faults.storm = true;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int round = 0; round < kRounds; ++round) {
            for (int di = 0; di < kDevices; ++di) {
                soak.bedsideWork(*devices[di], di, now);
                soak.dpiUserEdit(*dpi, *ward);
                ++soak.figures.runs;
                if (!syncOnce(*devices[di]))
                    ++soak.figures.failedRuns;
            }
        }

        // The network is back; the poison record is still a bug on the DPI.
        QVERIFY(dpi->setFaults(false));
        faults.storm = false;
        QVERIFY2(soak.settle(devices, syncOnce), "the ward never settled after the storm");

        // The poison alone is set aside, nothing is twice on the DPI, and the other person's record is
        // untouched, nothing recorded on Mrs Moreau is on the DPI.
        Result<bool> poisonSetAside =
            devices[0]->store->outbox().hasState(poison->meta.id, OutboxState::Quarantined);
        QVERIFY(poisonSetAside && *poisonSetAside);
        QCOMPARE(copiesOnDpi(*dpi, QStringLiteral("Observation"), poison->meta.id), 0);
        for (auto &d : devices) {
            Result<QList<OutboxEntry>> quarantined = d->store->outbox().inState(OutboxState::Quarantined);
            QVERIFY(quarantined);
            for (const OutboxEntry &q : *quarantined)
                QVERIFY2(
                    q.recordId == poison->meta.id,
                    qPrintable(QStringLiteral("%1 quarantined: %2").arg(q.recordId.toString(), q.lastError)));
        }
        const QHash<QString, int> onDpi = identifierCounts(dpi->all(QStringLiteral("Observation")));
        for (auto it = onDpi.cbegin(); it != onDpi.cend(); ++it)
            QVERIFY2(it.value() == 1,
                     qPrintable(QStringLiteral("%1 is %2 times").arg(it.key()).arg(it.value())));
        for (const Observation &o : clashVitals->observations)
            QCOMPARE(onDpi.value(clientIdentifier(o.meta.id)), 0);
        QCOMPARE(dpi->get(QStringLiteral("Patient/") + otherId), otherBefore);
        Result<QList<ParkedConflict>> clashConflicts = devices[1]->store->conflicts().open();
        QVERIFY(clashConflicts);
        bool identityParked = false;
        for (const ParkedConflict &c : *clashConflicts)
            identityParked = identityParked || (c.recordId == clash->id && isIdentityRule(c.rule));
        QVERIFY2(identityParked, "the IPP clash is not parked for identity vigilance");

        // A person settles every parked conflict: the clash is not the same person; the others go one way
        // or the other. Two tablets may decide differently on one record: the second decision, made on a
        // version the first has replaced, comes back as a new conflict for a person, as it should, and is
        // settled in its turn.
        auto settleEveryConflict = [&](int *count) -> QString {
            for (auto &d : devices) {
                Result<QList<ParkedConflict>> open = d->store->conflicts().open();
                if (!open)
                    return open.error().toString();
                ConflictResolver resolver(*d->store);
                for (const ParkedConflict &c : *open) {
                    const ConflictResolver::Choice choice =
                        isIdentityRule(c.rule) ? ConflictResolver::Choice::DifferentPerson
                        : soak.rng.bounded(2)  ? ConflictResolver::Choice::TakeLocal
                                               : ConflictResolver::Choice::TakeRemote;
                    if (Status settled = resolver.resolve(c.id, choice); !settled)
                        return QStringLiteral("conflict %1 (%2) cannot be settled: %3")
                            .arg(c.recordId.toString(), c.rule, settled.error().toString());
                    ++*count;
                }
            }
            return {};
        };
        auto openConflicts = [&]() {
            int open = 0;
            for (auto &d : devices)
                open += int(d->store->conflicts().open().value().size());
            return open;
        };
        int resolved = 0;
        QString problem = settleEveryConflict(&resolved);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The clash patient and everything recorded on her stay on the second tablet only.
        for (const QString &type : {RecordType::Patient, RecordType::Observation, RecordType::Note,
                                    RecordType::Administration, RecordType::Task}) {
            Result<QList<RecordRow>> rows = devices[1]->store->context().records.byType(type);
            QVERIFY(rows);
            for (const RecordRow &row : *rows)
                if (row.id == clash->id || row.patientId == clash->id)
                    soak.keptLocal.insert(row.id);
        }

        // The DPI is mended; the poison is sent again, once.
        faults.mended = true;
        // (one entry per version: the note may have been amended meanwhile)
        QVERIFY(devices[0]->store->outbox().retryQuarantined(poison->meta.id, now).value() >= 1);
        QVERIFY2(soak.settle(devices, syncOnce), "the ward never settled once mended");
        for (int round = 0; round < 4 && openConflicts() > 0; ++round) {
            problem = settleEveryConflict(&resolved);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            QVERIFY2(soak.settle(devices, syncOnce), "the ward never settled after the decisions");
        }
        QCOMPARE(openConflicts(), 0);
        QCOMPARE(copiesOnDpi(*dpi, QStringLiteral("Observation"), poison->meta.id), 1);

        const QStringList failures = soak.check(devices, *dpi);
        qInfo("%lld ms: %d poison answers, %d pulls failed between pages, %d conflicts settled by a person",
              qint64(clock.elapsed()), faults.poisonHits, faults.pageFailures, resolved);
        QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("%1 failures").arg(failures.size())));
        QVERIFY(faults.poisonHits > 0);
    }
};

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
