#pragma once

// Shared helpers for the store suites: a throw-away sealed store in a temporary folder, cheap KDF
// parameters, a manual clock, file snapshots and row counts read straight from the SQLite file.

#include "core/clock.h"
#include "core/result.h"
#include "crypto/scrypt.h"
#include "model/medication.h"
#include "model/patient.h"
#include "model/vitalsentry.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/outbox.h"
#include "store/patientrepository.h"
#include "store/store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMap>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace chevet::test {

// Cheap enough for tests; production uses the defaults.
inline const crypto::ScryptParams kTestKdf{1u << 12, 8, 1};
inline const QByteArray kTestPin = QByteArrayLiteral("482157");
inline const QByteArray kTestDeviceSecret =
    QByteArray::fromHex("8f2a6c1e9d0b4a7f3e5c2b1a0f9e8d7c6b5a49382716f5e4d3c2b1a09f8e7d6c");
inline const QString kTestEstablishment = QStringLiteral("urn:oid:1.2.250.1.71.4.2.1");
inline const QString kTestAuthor = QStringLiteral("nurse-a");
inline constexpr qint64 kTestStartMs = 1'717'236'000'000; // 2024-06-01 10:00 UTC
inline constexpr qint64 kMinute = 60'000;
inline constexpr qint64 kHour = 60 * kMinute;

// The store logs each creation and migration at info level: keep test output to what matters.
inline void quietStoreInfoLogs()
{
    QLoggingCategory::setFilterRules(QStringLiteral("chevet.*.info=false"));
}

template<typename T> QString errorText(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().toString();
}

} // namespace chevet::test

namespace chevet {
// QCOMPARE prints an error code by its name.
inline char *toString(const ErrorCode &code)
{
    return qstrdup(qPrintable(code.name()));
}
} // namespace chevet

// Fails the test with the error's text when `expr` holds an error. Evaluates `expr` once.
#define CHEVET_VERIFY_OK(expr)                                                                               \
    do {                                                                                                     \
        const auto &chevetResult_ = (expr);                                                                  \
        QVERIFY2(chevetResult_.ok(), qPrintable(::chevet::test::errorText(chevetResult_)));                  \
    } while (false)
// Fails unless `expr` holds an error with the given code (a domain's enum value). Evaluates `expr` once.
#define CHEVET_VERIFY_ERROR(expr, expectedCode)                                                              \
    do {                                                                                                     \
        const auto &chevetResult_ = (expr);                                                                  \
        QVERIFY2(!chevetResult_.ok(), "expected an error, got success");                                     \
        QCOMPARE(chevetResult_.error().code, chevet::ErrorCode(expectedCode));                               \
    } while (false)

namespace chevet::test {

inline QString insNir()
{
    return QString::fromLatin1(kInsNirSystem);
}

// A NIR with its key: 97 - (13-digit number mod 97), two digits.
inline QString nirWithKey(const QString &thirteenDigits)
{
    const qulonglong number = thirteenDigits.toULongLong();
    return thirteenDigits + QStringLiteral("%1").arg(97 - number % 97, 2, 10, QLatin1Char('0'));
}

inline Patient makePatient(const QString &ipp, const QString &family, const QString &given,
                           const QString &nir = QString())
{
    Patient p;
    p.identifiers.append(PatientIdentifier{IdentifierKind::Ipp, kTestEstablishment, ipp, false});
    if (!nir.isEmpty())
        p.identifiers.append(PatientIdentifier{IdentifierKind::Ins, insNir(), nir, false});
    p.family = family;
    p.given = given;
    p.birthDate = QDate(1948, 3, 17);
    p.sex = Sex::Female;
    return p;
}

// Every NEWS2 parameter, so the entry carries a NEWS2 observation.
inline VitalsInput fullVitals(double rr, double spo2, bool onOxygen, double systolic, double diastolic,
                              double pulse, double temperature, Acvpu consciousness)
{
    VitalsInput in;
    in.respiratoryRate = rr;
    in.spo2 = spo2;
    in.onOxygen = onOxygen;
    in.systolic = systolic;
    in.diastolic = diastolic;
    in.pulse = pulse;
    in.temperature = temperature;
    in.consciousness = consciousness;
    return in;
}

inline VitalsInput normalVitals()
{
    return fullVitals(16, 97, false, 128, 76, 72, 36.8, Acvpu::Alert);
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Name -> SHA-256 of every file in a folder: equal snapshots mean nothing was written, created or removed.
inline QMap<QString, QByteArray> snapshotFolder(const QString &folder, const QStringList &skipSuffixes = {})
{
    QMap<QString, QByteArray> files;
    const QStringList names = QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QString &name : names) {
        bool skip = false;
        for (const QString &suffix : skipSuffixes)
            skip = skip || name.endsWith(suffix);
        if (!skip)
            files.insert(name, QCryptographicHash::hash(readFile(folder + QLatin1Char('/') + name),
                                                        QCryptographicHash::Sha256));
    }
    return files;
}

// Reads one integer straight from the file through a second connection (WAL lets it run beside the store's).
inline Result<qint64> queryInt(const QString &path, const QString &sql)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return db.error();
    Result<Statement> stmt = (*db)->prepare(sql);
    if (!stmt)
        return stmt.error();
    Result<bool> row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->int64(0) : qint64(-1);
}

