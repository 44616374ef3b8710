// chevet-dpi transactions and batches as a sync push sends them: all or nothing, urn:uuid references
// rewritten to the ids the server chose, batch entries that fail alone, answers without the resource
// unless Prefer: return=representation.
#include "tst_chevetdpi_support.h"

#include <QTemporaryDir>

class TestChevetDpiBundles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DpiServer m_server;
    DpiClient m_client;

    QString url(const QString &path) const { return m_server.url(path); }
    int total(const QString &query) { return searchTotal(m_client, url(query)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start(m_dir.filePath(QStringLiteral("dpi.db"))));
        QVERIFY(m_server.base().startsWith(QLatin1String("http://127.0.0.1:")));
        QVERIFY(m_server.port() > 0);
    }

    void transactionIsAllOrNothing()
    {
        const QJsonArray entries{
            bundleEntry(QStringLiteral("POST"), QStringLiteral("Patient"),
                        testPatient(QStringLiteral("urn:test:atomic"), QStringLiteral("1"))),
            bundleEntry(QStringLiteral("PUT"), QStringLiteral("Patient/atomic-2"),
                        QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                                    {QStringLiteral("id"), QStringLiteral("atomic-2")}},
                        {}, QJsonObject{{QStringLiteral("ifMatch"), QStringLiteral("W/\"5\"")}}),
        };
        const DpiReply reply =
            m_client.post(m_server.base(), testBundle(QStringLiteral("transaction"), entries));
        QCOMPARE(reply.status, 412);
        QVERIFY(reply.isOutcome());
        QVERIFY2(reply.diagnostics().contains(QLatin1String("Bundle.entry[1]")),
                 qPrintable(reply.diagnostics()));
        QCOMPARE(total(QStringLiteral("Patient?identifier=urn:test:atomic|1")), 0);
        QCOMPARE(m_client.get(url(QStringLiteral("Patient/atomic-2"))).status, 404);

        const DpiReply notBundle = m_client.post(
            m_server.base(), testPatient(QStringLiteral("urn:test:atomic"), QStringLiteral("2")));
        QCOMPARE(notBundle.status, 400);
        QVERIFY(notBundle.isOutcome());
    }

    void transactionRewritesUrnReferences()
    {
        const QString patientUrn = QStringLiteral("urn:uuid:5d6e1c2a-0000-4000-8000-000000000001");
        QJsonObject stay{{QStringLiteral("resourceType"), QStringLiteral("Encounter")},
                         {QStringLiteral("status"), QStringLiteral("in-progress")},
                         {QStringLiteral("class"), inpatientClass()},
                         {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), patientUrn}}}};
        QJsonObject order{{QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
                          {QStringLiteral("status"), QStringLiteral("active")},
                          {QStringLiteral("intent"), QStringLiteral("order")},
                          {QStringLiteral("medicationCodeableConcept"),
                           QJsonObject{{QStringLiteral("text"), QStringLiteral("paracetamol 1 g")}}},
                          {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), patientUrn}}},
                          {QStringLiteral("encounter"),
                           QJsonObject{{QStringLiteral("reference"), QStringLiteral("urn:uuid:stay-1")}}}};
        const QJsonArray entries{
            bundleEntry(QStringLiteral("POST"), QStringLiteral("MedicationRequest"), order,
                        QStringLiteral("urn:uuid:order-1")),
            bundleEntry(QStringLiteral("POST"), QStringLiteral("Encounter"), stay,
                        QStringLiteral("urn:uuid:stay-1")),
            bundleEntry(
                QStringLiteral("POST"), QStringLiteral("Patient"),
                testPatient(QStringLiteral("urn:test:urn"), QStringLiteral("1")), patientUrn,
                QJsonObject{{QStringLiteral("ifNoneExist"), QStringLiteral("identifier=urn:test:urn|1")}}),
        };
        const DpiReply reply =
            m_client.post(m_server.base(), testBundle(QStringLiteral("transaction"), entries));
        QCOMPARE(reply.status, 200);
        const QJsonObject response = reply.json();
        QCOMPARE(response.value(QLatin1String("type")).toString(), QStringLiteral("transaction-response"));
        const QJsonArray results = response.value(QLatin1String("entry")).toArray();
        QCOMPARE(results.size(), 3);
        QStringList ids;
        for (const QJsonValue &value : results) {
            const QJsonObject result = value.toObject().value(QLatin1String("response")).toObject();
            QCOMPARE(result.value(QLatin1String("status")).toString(), QStringLiteral("201 Created"));
            QCOMPARE(result.value(QLatin1String("etag")).toString(), QStringLiteral("W/\"1\""));
            QVERIFY(!result.value(QLatin1String("lastModified")).toString().isEmpty());
            ids << idFromLocation(result.value(QLatin1String("location")).toString());
        }
        const QString patientRef = QStringLiteral("Patient/") + ids.at(2);
        const QJsonObject storedOrder =
            m_client.get(url(QStringLiteral("MedicationRequest/") + ids.at(0))).json();
        QCOMPARE(storedOrder.value(QLatin1String("subject"))
                     .toObject()
                     .value(QLatin1String("reference"))
                     .toString(),
                 patientRef);
        QCOMPARE(storedOrder.value(QLatin1String("encounter"))
                     .toObject()
                     .value(QLatin1String("reference"))
                     .toString(),
                 QStringLiteral("Encounter/") + ids.at(1));
        QCOMPARE(total(QStringLiteral("Encounter?patient=") + ids.at(2)), 1);
        QCOMPARE(total(QStringLiteral("MedicationRequest?patient=") + patientRef), 1);

        // The same transaction again: the conditional create now matches, and references follow it.
        const DpiReply again =
            m_client.post(m_server.base(), testBundle(QStringLiteral("transaction"), entries));
        QCOMPARE(again.status, 200);
        const QJsonArray second = again.json().value(QLatin1String("entry")).toArray();
        QCOMPARE(second.at(2)
                     .toObject()
                     .value(QLatin1String("response"))
                     .toObject()
                     .value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("200 OK"));
        QCOMPARE(total(QStringLiteral("MedicationRequest?patient=") + patientRef), 2);
        QCOMPARE(total(QStringLiteral("Patient?identifier=urn:test:urn|1")), 1);
    }

    void batchEntriesSucceedOrFailAlone()
    {
        const QJsonArray entries{
            bundleEntry(QStringLiteral("POST"), QStringLiteral("Patient"),
                        testPatient(QStringLiteral("urn:test:batch"), QStringLiteral("1"))),
            bundleEntry(QStringLiteral("PUT"), QStringLiteral("Patient/batch-missing"),
                        QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                                    {QStringLiteral("id"), QStringLiteral("batch-missing")}},
                        {}, QJsonObject{{QStringLiteral("ifMatch"), QStringLiteral("W/\"3\"")}}),
            bundleEntry(QStringLiteral("GET"), QStringLiteral("Patient/never-there")),
            bundleEntry(QStringLiteral("GET"), QStringLiteral("Patient?identifier=urn:test:batch|1")),
            bundleEntry(QStringLiteral("POST"), QStringLiteral("Patient"),
                        QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Task")}}),
        };
        const DpiReply reply = m_client.post(m_server.base(), testBundle(QStringLiteral("batch"), entries));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QLatin1String("type")).toString(), QStringLiteral("batch-response"));
        const QJsonArray results = reply.json().value(QLatin1String("entry")).toArray();
        QCOMPARE(results.size(), 5);
        const auto status = [&results](int i) {
            return results.at(i)
                .toObject()
                .value(QLatin1String("response"))
                .toObject()
                .value(QLatin1String("status"))
                .toString();
        };
        QCOMPARE(status(0), QStringLiteral("201 Created"));
        QVERIFY(status(1).startsWith(QLatin1String("412")));
        QVERIFY(status(2).startsWith(QLatin1String("404")));
        QCOMPARE(status(3), QStringLiteral("200 OK"));
        QVERIFY(status(4).startsWith(QLatin1String("400")));
        const QJsonObject outcome = results.at(1)
                                        .toObject()
                                        .value(QLatin1String("response"))
                                        .toObject()
                                        .value(QLatin1String("outcome"))
                                        .toObject();
        QCOMPARE(outcome.value(QLatin1String("resourceType")).toString(), QStringLiteral("OperationOutcome"));
        // GETs run after the POSTs, so the search sees the batch's own create.
        QCOMPARE(results.at(3)
                     .toObject()
                     .value(QLatin1String("resource"))
                     .toObject()
                     .value(QLatin1String("total"))
                     .toInt(),
                 1);
        QCOMPARE(total(QStringLiteral("Patient?identifier=urn:test:batch|1")), 1);
    }

    static QJsonObject entryAt(const DpiReply &reply, int i)
    {
        return reply.json().value(QLatin1String("entry")).toArray().at(i).toObject();
    }

    void writeAnswersCarryNoResourceUnlessAsked_data()
    {
        QTest::addColumn<QString>("bundleType");
        QTest::newRow("transaction") << "transaction";
        QTest::newRow("batch") << "batch";
    }

    void writeAnswersCarryNoResourceUnlessAsked()
    {
        QFETCH(QString, bundleType);
        const QString system = QStringLiteral("urn:test:answers-") + bundleType;
        const QJsonArray entries{
            bundleEntry(
                QStringLiteral("POST"), QStringLiteral("Patient"), testPatient(system, QStringLiteral("1")),
                {},
                QJsonObject{{QStringLiteral("ifNoneExist"), QStringLiteral("identifier=%1|1").arg(system)}}),
        };
        const QJsonObject bundle = testBundle(bundleType, entries);
        // As HAPI: without Prefer, only `response` (status, location, etag, lastModified).
        const DpiReply plain = m_client.post(m_server.base(), bundle);
        QCOMPARE(plain.status, 200);
        const QJsonObject created = entryAt(plain, 0);
        QVERIFY2(!created.contains(QLatin1String("resource")), plain.body.constData());
        QVERIFY(!created.contains(QLatin1String("fullUrl")));
        const QJsonObject response = created.value(QLatin1String("response")).toObject();
        QCOMPARE(response.value(QLatin1String("status")).toString(), QStringLiteral("201 Created"));
        const QString location = response.value(QLatin1String("location")).toString();
        const QString id = idFromLocation(location);
        QCOMPARE(location, QStringLiteral("Patient/%1/_history/1").arg(id));
        QCOMPARE(response.value(QLatin1String("etag")).toString(), QStringLiteral("W/\"1\""));
        QVERIFY(!response.value(QLatin1String("lastModified")).toString().isEmpty());

        // The conditional create now matches: 200, and it still says where and which version.
        const DpiReply matched = m_client.post(m_server.base(), bundle);
        QCOMPARE(matched.status, 200);
        const QJsonObject again = entryAt(matched, 0).value(QLatin1String("response")).toObject();
        QCOMPARE(again.value(QLatin1String("status")).toString(), QStringLiteral("200 OK"));
        QCOMPARE(again.value(QLatin1String("location")).toString(), location);
        QCOMPARE(again.value(QLatin1String("etag")).toString(), QStringLiteral("W/\"1\""));
        QVERIFY(!entryAt(matched, 0).contains(QLatin1String("resource")));

        // Prefer: return=representation brings the resource (and fullUrl) back; minimal never.
        const DpiReply full = m_client.post(m_server.base(), bundle, {{"Prefer", "return=representation"}});
        QCOMPARE(full.status, 200);
        QCOMPARE(entryAt(full, 0)
                     .value(QLatin1String("resource"))
                     .toObject()
                     .value(QLatin1String("id"))
                     .toString(),
                 id);
        QCOMPARE(entryAt(full, 0).value(QLatin1String("fullUrl")).toString(),
                 url(QStringLiteral("Patient/") + id));
        const DpiReply minimal = m_client.post(m_server.base(), bundle, {{"Prefer", "return=minimal"}});
        QVERIFY(!entryAt(minimal, 0).contains(QLatin1String("resource")));
        // Reads inside a bundle always carry what they read.
        const DpiReply read = m_client.post(
            m_server.base(),
            testBundle(bundleType,
                       QJsonArray{bundleEntry(QStringLiteral("GET"), QStringLiteral("Patient/") + id)}));
        QCOMPARE(entryAt(read, 0)
                     .value(QLatin1String("resource"))
                     .toObject()
                     .value(QLatin1String("id"))
                     .toString(),
                 id);
    }

    void invalidEntryFailsTheTransactionButOnlyItsBatchEntry()
    {
        const QJsonObject invalid{{QStringLiteral("resourceType"), QStringLiteral("Task")},
                                  {QStringLiteral("status"), QStringLiteral("requested")}}; // no intent
        const QJsonArray entries{
            bundleEntry(QStringLiteral("POST"), QStringLiteral("Patient"),
                        testPatient(QStringLiteral("urn:test:invalid"), QStringLiteral("1"))),
            bundleEntry(QStringLiteral("POST"), QStringLiteral("Task"), invalid),
        };
        const DpiReply refused =
            m_client.post(m_server.base(), testBundle(QStringLiteral("transaction"), entries));
        QCOMPARE(refused.status, 422);
        QVERIFY(refused.isOutcome());
        QCOMPARE(refused.issueCode(), QStringLiteral("required"));
        QVERIFY2(refused.diagnostics().contains(QLatin1String("Bundle.entry[1]")),
                 qPrintable(refused.diagnostics()));
        QCOMPARE(total(QStringLiteral("Patient?identifier=urn:test:invalid|1")), 0);

        const DpiReply batch = m_client.post(m_server.base(), testBundle(QStringLiteral("batch"), entries));
        QCOMPARE(batch.status, 200);
        const auto status = [&batch](int i) {
            return entryAt(batch, i)
                .value(QLatin1String("response"))
                .toObject()
                .value(QLatin1String("status"))
                .toString();
        };
        QCOMPARE(status(0), QStringLiteral("201 Created"));
        QCOMPARE(status(1), QStringLiteral("422 Unprocessable Entity"));
        QCOMPARE(total(QStringLiteral("Patient?identifier=urn:test:invalid|1")), 1);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestChevetDpiBundles)
#include "tst_chevetdpibundles.moc"
