#include "storefixture.h"

#include <QCborArray>
#include <QCborValue>

#include "store/auditlog.h"
#include "store/migrations.h"
#include "store/noterepository.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "store/recordtable.h"
#include "store/storecontext.h"

#include <QFileInfo>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTest>

#if defined(Q_OS_UNIX)
#include <sys/stat.h>
#endif

using namespace chevet;
using namespace chevet::test;

namespace {

const QString kWal = QStringLiteral("-wal");
const QString kShm = QStringLiteral("-shm");

QByteArray randomBytes(int size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

// The kinds of file found where a store should be, made at `path`.
enum class FileKind { ForeignSqlite, ForeignSqliteWal, OtherApplicationId, RandomBytes, Text, Empty };

bool makeFile(FileKind kind, const QString &path)
{
    switch (kind) {
    case FileKind::ForeignSqlite:
    case FileKind::ForeignSqliteWal:
    case FileKind::OtherApplicationId: {
        Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::CreateNew);
        if (!db)
            return false;
        if (kind == FileKind::ForeignSqliteWal && !(*db)->exec(QStringLiteral("PRAGMA journal_mode = WAL")))
            return false;
        if (kind == FileKind::OtherApplicationId &&
            !(*db)->exec(QStringLiteral("PRAGMA application_id = 1234")))
            return false;
        return (*db)->exec(QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES ('hello'), (42);")).ok();
    }
    case FileKind::RandomBytes:
        return writeFile(path, randomBytes(8192, 20240601));
    case FileKind::Text:
        return writeFile(path, QByteArrayLiteral("IPP;NOM;PRENOM\n880012;MARTIN;Jeanne\n"));
    case FileKind::Empty:
        return writeFile(path, QByteArray());
    }
    return false;
}

} // namespace

Q_DECLARE_METATYPE(FileKind)

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void createThenReopenSeesTheSameData()
    {
        StoreFixture f;
        QVERIFY(f.isValid());
        CHEVET_VERIFY_OK(f.create());
        const QString storeId = f->storeId();
        const QString deviceId = f->deviceId();
        QVERIFY(!storeId.isEmpty());
        QVERIFY(!deviceId.isEmpty());
        QVERIFY(storeId != deviceId);
        QCOMPARE(f->establishment(), kTestEstablishment);
        QCOMPARE(f->author(), kTestAuthor);

        const Result<Patient> added = f->patients().add(
            makePatient(QStringLiteral("880012"), QStringLiteral("Martin"), QStringLiteral("Jeanne"),
                        nirWithKey(QStringLiteral("2480375123456"))));
        CHEVET_VERIFY_OK(added);
        const Result<VitalsEntry> vitals = f->observations().recordVitals(added->id, normalVitals());
        CHEVET_VERIFY_OK(vitals);
        CHEVET_VERIFY_OK(f->setMetaValue(QStringLiteral("checkpoint"), QByteArrayLiteral("page-3")));

        CHEVET_VERIFY_OK(f.reopen());
        QCOMPARE(f->storeId(), storeId);
        QCOMPARE(f->deviceId(), deviceId);
        QCOMPARE(f->establishment(), kTestEstablishment);

        const Result<std::optional<Patient>> found = f->patients().findByIpp(QStringLiteral("880012"));
        CHEVET_VERIFY_OK(found);
        QVERIFY(found->has_value());
        QCOMPARE((*found)->id, added->id);
        QCOMPARE((*found)->family, QStringLiteral("Martin"));
        QCOMPARE((*found)->given, QStringLiteral("Jeanne"));
        QCOMPARE((*found)->birthDate, QDate(1948, 3, 17));
        QCOMPARE((*found)->identifiers.size(), 2);

        const Result<QList<Observation>> observations =
            f->observations().forPatient(added->id, 0, std::numeric_limits<qint64>::max());
        CHEVET_VERIFY_OK(observations);
        QCOMPARE(observations->size(), vitals->observations.size());
        for (const Observation &o : *observations) {
            QCOMPARE(o.meta.device, deviceId);
            QCOMPARE(o.meta.author, kTestAuthor);
            QCOMPARE(o.meta.clinicalTimeMs, kTestStartMs);
        }

        const Result<QByteArray> checkpoint = f->metaValue(QStringLiteral("checkpoint"));
        CHEVET_VERIFY_OK(checkpoint);
        QCOMPARE(*checkpoint, QByteArrayLiteral("page-3"));

        const Result<AuditVerification> verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(verified->intact);
        QCOMPARE(verified->entries, 1 + 1 + qint64(vitals->observations.size()));
    }