inline Result<qint64> countRows(const QString &path, const QString &table)
{
    return queryInt(path, QStringLiteral("SELECT count(*) FROM ") + table);
}

// Rows in the tables one local write touches, to show that a refused write left them all alone.
struct RowCounts
{
    qint64 records = -1;
    qint64 history = -1;
    qint64 outbox = -1;
    qint64 audit = -1;
    qint64 lookup = -1;

    bool operator==(const RowCounts &) const = default;
    QString toString() const
    {
        return QStringLiteral("records %1, history %2, outbox %3, audit %4, lookup %5")
            .arg(records)
            .arg(history)
            .arg(outbox)
            .arg(audit)
            .arg(lookup);
    }
};

inline RowCounts rowCounts(const QString &path)
{
    auto count = [&](const char *table) {
        const Result<qint64> n = countRows(path, QString::fromLatin1(table));
        return n ? *n : qint64(-1);
    };
    return RowCounts{count("records"), count("record_history"), count("outbox"), count("audit"),
                     count("lookup")};
}

// A store in its own temporary folder, with a manual clock.
class StoreFixture
{
public:
    explicit StoreFixture(const crypto::ScryptParams &kdf = kTestKdf, QByteArray pin = kTestPin,
                          QByteArray deviceSecret = kTestDeviceSecret)
        : m_clock(kTestStartMs)
        , m_kdf(kdf)
        , m_pin(std::move(pin))
        , m_deviceSecret(std::move(deviceSecret))
    {}

    bool isValid() const { return m_dir.isValid(); }
    QString folder() const { return m_dir.path(); }
    QString path() const { return m_dir.filePath(QStringLiteral("chevet.db")); }
    ManualClock &clock() { return m_clock; }
    QByteArray pin() const { return m_pin; }
    QByteArray deviceSecret() const { return m_deviceSecret; }

    StoreOptions options() const
    {
        StoreOptions o;
        o.path = path();
        o.pin = m_pin;
        o.deviceSecret = m_deviceSecret;
        o.author = kTestAuthor;
        o.establishment = kTestEstablishment;
        o.kdf = m_kdf;
        o.clock = &m_clock;
        return o;
    }

    Status create() { return take(Store::create(options())); }
    Status open() { return take(Store::open(options())); }
    Status reopen()
    {
        close();
        return open();
    }
    void close() { m_store.reset(); }

    Store *store() const { return m_store.get(); }
    Store *operator->() const { return m_store.get(); }

private:
    Status take(Result<std::unique_ptr<Store>> result)
    {
        if (!result)
            return result.error();
        m_store = std::move(result).value();
        return {};
    }

    QTemporaryDir m_dir;
    ManualClock m_clock;
    crypto::ScryptParams m_kdf;
    QByteArray m_pin;
    QByteArray m_deviceSecret;
    std::unique_ptr<Store> m_store;
};

