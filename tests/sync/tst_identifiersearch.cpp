// Security review F18: a search by IPP put the IPP in the URL, which the DPI's and its proxies' access
// logs keep. Searches by identifier go as POST Type/_search with the query in the body, against the
// stand-in and the independent FHIR server; a DPI without POST _search is asked by GET, once refused.
#include "hooktransport.h"
#include "store/patientrepository.h"
#include "syncfixture.h"

#include <QJsonDocument>
#include <QTest>

using namespace chevet;

namespace {

const QString kIpp = QStringLiteral("8804417");

QJsonObject dpiPatient(const QString &system)
{
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Patient")},
        {QStringLiteral("identifier"),
         QJsonArray{QJsonObject{
             {QStringLiteral("system"), system},
             {QStringLiteral("value"), kIpp},
             {QStringLiteral("type"),
              QJsonObject{
                  {QStringLiteral("coding"),
                   QJsonArray{QJsonObject{{QStringLiteral("system"),
                                           QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203")},
                                          {QStringLiteral("code"), QStringLiteral("PI")}}}}}}}}},
        {QStringLiteral("name"),
         QJsonArray{QJsonObject{{QStringLiteral("family"), QStringLiteral("Leclerc")},
                                {QStringLiteral("given"), QJsonArray{QStringLiteral("Anne")}}}}},
        {QStringLiteral("birthDate"), QStringLiteral("1941-06-30")}};
}

bool ippInUrl(const QList<HttpRequest> &requests)
{
    for (const HttpRequest &r : requests) {
        if (r.target.contains(kIpp) || QUrl::fromPercentEncoding(r.target.toUtf8()).contains(kIpp))
            return true;
    }
    return false;
}

int postSearches(const QList<HttpRequest> &requests)
{
    int n = 0;
    for (const HttpRequest &r : requests)
        n += r.method == "POST" && r.target.startsWith(QLatin1String("Patient/_search")) ? 1 : 0;
    return n;
}

} // namespace

class TestIdentifierSearch : public QObject
{
    Q_OBJECT

    // The DPI holds the patient; the nurse asks for her by IPP (a home-care visit). Returns the requests.
    void pullByIpp(DpiHarness::Mode mode, const HookTransport::Hook &hook, QList<HttpRequest> *requests)
    {
        QTemporaryDir folder;
        auto dpi = DpiHarness::start(mode, {}, folder.path());
        QVERIFY(dpi);
        Device device;
        const HttpResponse made = dpi->direct(
            "POST", QStringLiteral("Patient"),
            QJsonDocument(dpiPatient(device.store->establishment())).toJson(QJsonDocument::Compact));
        QCOMPARE(made.status, 201);
        HookTransport transport(dpi->transport(), hook);
        SyncScope scope;
        scope.patients = {kIpp};
        SyncRun run(*device.store, transport, scope);
        Result<SyncOutcome> outcome = run.run();
        QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().toString()));
        Result<std::optional<Patient>> pulled = device.store->patients().findByIpp(kIpp);
        QVERIFY(pulled);
        QVERIFY(pulled->has_value());
        QCOMPARE((*pulled)->family, QStringLiteral("Leclerc"));
        *requests = transport.requests;
    }

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void theIppStaysOutOfUrls_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("stand-in") << int(DpiHarness::Mode::Loopback);
        QTest::newRow("independent FHIR server") << int(DpiHarness::Mode::Independent);
    }
    void theIppStaysOutOfUrls()
    {
        QFETCH(int, mode);
        QList<HttpRequest> requests;
        pullByIpp(DpiHarness::Mode(mode), {}, &requests);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(postSearches(requests) >= 1);
        QVERIFY(!ippInUrl(requests));
    }

    void aDpiWithoutPostSearchIsAskedByGet()
    {
        QList<HttpRequest> requests;
        pullByIpp(
            DpiHarness::Mode::Loopback,
            [](HttpRequest &r, const HookTransport::Forward &forward) -> Result<HttpResponse> {
                if (r.method == "POST" && r.target.contains(QLatin1String("/_search"))) {
                    HttpResponse refused;
                    refused.status = 405;
                    refused.body = R"({"resourceType":"OperationOutcome","issue":[]})";
                    return refused;
                }
                return forward();
            },
            &requests);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(postSearches(requests), 1); // refused once, not asked again in the run
        QVERIFY(ippInUrl(requests));
    }
};

QTEST_GUILESS_MAIN(TestIdentifierSearch)
#include "tst_identifiersearch.moc"
