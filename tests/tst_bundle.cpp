// Transaction bundles we build, and the transaction-response, history and searchset bundles we read.
#include "fhir/bundle.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace chevet;
using namespace chevet::fhir;

namespace {

QJsonObject load(const QString &file)
{
    QFile f(QStringLiteral(CHEVET_TEST_DATA "/fhir/") + file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

qint64 at(const char *iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

template<typename T> std::optional<Error> errorOf(const Result<T> &result)
{
    return result.ok() ? std::nullopt : std::optional<Error>(result.error());
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

class TestBundle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transactionMatchesReference()
    {
        const QString clientId = QStringLiteral("urn:uuid:3f2a9c1e-5b7d-4e8f-a1c2-d3e4f5a6b7c8");
        BundleRequest create;
        create.fullUrl = clientId;
        create.resource = {{QLatin1String("resourceType"), QStringLiteral("Observation")},
                           {QLatin1String("status"), QStringLiteral("final")}};
        create.method = QStringLiteral("POST");
        create.url = QStringLiteral("Observation");
        create.ifNoneExist = QStringLiteral("identifier=urn:ietf:rfc:3986|") + clientId;
        BundleRequest update;
        update.resource = {{QLatin1String("resourceType"), QStringLiteral("Task")},
                           {QLatin1String("id"), QStringLiteral("task-88")},
                           {QLatin1String("status"), QStringLiteral("completed")}};
        update.method = QStringLiteral("PUT");
        update.url = QStringLiteral("Task/task-88");
        update.ifMatch = etagForVersion(QStringLiteral("4"));

        const QJsonObject transaction = makeTransaction({create, update}, true);
        const QJsonObject expected = load(QStringLiteral("transaction.json"));
        QVERIFY2(transaction == expected, qPrintable(compact(transaction)));

        QJsonObject batch = expected;
        batch.insert(QLatin1String("type"), QStringLiteral("batch"));
        QCOMPARE(makeTransaction({create, update}, false), batch);
        QCOMPARE(makeTransaction({}, true).value(QLatin1String("entry")).toArray().size(), 0);
    }

    void transactionResponse()
    {
        const Result<QList<BundleResponse>> parsed =
            parseTransactionResponse(load(QStringLiteral("transaction-response.json")));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
        QCOMPARE(parsed->size(), 3);

        const BundleResponse &created = parsed->at(0);
        QCOMPARE(created.status, 201);
        QCOMPARE(created.location, QStringLiteral("Observation/obs-900/_history/1"));
        QCOMPARE(versionFromEtag(created.etag), QStringLiteral("1"));
        QCOMPARE(created.lastModifiedMs, at("2024-03-05T08:32:00.000Z"));
        QCOMPARE(created.resource.value(QLatin1String("id")).toString(), QStringLiteral("obs-900"));
        QVERIFY(created.outcome.isEmpty());

        const BundleResponse &updated = parsed->at(1);
        QCOMPARE(updated.status, 200);
        QCOMPARE(parseLocation(updated.location).version, QStringLiteral("5"));
        QCOMPARE(updated.lastModifiedMs, at("2024-03-05T08:32:00.250Z"));
        QVERIFY(updated.resource.isEmpty());

        const BundleResponse &conflict = parsed->at(2);
        QCOMPARE(conflict.status, 412);
        QCOMPARE(outcomeText(conflict.outcome),
                 QStringLiteral("error conflict: version 6 is current, not 5"));
        QCOMPARE(conflict.lastModifiedMs, 0);
    }

    void batchResponseIsAccepted()
    {
        QJsonObject json = load(QStringLiteral("transaction-response.json"));
        json.insert(QLatin1String("type"), QStringLiteral("batch-response"));
        QVERIFY(parseTransactionResponse(json).ok());
    }

    void historyWithDeletionAndNextPage()
    {
        const Result<ParsedBundle> parsed = parseBundle(load(QStringLiteral("history.json")));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
        QCOMPARE(parsed->type, QStringLiteral("history"));
        QCOMPARE(parsed->total, 3);
        QCOMPARE(parsed->next,
                 QStringLiteral(
                     "https://dpi.example/fhir/Observation/_history?_since=2024-03-05T00:00:00Z&_page=2"));
        QCOMPARE(parsed->entries.size(), 3);
        QCOMPARE(parsed->entries.at(0).method, QStringLiteral("PUT"));
        QCOMPARE(parsed->entries.at(0).resource.value(QLatin1String("status")).toString(),
                 QStringLiteral("amended"));

        const BundleEntry &deleted = parsed->entries.at(1);
        QCOMPARE(deleted.method, QStringLiteral("DELETE"));
        QCOMPARE(deleted.url, QStringLiteral("Observation/obs-77"));
        QVERIFY(deleted.resource.isEmpty());
        QCOMPARE(parseLocation(deleted.url).id, QStringLiteral("obs-77"));

        QCOMPARE(parsed->entries.at(2).method, QStringLiteral("POST"));
        QCOMPARE(parsed->entries.at(2).fullUrl,
                 QStringLiteral("https://dpi.example/fhir/Observation/obs-901"));
    }

    void searchsetLastPage()
    {
        const Result<ParsedBundle> parsed = parseBundle(load(QStringLiteral("searchset.json")));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->type, QStringLiteral("searchset"));
        QCOMPARE(parsed->total, 1);
        QVERIFY(parsed->next.isEmpty());
        QCOMPARE(parsed->entries.size(), 2);
        QCOMPARE(parsed->entries.at(0).searchMode, QStringLiteral("match"));
        QCOMPARE(parsed->entries.at(1).searchMode, QStringLiteral("include"));
        QCOMPARE(parsed->entries.at(1).resource.value(QLatin1String("resourceType")).toString(),
                 QStringLiteral("Patient"));
        QVERIFY(parsed->entries.at(0).method.isEmpty());

        QJsonObject withoutTotal = load(QStringLiteral("searchset.json"));
        withoutTotal.remove(QLatin1String("total"));
        withoutTotal.remove(QLatin1String("entry"));
        const Result<ParsedBundle> empty = parseBundle(withoutTotal);
        QVERIFY(empty.ok());
        QCOMPARE(empty->total, -1);
        QVERIFY(empty->entries.isEmpty());
    }

    void malformedBundles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *file, const char *key, const QJsonValue &value,
                      const char *expected) {
            QTest::newRow(name) << QString::fromLatin1(file) << QString::fromLatin1(key) << value
                                << QString::fromLatin1(expected);
        };
        const QJsonObject noStatus{
            {QLatin1String("response"), QJsonObject{{QLatin1String("location"), QStringLiteral("x")}}}};
        const QJsonObject textStatus{
            {QLatin1String("response"), QJsonObject{{QLatin1String("status"), QStringLiteral("Created")}}}};
        const QJsonObject badTime{
            {QLatin1String("response"), QJsonObject{{QLatin1String("status"), QStringLiteral("200")},
                                                    {QLatin1String("lastModified"), QStringLiteral("now")}}}};
        row("not a bundle", "history.json", "resourceType", QStringLiteral("OperationOutcome"),
            "Bundle.resourceType");
        row("no type", "history.json", "type", QJsonValue(QJsonValue::Null),
            "Bundle.type: required element missing");
        row("total fractional", "history.json", "total", 2.5, "Bundle.total: expected an integer");
        row("entries an object", "history.json", "entry", QJsonObject(), "Bundle.entry: expected an array");
        row("entry a string", "history.json", "entry", QJsonArray{QStringLiteral("x")},
            "Bundle.entry[0]: expected an object");
        row("link without relation", "history.json", "link",
            QJsonArray{QJsonObject{{QLatin1String("url"), QStringLiteral("u")}}},
            "Bundle.link[0].relation: required element missing");
        row("resource an array", "history.json", "entry",
            QJsonArray{QJsonObject{{QLatin1String("resource"), QJsonArray()}}},
            "Bundle.entry[0].resource: expected an object");
        row("response to a history", "transaction-response.json", "type", QStringLiteral("history"),
            "Bundle.type: expected transaction-response or batch-response");
        row("response missing", "transaction-response.json", "entry", QJsonArray{QJsonObject()},
            "Bundle.entry[0].response: required element missing");
        row("status missing", "transaction-response.json", "entry", QJsonArray{noStatus},
            "Bundle.entry[0].response.status: required element missing");
        row("status without code", "transaction-response.json", "entry", QJsonArray{textStatus},
            "Bundle.entry[0].response.status: expected an HTTP status");
        row("lastModified garbage", "transaction-response.json", "entry", QJsonArray{badTime},
            "Bundle.entry[0].response.lastModified: expected a dateTime");
    }

    void malformedBundles()
    {
        QFETCH(QString, file);
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QJsonObject json = load(file);
        json.insert(key, value);
        const bool response = file == QLatin1String("transaction-response.json");
        const std::optional<Error> error =
            response ? errorOf(parseTransactionResponse(json)) : errorOf(parseBundle(json));
        QVERIFY2(error, "accepted");
        QCOMPARE(error->domain, ErrorDomain::Fhir);
        QCOMPARE(error->code, ErrorCode(FhirReadError::Malformed));
        QVERIFY2(error->message.startsWith(expected), qPrintable(error->message));
    }

    void etags_data()
    {
        QTest::addColumn<QString>("etag");
        QTest::addColumn<QString>("version");
        QTest::newRow("weak") << QStringLiteral("W/\"3\"") << QStringLiteral("3");
        QTest::newRow("strong") << QStringLiteral("\"3\"") << QStringLiteral("3");
        QTest::newRow("opaque") << QStringLiteral("W/\"a1-b2\"") << QStringLiteral("a1-b2");
        QTest::newRow("padded") << QStringLiteral(" W/\"7\" ") << QStringLiteral("7");
        QTest::newRow("unquoted") << QStringLiteral("12") << QStringLiteral("12");
        QTest::newRow("empty") << QString() << QString();
    }

    void etags()
    {
        QFETCH(QString, etag);
        QFETCH(QString, version);
        QCOMPARE(versionFromEtag(etag), version);
        if (!version.isEmpty() && etag.trimmed().startsWith(QLatin1String("W/")))
            QCOMPARE(etagForVersion(version), etag.trimmed());
    }

    void locations_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("version");
        QTest::newRow("relative") << QStringLiteral("Observation/123/_history/2")
                                  << QStringLiteral("Observation") << QStringLiteral("123")
                                  << QStringLiteral("2");
        QTest::newRow("absolute") << QStringLiteral("https://dpi.example/fhir/Observation/123/_history/2")
                                  << QStringLiteral("Observation") << QStringLiteral("123")
                                  << QStringLiteral("2");
        QTest::newRow("no version") << QStringLiteral("Patient/p-1") << QStringLiteral("Patient")
                                    << QStringLiteral("p-1") << QString();
        QTest::newRow("query") << QStringLiteral("Task/t9/_history/4?_format=json") << QStringLiteral("Task")
                               << QStringLiteral("t9") << QStringLiteral("4");
        QTest::newRow("empty") << QString() << QString() << QString() << QString();
        QTest::newRow("garbage") << QStringLiteral("nonsense") << QString() << QString() << QString();
        QTest::newRow("history only") << QStringLiteral("_history/2") << QString() << QString() << QString();
    }

