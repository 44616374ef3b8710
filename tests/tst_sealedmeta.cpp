// SealedMeta: small secrets in the store's meta table, sealed: never in clear in the file, bound to
// their key, gone when removed, and readable again after the store is reopened with the PIN.
#include "store/sealedmeta.h"
#include "storefixture.h"

#include <QFile>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

class TestSealedMeta : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void sealedAtRestAndReadBack()
    {
        StoreFixture f;
        QVERIFY(f.isValid());
        CHEVET_VERIFY_OK(f.create());
        const QByteArray secret = QByteArrayLiteral("refresh-token-ZXCVBNM-123456");
        {
            SealedMeta meta(*f.store());
            CHEVET_VERIFY_OK(meta.setValue(QStringLiteral("auth.session"), secret));
            Result<QByteArray> back = meta.value(QStringLiteral("auth.session"));
            CHEVET_VERIFY_OK(back);
            QCOMPARE(*back, secret);
            Result<QByteArray> other = meta.value(QStringLiteral("auth.other"));
            CHEVET_VERIFY_OK(other);
            QVERIFY(other->isEmpty());
            // Moved under another key, the blob does not open.
            Result<QByteArray> raw = f->metaValue(QStringLiteral("sealed.auth.session"));
            CHEVET_VERIFY_OK(raw);
            CHEVET_VERIFY_OK(f->setMetaValue(QStringLiteral("sealed.auth.moved"), *raw));
            QVERIFY(!meta.value(QStringLiteral("auth.moved")));
        }
        f.close();
        QVERIFY(!readFile(f.path()).contains(secret));
        QVERIFY(!readFile(f.path() + QStringLiteral("-wal")).contains(secret));
        CHEVET_VERIFY_OK(f.open());
        SealedMeta meta(*f.store());
        Result<QByteArray> reopened = meta.value(QStringLiteral("auth.session"));
        CHEVET_VERIFY_OK(reopened);
        QCOMPARE(*reopened, secret);
        CHEVET_VERIFY_OK(meta.remove(QStringLiteral("auth.session")));
        Result<QByteArray> removed = meta.value(QStringLiteral("auth.session"));
        CHEVET_VERIFY_OK(removed);
        QVERIFY(removed->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSealedMeta)
#include "tst_sealedmeta.moc"
