// Security review F4: on a Linux desktop the device secret lives in the Secret Service; a file beside
// the data (copied with it by anyone who copies the folder) only in a development build. A production
// build refuses rather than keep it in clear, and a secret once in the Secret Service never moves.
#include "keystore/keystorechoice.h"
#include "keystore/refusingdevicesecretstore.h"

#include <QTest>

using namespace chevet;

Q_DECLARE_METATYPE(chevet::KeyStoreChoice)
Q_DECLARE_METATYPE(chevet::BuildMode)

class TestKeyStoreChoice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void choice_data()
    {
        QTest::addColumn<BuildMode>("mode");
        QTest::addColumn<bool>("keyFile");
        QTest::addColumn<bool>("recorded");
        QTest::addColumn<bool>("available");
        QTest::addColumn<KeyStoreChoice>("expected");
        const auto P = BuildMode::Production, D = BuildMode::Development;
        QTest::newRow("production, Secret Service")
            << P << false << false << true << KeyStoreChoice::SecretService;
        QTest::newRow("production, none: refused") << P << false << false << false << KeyStoreChoice::Refused;
        QTest::newRow("production, a key file: refused")
            << P << true << false << true << KeyStoreChoice::Refused;
        QTest::newRow("production, recorded, not answering")
            << P << false << true << false << KeyStoreChoice::SecretService;
        QTest::newRow("development, none: file") << D << false << false << false << KeyStoreChoice::File;
        QTest::newRow("development, Secret Service")
            << D << false << false << true << KeyStoreChoice::SecretService;
        QTest::newRow("development, key file kept") << D << true << false << true << KeyStoreChoice::File;
        QTest::newRow("development, recorded never moves to a file")
            << D << false << true << false << KeyStoreChoice::SecretService;
    }
    void choice()
    {
        QFETCH(BuildMode, mode);
        QFETCH(bool, keyFile);
        QFETCH(bool, recorded);
        QFETCH(bool, available);
        QFETCH(KeyStoreChoice, expected);
        QCOMPARE(chooseKeyStore(mode, KeyStoreSituation{keyFile, recorded, available}), expected);
    }

    void theRefusalSaysWhyAndNeverGivesASecret()
    {
        RefusingDeviceSecretStore store(QStringLiteral("no keyring"));
        Result<QByteArray> secret = store.deviceSecret();
        QVERIFY(!secret);
        QCOMPARE(secret.error().code, ErrorCode(PlatformError::KeyStoreRequired));
        QCOMPARE(secret.error().message, QStringLiteral("no keyring"));
        QVERIFY(!secret.error().transient);
    }
};

QTEST_MAIN(TestKeyStoreChoice)
#include "tst_keystorechoice.moc"
