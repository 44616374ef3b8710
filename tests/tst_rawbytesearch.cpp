// Evidence for DESIGN §4 over a whole shift on a shared tablet: two nurses unlock through the session
// gate (a wrong PIN included), record patients, stays, vitals, notes and administrations, part of it is
// delivered and those patients are discharged, and the lifetime purge runs. Then the raw bytes of every
// file in the store's folder (database, -wal, -shm, SQLite temporary files, which are sent there) and
// every log message emitted with all chevet categories enabled are searched for the patients' names,
// INS, IPP and note texts, in UTF-8 and UTF-16. None may be found. Controls written in clear into a meta
// value and into the log are found by the same search, so it is looking at the right bytes.

#include "storefixture.h"

#include "core/logging.h"
#include "model/encounter.h"
#include "session/sessiongate.h"
#include "store/encounterrepository.h"
#include "store/lifetimepurge.h"
#include "store/medicationrepository.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/storecontext.h"

#include <QDir>
#include <QMutex>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

const QString kNurseB = QStringLiteral("nurse-b");
const QByteArray kPinB = QByteArrayLiteral("739155");

struct ShiftPatient
{
    QString family;
    QString given;
    QString ipp;
    QString ins;
    bool discharged; // delivered and discharged during the shift: the purge takes it
};

const QList<ShiftPatient> &shiftPatients()
{
    static const QList<ShiftPatient> patients = {
        {QStringLiteral("Qwertyuiop"), QStringLiteral("Zéphyrine"), QStringLiteral("IPPRB9900011"),
         nirWithKey(QStringLiteral("2450175112233")), true},
        {QStringLiteral("Bzzwhatney"), QStringLiteral("Ludovique"), QStringLiteral("IPPRB9900012"),
         nirWithKey(QStringLiteral("1611275445566")), true},
        {QStringLiteral("Xanthoprül"), QStringLiteral("Gwenaëlle"), QStringLiteral("IPPRB9900013"),
         nirWithKey(QStringLiteral("2770999778899")), false},
    };
    return patients;
}

const QString kNoteData = QStringLiteral("Douleur thoracique zorglubienne");
const QString kNoteActions = QStringLiteral("Appel interne qwxyzienne");
const QString kNotGivenReason = QStringLiteral("Refus vomiturique brzzt");
const QString kNurseBNote = QStringLiteral("Agitation plixopodale");

QStringList secrets()
{
    QStringList out{kNoteData, kNoteActions, kNotGivenReason, kNurseBNote};
    for (const ShiftPatient &p : shiftPatients())
        out << p.family << p.given << p.ipp << p.ins;
    return out;
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

// Each text as it could sit in a file or a log: UTF-8 and UTF-16 either way, as typed, upper, lower.
QList<QPair<QString, QByteArray>> needles(const QString &text)
{
    QList<QPair<QString, QByteArray>> out;
    QStringList variants{text, text.toUpper(), text.toLower()};
    variants.removeDuplicates();
    for (const QString &v : std::as_const(variants)) {
        out.append({v + QStringLiteral(" (UTF-8)"), v.toUtf8()});
        out.append({v + QStringLiteral(" (UTF-16LE)"), utf16(v, false)});
        out.append({v + QStringLiteral(" (UTF-16BE)"), utf16(v, true)});
    }
    return out;
}

QStringList search(const QMap<QString, QByteArray> &haystacks, const QStringList &texts)
{
    QStringList found;
    for (const QString &text : texts) {
        for (const auto &[label, bytes] : needles(text)) {
            for (auto it = haystacks.cbegin(); it != haystacks.cend(); ++it) {
                if (it.value().contains(bytes))
                    found.append(label + QStringLiteral(" in ") + it.key());
            }
        }
    }
    return found;
}

// Every file in the folder, whatever its name: the store, its WAL and index, and anything else.
QMap<QString, QByteArray> folderBytes(const QString &folder)
{
    QMap<QString, QByteArray> files;
    const QStringList names = QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names)
        files.insert(name, readFile(folder + QLatin1Char('/') + name));
    return files;
}

