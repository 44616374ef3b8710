// Database: transactions nest. The outermost is BEGIN IMMEDIATE and its commit is the durable one; a
// transaction begun inside it is a savepoint, released into it or undone alone.

#include "storefixture.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

class TestDatabase : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;
    QString m_path;
    std::unique_ptr<Database> m_db;

    Status insert(const QString &value)
    {
        Result<Statement> stmt = m_db->prepare(QStringLiteral("INSERT INTO t (v) VALUES (?1)"));
        if (!stmt)
            return stmt.error();
        stmt->bind(1, value);
        return stmt->exec();
    }

    // The values committed, as a second connection sees them.
    QString committed() const
    {
        Result<std::unique_ptr<Database>> other = Database::open(m_path, Database::OpenMode::ExistingOnly);
        if (!other)
            return QStringLiteral("<cannot open>");
        Result<Statement> stmt =
            (*other)->prepare(QStringLiteral("SELECT coalesce(group_concat(v, ','), '') FROM t"));
        if (!stmt)
            return QStringLiteral("<cannot read>");
        const Result<bool> row = stmt->step();
        return row && *row ? stmt->text(0) : QStringLiteral("<no row>");
    }

private Q_SLOTS:
    void initTestCase()
    {
        quietStoreInfoLogs();
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("db-%1.sqlite").arg(++m_files));
        Result<std::unique_ptr<Database>> db = Database::open(m_path, Database::OpenMode::CreateNew);
        CHEVET_VERIFY_OK(db);
        m_db = std::move(db).value();
        CHEVET_VERIFY_OK(m_db->exec(QStringLiteral("CREATE TABLE t (v TEXT NOT NULL)")));
    }

    void cleanup() { m_db.reset(); }

    void nestedTransactionsAreSavepoints_data()
    {
        QTest::addColumn<bool>("innerCommits");
        QTest::addColumn<bool>("outerCommits");
        QTest::addColumn<QString>("expected");
        QTest::newRow("both commit") << true << true << QStringLiteral("a,b,c");
        QTest::newRow("inner rolled back") << false << true << QStringLiteral("a,c");
        QTest::newRow("outer rolled back") << true << false << QString();
        QTest::newRow("both rolled back") << false << false << QString();
    }

    void nestedTransactionsAreSavepoints()
    {
        QFETCH(bool, innerCommits);
        QFETCH(bool, outerCommits);
        QFETCH(QString, expected);
        QCOMPARE(m_db->transactionDepth(), 0);
        {
            Transaction outer(*m_db);
            CHEVET_VERIFY_OK(outer.begin());
            CHEVET_VERIFY_OK(insert(QStringLiteral("a")));
            {
                Transaction inner(*m_db);
                CHEVET_VERIFY_OK(inner.begin());
                QCOMPARE(m_db->transactionDepth(), 2);
                CHEVET_VERIFY_OK(insert(QStringLiteral("b")));
                if (innerCommits)
                    CHEVET_VERIFY_OK(inner.commit());
            }
            QCOMPARE(m_db->transactionDepth(), 1);
            QVERIFY(m_db->inTransaction());
            CHEVET_VERIFY_OK(insert(QStringLiteral("c")));
            QCOMPARE(committed(), QString()); // nothing is visible before the outer commit
            if (outerCommits)
                CHEVET_VERIFY_OK(outer.commit());
        }
        QCOMPARE(m_db->transactionDepth(), 0);
        QVERIFY(!m_db->inTransaction());
        QCOMPARE(committed(), expected);
    }

    void aTransactionAloneCommitsDurably()
    {
        Transaction tx(*m_db);
        CHEVET_VERIFY_OK(tx.begin());
        QCOMPARE(m_db->transactionDepth(), 1);
        CHEVET_VERIFY_OK(insert(QStringLiteral("a")));
        CHEVET_VERIFY_OK(tx.commit());
        QCOMPARE(m_db->transactionDepth(), 0);
        QCOMPARE(committed(), QStringLiteral("a"));
    }

    void transactionsNestSeveralDeep()
    {
        Transaction outer(*m_db);
        CHEVET_VERIFY_OK(outer.begin());
        {
            Transaction middle(*m_db);
            CHEVET_VERIFY_OK(middle.begin());
            CHEVET_VERIFY_OK(insert(QStringLiteral("a")));
            {
                Transaction inner(*m_db);
                CHEVET_VERIFY_OK(inner.begin());
                QCOMPARE(m_db->transactionDepth(), 3);
                CHEVET_VERIFY_OK(insert(QStringLiteral("b")));
                CHEVET_VERIFY_OK(inner.commit());
            }
            // Rolling back the middle one undoes what the inner one released into it.
        }
        CHEVET_VERIFY_OK(insert(QStringLiteral("c")));
        CHEVET_VERIFY_OK(outer.commit());
        QCOMPARE(committed(), QStringLiteral("c"));
        QCOMPARE(m_db->transactionDepth(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