    void locations()
    {
        QFETCH(QString, location);
        QFETCH(QString, type);
        QFETCH(QString, id);
        QFETCH(QString, version);
        const Location parsed = parseLocation(location);
        QCOMPARE(parsed.type, type);
        QCOMPARE(parsed.id, id);
        QCOMPARE(parsed.version, version);
    }

    void outcomes_data()
    {
        QTest::addColumn<QJsonObject>("outcome");
        QTest::addColumn<QString>("text");
        const auto issue = [](const char *severity, const char *code, const QJsonObject &extra = {}) {
            QJsonObject i = extra;
            i.insert(QLatin1String("severity"), QString::fromLatin1(severity));
            i.insert(QLatin1String("code"), QString::fromLatin1(code));
            return i;
        };
        const auto outcome = [](const QJsonArray &issues) {
            return QJsonObject{{QLatin1String("resourceType"), QStringLiteral("OperationOutcome")},
                               {QLatin1String("issue"), issues}};
        };
        QTest::newRow("made") << makeOutcome(QStringLiteral("error"), QStringLiteral("invalid"),
                                             QStringLiteral("bad date"))
                              << QStringLiteral("error invalid: bad date");
        QTest::newRow("details text")
            << outcome({issue("error", "processing",
                              {{QLatin1String("details"),
                                QJsonObject{{QLatin1String("text"), QStringLiteral("unknown code")}}}})})
            << QStringLiteral("error processing: unknown code");
        QTest::newRow("two issues") << outcome(
                                           {issue("error", "required"), issue("warning", "informational")})
                                    << QStringLiteral("error required; warning informational");
        QTest::newRow("empty") << QJsonObject() << QString();
    }

    void outcomes()
    {
        QFETCH(QJsonObject, outcome);
        QFETCH(QString, text);
        QCOMPARE(outcomeText(outcome), text);
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"
