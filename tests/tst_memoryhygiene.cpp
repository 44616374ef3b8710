// Security review F10: once a store is closed (the app locks), neither the nurse's PIN nor the device
// secret is left readable in the process's memory, where a memory image or a later heap read would
// recover them and, through them, every patient (F4). The test keeps both only masked, and unmasks
// them into the buffers it hands to the store and wipes itself, so a match can only be the engine's.
// A guard for the engine's own path: it passed on the code before the wiping too (a freed block there
// was reused before the scan); tst_sessionmemory, through the app, is the one that failed then.
#include "memoryscan.h"
#include "storefixture.h"

#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

class TestMemoryHygiene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aClosedStoreLeavesNoPinOrDeviceSecretInMemory()
    {
        quietStoreInfoLogs();
        // Unlikely byte strings; the literals sit in read-only memory, which the scan leaves out.
        const QByteArray maskedPin = masked(QByteArrayLiteral("9061734285"));
        // A long device secret: a freed small buffer is soon reused by the scan's own allocations,
        // which would hide a copy left unwiped; a large one stays where it was.
        QByteArray longSecret = QByteArrayLiteral("dev-secret:Qm7#pLx2!vR9@tK4$wZ8^nB3").repeated(120);
        const QByteArray maskedSecret = masked(longSecret);
        wipe(longSecret);
        QCOMPARE(occurrences(maskedPin), 0);
        QCOMPARE(occurrences(maskedSecret), 0);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hygiene.chevet"));
        for (const bool create : {true, false}) {
            StoreOptions options;
            options.path = path;
            options.pin = unmasked(maskedPin);
            options.deviceSecret = unmasked(maskedSecret);
            options.author = QStringLiteral("nurse-a");
            options.establishment = QStringLiteral("urn:oid:2.999.250.1");
            options.kdf = kTestKdf;
            {
                Result<std::unique_ptr<Store>> store = create ? Store::create(options) : Store::open(options);
                QVERIFY2(store, qPrintable(errorText(store)));
                QVERIFY(occurrences(maskedSecret) > 0); // the scan does see it while it is in use
                // Let go of the test's own copies first: the store is then the last holder, as in the
                // app (wipe() only releases a buffer still shared).
                wipe(options.pin);
                wipe(options.deviceSecret);
            }
            QCOMPARE(occurrences(maskedPin), 0);
            QCOMPARE(occurrences(maskedSecret), 0);
        }
    }
};

QTEST_MAIN(TestMemoryHygiene)
#include "tst_memoryhygiene.moc"
