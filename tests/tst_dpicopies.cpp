// The DPI's copy of each pulled resource (the base of a three-way merge): kept as sealed CBOR since the
// pull got faster (issue "weak links" item 3); copies kept as JSON text by earlier versions still read,
// and a copy moved to another record or version in the file is refused.
#include "storefixture.h"

#include "crypto/keyring.h"
#include "crypto/sealer.h"
#include "store/dpicopies.h"
#include "store/storecontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

QJsonObject observation(const QString &versionId)
{
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Observation")},
        {QStringLiteral("id"), QStringLiteral("obs-17")},
        {QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), versionId}}},
        {QStringLiteral("status"), QStringLiteral("final")},
        {QStringLiteral("valueQuantity"),
         QJsonObject{{QStringLiteral("value"), 36.6}, {QStringLiteral("unit"), QStringLiteral("°C")}}},
        {QStringLiteral("component"), QJsonArray{QJsonObject{{QStringLiteral("count"), 3}}}},
        {QStringLiteral("extension"),
         QJsonArray{QJsonObject{{QStringLiteral("url"), QStringLiteral("https://dpi.example/unknown")},
                                {QStringLiteral("valueBoolean"), true}}}}};
}

} // namespace

class TestDpiCopies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void aCopyReadsBackAsTheDpiWroteIt()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        StoreContext &context = f->context();
        DpiCopies copies(context.db, context.keys.sealer());
        const QUuid record = QUuid::createUuid();
        CHEVET_VERIFY_OK(copies.put(record, QUuid::createUuid(), observation(QStringLiteral("4"))));
        Result<std::optional<DpiCopy>> read = copies.find(record);
        CHEVET_VERIFY_OK(read);
        QVERIFY(read->has_value());
        QCOMPARE((*read)->serverVersion, QStringLiteral("4"));
        QCOMPARE((*read)->resource, observation(QStringLiteral("4")));
    }

    void aCopyKeptAsJsonTextStillReads()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        StoreContext &context = f->context();
        const QUuid record = QUuid::createUuid();
        // As versions before CBOR sealed it: the compact JSON text, under the same label.
        const QByteArray label = QByteArrayLiteral("chevet-dpi-copy-v1|") +
                                 record.toString(QUuid::WithoutBraces).toUtf8() + QByteArrayLiteral("|4");
        Result<QByteArray> sealed = context.keys.sealer().seal(
            QJsonDocument(observation(QStringLiteral("4"))).toJson(QJsonDocument::Compact), label);
        CHEVET_VERIFY_OK(sealed);
        Result<Statement *> insert = context.db.cached("INSERT INTO dpi_copies (record_id, patient_id, "
                                                       "server_version, sealed) VALUES (?1, NULL, '4', ?2)");
        CHEVET_VERIFY_OK(insert);
        (*insert)->bind(1, record.toString(QUuid::WithoutBraces)).bind(2, *sealed);
        CHEVET_VERIFY_OK((*insert)->exec());

        DpiCopies copies(context.db, context.keys.sealer());
        Result<std::optional<DpiCopy>> read = copies.find(record);
        CHEVET_VERIFY_OK(read);
        QVERIFY(read->has_value());
        QCOMPARE((*read)->resource, observation(QStringLiteral("4")));
    }

    void aCopyMovedToAnotherRecordOrVersionIsRefused()
    {
        StoreFixture f;
        CHEVET_VERIFY_OK(f.create());
        StoreContext &context = f->context();
        DpiCopies copies(context.db, context.keys.sealer());
        const QUuid first = QUuid::createUuid();
        const QUuid second = QUuid::createUuid();
        CHEVET_VERIFY_OK(copies.put(first, {}, observation(QStringLiteral("4"))));
        CHEVET_VERIFY_OK(copies.put(second, {}, observation(QStringLiteral("1"))));
        CHEVET_VERIFY_OK(context.db.exec(
            QStringLiteral(
                "UPDATE dpi_copies SET sealed = (SELECT sealed FROM dpi_copies WHERE record_id = '%1') "
                "WHERE record_id = '%2'")
                .arg(first.toString(QUuid::WithoutBraces), second.toString(QUuid::WithoutBraces))));
        QVERIFY(!copies.find(second));
        CHEVET_VERIFY_OK(context.db.exec(
            QStringLiteral("UPDATE dpi_copies SET server_version = '5' WHERE record_id = '%1'")
                .arg(first.toString(QUuid::WithoutBraces))));
        QVERIFY(!copies.find(first));
    }
};

QTEST_GUILESS_MAIN(TestDpiCopies)
#include "tst_dpicopies.moc"
