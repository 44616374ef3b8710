#include "storefixture.h"

#include "store/migrations.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

// A migration step that runs `sql` and counts how often it was applied.
Migration step(int toVersion, const QString &sql, int *applied = nullptr)
{
    return Migration{toVersion, QStringLiteral("step %1").arg(toVersion), [sql, applied](Database &db) {
                         if (applied)
                             ++*applied;
                         return db.exec(sql);
                     }};
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_files = 0;

    qint64 userVersion()
    {
        const Result<qint64> version = m_db->pragmaInt("user_version");
        return version ? *version : -1;
    }

    // -1 on error, so a broken query cannot pass for "absent".
    qint64 tableCount(const QString &name)
    {
        Result<Statement> stmt =
            m_db->prepare(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = ?1"));
        if (!stmt)
            return -1;
        stmt->bind(1, name);
        const Result<bool> row = stmt->step();
        return row && *row ? stmt->int64(0) : -1;
    }

    qint64 rowCount(const QString &table)
    {
        Result<Statement> stmt = m_db->prepare(QStringLiteral("SELECT count(*) FROM ") + table);
        if (!stmt)
            return -1;
        const Result<bool> row = stmt->step();
        return row && *row ? stmt->int64(0) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        quietStoreInfoLogs();
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        const QString path = m_dir.filePath(QStringLiteral("migrations-%1.db").arg(++m_files));
        Result<std::unique_ptr<Database>> db = Database::open(path, Database::OpenMode::CreateNew);
        CHEVET_VERIFY_OK(db);
        m_db = std::move(db).value();
    }

    void cleanup() { m_db.reset(); }

    void failedStepLeavesTheStoreAtThePreviousVersion_data()
    {
        QTest::addColumn<QString>("step2");
        QTest::newRow("invalid SQL after a valid CREATE TABLE")
            << QStringLiteral("CREATE TABLE b(x); INSERT INTO a VALUES (1); THIS IS NOT SQL;");
        QTest::newRow("unknown table after a valid CREATE TABLE")
            << QStringLiteral("CREATE TABLE b(x); INSERT INTO a VALUES (1); INSERT INTO nowhere VALUES (1);");
        QTest::newRow("constraint violation")
            << QStringLiteral("CREATE TABLE b(x UNIQUE); INSERT INTO a VALUES (1); INSERT INTO b VALUES (1); "
                              "INSERT INTO b VALUES (1);");
        QTest::newRow("table that already exists")
            << QStringLiteral("CREATE TABLE b(x); INSERT INTO a VALUES (1); CREATE TABLE a(y);");
    }

    void failedStepLeavesTheStoreAtThePreviousVersion()
    {
        QFETCH(QString, step2);
        int applied3 = 0;
        const QList<Migration> migrations = {
            step(1, QStringLiteral("CREATE TABLE a(x);")),
            step(2, step2),
            step(3, QStringLiteral("CREATE TABLE c(x);"), &applied3),
        };
        QTest::ignoreMessage(QtCriticalMsg, "migration to schema 2 failed; store left unchanged");
        const Status migrated = migrate(*m_db, migrations);
        CHEVET_VERIFY_ERROR(migrated, StoreError::MigrationFailed);
        QCOMPARE(migrated.error().domain, ErrorDomain::Store);
        QVERIFY(migrated.error().message.contains(QStringLiteral("schema 2")));
        QVERIFY(migrated.error().message.contains(QStringLiteral("step 2")));

        QCOMPARE(userVersion(), qint64(1));
        QCOMPARE(tableCount(QStringLiteral("a")), qint64(1));
        QCOMPARE(tableCount(QStringLiteral("b")), qint64(0));
        QCOMPARE(rowCount(QStringLiteral("a")), qint64(0)); // the failed step's insert was rolled back too
        QCOMPARE(applied3, 0);                              // later steps are not attempted
        QCOMPARE(tableCount(QStringLiteral("c")), qint64(0));

        // The connection is not left inside a transaction: a corrected list finishes the job.
        const QList<Migration> fixed = {
            step(1, QStringLiteral("CREATE TABLE a(x);")),
            step(2, QStringLiteral("CREATE TABLE b(x);")),
            step(3, QStringLiteral("CREATE TABLE c(x);"), &applied3),
        };
        CHEVET_VERIFY_OK(migrate(*m_db, fixed));
        QCOMPARE(userVersion(), qint64(3));
        QCOMPARE(tableCount(QStringLiteral("b")), qint64(1));
        QCOMPARE(applied3, 1);
    }

    void failedFirstStepLeavesAnEmptyFile()
    {
        const QList<Migration> migrations = {
            step(1, QStringLiteral("CREATE TABLE a(x); CREATE INDEX broken ON missing(x);")),
        };
        QTest::ignoreMessage(QtCriticalMsg, "migration to schema 1 failed; store left unchanged");
        CHEVET_VERIFY_ERROR(migrate(*m_db, migrations), StoreError::MigrationFailed);
        QCOMPARE(userVersion(), qint64(0));
        QCOMPARE(tableCount(QStringLiteral("a")), qint64(0));
    }

    void stepReturningAnErrorIsRolledBack()
    {
        const QList<Migration> migrations = {
            step(1, QStringLiteral("CREATE TABLE a(x);")),
            Migration{2, QStringLiteral("refuses"),
                      [](Database &db) -> Status {
                          if (Status s = db.exec(QStringLiteral("CREATE TABLE b(x)")); !s)
                              return s;
                          return makeError(StoreError::MigrationFailed, QStringLiteral("data check failed"));
                      }},
        };
        QTest::ignoreMessage(QtCriticalMsg, "migration to schema 2 failed; store left unchanged");
        const Status migrated = migrate(*m_db, migrations);
        CHEVET_VERIFY_ERROR(migrated, StoreError::MigrationFailed);
        QVERIFY(migrated.error().message.contains(QStringLiteral("data check failed")));
        QCOMPARE(userVersion(), qint64(1));
        QCOMPARE(tableCount(QStringLiteral("b")), qint64(0));
    }

    void stepsRunInOrderToTheLastVersion_data()
    {
        QTest::addColumn<int>("startVersion");
        QTest::addColumn<QList<int>>("expectedApplied");
        QTest::newRow("from an empty file") << 0 << QList<int>{1, 1, 1};
        QTest::newRow("from version 1") << 1 << QList<int>{0, 1, 1};
        QTest::newRow("from version 2") << 2 << QList<int>{0, 0, 1};
        QTest::newRow("already at the last version") << 3 << QList<int>{0, 0, 0};
    }

    void stepsRunInOrderToTheLastVersion()
    {
        QFETCH(int, startVersion);
        QFETCH(QList<int>, expectedApplied);
        CHEVET_VERIFY_OK(m_db->exec(QStringLiteral("PRAGMA user_version = %1").arg(startVersion)));
        CHEVET_VERIFY_OK(m_db->exec(QStringLiteral("CREATE TABLE log(v)")));
        QList<int> applied{0, 0, 0};
        // Each step depends on the previous one having run first.
        const QList<Migration> migrations = {
            step(1, QStringLiteral("INSERT INTO log VALUES (1);"), &applied[0]),
            step(2, QStringLiteral("INSERT INTO log SELECT max(v) + 1 FROM log;"), &applied[1]),
            step(3, QStringLiteral("INSERT INTO log SELECT max(v) + 1 FROM log;"), &applied[2]),
        };
        CHEVET_VERIFY_OK(migrate(*m_db, migrations));
        QCOMPARE(userVersion(), qint64(3));
        QCOMPARE(applied, expectedApplied);
        QCOMPARE(rowCount(QStringLiteral("log")), qint64(3 - startVersion));

        // Running again is a no-op.
        CHEVET_VERIFY_OK(migrate(*m_db, migrations));
        QCOMPARE(applied, expectedApplied);
        QCOMPARE(userVersion(), qint64(3));
        QCOMPARE(rowCount(QStringLiteral("log")), qint64(3 - startVersion));
    }

    void newerSchemaIsRefused()
    {
        CHEVET_VERIFY_OK(m_db->exec(QStringLiteral("PRAGMA user_version = 7")));
        int applied = 0;
        const QList<Migration> migrations = {step(1, QStringLiteral("CREATE TABLE a(x);"), &applied)};
        const Status migrated = migrate(*m_db, migrations);
        CHEVET_VERIFY_ERROR(migrated, StoreError::NewerSchema);
        QCOMPARE(applied, 0);
        QCOMPARE(userVersion(), qint64(7));
        QCOMPARE(tableCount(QStringLiteral("a")), qint64(0));
    }

    void projectSchemaMigrates()
    {
        QVERIFY(!schemaMigrations().isEmpty());
        QCOMPARE(currentSchemaVersion(), schemaMigrations().constLast().toVersion);
        int previous = 0;
        for (const Migration &m : schemaMigrations()) {
            QVERIFY(m.toVersion > previous);
            QVERIFY(!m.description.isEmpty());
            previous = m.toVersion;
        }

        CHEVET_VERIFY_OK(migrate(*m_db, schemaMigrations()));
        QCOMPARE(userVersion(), qint64(currentSchemaVersion()));
        for (const char *name :
             {"meta", "records", "record_history", "lookup", "outbox", "audit", "audit_is_append_only_update",
              "audit_is_append_only_delete", "clinical_records_are_never_deleted"})
            QCOMPARE(tableCount(QString::fromLatin1(name)), qint64(1));
        CHEVET_VERIFY_OK(migrate(*m_db, schemaMigrations()));
        QCOMPARE(userVersion(), qint64(currentSchemaVersion()));
    }

    // Schema 6: the DPI's copies leave their WITHOUT ROWID table (every sealed copy spilled to an overflow
    // page there); what a schema-5 store holds is kept, byte for byte, and upserts still replace by record.
    void theDpiCopiesMoveToARowidTableWithEverythingTheyHeld()
    {
        QList<Migration> upToFive = schemaMigrations();
        while (upToFive.constLast().toVersion > 5)
            upToFive.removeLast();
        CHEVET_VERIFY_OK(migrate(*m_db, upToFive));
        QCOMPARE(userVersion(), qint64(5));
        CHEVET_VERIFY_OK(m_db->exec(QStringLiteral(
            "INSERT INTO dpi_copies VALUES ('r1', 'p1', '3', x'0102'), ('r2', NULL, '1', x'03')")));

        CHEVET_VERIFY_OK(migrate(*m_db, schemaMigrations()));
        QVERIFY(userVersion() >= 6);
        Result<Statement> layout = m_db->prepare(
            QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'dpi_copies'"));
        CHEVET_VERIFY_OK(layout);
        QVERIFY(*layout->step());
        QVERIFY(!layout->text(0).contains(QLatin1String("WITHOUT ROWID")));
        QCOMPARE(tableCount(QStringLiteral("dpi_copies_by_patient")), qint64(1));
        QCOMPARE(rowCount(QStringLiteral("dpi_copies WHERE record_id = 'r1' AND patient_id = 'p1' AND "
                                         "server_version = '3' AND sealed = x'0102'")),
                 qint64(1));
        QCOMPARE(rowCount(QStringLiteral("dpi_copies WHERE record_id = 'r2' AND patient_id IS NULL")),
                 qint64(1));
        CHEVET_VERIFY_OK(m_db->exec(QStringLiteral(
            "INSERT INTO dpi_copies (record_id, patient_id, server_version, sealed) VALUES ('r1', 'p1', '4', "
            "x'05') ON CONFLICT(record_id) DO UPDATE SET server_version = excluded.server_version")));
        QCOMPARE(rowCount(QStringLiteral("dpi_copies")), qint64(2));
        QCOMPARE(rowCount(QStringLiteral("dpi_copies WHERE record_id = 'r1' AND server_version = '4'")),
                 qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
