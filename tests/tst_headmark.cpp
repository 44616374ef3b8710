// Issue "weak links", item 4: the audit head is copied beside the store after each commit (HeadMark), and
// a store whose database ends before it is refused at open — the loss the journal check cannot see (a
// damaged last transaction) and a file put back from an older copy. A mark left behind by a crash is fine.
#include "storefixture.h"

#include "store/auditlog.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "store/walscan.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

QString markOf(const QString &path)
{
    return path + QStringLiteral("-head");
}

bool copyOver(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

// A store with a patient and `entries` vitals entries, closed.
bool storeWithVitals(StoreFixture &f, int entries, QUuid *patientId = nullptr)
{
    if (!f.create())
        return false;
    Result<Patient> patient = addPatient(*f.store(), QStringLiteral("7101"));
    if (!patient)
        return false;
    for (int i = 0; i < entries; ++i) {
        if (!f->observations().recordVitals(patient->id, normalVitals()))
            return false;
    }
    if (patientId)
        *patientId = patient->id;
    f.close();
    return true;
}

} // namespace

class TestHeadMark : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void eachCommitMovesTheMark()
    {
        StoreFixture f;
        QUuid patient;
        QVERIFY(storeWithVitals(f, 1, &patient));
        QVERIFY(QFile::exists(markOf(f.path())));
        CHEVET_VERIFY_OK(f.open());
        QFile mark(markOf(f.path()));
        QVERIFY(mark.open(QIODevice::ReadOnly));
        const QByteArray before = mark.readAll();
        mark.close();
        CHEVET_VERIFY_OK(f->observations().recordVitals(patient, normalVitals()));
        QVERIFY(mark.open(QIODevice::ReadOnly));
        QVERIFY(mark.readAll() != before);
        QCOMPARE(*f->audit().compareWithMark(), AuditLog::MarkState::Consistent);
        QCOMPARE(QFile::permissions(markOf(f.path())) & (QFile::ReadOther | QFile::ReadGroup),
                 QFile::Permissions());
    }

    // The database file put back from an older copy, the mark left as it is.
    void aFilePutBackIsRefused()
    {
        StoreFixture f;
        QUuid patient;
        QVERIFY(storeWithVitals(f, 2, &patient));
        const QString older = f.path() + QStringLiteral(".older");
        QVERIFY(QFile::copy(f.path(), older));
        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(f->observations().recordVitals(patient, normalVitals()));
        f.close();
        QVERIFY(copyOver(older, f.path()));
        CHEVET_VERIFY_ERROR(f.open(), StoreError::Damaged);
    }

    // Copied while the store is open (as a crash leaves it): a byte flipped in the last transaction of
    // the journal looks like a torn tail, and SQLite drops that transaction; the mark says it was there.
    void aLastTransactionLostInTheJournalIsRefused()
    {
        StoreFixture f;
        QUuid patient;
        QVERIFY(storeWithVitals(f, 1, &patient));
        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(f->observations().recordVitals(patient, normalVitals()));
        CHEVET_VERIFY_OK(f->observations().recordVitals(patient, normalVitals()));
        QTemporaryDir crashed;
        const QString copy = crashed.filePath(QStringLiteral("chevet.db"));
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-head")})
            QVERIFY2(QFile::copy(f.path() + suffix, copy + suffix), qPrintable(suffix));
        f.close();
        const QString wal = copy + QStringLiteral("-wal");
        Result<WalScan> scan = scanWal(wal);
        QVERIFY(scan && scan->frames > 2);
        QCOMPARE(scan->verdict, WalScan::Verdict::Clean);
        const qint64 frameBytes = (QFileInfo(wal).size() - 32) / scan->frames;
        QFile file(wal);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(32 + qint64(scan->frames - 1) * frameBytes + 24 + 100));
        char byte = 0;
        QVERIFY(file.getChar(&byte));
        QVERIFY(file.seek(file.pos() - 1));
        QVERIFY(file.putChar(char(byte ^ 0x5a)));
        file.close();
        QCOMPARE(scanWal(wal)->verdict, WalScan::Verdict::TornTail);

        StoreOptions options = f.options();
        options.path = copy;
        Result<std::unique_ptr<Store>> opened = Store::open(options);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode(StoreError::Damaged));
    }

    // A mark older than the database (a crash between the commit and the mark, another connection
    // writing it late) proves nothing: the store opens and the mark catches up.
    void aMarkBehindIsFine()
    {
        StoreFixture f;
        QUuid patient;
        QVERIFY(storeWithVitals(f, 1, &patient));
        const QString older = markOf(f.path()) + QStringLiteral(".older");
        QVERIFY(QFile::copy(markOf(f.path()), older));
        CHEVET_VERIFY_OK(f.open());
        CHEVET_VERIFY_OK(f->observations().recordVitals(patient, normalVitals()));
        f.close();
        QVERIFY(copyOver(older, markOf(f.path())));
        CHEVET_VERIFY_OK(f.open());
        QCOMPARE(*f->audit().compareWithMark(), AuditLog::MarkState::Behind);
        CHEVET_VERIFY_OK(f->observations().recordVitals(patient, normalVitals()));
        QCOMPARE(*f->audit().compareWithMark(), AuditLog::MarkState::Consistent);
    }

    // Once a store keeps a mark, a missing or foreign one is damage; a store from a build that kept none
    // gets one at its first open.
    void aMissingOrForeignMarkIsRefused()
    {
        StoreFixture f;
        QVERIFY(storeWithVitals(f, 1));
        QVERIFY(QFile::remove(markOf(f.path())));
        CHEVET_VERIFY_ERROR(f.open(), StoreError::Damaged);

        StoreFixture other;
        QVERIFY(storeWithVitals(other, 1));
        QVERIFY(QFile::copy(markOf(other.path()), markOf(f.path())));
        CHEVET_VERIFY_ERROR(f.open(), StoreError::Damaged);

        QFile garbage(markOf(f.path()));
        QVERIFY(garbage.open(QIODevice::WriteOnly | QIODevice::Truncate));
        garbage.write("not a mark");
        garbage.close();
        CHEVET_VERIFY_ERROR(f.open(), StoreError::Damaged);
    }

    void aStoreWithoutAMarkYetGetsOne()
    {
        StoreFixture f;
        QVERIFY(storeWithVitals(f, 1));
        QVERIFY(QFile::remove(markOf(f.path())));
        {
            Result<std::unique_ptr<Database>> db = Database::open(f.path(), Database::OpenMode::ExistingOnly);
            QVERIFY(db && (*db)->exec(QStringLiteral("DELETE FROM meta WHERE key = 'head_mark'")));
        }
        CHEVET_VERIFY_OK(f.open());
        QVERIFY(QFile::exists(markOf(f.path())));
        QCOMPARE(*f->audit().compareWithMark(), AuditLog::MarkState::Consistent);
        f.close();
        QVERIFY(QFile::remove(markOf(f.path())));
        CHEVET_VERIFY_ERROR(f.open(), StoreError::Damaged);
    }
};

QTEST_GUILESS_MAIN(TestHeadMark)
#include "tst_headmark.moc"
