// Issue "weak links", item 4 (reliability review §2: 12 of 25 flipped bytes in the WAL silently rolled
// back committed observations). A real SQLite log, copied while its connection is open as a crash would
// leave it, then damaged: a bad frame followed by later commits is damage (and SQLite does drop them,
// shown here), a cut last transaction is a torn tail, a clean log is clean.
#include "store/database.h"
#include "store/walscan.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace chevet;

namespace {

constexpr int kTransactions = 20;

// A database with kTransactions committed inserts, all still in its log; returns the copied database.
QString loggedDatabase(const QTemporaryDir &dir)
{
    const QString live = dir.filePath(QStringLiteral("live.db"));
    Result<std::unique_ptr<Database>> db = Database::open(live, Database::OpenMode::CreateNew);
    if (!db)
        qFatal("cannot create: %s", qPrintable(db.error().toString()));
    for (const char *sql :
         {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA wal_autocheckpoint = 0",
          "CREATE TABLE vitals (id INTEGER PRIMARY KEY, value BLOB)"}) {
        if (!(*db)->exec(QString::fromLatin1(sql)))
            qFatal("cannot prepare the database");
    }
    for (int i = 0; i < kTransactions; ++i) {
        Result<Statement> insert = (*db)->prepare(QStringLiteral("INSERT INTO vitals (value) VALUES (?1)"));
        if (!insert || !insert->bind(1, QByteArray(300, char('a' + i % 26))).exec())
            qFatal("cannot insert");
    }
    // The files as a crash leaves them: the log holds every transaction, the database file none.
    const QString copy = dir.filePath(QStringLiteral("copy.db"));
    QFile::copy(live, copy);
    QFile::copy(live + QStringLiteral("-wal"), copy + QStringLiteral("-wal"));
    return copy;
}

void flipByte(const QString &path, qint64 offset)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(offset));
    char byte = 0;
    QVERIFY(file.getChar(&byte));
    QVERIFY(file.seek(offset));
    QVERIFY(file.putChar(char(byte ^ 0x10)));
}

qint64 rowsSqliteReads(const QString &path)
{
    Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::ExistingOnly);
    if (!db)
        return -1;
    Result<Statement> count = (*db)->prepare(QStringLiteral("SELECT count(*) FROM vitals"));
    if (!count)
        return -1;
    Result<bool> row = count->step();
    if (!row || !*row)
        return -1;
    return count->int64(0);
}

} // namespace

class TestWalScan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noLogAndAnEmptyOne()
    {
        QTemporaryDir dir;
        Result<WalScan> none = scanWal(dir.filePath(QStringLiteral("absent.db-wal")));
        QVERIFY(none);
        QCOMPARE(none->verdict, WalScan::Verdict::NoLog);
        QFile empty(dir.filePath(QStringLiteral("empty.db-wal")));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QCOMPARE(scanWal(empty.fileName())->verdict, WalScan::Verdict::NoLog);
    }

    void aLogAsACrashLeavesItIsClean()
    {
        QTemporaryDir dir;
        const QString db = loggedDatabase(dir);
        Result<WalScan> scan = scanWal(db + QStringLiteral("-wal"));
        QVERIFY(scan);
        QCOMPARE(scan->verdict, WalScan::Verdict::Clean);
        QVERIFY(scan->frames >= kTransactions);
        QCOMPARE(scan->framesReplayed, scan->frames);
        QCOMPARE(rowsSqliteReads(db), qint64(kTransactions));
    }

    // A byte flipped in a middle frame (page data, frame header, checksum) or in the log's header.
    void aBadFrameBeforeLaterCommitsIsDamage_data()
    {
        QTest::addColumn<double>("where"); // share of the frames before the damaged one
        QTest::addColumn<int>("inFrame");  // offset inside the frame; -1: the log's header
        QTest::newRow("page data, early") << 0.2 << 24 + 100;
        QTest::newRow("page data, middle") << 0.5 << 24 + 2000;
        QTest::newRow("frame's salt") << 0.5 << 9;
        QTest::newRow("frame's checksum") << 0.5 << 17;
        QTest::newRow("frame's page number") << 0.3 << 2;
        QTest::newRow("log header's salt") << 0.0 << -1;
    }
    void aBadFrameBeforeLaterCommitsIsDamage()
    {
        QFETCH(double, where);
        QFETCH(int, inFrame);
        QTemporaryDir dir;
        const QString db = loggedDatabase(dir);
        const QString wal = db + QStringLiteral("-wal");
        Result<WalScan> clean = scanWal(wal);
        QVERIFY(clean);
        const qint64 frameBytes = (QFileInfo(wal).size() - 32) / clean->frames;
        const qint64 offset = inFrame < 0 ? 17 : 32 + qint64(where * clean->frames) * frameBytes + inFrame;
        flipByte(wal, offset);
        Result<WalScan> scan = scanWal(wal);
        QVERIFY(scan);
        QCOMPARE(scan->verdict, WalScan::Verdict::Damaged);
        QVERIFY(scan->commitsLost > 0);
        QVERIFY(scan->firstBadOffset <= offset);
        // What SQLite makes of it: committed rows silently gone.
        QVERIFY(rowsSqliteReads(db) < kTransactions); // (opening it also checkpoints: the log is gone)
    }

    // A crash while the last transaction was being written: SQLite drops it, rightly (it was never
    // acknowledged); nothing to report.
    void aCutLastTransactionIsATornTail()
    {
        QTemporaryDir dir;
        const QString db = loggedDatabase(dir);
        const QString wal = db + QStringLiteral("-wal");
        Result<WalScan> clean = scanWal(wal);
        QVERIFY(clean);
        const qint64 frameBytes = (QFileInfo(wal).size() - 32) / clean->frames;
        flipByte(wal, 32 + qint64(clean->frames - 1) * frameBytes + 24 + 50);
        Result<WalScan> scan = scanWal(wal);
        QVERIFY(scan);
        QCOMPARE(scan->verdict, WalScan::Verdict::TornTail);
        QCOMPARE(scan->commitsLost, 0);
        // Cut mid-frame as well: the partial frame is not a frame.
        QFile cut(wal);
        QVERIFY(cut.open(QIODevice::ReadWrite));
        QVERIFY2(cut.resize(cut.size() - frameBytes / 2), qPrintable(cut.errorString()));
        cut.close();
        QVERIFY(scanWal(wal)->verdict != WalScan::Verdict::Damaged);
        QCOMPARE(rowsSqliteReads(db), qint64(kTransactions - 1));
    }
};

QTEST_GUILESS_MAIN(TestWalScan)
#include "tst_walscan.moc"
