#include "storefixture.h"

#include "store/taskrepository.h"

#include <QTest>

using namespace chevet;
using namespace chevet::test;

// Every case runs once per key set, on a store of its own (see KeySetStoreSuite).
class TestTaskRepository : public KeySetStoreSuite
{
    Q_OBJECT

private Q_SLOTS:
    void taskIsCompletedByTheSignedInNurse()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("5001"));
        CHEVET_VERIFY_OK(patient);
        CareTask task;
        task.patientId = patient->id;
        task.description = QStringLiteral("Réfection du pansement");
        task.dueMs = kTestStartMs + 2 * kHour;
        const RowCounts beforeSave = counts();
        const Result<CareTask> saved = store().tasks().save(task);
        CHEVET_VERIFY_OK(saved);
        QCOMPARE(counts().outbox, beforeSave.outbox);
        QCOMPARE(lastAudit(store()).action, QStringLiteral("task.import"));
        QCOMPARE(store().tasks().forPatient(patient->id)->size(), 1);

        m_f->clock().advanceMs(90 * kMinute);
        store().setAuthor(QStringLiteral("nurse-b"));
        const Result<CareTask> done = store().tasks().complete(saved->id);
        CHEVET_VERIFY_OK(done);
        QCOMPARE(done->status, TaskStatus::Completed);
        QCOMPARE(done->completedBy, QStringLiteral("nurse-b"));
        QCOMPARE(done->completedMs, std::optional<qint64>(kTestStartMs + 90 * kMinute));

        const Result<std::optional<CareTask>> found = store().tasks().find(saved->id);
        CHEVET_VERIFY_OK(found);
        QCOMPARE((*found)->status, TaskStatus::Completed);
        QCOMPARE((*found)->completedBy, QStringLiteral("nurse-b"));
        QCOMPARE((*found)->dueMs, task.dueMs);
        const QList<OutboxEntry> queued = outboxFor(store(), saved->id);
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.first().operation, QStringLiteral("update"));
        QCOMPARE(queued.first().version, 2);
        const AuditEntry audited = lastAudit(store());
        QCOMPARE(audited.action, QStringLiteral("task.complete"));
        QCOMPARE(audited.author, QStringLiteral("nurse-b"));

        const RowCounts before = counts();
        CHEVET_VERIFY_ERROR(store().tasks().complete(saved->id), ValidationError::AlreadyDone);
        CHEVET_VERIFY_ERROR(store().tasks().complete(QUuid::createUuid()), StoreError::NotFound);
        CHEVET_VERIFY_ERROR(store().tasks().complete(patient->id), StoreError::NotFound);
        QCOMPARE(counts(), before);
    }

    void taskRefusals()
    {
        const Result<Patient> patient = addPatient(store(), QStringLiteral("5002"));
        CHEVET_VERIFY_OK(patient);
        CareTask cancelled;
        cancelled.patientId = patient->id;
        cancelled.description = QStringLiteral("Prise de sang");
        cancelled.status = TaskStatus::Cancelled;
        const Result<CareTask> saved = store().tasks().save(cancelled);
        CHEVET_VERIFY_OK(saved);
        const RowCounts before = counts();
        CHEVET_VERIFY_ERROR(store().tasks().complete(saved->id), ValidationError::Cancelled);

        CareTask blank;
        blank.patientId = patient->id;
        blank.description = QStringLiteral("  ");
        const Result<CareTask> refused = store().tasks().save(blank);
        CHEVET_VERIFY_ERROR(refused, ValidationError::MissingValue);
        QCOMPARE(refused.error().field, QStringLiteral("description"));
        QCOMPARE(counts(), before);
    }
};

QTEST_GUILESS_MAIN(TestTaskRepository)
#include "moc_storefixture.cpp"
#include "tst_taskrepository.moc"
