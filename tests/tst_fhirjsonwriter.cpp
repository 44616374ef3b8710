// The stand-in DPI's JSON writer (every answer goes through it): valid JSON that reads back to the same
// value, FHIR's leading elements first, numbers as Qt writes them. Rewritten for speed (issue "weak
// links" item 3: it wrapped every key and scalar in a QJsonDocument of its own).
#include "fhirjson.h"
#include "resourcestore.h"
#include "searchquery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
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
            // A note cut in the middle of an emoji: lone surrogates must read back, not turn into '?'.
            {QStringLiteral("loneHigh"), QStringLiteral("ok ") + QChar(0xd83d)},
            {QStringLiteral("loneLow"), QChar(0xdc89) + QStringLiteral(" ok")},
            {QStringLiteral("reversedPair"),
             QString(QChar(0xdc89)) + QChar(0xd83d) + QStringLiteral("\U0001F489")},
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
        const QJsonObject value{
            {QStringLiteral("v"), QJsonArray{36.6, 120, 0.1, 98.6, 1e-7, -0.5, 12.0, 1e15, -0.0, 1e20,
                                             qint64(9007199254740993LL), 1e300}}};
        const QByteArray qt = QJsonDocument(value).toJson(QJsonDocument::Compact);
        QCOMPARE(toFhirJson(value, false), qt);
    }

    // A search's total is kept between its pages; a transaction rolled back (a transaction bundle with a
    // failing entry) must not leave a total that counted its writes (review of the count cache).
    void aRolledBackWriteDoesNotStayInASearchTotal()
    {
        QTemporaryDir dir;
        ResourceStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("dpi.db"))));
        const auto patient = [](const QString &id) {
            return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                               {QStringLiteral("id"), id}};
        };
        QVERIFY(store.begin());
        QVERIFY(store.write(QStringLiteral("Patient"), QStringLiteral("1"), QStringLiteral("PUT"),
                            patient(QStringLiteral("1"))));
        QVERIFY(store.write(QStringLiteral("Patient"), QStringLiteral("2"), QStringLiteral("PUT"),
                            patient(QStringLiteral("2"))));
        QVERIFY(store.commit());
        SearchQuery all;
        all.type = QStringLiteral("Patient");
        all.count = 1;
        auto before = store.search(all);
        QVERIFY(before);
        QCOMPARE(before->total, qint64(2));

        QVERIFY(store.begin());
        QVERIFY(store.write(QStringLiteral("Patient"), QStringLiteral("3"), QStringLiteral("PUT"),
                            patient(QStringLiteral("3"))));
        auto inside = store.search(all);
        QVERIFY(inside);
        QCOMPARE(inside->total, qint64(3));
        store.rollback();
        auto after = store.search(all);
        QVERIFY(after);
        QCOMPARE(after->total, qint64(2));
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