// The log capture: every message of the test run, as text (searched in UTF-8 and UTF-16 too).
QMutex g_logMutex;
QStringList g_log;

void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    const QMutexLocker lock(&g_logMutex);
    g_log.append(QString::fromUtf8(context.category ? context.category : "default") + QStringLiteral(": ") +
                 message);
}

QMap<QString, QByteArray> logBytes()
{
    const QMutexLocker lock(&g_logMutex);
    const QString all = g_log.join(QLatin1Char('\n'));
    return {{QStringLiteral("log (UTF-8)"), all.toUtf8()},
            {QStringLiteral("log (UTF-16LE)"), utf16(all, false)},
            {QStringLiteral("log (UTF-16BE)"), utf16(all, true)}};
}

} // namespace

class TestRawByteSearch : public QObject
{
    Q_OBJECT

    QtMessageHandler m_previous = nullptr;

    // Nurse A's part of the shift: patients, stays, vitals, a note, a prescription and two doses.
    QList<QUuid> recordShift(Store &store)
    {
        QList<QUuid> ids;
        for (const ShiftPatient &sample : shiftPatients()) {
            const Result<Patient> p =
                store.patients().add(makePatient(sample.ipp, sample.family, sample.given, sample.ins));
            if (!p)
                return {};
            ids.append(p->id);
            Encounter stay;
            stay.patientId = p->id;
            stay.unit = QStringLiteral("CARDIO-2");
            stay.startMs = kTestStartMs - kHour;
            stay.status = sample.discharged ? EncounterStatus::Finished : EncounterStatus::InProgress;
            if (sample.discharged)
                stay.endMs = kTestStartMs + 6 * kHour;
            if (!store.encounters().save(stay))
                return {};
            VitalsInput vitals = normalVitals();
            vitals.pulse = 118;
            if (!store.observations().recordVitals(p->id, vitals))
                return {};
            NursingNote note;
            note.meta.patientId = p->id;
            note.target = QStringLiteral("Douleur");
            note.data = kNoteData;
            note.actions = kNoteActions;
            if (!store.notes().record(note))
                return {};
            const Result<MedicationRequest> request =
                store.medications().saveRequest(paracetamolPrescription(p->id));
            if (!request)
                return {};
            MedicationAdministration given;
            given.meta.patientId = p->id;
            given.requestId = request->id;
            given.slotMs = request->slotsMs.first();
            if (!store.medications().recordAdministration(given))
                return {};
            MedicationAdministration refused = given;
            refused.slotMs = request->slotsMs.last();
            refused.status = AdministrationStatus::NotDone;
            refused.statusReason = kNotGivenReason;
            if (!store.medications().recordAdministration(refused))
                return {};
        }
        return ids;
    }

    // What a sync would have confirmed: everything of the discharged patients.
    void deliverDischarged(Store &store, const QList<QUuid> &patients)
    {
        QSet<QUuid> discharged;
        for (int i = 0; i < patients.size(); ++i) {
            if (shiftPatients().at(i).discharged)
                discharged.insert(patients.at(i));
        }
        const Result<QList<OutboxEntry>> pending = store.outbox().pending(100000);
        QVERIFY(pending);
        for (const OutboxEntry &e : *pending) {
            const Result<std::optional<RecordRow>> row = store.context().records.find(e.recordId);
            QVERIFY(row && row->has_value());
            if (discharged.contains((*row)->patientId))
                CHEVET_VERIFY_OK(store.outbox().markDelivered(e.seq, kTestStartMs + 7 * kHour));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("chevet.*=true"));
        m_previous = qInstallMessageHandler(captureMessage);
    }
    void cleanupTestCase() { qInstallMessageHandler(m_previous); }