    // Security review F18: SQLite created the store 0644 under the usual umask, and its journal and
    // shared-memory files follow the store's mode: on a shared Linux machine anyone could copy them.
    void theStoreAndEveryFileBesideItAreTheOwnersOnly()
    {
#if defined(Q_OS_UNIX)
        const mode_t before = ::umask(022);
        StoreFixture f;
        const Status created = f.create();
        ::umask(before);
        CHEVET_VERIFY_OK(created);
        CHEVET_VERIFY_OK(f.store()->patients().add(
            makePatient(QStringLiteral("1002"), QStringLiteral("Petit"), QStringLiteral("Rose"))));
        const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        for (const QString &suffix :
             {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-head")}) {
            const QFileInfo file(f.path() + suffix);
            QVERIFY2(file.exists(), qPrintable(suffix));
            QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser), ownerOnly);
        }
        // A store an older build left readable by others is tightened when it is opened.
        f.close();
        QVERIFY(QFile::setPermissions(f.path(), ownerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        CHEVET_VERIFY_OK(f.open());
        QCOMPARE(QFileInfo(f.path()).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 ownerOnly);
#else
        QSKIP("file modes are POSIX");
#endif
    }

    void twoStoresHaveTheirOwnIdentity()
    {
        StoreFixture a;
        StoreFixture b;
        CHEVET_VERIFY_OK(a.create());
        CHEVET_VERIFY_OK(b.create());
        QVERIFY(a->storeId() != b->storeId());
        QVERIFY(a->deviceId() != b->deviceId());
    }

    void reopenKeepsOrderWhenTheClockGoesBack()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        const Result<Patient> patient = f->patients().add(
            makePatient(QStringLiteral("1001"), QStringLiteral("Petit"), QStringLiteral("Louis")));
        CHEVET_VERIFY_OK(patient);
        const Result<VitalsEntry> before = f->observations().recordVitals(patient->id, normalVitals());
        CHEVET_VERIFY_OK(before);

        // The tablet's clock is set back an hour while the store is closed.
        f.clock().setNowMs(kTestStartMs - 3'600'000);
        CHEVET_VERIFY_OK(f.reopen());
        NursingNote note;
        note.meta.patientId = patient->id;
        note.target = QStringLiteral("Douleur");
        note.data = QStringLiteral("EVA 3");
        const Result<NursingNote> after = f->notes().record(note);
        CHEVET_VERIFY_OK(after);
        for (const Observation &o : before->observations)
            QVERIFY(after->meta.hlc > o.meta.hlc);
        QCOMPARE(after->meta.enteredTimeMs, kTestStartMs - 3'600'000);
    }

    // The newest stamp is not always the last one written: a second connection (sync) has a clock of its
    // own. A reopened store resumes after the newest of all, which the audit head keeps.
    void reopenResumesAfterTheNewestStampOfAnyConnection()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        const Result<Patient> patient = f->patients().add(
            makePatient(QStringLiteral("1002"), QStringLiteral("Morel"), QStringLiteral("Iris")));
        CHEVET_VERIFY_OK(patient);
        Result<std::unique_ptr<Store>> second = f->openConnection();
        CHEVET_VERIFY_OK(second);