// The options of `f` for another nurse of the same tablet.
inline StoreOptions asNurse(const StoreFixture &f, const QString &nurse, const QByteArray &pin)
{
    StoreOptions o = f.options();
    o.author = nurse;
    o.pin = pin;
    return o;
}

// The actions of the store's audit trail, oldest first.
inline QStringList auditActions(Store &store)
{
    QStringList actions;
    const Result<QList<AuditEntry>> entries = store.audit().entries(0, 100000);
    for (const AuditEntry &e : entries ? *entries : QList<AuditEntry>())
        actions.append(e.action);
    return actions;
}

// ---- the repository suites

// Repository suites run every case once per key set (from initTestCase_data()): nothing may depend on
// one KDF cost, PIN or device secret. The store is always sealed, so this is our "N-way".
inline void addKeySetRows()
{
    QTest::addColumn<quint64>("kdfN");
    QTest::addColumn<quint32>("kdfP");
    QTest::addColumn<QByteArray>("pin");
    QTest::addColumn<QByteArray>("device");
    QTest::newRow("key set A") << quint64(1u << 12) << quint32(1) << kTestPin << kTestDeviceSecret;
    QTest::newRow("key set B") << quint64(1u << 11) << quint32(2) << QByteArrayLiteral("90817263")
                               << QByteArray::fromHex("00112233445566778899aabbccddeeff0123456789abcdef"
                                                      "fedcba98765432100f1e2d3c4b5a69788796a5b4c3d2e1f0");
}

// A fixture for the current key set row; call from init(), then create().
inline std::unique_ptr<StoreFixture> keySetFixture()
{
    QFETCH_GLOBAL(quint64, kdfN);
    QFETCH_GLOBAL(quint32, kdfP);
    QFETCH_GLOBAL(QByteArray, pin);
    QFETCH_GLOBAL(QByteArray, device);
    return std::make_unique<StoreFixture>(crypto::ScryptParams{kdfN, 8, kdfP}, pin, device);
}

// Base of the repository suites: runs every case once per key set (see addKeySetRows()), each on a newly
// created store with quiet info logs. A suite derives from it and declares only its own cases; its .cpp
// ends with #include "moc_storefixture.cpp" after its own .moc.
class KeySetStoreSuite : public QObject
{
    Q_OBJECT

protected:
    std::unique_ptr<StoreFixture> m_f;

    Store &store() { return *m_f->store(); }
    RowCounts counts() const { return rowCounts(m_f->path()); }

private Q_SLOTS:
    void initTestCase_data() { addKeySetRows(); }
    void initTestCase() { quietStoreInfoLogs(); }

    void init()
    {
        m_f = keySetFixture();
        QVERIFY(m_f->isValid());
        CHEVET_VERIFY_OK(m_f->create());
    }

    void cleanup() { m_f.reset(); }
};

inline Result<Patient> addPatient(Store &store, const QString &ipp, const QString &nir = QString())
{
    return store.patients().add(makePatient(ipp, QStringLiteral("Moreau"), QStringLiteral("Claire"), nir));
}

inline QList<OutboxEntry> outboxFor(Store &store, const QUuid &id)
{
    const Result<QList<OutboxEntry>> entries = store.outbox().forRecord(id);
    return entries ? *entries : QList<OutboxEntry>();
}

inline AuditEntry lastAudit(Store &store)
{
    const Result<QList<AuditEntry>> entries = store.audit().entries(0, 100000);
    return entries && !entries->isEmpty() ? entries->constLast() : AuditEntry{};
}

inline MedicationRequest paracetamolPrescription(const QUuid &patientId)
{
    MedicationRequest r;
    r.patientId = patientId;
    r.medicationSystem = QStringLiteral("http://data.esante.gouv.fr/ansm/medicament/UCD");
    r.medicationCode = QStringLiteral("3400892088310");
    r.medicationDisplay = QStringLiteral("Paracétamol 1 g cp");
    r.gtin = QStringLiteral("03400935955838");
    r.dose = Dose{1000, QStringLiteral("mg")};
    r.route = QStringLiteral("oral");
    r.slotsMs = {kTestStartMs + kHour, kTestStartMs + 9 * kHour};
    return r;
}

} // namespace chevet::test