    void aShiftLeavesNoPatientDataInFilesOrLogs()
    {
        StoreFixture f;
        QVERIFY(f.isValid());
        // SQLite's temporary files (sorts, statement journals) go to the folder that is searched.
        qputenv("SQLITE_TMPDIR", QFile::encodeName(f.folder()));

        CHEVET_VERIFY_OK(f.create());
        CHEVET_VERIFY_OK(f->enrolNurse(kNurseB, kPinB));
        f.close();
        SessionGate gate(f.path(), f.deviceSecret(), SessionPolicy{}, &f.clock());
        CHEVET_VERIFY_OK(gate.recordSignIn(kNurseB));

        // Nurse A: a wrong PIN first, then her shift.
        CHEVET_VERIFY_ERROR(gate.unlock(kTestAuthor, QByteArrayLiteral("1111")), CryptoError::WrongPin);
        QList<QUuid> ids;
        {
            Result<std::unique_ptr<Store>> a = gate.unlock(kTestAuthor, kTestPin);
            CHEVET_VERIFY_OK(a);
            ids = recordShift(**a);
            QCOMPARE(ids.size(), shiftPatients().size());
        }
        // Nurse B takes over the tablet and adds a note for the patient still in the ward.
        {
            Result<std::unique_ptr<Store>> b = gate.unlock(kNurseB, kPinB);
            CHEVET_VERIFY_OK(b);
            NursingNote note;
            note.meta.patientId = ids.last();
            note.target = QStringLiteral("Comportement");
            note.data = kNurseBNote;
            CHEVET_VERIFY_OK((*b)->notes().record(note));
        }

        f.clock().advanceMs(8 * kHour);
        Result<std::unique_ptr<Store>> opened = gate.unlock(kTestAuthor, kTestPin);
        CHEVET_VERIFY_OK(opened);
        Store &store = **opened;
        deliverDischarged(store, ids);
        LifetimePurge purge(store);
        const Result<PurgeReport> report = purge.run(SessionPolicy{}.offlineDataMaxAgeMs);
        CHEVET_VERIFY_OK(report);
        QCOMPARE(report->erasedPatients, 2);
        QVERIFY(report->walTruncated);

        // The data was really stored: the patient still in the ward reads back in full.
        const Result<std::optional<Patient>> kept = store.patients().findByIpp(shiftPatients().last().ipp);
        CHEVET_VERIFY_OK(kept);
        QVERIFY(kept->has_value());
        QCOMPARE((*kept)->family, shiftPatients().last().family);
        QVERIFY(!store.patients().findByIpp(shiftPatients().first().ipp)->has_value());

        // Controls: text put in clear into a meta value, UTF-8 and UTF-16, and into the log.
        const QString fileControl = QStringLiteral("CONTROL-plainmeta-7Q4");
        const QString fileControl16 = QStringLiteral("CONTROL-widemeta-9Z2");
        CHEVET_VERIFY_OK(store.setMetaValue(QStringLiteral("test.control"), fileControl.toUtf8()));
        CHEVET_VERIFY_OK(store.setMetaValue(QStringLiteral("test.control16"), utf16(fileControl16, false)));
        const QString logControl = QStringLiteral("CONTROL-log-3X8");
        qCDebug(lcSync) << logControl;

        for (const bool closed : {false, true}) {
            if (closed)
                opened = Result<std::unique_ptr<Store>>(std::unique_ptr<Store>());
            const QMap<QString, QByteArray> files = folderBytes(f.folder());
            QVERIFY(files.contains(QStringLiteral("chevet.db")));
            QCOMPARE(search(files, {fileControl}).size(), 1);
            const QStringList wide = search(files, {fileControl16});
            QVERIFY2(!wide.isEmpty() && wide.first().contains(QStringLiteral("(UTF-16LE)")),
                     qPrintable(wide.join(QStringLiteral("; "))));
            const QStringList leaks = search(files, secrets());
            QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QStringLiteral("; "))));
        }

        const QMap<QString, QByteArray> log = logBytes();
        QVERIFY2(!search(log, {logControl}).isEmpty(), "the log capture did not see a chevet debug message");
        {
            const QMutexLocker lock(&g_logMutex);
            QVERIFY2(g_log.size() > 3, "the engine's own messages were not captured");
        }
        const QStringList logLeaks = search(log, secrets());
        QVERIFY2(logLeaks.isEmpty(), qPrintable(logLeaks.join(QStringLiteral("; "))));
    }
};

QTEST_GUILESS_MAIN(TestRawByteSearch)
#include "tst_rawbytesearch.moc"
