// chevetctl as IT staff drive it against the stand-in DPI: sync a ward, give a dose, tick a task,
// sync again, and find both on the DPI.
#include "chevetctlrun.h"
#include "syncfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

class TestChevetctlSync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<DpiHarness> m_dpi;

    using Run = CtlRun;

    Run ctl(const QStringList &args)
    {
        return runChevetctl(m_dir.path(), QStringLiteral("ide.nuit"), args,
                            {{QStringLiteral("CHEVET_DPI"), m_dpi->baseUrl().toString()}});
    }

private Q_SLOTS:
    void initTestCase()
    {
        DpiConfig config;
        config.seedDemo = true;
        m_dpi = DpiHarness::start(DpiHarness::Mode::Http, config, m_dir.path());
        QCOMPARE(ctl({QStringLiteral("init"), QStringLiteral("--establishment"),
                      QStringLiteral("urn:oid:2.999.250.1")})
                     .exitCode,
                 0);
    }

    void syncGiveADoseTickATaskSyncAgain()
    {
        const Run first =
            ctl({QStringLiteral("sync"), QStringLiteral("--unit"), QStringLiteral("unit-cardio")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QVERIFY(first.json().value(QStringLiteral("pulled")).toInt() > 24);
        for (const char *key : {"pushed", "pulled", "conflicts", "quarantined", "alerts"})
            QVERIFY(first.json().contains(QLatin1String(key)));

        const Run patients = ctl({QStringLiteral("patients")});
        const QJsonArray list = patients.json().value(QStringLiteral("patients")).toArray();
        QCOMPARE(list.size(), 24);
        const QString ipp = list.first().toObject().value(QStringLiteral("ipp")).toString();
        QVERIFY(!ipp.isEmpty());

        const Run chart = ctl({QStringLiteral("list"), QStringLiteral("--patient"), ipp});
        QCOMPARE(chart.exitCode, 0);
        const QJsonObject prescription =
            chart.json().value(QStringLiteral("prescriptions")).toArray().first().toObject();
        const QString requestId = prescription.value(QStringLiteral("dpiId")).toString();
        const QString slot = prescription.value(QStringLiteral("slots")).toArray().first().toString();
        QVERIFY(!requestId.isEmpty() && !slot.isEmpty());
        const QString taskId = chart.json()
                                   .value(QStringLiteral("tasks"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("dpiId"))
                                   .toString();
        QVERIFY(!taskId.isEmpty());

        const Run given =
            ctl({QStringLiteral("record"), QStringLiteral("administration"), QStringLiteral("--patient"), ipp,
                 QStringLiteral("--request"), requestId, QStringLiteral("--slot"), slot});
        QVERIFY2(given.exitCode == 0, given.err.constData());
        const Run refused = ctl({QStringLiteral("record"), QStringLiteral("administration"),
                                 QStringLiteral("--patient"), ipp, QStringLiteral("--request"), requestId,
                                 QStringLiteral("--slot"), QStringLiteral("2001-01-01T08:00:00Z"),
                                 QStringLiteral("--not-given"), QStringLiteral("patient absent")});
        QCOMPARE(refused.exitCode, 2); // no dose scheduled then
        const Run notGiven =
            ctl({QStringLiteral("record"), QStringLiteral("administration"), QStringLiteral("--patient"), ipp,
                 QStringLiteral("--request"), requestId, QStringLiteral("--slot"),
                 prescription.value(QStringLiteral("slots")).toArray().at(1).toString(),
                 QStringLiteral("--not-given"), QStringLiteral("patient au bloc")});
        QVERIFY2(notGiven.exitCode == 0, notGiven.err.constData());
        const Run ticked =
            ctl({QStringLiteral("task"), QStringLiteral("done"), QStringLiteral("--task"), taskId});
        QVERIFY2(ticked.exitCode == 0, ticked.err.constData());
        QCOMPARE(ticked.json().value(QStringLiteral("completedBy")).toString(), QStringLiteral("ide.nuit"));

        const Run second =
            ctl({QStringLiteral("sync"), QStringLiteral("--unit"), QStringLiteral("unit-cardio")});
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QCOMPARE(second.json().value(QStringLiteral("pushed")).toInt(), 3);

        const QList<QJsonObject> administrations = m_dpi->all(QStringLiteral("MedicationAdministration"));
        QCOMPARE(administrations.size(), 2);
        QStringList statuses;
        for (const QJsonObject &a : administrations) {
            QCOMPARE(
                a.value(QStringLiteral("request")).toObject().value(QStringLiteral("reference")).toString(),
                QStringLiteral("MedicationRequest/") + requestId);
            statuses.append(a.value(QStringLiteral("status")).toString());
        }
        statuses.sort();
        QCOMPARE(statuses, (QStringList{QStringLiteral("completed"), QStringLiteral("not-done")}));
        const QJsonObject task = m_dpi->get(QStringLiteral("Task/") + taskId);
        QCOMPARE(task.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));

        const Run status = ctl({QStringLiteral("status")});
        QCOMPARE(status.json().value(QStringLiteral("pending")).toInt(), 0);
        QVERIFY(!status.json().value(QStringLiteral("lastSync")).isNull());
        // Security review F8: the audit trail went to the DPI with the sync, and status says how far.
        const QJsonObject audit = status.json().value(QStringLiteral("audit")).toObject();
        QCOMPARE(audit.value(QStringLiteral("onDpi")).toString(),
                 QStringLiteral("up to entry %1").arg(audit.value(QStringLiteral("entries")).toInt()));
    }

    void chartShowsAllergiesAndIdentityStatus()
    {
        const Run synced =
            ctl({QStringLiteral("sync"), QStringLiteral("--unit"), QStringLiteral("unit-cardio")});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        // pat-001 (IPP 800101): a qualified identity, allergic to penicillins.
        const Run chart =
            ctl({QStringLiteral("list"), QStringLiteral("--patient"), QStringLiteral("800101")});
        QCOMPARE(chart.exitCode, 0);
        const QJsonObject patient = chart.json().value(QStringLiteral("patient")).toObject();
        QCOMPARE(patient.value(QStringLiteral("identityStatus")).toString(), QStringLiteral("QUAL"));
        QCOMPARE(patient.value(QStringLiteral("insQualified")).toBool(), true);
        const QJsonArray allergies = chart.json().value(QStringLiteral("allergies")).toArray();
        QCOMPARE(allergies.size(), 1);
        const QJsonObject penicillin = allergies.first().toObject();
        QCOMPARE(penicillin.value(QStringLiteral("substance"))
                     .toObject()
                     .value(QStringLiteral("display"))
                     .toString(),
                 QStringLiteral("Pénicillines"));
        QCOMPARE(penicillin.value(QStringLiteral("criticality")).toString(), QStringLiteral("high"));
        const Run text = ctl({QStringLiteral("list"), QStringLiteral("--patient"), QStringLiteral("800101"),
                              QStringLiteral("--text")});
        QCOMPARE(text.exitCode, 0);
        const QString out = QString::fromUtf8(text.out);
        QVERIFY2(out.contains(QStringLiteral(", identity QUAL\n")), qPrintable(out));
        QVERIFY2(
            out.contains(QStringLiteral("  Allergies: Pénicillines (high, confirmed): Œdème de Quincke\n")),
            qPrintable(out));
        // pat-005 (IPP 800105): INS recovered, not qualified; no allergy recorded, which is not "none known".
        const Run other = ctl({QStringLiteral("list"), QStringLiteral("--patient"), QStringLiteral("800105"),
                               QStringLiteral("--text")});
        QCOMPARE(other.exitCode, 0);
        QVERIFY2(QString::fromUtf8(other.out).contains(
                     QStringLiteral(", identity RECUP\n  Allergies: not recorded\n")),
                 other.out.constData());
    }

    void taskDoneAtTheBedsideButCancelledInTheDpiGoesToAPerson()
    {
        QVERIFY(
            ctl({QStringLiteral("sync"), QStringLiteral("--unit"), QStringLiteral("unit-cardio")}).exitCode ==
            0);
        const QJsonArray list =
            ctl({QStringLiteral("patients")}).json().value(QStringLiteral("patients")).toArray();
        const QString ipp = list.at(3).toObject().value(QStringLiteral("ipp")).toString();
        const QJsonObject chart = ctl({QStringLiteral("list"), QStringLiteral("--patient"), ipp}).json();
        const QString taskId = chart.value(QStringLiteral("tasks"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("dpiId"))
                                   .toString();
        QVERIFY(!taskId.isEmpty());

        // The bedside completes it offline; meanwhile the DPI cancels it.
        QCOMPARE(
            ctl({QStringLiteral("task"), QStringLiteral("done"), QStringLiteral("--task"), taskId}).exitCode,
            0);
        QJsonObject task = m_dpi->get(QStringLiteral("Task/") + taskId);
        task.insert(QStringLiteral("status"), QStringLiteral("cancelled"));
        m_dpi->put(QStringLiteral("Task/") + taskId, task);

        const Run synced =
            ctl({QStringLiteral("sync"), QStringLiteral("--unit"), QStringLiteral("unit-cardio")});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        QCOMPARE(synced.json().value(QStringLiteral("conflicts")).toInt(), 1);
        QCOMPARE(m_dpi->get(QStringLiteral("Task/") + taskId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("cancelled")); // nothing forced

        // The person sees the three versions side by side, and the bedside completion is not dropped.
        const QJsonArray conflicts =
            ctl({QStringLiteral("conflicts")}).json().value(QStringLiteral("conflicts")).toArray();
        QCOMPARE(conflicts.size(), 1);
        const QJsonObject conflict = conflicts.first().toObject();
        QCOMPARE(conflict.value(QStringLiteral("rule")).toString(), QStringLiteral("completed-vs-cancelled"));
        QCOMPARE(conflict.value(QStringLiteral("base")).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("requested"));
        QCOMPARE(
            conflict.value(QStringLiteral("local")).toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("completed"));
        QCOMPARE(
            conflict.value(QStringLiteral("remote")).toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("cancelled"));

        // The nurse decides the care was done: it goes to the DPI on its current version.
        const Run resolved = ctl({QStringLiteral("resolve"), conflict.value(QStringLiteral("id")).toString(),
                                  QStringLiteral("--take"), QStringLiteral("local")});
        QVERIFY2(resolved.exitCode == 0, resolved.err.constData());
        const Run after =
            ctl({QStringLiteral("sync"), QStringLiteral("--unit"), QStringLiteral("unit-cardio")});
        QVERIFY2(after.exitCode == 0, after.err.constData());
        QCOMPARE(after.json().value(QStringLiteral("pushed")).toInt(), 1);
        QCOMPARE(m_dpi->get(QStringLiteral("Task/") + taskId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("completed"));
        QCOMPARE(
            ctl({QStringLiteral("conflicts")}).json().value(QStringLiteral("conflicts")).toArray().size(), 0);
    }

    void unreachableDpiIsAClearTransientFailure()
    {
        const Run r =
            ctl({QStringLiteral("sync"), QStringLiteral("--dpi"), QStringLiteral("http://127.0.0.1:9/fhir")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("unreachable"));
        QCOMPARE(r.json().value(QStringLiteral("retryLater")).toBool(), true);
    }

    void plainHttpToAnotherHostIsRefused()
    {
        const Run r =
            ctl({QStringLiteral("sync"), QStringLiteral("--dpi"), QStringLiteral("http://dpi.example/fhir")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("insecure-url"));
    }
};

QTEST_GUILESS_MAIN(TestChevetctlSync)
#include "tst_chevetctlsync.moc"
