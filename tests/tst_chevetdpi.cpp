// chevet-dpi, the stand-in DPI, as the sync engine will meet it: a real process on a free port, real
// HTTP. Resources: versions, ETag, Last-Modified and Location, conditional creates, If-Match, update as
// create, deletions, per-type integer ids, R4 validation, and OperationOutcome answers to bad requests.
#include "core/gzip.h"
#include "tst_chevetdpi_support.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

class TestChevetDpi : public QObject
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

    void metadataDescribesTheServer()
    {
        const DpiReply reply = m_client.get(url(QStringLiteral("metadata")));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.header("Content-Type").startsWith("application/fhir+json"));
        const QJsonObject statement = reply.json();
        QCOMPARE(statement.value(QLatin1String("resourceType")).toString(),
                 QStringLiteral("CapabilityStatement"));
        QCOMPARE(statement.value(QLatin1String("fhirVersion")).toString(), QStringLiteral("4.0.1"));
        const QJsonObject rest = statement.value(QLatin1String("rest")).toArray().at(0).toObject();
        QCOMPARE(rest.value(QLatin1String("mode")).toString(), QStringLiteral("server"));
        QStringList system;
        for (const QJsonValue &interaction : rest.value(QLatin1String("interaction")).toArray())
            system << interaction.toObject().value(QLatin1String("code")).toString();
        QVERIFY(system.contains(QStringLiteral("transaction")));
        QVERIFY(system.contains(QStringLiteral("batch")));

        QSet<QString> types;
        for (const QJsonValue &value : rest.value(QLatin1String("resource")).toArray()) {
            const QJsonObject resource = value.toObject();
            types.insert(resource.value(QLatin1String("type")).toString());
            QCOMPARE(resource.value(QLatin1String("versioning")).toString(), QStringLiteral("versioned"));
            QCOMPARE(resource.value(QLatin1String("conditionalCreate")).toBool(), true);
            QStringList codes;
            for (const QJsonValue &interaction : resource.value(QLatin1String("interaction")).toArray())
                codes << interaction.toObject().value(QLatin1String("code")).toString();
            for (const char *expected :
                 {"read", "vread", "update", "create", "delete", "search-type", "history-type"})
                QVERIFY2(codes.contains(QLatin1String(expected)), expected);
            QVERIFY(!resource.value(QLatin1String("searchParam")).toArray().isEmpty());
        }
        const QSet<QString> expected = {QStringLiteral("Patient"),
                                        QStringLiteral("Encounter"),
                                        QStringLiteral("Location"),
                                        QStringLiteral("Observation"),
                                        QStringLiteral("MedicationRequest"),
                                        QStringLiteral("MedicationAdministration"),
                                        QStringLiteral("Task"),
                                        QStringLiteral("AllergyIntolerance"),
                                        QStringLiteral("AuditEvent")}; // a tablet's audit trail (review F8)
        QCOMPARE(types, expected);
    }

    void createAssignsIdVersionEtagAndLocation()
    {
        QJsonObject body = testPatient(QStringLiteral("urn:test:create"), QStringLiteral("1"));
        body.insert(QStringLiteral("id"), QStringLiteral("client-chosen"));
        const DpiReply created = m_client.post(url(QStringLiteral("Patient")), body);
        QCOMPARE(created.status, 201);
        const QJsonObject resource = created.json();
        const QString id = resource.value(QLatin1String("id")).toString();
        QVERIFY(!id.isEmpty());
        QVERIFY(id != QLatin1String("client-chosen"));
        QCOMPARE(created.header("ETag"), QByteArray("W/\"1\""));
        QVERIFY(!created.header("Last-Modified").isEmpty());
        QVERIFY(!created.header("Date").isEmpty());
        QCOMPARE(QString::fromUtf8(created.header("Location")),
                 url(QStringLiteral("Patient/%1/_history/1").arg(id)));
        const QJsonObject meta = resource.value(QLatin1String("meta")).toObject();
        QCOMPARE(meta.value(QLatin1String("versionId")).toString(), QStringLiteral("1"));
        static const QRegularExpression instant(
            QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"));
        QVERIFY2(instant.match(meta.value(QLatin1String("lastUpdated")).toString()).hasMatch(),
                 qPrintable(meta.value(QLatin1String("lastUpdated")).toString()));

        QVERIFY2(created.body.startsWith("{\"resourceType\":\"Patient\",\"id\":"),
                 created.body.left(40).constData());

        const DpiReply minimal =
            m_client.post(url(QStringLiteral("Patient")), body, {{"Prefer", "return=minimal"}});
        QCOMPARE(minimal.status, 201);
        QVERIFY(minimal.body.isEmpty());
        QVERIFY(minimal.header("Location").contains("/fhir/Patient/"));

        const DpiReply read = m_client.get(url(QStringLiteral("Patient/") + id));
        QCOMPARE(read.status, 200);
        QCOMPARE(read.header("ETag"), QByteArray("W/\"1\""));
        QCOMPARE(read.json(), resource);
        const DpiReply vread = m_client.get(url(QStringLiteral("Patient/%1/_history/1").arg(id)));
        QCOMPARE(vread.status, 200);
        QCOMPARE(vread.json(), resource);

        const DpiReply noVersion = m_client.get(url(QStringLiteral("Patient/%1/_history/7").arg(id)));
        QCOMPARE(noVersion.status, 404);
        QVERIFY(noVersion.isOutcome());
        const DpiReply unknown = m_client.get(url(QStringLiteral("Patient/never-made")));
        QCOMPARE(unknown.status, 404);
        QVERIFY(unknown.isOutcome());
        const DpiReply otherType = m_client.get(url(QStringLiteral("Condition/1")));
        QCOMPARE(otherType.status, 404);
        QVERIFY(otherType.isOutcome());
    }

    void conditionalCreateMatchesZeroOneOrMany()
    {
        const QString system = QStringLiteral("urn:test:conditional");
        const HeaderPairs condition = {{"If-None-Exist", "identifier=urn:test:conditional|A"}};
        const DpiReply first = m_client.post(url(QStringLiteral("Patient")),
                                             testPatient(system, QStringLiteral("A")), condition);
        QCOMPARE(first.status, 201);
        const QString id = first.json().value(QLatin1String("id")).toString();

        const DpiReply again = m_client.post(url(QStringLiteral("Patient")),
                                             testPatient(system, QStringLiteral("A")), condition);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(QLatin1String("id")).toString(), id);
        QCOMPARE(again.header("ETag"), QByteArray("W/\"1\"")); // no new version
        QCOMPARE(total(QStringLiteral("Patient?identifier=urn:test:conditional|A")), 1);

        const DpiReply byId =
            m_client.post(url(QStringLiteral("Patient")), testPatient(system, QStringLiteral("B")),
                          {{"If-None-Exist", "_id=" + id.toUtf8()}});
        QCOMPARE(byId.status, 200);

        // A second Patient with the same identifier, created without the condition: now it is ambiguous.
        QCOMPARE(
            m_client.post(url(QStringLiteral("Patient")), testPatient(system, QStringLiteral("A"))).status,
            201);
        const DpiReply ambiguous = m_client.post(url(QStringLiteral("Patient")),
                                                 testPatient(system, QStringLiteral("A")), condition);
        QCOMPARE(ambiguous.status, 412);
        QVERIFY(ambiguous.isOutcome());
        QCOMPARE(total(QStringLiteral("Patient?identifier=urn:test:conditional|A")), 2);
    }

    void ifMatchGuardsUpdates()
    {
        const DpiReply created =
            m_client.post(url(QStringLiteral("Patient")),
                          testPatient(QStringLiteral("urn:test:match"), QStringLiteral("1")));
        QCOMPARE(created.status, 201);
        QJsonObject resource = created.json();
        const QString path = QStringLiteral("Patient/") + resource.value(QLatin1String("id")).toString();
        resource.insert(QStringLiteral("gender"), QStringLiteral("female"));

        const DpiReply updated = m_client.put(url(path), resource, {{"If-Match", "W/\"1\""}});
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.header("ETag"), QByteArray("W/\"2\""));
        QVERIFY(updated.header("Location").endsWith("/_history/2"));
        QCOMPARE(updated.json()
                     .value(QLatin1String("meta"))
                     .toObject()
                     .value(QLatin1String("versionId"))
                     .toString(),
                 QStringLiteral("2"));

        const DpiReply stale = m_client.put(url(path), resource, {{"If-Match", "W/\"1\""}});
        QCOMPARE(stale.status, 412);
        QVERIFY(stale.isOutcome());
        QVERIFY2(stale.diagnostics().contains(QLatin1String("version")), qPrintable(stale.diagnostics()));
        QCOMPARE(m_client.get(url(path)).header("ETag"), QByteArray("W/\"2\""));

        const DpiReply strong = m_client.put(url(path), resource, {{"If-Match", "\"2\""}});
        QCOMPARE(strong.status, 200);
        QCOMPARE(strong.header("ETag"), QByteArray("W/\"3\""));
        const DpiReply blind = m_client.put(url(path), resource);
        QCOMPARE(blind.status, 200);
        QCOMPARE(blind.header("ETag"), QByteArray("W/\"4\""));
        QVERIFY(!m_client.get(url(path + QStringLiteral("/_history/1")))
                     .json()
                     .contains(QLatin1String("gender")));
    }

    void updateOfUnknownIdCreatesIt()
    {
        QJsonObject body = testPatient(QStringLiteral("urn:test:upsert"), QStringLiteral("1"));
        body.insert(QStringLiteral("id"), QStringLiteral("chosen-by-client-42"));
        const DpiReply created = m_client.put(url(QStringLiteral("Patient/chosen-by-client-42")), body);
        QCOMPARE(created.status, 201);
        QCOMPARE(QString::fromUtf8(created.header("Location")),
                 url(QStringLiteral("Patient/chosen-by-client-42/_history/1")));
        QCOMPARE(m_client.get(url(QStringLiteral("Patient/chosen-by-client-42"))).status, 200);

        const DpiReply mismatch = m_client.put(url(QStringLiteral("Patient/another-id")), body);
        QCOMPARE(mismatch.status, 400);
        QVERIFY(mismatch.isOutcome());
        body.remove(QStringLiteral("id"));
        QCOMPARE(m_client.put(url(QStringLiteral("Patient/another-id")), body).status, 400);
    }

    void deleteLeavesGoneAndAHistoryEntry()
    {
        const DpiReply created =
            m_client.post(url(QStringLiteral("Encounter")),
                          QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Encounter")},
                                      {QStringLiteral("status"), QStringLiteral("planned")},
                                      {QStringLiteral("class"), inpatientClass()}});
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(QLatin1String("id")).toString();
        const QString since = created.json()
                                  .value(QLatin1String("meta"))
                                  .toObject()
                                  .value(QLatin1String("lastUpdated"))
                                  .toString();
        const DpiReply deleted = m_client.remove(url(QStringLiteral("Encounter/") + id));
        QCOMPARE(deleted.status, 204);
        const DpiReply gone = m_client.get(url(QStringLiteral("Encounter/") + id));
        QCOMPARE(gone.status, 410);
        QVERIFY(gone.isOutcome());
        QCOMPARE(m_client.remove(url(QStringLiteral("Encounter/") + id)).status, 204); // a retried DELETE
        QCOMPARE(total(QStringLiteral("Encounter?_id=") + id), 0);

        const QJsonArray history =
            allPages(m_client, url(QStringLiteral("Encounter/_history?_since=") + since));
        QJsonObject deletion;
        int versions = 0;
        for (const QJsonValue &value : history) {
            const QJsonObject entry = value.toObject();
            if (!entry.value(QLatin1String("fullUrl")).toString().endsWith(QLatin1Char('/') + id))
                continue;
            ++versions;
            if (entry.value(QLatin1String("request")).toObject().value(QLatin1String("method")).toString() ==
                QLatin1String("DELETE"))
                deletion = entry;
        }
        QCOMPARE(versions, 2); // the create and the delete; the retried DELETE made nothing
        QVERIFY(!deletion.isEmpty());
        QCOMPARE(deletion.value(QLatin1String("request")).toObject().value(QLatin1String("url")).toString(),
                 QStringLiteral("Encounter/") + id);
        QVERIFY(!deletion.contains(QLatin1String("resource")));
    }

    void invalidResourcesAreRefused_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");   // OperationOutcome issue code
        QTest::addColumn<QString>("naming"); // what the diagnostics must name
        const QByteArray subject = R"("subject":{"reference":"Patient/p1"})";
        const QByteArray drug = R"("medicationCodeableConcept":{"text":"paracetamol"})";
        const QByteArray pulse = R"("code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]})";
        QTest::newRow("mad-1: dosage without dose or rate")
            << "MedicationAdministration"
            << R"({"resourceType":"MedicationAdministration","status":"completed",)" + drug + "," + subject +
                   R"(,"effectiveDateTime":"2026-01-01T08:00:00Z","dosage":{"text":"1 tablet"}})"
            << "invariant"
            << "mad-1";
        QTest::newRow("obs-6: value and dataAbsentReason")
            << "Observation"
            << R"({"resourceType":"Observation","status":"final",)" + pulse +
                   R"(,"valueQuantity":{"value":72},"dataAbsentReason":{"text":"asleep"}})"
            << "invariant"
            << "obs-6";
        QTest::newRow("obs-7: value and a component with the same code")
            << "Observation"
            << R"({"resourceType":"Observation","status":"final",)" + pulse +
                   R"(,"valueQuantity":{"value":72},"component":[{)" + pulse +
                   R"(,"valueQuantity":{"value":70}}]})"
            << "invariant"
            << "obs-7";
        QTest::newRow("ait-1: no clinicalStatus")
            << "AllergyIntolerance"
            << QByteArray(R"({"resourceType":"AllergyIntolerance","patient":{"reference":"Patient/p1"}})")
            << "invariant"
            << "ait-1";
        QTest::newRow("unknown element")
            << "Patient" << QByteArray(R"({"resourceType":"Patient","nickname":"Jo"})") << "structure"
            << "nickname";
        QTest::newRow("unknown choice type")
            << "Observation"
            << R"({"resourceType":"Observation","status":"final",)" + pulse + R"(,"valueFoo":1})"
            << "structure"
            << "valueFoo";
        QTest::newRow("two value[x]") << "Observation"
                                      << R"({"resourceType":"Observation","status":"final",)" + pulse +
                                             R"(,"valueString":"a","valueBoolean":true})"
                                      << "structure"
                                      << "value[x]";
        QTest::newRow("Task without status")
            << "Task" << QByteArray(R"({"resourceType":"Task","intent":"order"})") << "required"
            << "status";
        QTest::newRow("Task without intent")
            << "Task" << QByteArray(R"({"resourceType":"Task","status":"requested"})") << "required"
            << "intent";
        QTest::newRow("MedicationAdministration without subject")
            << "MedicationAdministration"
            << R"({"resourceType":"MedicationAdministration","status":"completed",)" + drug +
                   R"(,"effectiveDateTime":"2026-01-01T08:00:00Z"})"
            << "required"
            << "subject";
        QTest::newRow("MedicationRequest without subject")
            << "MedicationRequest"
            << R"({"resourceType":"MedicationRequest","status":"active","intent":"order",)" + drug + "}"
            << "required"
            << "subject";
        QTest::newRow("MedicationRequest without medication[x]")
            << "MedicationRequest"
            << R"({"resourceType":"MedicationRequest","status":"active","intent":"order",)" + subject + "}"
            << "required"
            << "medication[x]";
        QTest::newRow("AllergyIntolerance without patient")
            << "AllergyIntolerance"
            << QByteArray(R"({"resourceType":"AllergyIntolerance","clinicalStatus":{"text":"active"}})")
            << "required"
            << "patient";
        QTest::newRow("Observation status outside R4")
            << "Observation"
            << R"({"resourceType":"Observation","status":"done",)" + pulse + "}"
            << "code-invalid"
            << "status";
    }

    void invalidResourcesAreRefused()
    {
        QFETCH(QString, type);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, naming);
        QVERIFY2(!QJsonDocument::fromJson(body).isNull(), body.constData());
        const DpiReply refused = m_client.send("POST", url(type), body);
        QCOMPARE(refused.status, 422);
        QVERIFY(refused.isOutcome());
        QCOMPARE(refused.issueCode(), code);
        QVERIFY2(refused.diagnostics().contains(naming), qPrintable(refused.diagnostics()));
        // An update is checked the same way.
        QJsonObject asUpdate = QJsonDocument::fromJson(body).object();
        asUpdate.insert(QStringLiteral("id"), QStringLiteral("invalid-put"));
        QCOMPARE(m_client.put(url(type + QStringLiteral("/invalid-put")), asUpdate).status, 422);
    }

    void validResourcesPassTheRules()
    {
        const QList<QByteArray> bodies = {
            // mad-1 met by a dose
            R"({"resourceType":"MedicationAdministration","status":"completed",)"
            R"("medicationCodeableConcept":{"text":"paracetamol"},"subject":{"reference":"Patient/p1"},)"
            R"("effectiveDateTime":"2026-01-01T08:00:00Z","dosage":{"dose":{"value":1,"unit":"g"}}})",
            // a panel: the components' codes differ from the observation's
            R"({"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org",)"
            R"("code":"85354-9"}]},"component":[{"code":{"coding":[{"system":"http://loinc.org",)"
            R"("code":"8480-6"}]},"valueQuantity":{"value":120}}]})",
            // ait-2: entered-in-error has no clinicalStatus
            R"({"resourceType":"AllergyIntolerance","patient":{"reference":"Patient/p1"},)"
            R"("verificationStatus":{"coding":[{"system":)"
            R"("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",)"
            R"("code":"entered-in-error"}]}})",
            // a primitive's extension (_birthDate) and a choice element
            R"({"resourceType":"Patient","birthDate":"1950-01-01","_birthDate":{"extension":[]},)"
            R"("deceasedBoolean":false})",
        };
        for (const QByteArray &body : bodies) {
            const QString type =
                QJsonDocument::fromJson(body).object().value(QLatin1String("resourceType")).toString();
            const DpiReply created = m_client.send("POST", url(type), body);
            QVERIFY2(created.status == 201, qPrintable(created.diagnostics()));
        }
    }

    void idsAreIntegersPerType()
    {
        DpiServer server;
        QVERIFY(server.start(m_dir.filePath(QStringLiteral("ids.db"))));
        const auto create = [&](const QJsonObject &resource) {
            const DpiReply created =
                m_client.post(server.url(resource.value(QLatin1String("resourceType")).toString()), resource);
            return created.json().value(QLatin1String("id")).toString();
        };
        const QJsonObject patient = testPatient(QStringLiteral("urn:test:ids"), QStringLiteral("1"));
        QCOMPARE(create(patient), QStringLiteral("1"));
        QCOMPARE(create(patient), QStringLiteral("2"));
        // Each type counts from 1, as on HAPI: ids collide across types.
        QCOMPARE(create(testObservation(QStringLiteral("urn:test:ids"), QStringLiteral("o"),
                                        QStringLiteral("Patient/1"))),
                 QStringLiteral("1"));
        // Numbers are the server's: a client may not create one, but may name a resource otherwise.
        QJsonObject named = patient;
        named.insert(QStringLiteral("id"), QStringLiteral("7"));
        const DpiReply numeric = m_client.put(server.url(QStringLiteral("Patient/7")), named);
        QCOMPARE(numeric.status, 400);
        QVERIFY(numeric.isOutcome());
        named.insert(QStringLiteral("id"), QStringLiteral("p7"));
        QCOMPARE(m_client.put(server.url(QStringLiteral("Patient/p7")), named).status, 201);
        QCOMPARE(create(patient), QStringLiteral("3"));
        // An existing numeric id updates as usual.
        named.insert(QStringLiteral("id"), QStringLiteral("2"));
        QCOMPARE(m_client.put(server.url(QStringLiteral("Patient/2")), named).status, 200);
    }

    void matchedConditionalCreateSaysWhere()
    {
        const QJsonObject body = testPatient(QStringLiteral("urn:test:where"), QStringLiteral("1"));
        const HeaderPairs condition = {{"If-None-Exist", "identifier=urn:test:where|1"}};
        const DpiReply first = m_client.post(url(QStringLiteral("Patient")), body, condition);
        QCOMPARE(first.status, 201);
        const DpiReply second = m_client.post(url(QStringLiteral("Patient")), body, condition);
        QCOMPARE(second.status, 200);
        QCOMPARE(second.header("Location"), first.header("Location"));
        QCOMPARE(second.header("ETag"), QByteArray("W/\"1\""));
    }

    void malformedRequestsGetOutcomesAndTheServerCarriesOn()
    {
        const DpiReply broken =
            m_client.send("POST", url(QStringLiteral("Patient")), "{\"resourceType\": \"Patient\", ");
        QCOMPARE(broken.status, 400);
        QVERIFY(broken.isOutcome());
        const DpiReply array = m_client.send("POST", url(QStringLiteral("Patient")), "[1, 2]");
        QCOMPARE(array.status, 400);
        QVERIFY(array.isOutcome());
        const DpiReply wrongType =
            m_client.post(url(QStringLiteral("Patient")),
                          QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Observation")}});
        QCOMPARE(wrongType.status, 400);
        QVERIFY(wrongType.isOutcome());
        const DpiReply noType = m_client.post(url(QStringLiteral("Patient")),
                                              QJsonObject{{QStringLiteral("id"), QStringLiteral("x")}});
        QCOMPARE(noType.status, 400);
        const DpiReply badBundle = m_client.send(
            "POST", m_server.base(), "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{}]}");
        QCOMPARE(badBundle.status, 400);
        QVERIFY(badBundle.isOutcome());
        const DpiReply xml = m_client.send("POST", url(QStringLiteral("Patient")), "<Patient/>",
                                           {{"Content-Type", "application/fhir+xml"}});
        QCOMPARE(xml.status, 415);
        QCOMPARE(m_client.send("PATCH", url(QStringLiteral("Patient/x")), "[]").status, 405);
        QCOMPARE(m_client.get(url(QStringLiteral("metadata"))).status, 200);
    }

    // Issue "weak links": answers are compressed when the client asks (a 106 KB page gzips to about
    // 6 KB), never when it does not; a body sent gzipped is read; another coding is refused with 415.
    void contentIsCompressedWhenAsked()
    {
        const QString metadata = url(QStringLiteral("metadata"));
        const DpiReply plain = m_client.get(metadata, {{"Accept-Encoding", "identity"}});
        QCOMPARE(plain.status, 200);
        QVERIFY(plain.header("Content-Encoding").isEmpty());
        const DpiReply packed = m_client.get(metadata, {{"Accept-Encoding", "gzip"}});
        QCOMPARE(packed.status, 200);
        QCOMPARE(packed.header("Content-Encoding"), QByteArray("gzip"));
        QVERIFY(packed.body.size() * 3 < plain.body.size());
        const std::optional<QByteArray> unpacked = chevet::gzipDecode(packed.body, 1 << 24);
        QVERIFY(unpacked);
        QCOMPARE(QJsonDocument::fromJson(*unpacked).object().value(QStringLiteral("fhirVersion")),
                 plain.json().value(QStringLiteral("fhirVersion")));
        QVERIFY(m_client.get(metadata, {{"Accept-Encoding", "gzip;q=0, identity"}})
                    .header("Content-Encoding")
                    .isEmpty());

        const QByteArray patient =
            QJsonDocument(testPatient(QStringLiteral("urn:oid:1.2.3"), QStringLiteral("gz-1"))).toJson();
        const DpiReply created = m_client.send("POST", url(QStringLiteral("Patient")),
                                               chevet::gzipEncode(patient), {{"Content-Encoding", "gzip"}});
        QCOMPARE(created.status, 201);
        const DpiReply refused =
            m_client.send("POST", url(QStringLiteral("Patient")), patient, {{"Content-Encoding", "br"}});
        QCOMPARE(refused.status, 415);
        const DpiReply broken = m_client.send("POST", url(QStringLiteral("Patient")),
                                              QByteArray("not gzip at all"), {{"Content-Encoding", "gzip"}});
        QCOMPARE(broken.status, 400);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestChevetDpi)
#include "tst_chevetdpi.moc"
