// The stand-in DPI's JSON writer (every answer goes through it): valid JSON that reads back to the same
// value, FHIR's leading elements first, numbers as Qt writes them. Rewritten for speed (issue "weak
// links" item 3: it wrapped every key and scalar in a QJsonDocument of its own).
#include "fhirjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace chevet::dpi;

class TestFhirJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsBackToTheSameValue_data()
    {
        QTest::addColumn<QJsonObject>("value");
        QTest::newRow("scalars") << QJsonObject{
            {QStringLiteral("int"), 42},           {QStringLiteral("negative"), -7},
            {QStringLiteral("decimal"), 36.6},     {QStringLiteral("tiny"), 1e-7},
            {QStringLiteral("huge"), 1e300},       {QStringLiteral("wholeButBeyond64Bits"), 1e20},
            {QStringLiteral("true"), true},        {QStringLiteral("false"), false},
            {QStringLiteral("null"), QJsonValue()}};
        QTest::newRow("escapes") << QJsonObject{
            {QStringLiteral("quote\"key"), QStringLiteral("say \"hi\"")},
            {QStringLiteral("backslash"), QStringLiteral("C:\\temp\\")},
            {QStringLiteral("controls"),
             QStringLiteral("a\nb\rc\td") + QChar(0x01) + QChar(0x1f) + QChar(0x08)},
            {QStringLiteral("unicode"), QStringLiteral("Hélène – 体温 ✓ \U0001F489")},
            {QStringLiteral("empty"), QString()}};
        QTest::newRow("nested") << QJsonObject{
            {QStringLiteral("a"),
             QJsonArray{1, QStringLiteral("two"), QJsonObject{{QStringLiteral("x"), 3.5}}, QJsonArray{},
                        QJsonObject{}}},
            {QStringLiteral("b"), QJsonObject{{QStringLiteral("c"), QJsonArray{QJsonArray{true}}}}}};
    }

    void readsBackToTheSameValue()
    {
        QFETCH(QJsonObject, value);
        for (const bool pretty : {false, true}) {
            QJsonParseError error;
            const QJsonDocument read = QJsonDocument::fromJson(toFhirJson(value, pretty), &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(read.object(), value);
        }
    }

    void numbersAreWrittenAsQtWritesThem()
    {
        const QJsonObject value{{QStringLiteral("v"), QJsonArray{36.6, 120, 0.1, 98.6, 1e-7, -0.5, 12.0}}};
        const QByteArray qt = QJsonDocument(value).toJson(QJsonDocument::Compact);
        QCOMPARE(toFhirJson(value, false), qt);
    }

    void resourceTypeIdAndMetaComeFirst()
    {
        const QJsonObject resource{
            {QStringLiteral("status"), QStringLiteral("final")},
            {QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), QStringLiteral("2")}}},
            {QStringLiteral("id"), QStringLiteral("obs-1")},
            {QStringLiteral("code"), QJsonObject{{QStringLiteral("text"), QStringLiteral("SpO2")}}},
            {QStringLiteral("resourceType"), QStringLiteral("Observation")}};
        QCOMPARE(toFhirJson(resource, false),
                 QByteArrayLiteral(R"({"resourceType":"Observation","id":"obs-1","meta":{"versionId":"2"},)"
                                   R"("code":{"text":"SpO2"},"status":"final"})"));
    }
};

QTEST_GUILESS_MAIN(TestFhirJsonWriter)
#include "tst_fhirjsonwriter.moc"
