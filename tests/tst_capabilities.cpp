// What the sync engine learns from a server's CapabilityStatement.
#include "fhir/capabilities.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace chevet;
using namespace chevet::fhir;

namespace {

QJsonObject load()
{
    QFile f(QStringLiteral(CHEVET_TEST_DATA "/fhir/capabilitystatement.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

QSet<QString> set(std::initializer_list<const char *> names)
{
    QSet<QString> out;
    for (const char *n : names)
        out.insert(QString::fromLatin1(n));
    return out;
}

QJsonObject serverRest(const QJsonObject &statement)
{
    return statement.value(QLatin1String("rest")).toArray().at(1).toObject();
}

QJsonObject withServerRest(QJsonObject statement, const QJsonObject &rest)
{
    QJsonArray rests = statement.value(QLatin1String("rest")).toArray();
    rests.replace(1, rest);
    statement.insert(QLatin1String("rest"), rests);
    return statement;
}

} // namespace

class TestCapabilities : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheServerPart()
    {
        const Result<ServerCapabilities> caps = parseCapabilityStatement(load());
        QVERIFY2(caps.ok(), qPrintable(caps.ok() ? QString() : caps.error().toString()));
        QCOMPARE(caps->fhirVersion, QStringLiteral("4.0.1"));
        QVERIFY(caps->transactions);
        QVERIFY(!caps->batches); // only the client part mentions batch
        QCOMPARE(caps->typeHistory, set({"Patient", "Observation"}));
        QCOMPARE(caps->searchable, set({"Patient", "Observation", "MedicationAdministration", "Task"}));
        QCOMPARE(caps->conditionalCreate, set({"Observation", "MedicationAdministration"}));
        QCOMPARE(caps->maxBundleEntries, 50);
    }

    void batchOnlyServerWithoutLimit()
    {
        QJsonObject rest = serverRest(load());
        rest.insert(QLatin1String("interaction"),
                    QJsonArray{QJsonObject{{QLatin1String("code"), QStringLiteral("batch")}}});
        rest.remove(QLatin1String("extension"));
        const Result<ServerCapabilities> caps = parseCapabilityStatement(withServerRest(load(), rest));
        QVERIFY(caps.ok());
        QVERIFY(!caps->transactions);
        QVERIFY(caps->batches);
        QCOMPARE(caps->maxBundleEntries, 0);
    }

    void statementWithoutServerPart()
    {
        QJsonObject statement = load();
        statement.remove(QLatin1String("rest"));
        const Result<ServerCapabilities> caps = parseCapabilityStatement(statement);
        QVERIFY(caps.ok());
        QVERIFY(!caps->transactions && !caps->batches);
        QVERIFY(caps->typeHistory.isEmpty() && caps->searchable.isEmpty() &&
                caps->conditionalCreate.isEmpty());
    }

    void malformed_data()
    {
        QTest::addColumn<QJsonObject>("statement");
        QTest::addColumn<QString>("expected");
        const QJsonObject good = load();
        QJsonObject notCaps = good;
        notCaps.insert(QLatin1String("resourceType"), QStringLiteral("Bundle"));
        QTest::newRow("not a CapabilityStatement")
            << notCaps << QStringLiteral("CapabilityStatement.resourceType");

        QJsonObject restObject = good;
        restObject.insert(QLatin1String("rest"), QJsonObject());
        QTest::newRow("rest an object")
            << restObject << QStringLiteral("CapabilityStatement.rest: expected an array");

        QJsonObject rest = serverRest(good);
        QJsonArray resources = rest.value(QLatin1String("resource")).toArray();
        QJsonObject observation = resources.at(1).toObject();
        observation.insert(QLatin1String("conditionalCreate"), QStringLiteral("true"));
        resources.replace(1, observation);
        rest.insert(QLatin1String("resource"), resources);
        QTest::newRow("conditionalCreate a string")
            << withServerRest(good, rest)
            << QStringLiteral(
                   "CapabilityStatement.rest[1].resource[1].conditionalCreate: expected a boolean");

        QJsonObject limit = serverRest(good);
        limit.insert(
            QLatin1String("extension"),
            QJsonArray{QJsonObject{{QLatin1String("url"), QString::fromLatin1(kMaxBundleEntriesExtension)},
                                   {QLatin1String("valueInteger"), 0}}});
        QTest::newRow("limit zero") << withServerRest(good, limit)
                                    << QStringLiteral(
                                           "CapabilityStatement.rest[1].extension[0].valueInteger");

        QJsonObject untyped = serverRest(good);
        untyped.insert(QLatin1String("resource"),
                       QJsonArray{QJsonObject{{QLatin1String("interaction"), QJsonArray()}}});
        QTest::newRow("resource without type")
            << withServerRest(good, untyped)
            << QStringLiteral("CapabilityStatement.rest[1].resource[0].type");

        QJsonObject noCode = serverRest(good);
        noCode.insert(QLatin1String("interaction"),
                      QJsonArray{QJsonObject{{QLatin1String("documentation"), QStringLiteral("x")}}});
        QTest::newRow("interaction without code")
            << withServerRest(good, noCode)
            << QStringLiteral("CapabilityStatement.rest[1].interaction[0].code");
    }

    void malformed()
    {
        QFETCH(QJsonObject, statement);
        QFETCH(QString, expected);
        const Result<ServerCapabilities> caps = parseCapabilityStatement(statement);
        QVERIFY(!caps.ok());
        QCOMPARE(caps.error().domain, ErrorDomain::Fhir);
        QVERIFY2(caps.error().message.startsWith(expected), qPrintable(caps.error().message));
    }
};

QTEST_GUILESS_MAIN(TestCapabilities)
#include "tst_capabilities.moc"