        f.clock().setNowMs(kTestStartMs + 600'000);
        const Result<VitalsEntry> newest = f->observations().recordVitals(patient->id, normalVitals());
        CHEVET_VERIFY_OK(newest);
        f.clock().setNowMs(kTestStartMs + 60'000);
        const Result<VitalsEntry> last = (*second)->observations().recordVitals(patient->id, normalVitals());
        CHEVET_VERIFY_OK(last);
        QVERIFY(last->observations.last().meta.hlc < newest->observations.last().meta.hlc);
        second->reset();

        f.clock().setNowMs(kTestStartMs + 120'000);
        CHEVET_VERIFY_OK(f.reopen());
        const Result<VitalsEntry> after = f->observations().recordVitals(patient->id, normalVitals());
        CHEVET_VERIFY_OK(after);
        QVERIFY(after->observations.first().meta.hlc > newest->observations.last().meta.hlc);
        const Result<AuditVerification> verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY2(verified->intact, qPrintable(verified->reason));
    }

    void createRefusesAnExistingFile_data()
    {
        QTest::addColumn<bool>("existingStore");
        QTest::addColumn<FileKind>("kind");
        QTest::newRow("a Chevet store") << true << FileKind::Empty;
        QTest::newRow("a foreign SQLite file") << false << FileKind::ForeignSqlite;
        QTest::newRow("random bytes") << false << FileKind::RandomBytes;
        QTest::newRow("an empty file") << false << FileKind::Empty;
    }

    void createRefusesAnExistingFile()
    {
        QFETCH(bool, existingStore);
        QFETCH(FileKind, kind);
        StoreFixture f;
        QVERIFY(f.isValid());
        if (existingStore) {
            CHEVET_VERIFY_OK(f.create());
            QVERIFY(
                f->patients()
                    .add(makePatient(QStringLiteral("42"), QStringLiteral("Durand"), QStringLiteral("Paul")))
                    .ok());
            f.close();
        } else {
            QVERIFY(makeFile(kind, f.path()));
        }
        const QMap<QString, QByteArray> before = snapshotFolder(f.folder());
        QVERIFY(before.contains(QStringLiteral("chevet.db")));

        const Status created = f.create();
        CHEVET_VERIFY_ERROR(created, StoreError::StoreExists);
        QCOMPARE(created.error().domain, ErrorDomain::Store);
        QVERIFY(f.store() == nullptr);
        QCOMPARE(snapshotFolder(f.folder()), before);

        if (existingStore) {
            // The refused create did not remove or spoil the store that was there.
            CHEVET_VERIFY_OK(f.open());
            QVERIFY(f->patients().findByIpp(QStringLiteral("42"))->has_value());
        }
    }

    void openMissingPathCreatesNothing_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::newRow("in an existing folder") << QStringLiteral("chevet.db");
        QTest::newRow("in a missing folder") << QStringLiteral("nowhere/chevet.db");
    }

    void openMissingPathCreatesNothing()
    {
        QFETCH(QString, relative);
        StoreFixture f;
        QVERIFY(f.isValid());
        StoreOptions options = f.options();
        options.path = f.folder() + QLatin1Char('/') + relative;
        const Result<std::unique_ptr<Store>> opened = Store::open(options);
        CHEVET_VERIFY_ERROR(opened, StoreError::NoStore);
        QVERIFY(!opened.error().transient);
        QVERIFY(QDir(f.folder()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
    }

    void unlockFailuresLeaveTheStoreAlone_data()
    {
        QTest::addColumn<QByteArray>("pin");
        QTest::addColumn<QByteArray>("device");
        QTest::addColumn<bool>("keepOpen");
        QTest::addColumn<ErrorCode>("code");
        QByteArray otherDevice = kTestDeviceSecret;
        otherDevice[0] = char(otherDevice.at(0) ^ 0x01);
        for (const bool keepOpen : {false, true}) {
            const char *state = keepOpen ? "store open elsewhere" : "store closed";
            QTest::addRow("wrong PIN, %s", state) << QByteArrayLiteral("4812") << kTestDeviceSecret
                                                  << keepOpen << ErrorCode(CryptoError::WrongPin);
            QTest::addRow("empty PIN, %s", state)
                << QByteArray() << kTestDeviceSecret << keepOpen << ErrorCode(CryptoError::WrongPin);
            QTest::addRow("other device, %s", state)
                << kTestPin << otherDevice << keepOpen << ErrorCode(CryptoError::WrongDevice);
            QTest::addRow("no device secret, %s", state)
                << kTestPin << QByteArray() << keepOpen << ErrorCode(CryptoError::WrongDevice);
        }
    }

    void unlockFailuresLeaveTheStoreAlone()
    {
        QFETCH(QByteArray, pin);
        QFETCH(QByteArray, device);
        QFETCH(bool, keepOpen);
        QFETCH(ErrorCode, code);
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        const Result<Patient> patient = f->patients().add(
            makePatient(QStringLiteral("77"), QStringLiteral("Roux"), QStringLiteral("Anne")));
        CHEVET_VERIFY_OK(patient);
        CHEVET_VERIFY_OK(f->observations().recordVitals(patient->id, normalVitals()));
        if (!keepOpen) {
            f.close();
            QVERIFY(!QFile::exists(f.path() + kWal));
        } else {
            QVERIFY(QFileInfo(f.path() + kWal).size() > 0);
        }
        // The shared-memory index is rewritten by every reader; the database and its WAL must not be.
        const QStringList skip = keepOpen ? QStringList{kShm} : QStringList{};
        const QMap<QString, QByteArray> before = snapshotFolder(f.folder(), skip);

        StoreOptions options = f.options();
        options.pin = pin;
        options.deviceSecret = device;
        const Result<std::unique_ptr<Store>> opened = Store::open(options);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, code);
        QCOMPARE(opened.error().domain, ErrorDomain::Crypto);
        QCOMPARE(snapshotFolder(f.folder(), skip), before);

        // Still the same store, still unlockable with the right secrets.
        CHEVET_VERIFY_OK(f.reopen());
        QVERIFY(f->patients().find(patient->id)->has_value());
    }

    void foreignFilesAreNotStores_data()
    {
        QTest::addColumn<FileKind>("kind");
        QTest::newRow("foreign SQLite database") << FileKind::ForeignSqlite;
        QTest::newRow("foreign SQLite database in WAL mode") << FileKind::ForeignSqliteWal;
        QTest::newRow("SQLite database of another application") << FileKind::OtherApplicationId;
        QTest::newRow("random bytes") << FileKind::RandomBytes;
        QTest::newRow("text file") << FileKind::Text;
        QTest::newRow("empty file") << FileKind::Empty;
    }

    void foreignFilesAreNotStores()
    {
        QFETCH(FileKind, kind);
        StoreFixture f;
        QVERIFY(f.isValid());
        QVERIFY(makeFile(kind, f.path()));
        const QMap<QString, QByteArray> before = snapshotFolder(f.folder());

        const Status opened = f.open();
        CHEVET_VERIFY_ERROR(opened, StoreError::NotAStore);
        QCOMPARE(opened.error().domain, ErrorDomain::Store);
        QVERIFY(!opened.error().message.isEmpty());
        QCOMPARE(snapshotFolder(f.folder()), before);
    }

    void damagedStoreIsRefusedUnchanged()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        for (int i = 0; i < 20; ++i) {
            QVERIFY(f->patients()
                        .add(makePatient(QString::number(5000 + i), QStringLiteral("Garnier"),
                                         QStringLiteral("Lise")))
                        .ok());
        }
        f.close();
        // Keep the header page (so it still says "Chevet store"), overwrite the rest.
        QByteArray bytes = readFile(f.path());
        QVERIFY(bytes.size() > 8192);
        const QByteArray noise = randomBytes(int(bytes.size()) - 4096, 7);
        bytes.replace(4096, noise.size(), noise);
        QVERIFY(writeFile(f.path(), bytes));
        const QMap<QString, QByteArray> before = snapshotFolder(f.folder());

        const Status opened = f.open();
        CHEVET_VERIFY_ERROR(opened, StoreError::Corrupt);
        QCOMPARE(snapshotFolder(f.folder()), before);
    }

    void newerSchemaIsRefusedUnchanged()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        f.close();
        {
            Result<std::unique_ptr<Database>> db = Database::open(f.path(), Database::OpenMode::ExistingOnly);
            CHEVET_VERIFY_OK(db);
            CHEVET_VERIFY_OK(
                (*db)->exec(QStringLiteral("PRAGMA user_version = %1").arg(currentSchemaVersion() + 1)));
        }
        const QMap<QString, QByteArray> before = snapshotFolder(f.folder());

        const Status opened = f.open();
        CHEVET_VERIFY_ERROR(opened, StoreError::NewerSchema);
        QVERIFY(opened.error().message.contains(QString::number(currentSchemaVersion() + 1)));
        QCOMPARE(snapshotFolder(f.folder()), before);
        const Result<qint64> version = queryInt(f.path(), QStringLiteral("PRAGMA user_version"));
        CHEVET_VERIFY_OK(version);
        QCOMPARE(*version, qint64(currentSchemaVersion() + 1));
    }

