// chevet-dpi's flags, which make it act like weaker or failing servers: bundle caps, no history,
// a bearer token, 503s, 409s, proxies' HTML 413/502, a poison record, dropped connections, latency, an
// advertised base on another origin; the flags restoring kind behaviours (oldest-first history, answers
// with the resource, no validation, random ids); and the demo ward it can seed.
#include "tst_chevetdpi_support.h"

#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <algorithm>

class TestChevetDpiFlags : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DpiClient m_client;
    int m_databases = 0;

    QString freshDb() { return m_dir.filePath(QStringLiteral("dpi-%1.db").arg(++m_databases)); }

    static QJsonObject patient(const QString &value)
    {
        return testPatient(QStringLiteral("urn:test:flags"), value);
    }

    static QJsonObject transaction(int entries)
    {
        QJsonArray list;
        for (int i = 0; i < entries; ++i) {
            list.append(QJsonObject{{QStringLiteral("resource"), patient(QStringLiteral("cap-%1").arg(i))},
                                    {QStringLiteral("request"),
                                     QJsonObject{{QStringLiteral("method"), QStringLiteral("POST")},
                                                 {QStringLiteral("url"), QStringLiteral("Patient")}}}});
        }
        return {{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                {QStringLiteral("type"), QStringLiteral("transaction")},
                {QStringLiteral("entry"), list}};
    }

    static QStringList interactionCodes(const QJsonArray &interactions)
    {
        QStringList codes;
        for (const QJsonValue &interaction : interactions)
            codes << interaction.toObject().value(QLatin1String("code")).toString();
        return codes;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void bundleCapRefusesLargerBundlesWhole()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {QStringLiteral("--max-bundle-entries"), QStringLiteral("2")}));
        const DpiReply refused = m_client.post(server.base(), transaction(3));
        QCOMPARE(refused.status, 413);
        QVERIFY(refused.isOutcome());
        QCOMPARE(refused.issueCode(), QStringLiteral("too-costly"));
        QVERIFY2(refused.diagnostics().contains(QLatin1String("at most 2 entries per bundle")),
                 qPrintable(refused.diagnostics()));
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("Patient"))), 0);
        QCOMPARE(m_client.post(server.base(), transaction(2)).status, 200);
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("Patient"))), 2);
        // Not advertised: clients learn the cap from the refusal, as with most real servers.
        QVERIFY(!m_client.get(server.url(QStringLiteral("metadata"))).body.contains("entries per bundle"));
    }

    void noHistoryServerHidesAndRefusesHistory()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {QStringLiteral("--no-history")}));
        const QJsonObject rest = m_client.get(server.url(QStringLiteral("metadata")))
                                     .json()
                                     .value(QLatin1String("rest"))
                                     .toArray()
                                     .at(0)
                                     .toObject();
        QVERIFY(!interactionCodes(rest.value(QLatin1String("interaction")).toArray())
                     .contains(QStringLiteral("history-system")));
        for (const QJsonValue &resource : rest.value(QLatin1String("resource")).toArray()) {
            const QStringList codes =
                interactionCodes(resource.toObject().value(QLatin1String("interaction")).toArray());
            QVERIFY(!codes.contains(QStringLiteral("history-type")));
            QVERIFY(codes.contains(QStringLiteral("search-type")));
        }
        QCOMPARE(m_client.post(server.url(QStringLiteral("Patient")), patient(QStringLiteral("h"))).status,
                 201);
        const DpiReply refused = m_client.get(server.url(QStringLiteral("Patient/_history")));
        QCOMPARE(refused.status, 404);
        QVERIFY(refused.isOutcome());
        QCOMPARE(refused.issueCode(), QStringLiteral("not-supported"));
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("Patient?_lastUpdated=ge2000-01-01"))), 1);
    }

    void tokenIsRequiredExceptForMetadata()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {QStringLiteral("--token"), QStringLiteral("s3cret-token")}));
        QCOMPARE(m_client.get(server.url(QStringLiteral("metadata"))).status, 200);
        const DpiReply anonymous = m_client.get(server.url(QStringLiteral("Patient")));
        QCOMPARE(anonymous.status, 401);
        QVERIFY(anonymous.isOutcome());
        QVERIFY(anonymous.header("WWW-Authenticate").startsWith("Bearer"));
        const DpiReply wrong =
            m_client.get(server.url(QStringLiteral("Patient")), {{"Authorization", "Bearer nope"}});
        QCOMPARE(wrong.status, 401);
        const DpiReply right =
            m_client.get(server.url(QStringLiteral("Patient")), {{"Authorization", "Bearer s3cret-token"}});
        QCOMPARE(right.status, 200);
    }

    void failRateAnswers503BeforeDoingAnything()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {QStringLiteral("--fail-rate"), QStringLiteral("1.0")}));
        const DpiReply failed =
            m_client.post(server.url(QStringLiteral("Patient")), patient(QStringLiteral("f")));
        QCOMPARE(failed.status, 503);
        QVERIFY(failed.isOutcome());
        QCOMPARE(m_client.get(server.url(QStringLiteral("metadata"))).status, 503);
        const HeaderPairs exempt = {{"X-Chevet-No-Fault", "1"}};
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("Patient")), exempt),
                 0); // nothing was stored
    }

    void dropRateCommitsThenClosesWithoutAnswer()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {QStringLiteral("--drop-rate"), QStringLiteral("1.0")}));
        // A raw socket, so no HTTP client retries behind the test's back.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body =
            QJsonDocument(patient(QStringLiteral("dropped"))).toJson(QJsonDocument::Compact);
        socket.write(
            "POST /fhir/Patient HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/fhir+json\r\n"
            "If-None-Exist: identifier=urn:test:flags|dropped\r\nContent-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(socket.waitForBytesWritten(5000));
        QByteArray received;
        QElapsedTimer timer;
        timer.start();
        while (socket.state() != QAbstractSocket::UnconnectedState && timer.elapsed() < 10000) {
            socket.waitForReadyRead(100);
            received += socket.readAll();
        }
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QVERIFY2(received.isEmpty(), received.constData());

        const HeaderPairs exempt = {{"X-Chevet-No-Fault", "1"}};
        QCOMPARE(searchTotal(m_client,
                             server.url(QStringLiteral("Patient?identifier=urn:test:flags|dropped")), exempt),
                 1);
        // The client's retry, a conditional create, finds the record instead of duplicating it.
        const DpiReply retry = m_client.post(
            server.url(QStringLiteral("Patient")), patient(QStringLiteral("dropped")),
            {{"X-Chevet-No-Fault", "1"}, {"If-None-Exist", "identifier=urn:test:flags|dropped"}});
        QCOMPARE(retry.status, 200);
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("Patient")), exempt), 1);
    }

    void latencyDelaysWithoutBlocking()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {QStringLiteral("--latency"), QStringLiteral("400")}));
        const DpiReply slow = m_client.get(server.url(QStringLiteral("metadata")));
        QCOMPARE(slow.status, 200);
        QVERIFY2(slow.elapsedMs >= 380, qPrintable(QString::number(slow.elapsedMs)));

        // Three requests at once: answered together after one delay, not one after the other.
        QElapsedTimer timer;
        timer.start();
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 3; ++i) {
            QNetworkRequest request{QUrl(server.url(QStringLiteral("Patient?_count=%1").arg(i + 1)))};
            replies << m_client.manager().get(request);
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }),
            10000);
        QVERIFY2(timer.elapsed() < 1100, qPrintable(QString::number(timer.elapsed())));
        for (QNetworkReply *reply : replies) {
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            reply->deleteLater();
        }
        QCOMPARE(
            m_client.get(server.url(QStringLiteral("metadata")), {{"X-Chevet-No-Fault", "1"}}).elapsedMs <
                380,
            true);
    }

    void demoSeedIsADeterministicWard()
    {
        DpiServer server;
        const QString db = freshDb();
        QVERIFY(server.start(db, {QStringLiteral("--seed"), QStringLiteral("demo")}));
        const QString summary = server.readLine();
        QVERIFY2(summary.startsWith(QLatin1String("chevet-dpi seeded demo: ")), qPrintable(summary));
        QHash<QString, int> counts;
        static const QRegularExpression pair(QStringLiteral(R"((\d+) ([A-Za-z]+))"));
        for (auto it = pair.globalMatch(summary); it.hasNext();) {
            const auto match = it.next();
            counts.insert(match.captured(2), match.captured(1).toInt());
        }
        // Drawn from a fixed seed: the same numbers on every run and every machine.
        QCOMPARE(counts.value(QStringLiteral("Location")), 2);
        QCOMPARE(counts.value(QStringLiteral("Patient")), 30);
        QCOMPARE(counts.value(QStringLiteral("Encounter")), 30);
        QCOMPARE(counts.value(QStringLiteral("MedicationRequest")), 57);
        QCOMPARE(counts.value(QStringLiteral("Task")), 45);
        QCOMPARE(counts.value(QStringLiteral("Observation")), 120);
        QCOMPARE(counts.value(QStringLiteral("AllergyIntolerance")), 26);
        // Searchable by patient and criticality: pat-001 has a high-criticality penicillin allergy,
        // pat-005 none recorded, and 9 allergies of the ward and the round are of high criticality.
        const QJsonArray penicillin =
            allPages(m_client, server.url(QStringLiteral("AllergyIntolerance?patient=Patient/pat-001")));
        QCOMPARE(penicillin.size(), 1);
        const QJsonObject allergy = penicillin.at(0).toObject().value(QLatin1String("resource")).toObject();
        QCOMPARE(allergy.value(QLatin1String("criticality")).toString(), QStringLiteral("high"));
        QCOMPARE(allergy.value(QLatin1String("code")).toObject().value(QLatin1String("text")).toString(),
                 QStringLiteral("Pénicillines"));
        QCOMPARE(
            searchTotal(m_client, server.url(QStringLiteral("AllergyIntolerance?patient=Patient/pat-005"))),
            0);
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("AllergyIntolerance?criticality=high"))), 9);
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            QCOMPARE(searchTotal(m_client, server.url(it.key() + QStringLiteral("?_summary=count"))),
                     it.value());

        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral(
                                           "Encounter?location=Location/unit-cardio&status=in-progress"))),
                 24);
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("Encounter?location=Location/had-nord"))),
                 6);
        QCOMPARE(m_client.get(server.url(QStringLiteral("Location/unit-cardio"))).status, 200);
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("Task?status=requested"))),
                 counts.value(QStringLiteral("Task")));
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("MedicationRequest?status=active"))),
                 counts.value(QStringLiteral("MedicationRequest")));

        const QJsonArray patients = allPages(m_client, server.url(QStringLiteral("Patient?_count=50")));
        QCOMPARE(patients.size(), 30);
        QSet<QString> ipps;
        QHash<QString, int> identityStatuses;
        for (const QJsonValue &value : patients) {
            const QJsonObject resource = value.toObject().value(QLatin1String("resource")).toObject();
            QString ins;
            QString identityStatus;
            for (const QJsonValue &extension : resource.value(QLatin1String("extension")).toArray()) {
                for (const QJsonValue &part :
                     extension.toObject().value(QLatin1String("extension")).toArray()) {
                    if (part.toObject().value(QLatin1String("url")).toString() ==
                        QLatin1String("identityStatus"))
                        identityStatus = part.toObject()
                                             .value(QLatin1String("valueCoding"))
                                             .toObject()
                                             .value(QLatin1String("code"))
                                             .toString();
                }
            }
            ++identityStatuses[identityStatus];
            for (const QJsonValue &identifier : resource.value(QLatin1String("identifier")).toArray()) {
                const QJsonObject object = identifier.toObject();
                if (object.value(QLatin1String("system")).toString() ==
                    QLatin1String("urn:oid:1.2.250.1.213.1.4.10"))
                    ins = object.value(QLatin1String("value")).toString();
                if (object.value(QLatin1String("system")).toString() == QLatin1String("urn:oid:2.999.250.1"))
                    ipps.insert(object.value(QLatin1String("value")).toString());
            }
            // A provisional identity was never retrieved from INSi: it has no INS.
            if (identityStatus == QLatin1String("PROV")) {
                QVERIFY(ins.isEmpty());
                continue;
            }
            QCOMPARE(ins.size(), 15);
            QCOMPARE(97 - ins.left(13).toLongLong() % 97, ins.right(2).toLongLong()); // a valid INS key
            const QString sex = ins.left(1);
            QCOMPARE(resource.value(QLatin1String("gender")).toString(),
                     sex == QLatin1String("2") ? QStringLiteral("female") : QStringLiteral("male"));
            QCOMPARE(ins.mid(1, 2), resource.value(QLatin1String("birthDate")).toString().mid(2, 2));
        }
        QCOMPARE(ipps.size(), 30);
        QCOMPARE(identityStatuses.value(QStringLiteral("QUAL")), 25);
        QCOMPARE(identityStatuses.value(QStringLiteral("RECUP")), 3);
        QCOMPARE(identityStatuses.value(QStringLiteral("PROV")), 2);

        const QJsonArray orders =
            allPages(m_client, server.url(QStringLiteral("MedicationRequest?patient=pat-001")));
        QVERIFY(!orders.isEmpty());
        for (const QJsonValue &value : orders) {
            const QJsonObject dosage = value.toObject()
                                           .value(QLatin1String("resource"))
                                           .toObject()
                                           .value(QLatin1String("dosageInstruction"))
                                           .toArray()
                                           .at(0)
                                           .toObject();
            QVERIFY(!dosage.value(QLatin1String("timing"))
                         .toObject()
                         .value(QLatin1String("event"))
                         .toArray()
                         .isEmpty());
            QVERIFY(dosage.value(QLatin1String("doseAndRate"))
                        .toArray()
                        .at(0)
                        .toObject()
                        .contains(QLatin1String("doseQuantity")));
            QVERIFY(dosage.contains(QLatin1String("route")));
        }
        server.stop();

        // A second start on the same file leaves the data alone.
        DpiServer again;
        QVERIFY(again.start(db, {QStringLiteral("--seed"), QStringLiteral("demo")}));
        QVERIFY(again.readLine().contains(QLatin1String("skipped")));
        QCOMPARE(searchTotal(m_client, again.url(QStringLiteral("Patient"))), 30);
        // The seed keeps its own ids, and every seeded resource is valid R4: written back unchanged,
        // each passes the validation.
        QCOMPARE(m_client.get(again.url(QStringLiteral("Patient/pat-001"))).status, 200);
        for (const QString &type :
             {QStringLiteral("Location"), QStringLiteral("Patient"), QStringLiteral("Encounter"),
              QStringLiteral("MedicationRequest"), QStringLiteral("Task"),
              QStringLiteral("AllergyIntolerance"), QStringLiteral("Observation")}) {
            const QJsonArray entries = allPages(m_client, again.url(type + QStringLiteral("?_count=500")));
            QVERIFY(!entries.isEmpty());
            for (const QJsonValue &entry : entries) {
                const QJsonObject resource = entry.toObject().value(QLatin1String("resource")).toObject();
                const QString id = resource.value(QLatin1String("id")).toString();
                const DpiReply put = m_client.put(again.url(type + QLatin1Char('/') + id), resource);
                QVERIFY2(put.status == 200,
                         qPrintable(type + QLatin1Char('/') + id + QStringLiteral(": ") + put.diagnostics()));
            }
        }
    }

    void requestLogShowsNoQueryValues()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {}, false));
        QCOMPARE(
            m_client
                .get(server.url(QStringLiteral("Patient?identifier=urn:oid:1.2.250.1.213.1.4.10|SECRET1234")))
                .status,
            200);
        QCOMPARE(m_client.post(server.url(QStringLiteral("Patient")), patient(QStringLiteral("SECRET5678")))
                     .status,
                 201);
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += server.takeStandardError()).contains("POST /fhir/Patient 201"),
                                 5000);
        QVERIFY2(log.contains("GET /fhir/Patient 200"), log.constData());
        QVERIFY2(!log.contains("SECRET"), log.constData()); // neither query values nor bodies
    }

    // The three Task changes of historyOrder, as `_history` lists them: "POST", "PUT"...
    QStringList historyMethods(const DpiServer &server)
    {
        const QJsonObject task{{QStringLiteral("resourceType"), QStringLiteral("Task")},
                               {QStringLiteral("status"), QStringLiteral("requested")},
                               {QStringLiteral("intent"), QStringLiteral("order")}};
        const DpiReply created = m_client.post(server.url(QStringLiteral("Task")), task);
        const QString id = created.json().value(QLatin1String("id")).toString();
        QJsonObject done = created.json();
        done.insert(QStringLiteral("status"), QStringLiteral("completed"));
        m_client.put(server.url(QStringLiteral("Task/") + id), done);
        m_client.remove(server.url(QStringLiteral("Task/") + id));
        QStringList methods;
        for (const QJsonValue &entry :
             allPages(m_client, server.url(QStringLiteral("Task/_history?_count=2"))))
            methods << entry.toObject()
                           .value(QLatin1String("request"))
                           .toObject()
                           .value(QLatin1String("method"))
                           .toString();
        return methods;
    }

    void historyIsNewestFirstUnlessOldestFirst()
    {
        DpiServer strict;
        QVERIFY(strict.start(freshDb()));
        QCOMPARE(historyMethods(strict), QStringLiteral("DELETE PUT POST").split(QLatin1Char(' ')));
        DpiServer kind;
        QVERIFY(kind.start(freshDb(), {QStringLiteral("--history-oldest-first")}));
        QCOMPARE(historyMethods(kind), QStringLiteral("POST PUT DELETE").split(QLatin1Char(' ')));
        QProcess both;
        both.start(QStringLiteral(CHEVET_DPI_PATH),
                   {QStringLiteral("--db"), freshDb(), QStringLiteral("--history-oldest-first"),
                    QStringLiteral("--history-newest-first")});
        QVERIFY(both.waitForFinished(10000));
        QCOMPARE(both.exitCode(), 2);
    }

    void kindAnswersCarryTheResource()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {QStringLiteral("--kind-answers")}));
        const QJsonObject bundle =
            testBundle(QStringLiteral("transaction"),
                       QJsonArray{bundleEntry(QStringLiteral("POST"), QStringLiteral("Patient"),
                                              patient(QStringLiteral("k")))});
        const QJsonObject entry = m_client.post(server.base(), bundle)
                                      .json()
                                      .value(QLatin1String("entry"))
                                      .toArray()
                                      .at(0)
                                      .toObject();
        QCOMPARE(
            entry.value(QLatin1String("resource")).toObject().value(QLatin1String("resourceType")).toString(),
            QStringLiteral("Patient"));
        QVERIFY(entry.value(QLatin1String("fullUrl")).toString().startsWith(server.base()));
        const QJsonObject minimal = m_client.post(server.base(), bundle, {{"Prefer", "return=minimal"}})
                                        .json()
                                        .value(QLatin1String("entry"))
                                        .toArray()
                                        .at(0)
                                        .toObject();
        QVERIFY(!minimal.contains(QLatin1String("resource")));
    }

    void noValidationAcceptsWhatR4Refuses()
    {
        const QJsonObject invalid{
            {QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
            {QStringLiteral("status"), QStringLiteral("completed")},
            {QStringLiteral("dosage"), QJsonObject{{QStringLiteral("text"), QStringLiteral("1")}}},
            {QStringLiteral("chevetSlot"), 3}};
        DpiServer strict;
        QVERIFY(strict.start(freshDb()));
        QCOMPARE(m_client.post(strict.url(QStringLiteral("MedicationAdministration")), invalid).status, 422);
        DpiServer kind;
        QVERIFY(kind.start(freshDb(), {QStringLiteral("--no-validation")}));
        QCOMPARE(m_client.post(kind.url(QStringLiteral("MedicationAdministration")), invalid).status, 201);
    }

    void randomIdsAreUniqueAcrossTypes()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {QStringLiteral("--random-ids")}));
        const QString id = m_client.post(server.url(QStringLiteral("Patient")), patient(QStringLiteral("r")))
                               .json()
                               .value(QLatin1String("id"))
                               .toString();
        static const QRegularExpression random(QStringLiteral("^[a-z0-9]{16}$"));
        QVERIFY2(random.match(id).hasMatch(), qPrintable(id));
        // Client ids that are numbers are nobody's here: update-as-create takes them.
        QJsonObject named = patient(QStringLiteral("n"));
        named.insert(QStringLiteral("id"), QStringLiteral("7"));
        QCOMPARE(m_client.put(server.url(QStringLiteral("Patient/7")), named).status, 201);
    }

    void conflictRateAnswers409BeforeDoingAnything()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {QStringLiteral("--conflict-rate"), QStringLiteral("1")}));
        const DpiReply refused =
            m_client.post(server.url(QStringLiteral("Patient")), patient(QStringLiteral("c")));
        QCOMPARE(refused.status, 409);
        QVERIFY(refused.isOutcome());
        QCOMPARE(refused.issueCode(), QStringLiteral("conflict"));
        const HeaderPairs exempt = {{"X-Chevet-No-Fault", "1"}};
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("Patient")), exempt), 0);
        QCOMPARE(
            m_client.post(server.url(QStringLiteral("Patient")), patient(QStringLiteral("c")), exempt).status,
            201);
    }

    void proxyFaultsAnswerHtml()
    {
        const QJsonObject bundle = testBundle(
            QStringLiteral("batch"), QJsonArray{bundleEntry(QStringLiteral("POST"), QStringLiteral("Patient"),
                                                            patient(QStringLiteral("h")))});
        const HeaderPairs exempt = {{"X-Chevet-No-Fault", "1"}};
        DpiServer tooLarge;
        QVERIFY(tooLarge.start(freshDb(), {QStringLiteral("--html-413-rate"), QStringLiteral("1")}));
        const DpiReply refused = m_client.post(tooLarge.base(), bundle);
        QCOMPARE(refused.status, 413);
        QVERIFY(refused.header("Content-Type").startsWith("text/html"));
        QCOMPARE(refused.body, QByteArray("<html><body><h1>413 Request Entity Too Large</h1></body></html>"));
        // Only bundles meet it; and the test door passes it.
        QCOMPARE(m_client.post(tooLarge.url(QStringLiteral("Patient")), patient(QStringLiteral("h"))).status,
                 201);
        QCOMPARE(m_client.post(tooLarge.base(), bundle, exempt).status, 200);

        DpiServer badGateway;
        QVERIFY(badGateway.start(freshDb(), {QStringLiteral("--html-502-rate"), QStringLiteral("1")}));
        const DpiReply gateway = m_client.get(badGateway.url(QStringLiteral("Patient")));
        QCOMPARE(gateway.status, 502);
        QVERIFY(gateway.header("Content-Type").startsWith("text/html"));
        QVERIFY(gateway.body.startsWith("<html>"));
        QCOMPARE(m_client.get(badGateway.url(QStringLiteral("Patient")), exempt).status, 200);

        DpiServer limited;
        QVERIFY(limited.start(freshDb(), {QStringLiteral("--max-body-bytes"), QStringLiteral("300")}));
        QCOMPARE(m_client.post(limited.url(QStringLiteral("Patient")), patient(QStringLiteral("s"))).status,
                 201);
        QJsonArray many;
        for (int i = 0; i < 5; ++i)
            many.append(bundleEntry(QStringLiteral("POST"), QStringLiteral("Patient"),
                                    patient(QStringLiteral("big-%1").arg(i))));
        const DpiReply big = m_client.post(limited.base(), testBundle(QStringLiteral("batch"), many));
        QCOMPARE(big.status, 413);
        QVERIFY(big.header("Content-Type").startsWith("text/html"));
        QCOMPARE(searchTotal(m_client, limited.url(QStringLiteral("Patient"))), 1);
        QCOMPARE(m_client.post(limited.base(), testBundle(QStringLiteral("batch"), many), exempt).status,
                 200);
    }

    void poisonIdentifierFailsItsTransactionOrItsBatchEntry()
    {
        DpiServer server;
        QVERIFY(server.start(freshDb(), {QStringLiteral("--poison-identifier"), QStringLiteral("poison")}));
        const QJsonArray entries{
            bundleEntry(QStringLiteral("POST"), QStringLiteral("Patient"), patient(QStringLiteral("fine"))),
            bundleEntry(QStringLiteral("POST"), QStringLiteral("Patient"), patient(QStringLiteral("poison"))),
        };
        const DpiReply whole =
            m_client.post(server.base(), testBundle(QStringLiteral("transaction"), entries));
        QCOMPARE(whole.status, 500);
        QVERIFY(whole.isOutcome());
        QVERIFY2(whole.diagnostics().contains(QLatin1String("Bundle.entry[1]")),
                 qPrintable(whole.diagnostics()));
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("Patient"))), 0);

        const DpiReply batch = m_client.post(server.base(), testBundle(QStringLiteral("batch"), entries));
        QCOMPARE(batch.status, 200);
        const QJsonArray results = batch.json().value(QLatin1String("entry")).toArray();
        const auto status = [&results](int i) {
            return results.at(i)
                .toObject()
                .value(QLatin1String("response"))
                .toObject()
                .value(QLatin1String("status"))
                .toString();
        };
        QCOMPARE(status(0), QStringLiteral("201 Created"));
        QCOMPARE(status(1), QStringLiteral("500 Internal Server Error"));
        QCOMPARE(searchTotal(m_client, server.url(QStringLiteral("Patient"))), 1);

        QCOMPARE(
            m_client.post(server.url(QStringLiteral("Patient")), patient(QStringLiteral("poison"))).status,
            500);
        QCOMPARE(m_client
                     .post(server.url(QStringLiteral("Patient")), patient(QStringLiteral("poison")),
                           {{"X-Chevet-No-Fault", "1"}})
                     .status,
                 201);
    }

    void advertisedBaseIsInEveryAbsoluteLink()
    {
        const QString advertised = QStringLiteral("http://localhost:9/fhir");
        DpiServer server;
        QVERIFY(
            server.start(freshDb(), {QStringLiteral("--advertised-base"), advertised + QLatin1Char('/')}));
        const DpiReply created =
            m_client.post(server.url(QStringLiteral("Patient")), patient(QStringLiteral("a1")));
        QVERIFY(created.header("Location").startsWith((advertised + QStringLiteral("/Patient/")).toUtf8()));
        QCOMPARE(m_client.post(server.url(QStringLiteral("Patient")), patient(QStringLiteral("a2"))).status,
                 201);
        const QJsonObject page = m_client.get(server.url(QStringLiteral("Patient?_count=1"))).json();
        QString next;
        for (const QJsonValue &link : page.value(QLatin1String("link")).toArray()) {
            const QString href = link.toObject().value(QLatin1String("url")).toString();
            QVERIFY2(href.startsWith(advertised + QLatin1Char('/')), qPrintable(href));
            if (link.toObject().value(QLatin1String("relation")).toString() == QLatin1String("next"))
                next = href;
        }
        QVERIFY(!next.isEmpty());
        const QString fullUrl = page.value(QLatin1String("entry"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QLatin1String("fullUrl"))
                                    .toString();
        QVERIFY2(fullUrl.startsWith(advertised + QStringLiteral("/Patient/")), qPrintable(fullUrl));
        // The link is right but for its origin: on the real base it gives the second page.
        const DpiReply second = m_client.get(server.base() + next.mid(advertised.size()));
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json().value(QLatin1String("entry")).toArray().size(), 1);

        QProcess bad;
        bad.start(
            QStringLiteral(CHEVET_DPI_PATH),
            {QStringLiteral("--db"), freshDb(), QStringLiteral("--advertised-base"), QStringLiteral("fhir")});
        QVERIFY(bad.waitForFinished(10000));
        QCOMPARE(bad.exitCode(), 2);
    }

    void nonLoopbackNeedsAllowRemote()
    {
        QProcess process;
        process.start(
            QStringLiteral(CHEVET_DPI_PATH),
            {QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"), QStringLiteral("--db"), freshDb()});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("--allow-remote"));
    }
};

QTEST_GUILESS_MAIN(TestChevetDpiFlags)
#include "tst_chevetdpiflags.moc"