    void createChecksItsSecrets_data()
    {
        QTest::addColumn<QByteArray>("pin");
        QTest::addColumn<QByteArray>("device");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("empty PIN") << QByteArray() << kTestDeviceSecret << ErrorCode(StoreError::WeakPin);
        QTest::newRow("1-digit PIN") << QByteArrayLiteral("7") << kTestDeviceSecret
                                     << ErrorCode(StoreError::WeakPin);
        QTest::newRow("3-digit PIN") << QByteArrayLiteral("482") << kTestDeviceSecret
                                     << ErrorCode(StoreError::WeakPin);
        // Security review F2: any 4 characters were accepted; PINs follow the rules of session/pinrules.h.
        QTest::newRow("4-digit PIN") << QByteArrayLiteral("4821") << kTestDeviceSecret
                                     << ErrorCode(StoreError::WeakPin);
        QTest::newRow("sequence") << QByteArrayLiteral("123456") << kTestDeviceSecret
                                  << ErrorCode(StoreError::WeakPin);
        QTest::newRow("6 digits") << QByteArrayLiteral("482157") << kTestDeviceSecret << ErrorCode();
        QTest::newRow("no device secret")
            << kTestPin << QByteArray() << ErrorCode(StoreError::NoDeviceSecret);
        QTest::newRow("short device secret")
            << kTestPin << kTestDeviceSecret.left(15) << ErrorCode(StoreError::NoDeviceSecret);
    }

    void createChecksItsSecrets()
    {
        QFETCH(QByteArray, pin);
        QFETCH(QByteArray, device);
        QFETCH(ErrorCode, code);
        StoreFixture f(kTestKdf, pin, device);
        QVERIFY(f.isValid());
        const Status created = f.create();
        if (code == ErrorCode()) {
            CHEVET_VERIFY_OK(created);
            QVERIFY(QFile::exists(f.path()));
            return;
        }
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, code);
        QVERIFY(!QFile::exists(f.path()));
        QVERIFY(QDir(f.folder()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
    }

    // A create that fails once the new file exists (here: at the key derivation) leaves nothing behind,
    // neither at the path nor under the name it was being built under.
    void failedCreateLeavesNothing()
    {
        StoreFixture f(crypto::ScryptParams{3, 8, 1}); // n is not a power of two
        QVERIFY(f.isValid());
        CHEVET_VERIFY_ERROR(f.create(), CryptoError::BadParams);
        QVERIFY(QDir(f.folder()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
    }

    // What a create killed midway leaves: the store half-built under its temporary name, its WAL, and
    // the lock of a process that is gone. None of it is a store at the path, and the next create takes
    // over and cleans up.
    void createTakesOverAfterAKilledCreate()
    {
        StoreFixture f;
        QVERIFY(f.isValid());
        const QString building = f.path() + QStringLiteral(".creating");
        QVERIFY(makeFile(FileKind::ForeignSqliteWal, building));
        QVERIFY(writeFile(building + kWal, randomBytes(4096, 11)));
        QVERIFY(writeFile(building + kShm, randomBytes(32768, 12)));
        // QLockFile's format: pid, application, host. No process has this pid.
        QVERIFY(writeFile(f.path() + QStringLiteral(".lock"),
                          QByteArrayLiteral("2147483646\ncrash_writer\n") +
                              QSysInfo::machineHostName().toUtf8() + QByteArrayLiteral("\n")));

        CHEVET_VERIFY_ERROR(f.open(), StoreError::NoStore);

        CHEVET_VERIFY_OK(f.create());
        const Result<Patient> patient = f->patients().add(
            makePatient(QStringLiteral("6060"), QStringLiteral("Blanc"), QStringLiteral("Rose")));
        CHEVET_VERIFY_OK(patient);
        f.close();
        // The store and its head mark (HeadMark), nothing left of the killed create.
        QCOMPARE(
            QDir(f.folder()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name),
            (QStringList{QStringLiteral("chevet.db"), QStringLiteral("chevet.db-head")}));

        CHEVET_VERIFY_OK(f.open());
        QVERIFY(f->patients().find(patient->id)->has_value());
        const Result<AuditVerification> verified = f->audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(verified->intact);
        QCOMPARE(verified->entries, qint64(2));
    }

    // A creator killed while QLockFile was writing its lock leaves an empty lock file, which names no
    // process: QLockFile never calls it stale, and every later create answered "store-busy" (found by
    // tst_crashrecovery once its kills let a writer through). An unreadable lock older than a few seconds
    // is taken over; a fresh one may belong to a creator writing it right now, and is waited for.
    void anUnreadableLockLeftByAKilledCreateIsTakenOver()
    {
        StoreFixture f;
        QVERIFY(f.isValid());
        const QString lockPath = f.path() + QStringLiteral(".lock");
        QVERIFY(writeFile(lockPath, QByteArray()));
        QFile lockFile(lockPath);
        QVERIFY(lockFile.open(QIODevice::ReadWrite));
        QVERIFY(lockFile.setFileTime(QDateTime::currentDateTime().addSecs(-60),
                                     QFileDevice::FileModificationTime));
        lockFile.close();
        CHEVET_VERIFY_OK(f.create());
        QVERIFY(!QFile::exists(lockPath));
    }

    // tst_crashrecovery: a creator killed just after its lock file appeared, before it wrote its pid.
    // The next create waited 10 s for a lock that only turns stale at 5 s, checked once at the start,
    // then gave up with "store-busy"; now it takes the lock over once it is old enough.
    void aFreshUnreadableLockIsTakenOverOnceOldEnough()
    {
        StoreFixture f;
        QVERIFY(f.isValid());
        const QString lockPath = f.path() + QStringLiteral(".lock");
        QVERIFY(writeFile(lockPath, QByteArray()));
        CHEVET_VERIFY_OK(f.create());
        QVERIFY(!QFile::exists(lockPath));
    }

    void changePin()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        const Result<Patient> patient = f->patients().add(
            makePatient(QStringLiteral("3141"), QStringLiteral("Lefebvre"), QStringLiteral("Marc")));
        CHEVET_VERIFY_OK(patient);
        // Her own key slot: the nurse signed in (see tst_keyslots for several nurses).
        const QByteArray newPin = QByteArrayLiteral("907314");
        CHEVET_VERIFY_OK(f->changePin(newPin));

        const Result<QList<AuditEntry>> entries = f->audit().entries();
        CHEVET_VERIFY_OK(entries);
        QVERIFY(!entries->isEmpty());
        const AuditEntry &last = entries->constLast();
        QCOMPARE(last.action, QStringLiteral("store.change-pin"));
        QCOMPARE(last.author, kTestAuthor);
        QCOMPARE(last.device, f->deviceId());
        f.close();

        StoreOptions options = f.options();
        const Result<std::unique_ptr<Store>> withOld = Store::open(options);
        CHEVET_VERIFY_ERROR(withOld, CryptoError::WrongPin);

        options.pin = newPin;
        Result<std::unique_ptr<Store>> withNew = Store::open(options);
        CHEVET_VERIFY_OK(withNew);
        Store &store = **withNew;
        const Result<std::optional<Patient>> found = store.patients().findByIpp(QStringLiteral("3141"));
        CHEVET_VERIFY_OK(found);
        QVERIFY(found->has_value());
        QCOMPARE((*found)->family, QStringLiteral("Lefebvre"));
        const Result<AuditVerification> verified = store.audit().verify();
        CHEVET_VERIFY_OK(verified);
        QVERIFY(verified->intact);
        QCOMPARE(verified->entries, qint64(3));
    }

    void supersedingAVersionThatMovedIsRefused()
    {
        // Two connections amending one record: the second writes on a version that is no longer the
        // current one and must be told, not silently lost.
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        const Result<Patient> patient = f->patients().add(
            makePatient(QStringLiteral("2718"), QStringLiteral("Petit"), QStringLiteral("Anne")));
        CHEVET_VERIFY_OK(patient);
        VitalsInput pulse;
        pulse.pulse = 80;
        const Result<VitalsEntry> entry = f->observations().recordVitals(patient->id, pulse);
        CHEVET_VERIFY_OK(entry);
        Result<std::optional<RecordRow>> row = f->context().records.find(entry->observations.first().meta.id);
        CHEVET_VERIFY_OK(row);
        RecordRow stale = **row;
        stale.version = 3; // as if built on version 2, which nobody wrote
        const Status refused = f->context().records.supersede(stale);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode(StoreError::StaleVersion));
        RecordRow next = **row;
        next.version = 2;
        CHEVET_VERIFY_OK(f->context().records.supersede(next));
    }

    void changePinKeepsTheKeyDerivationCost()
    {
        // A store made with a stronger scrypt cost than the default keeps it after a PIN change.
        StoreFixture f(crypto::ScryptParams{1u << 16, 8, 1});
        CHEVET_VERIFY_OK(f.create());
        auto scryptN = [&]() -> qint64 {
            Result<std::unique_ptr<Database>> db = Database::open(f.path(), Database::OpenMode::ExistingOnly);
            if (!db)
                return -1;
            Result<Statement> stmt =
                (*db)->prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'key_slot.nurse-a'"));
            if (!stmt || !stmt->step().ok())
                return -1;
            return QCborValue::fromCbor(stmt->blob(0)).toArray().at(1).toInteger();
        };
        QCOMPARE(scryptN(), qint64(1) << 16);
        CHEVET_VERIFY_OK(f->changePin(QByteArrayLiteral("551177")));
        QCOMPARE(scryptN(), qint64(1) << 16);
    }

    void changePinRefusesAWeakPin()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        const Result<QList<AuditEntry>> before = f->audit().entries();
        CHEVET_VERIFY_OK(before);
        CHEVET_VERIFY_ERROR(f->changePin(QByteArrayLiteral("12")), StoreError::WeakPin);
        const Result<QList<AuditEntry>> after = f->audit().entries();
        CHEVET_VERIFY_OK(after);
        QCOMPARE(after->size(), before->size());
        CHEVET_VERIFY_OK(f.reopen()); // the old PIN still opens it
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
