// Security review F10, in the app: a nurse unlocks with her PIN (handed over as text, as QML does), and
// the session locks; then neither her PIN (as UTF-8 or as the UTF-16 text it came as) nor the device
// secret is left readable in the process's memory. What this covers is the app's C++ path, from the
// text it receives to the store; the strings the QML page and its JavaScript engine made of the PIN
// are the engine's to free, and are not covered (docs/security.md).
#include "../memoryscan.h"
#include "backend/appoptions.h"
#include "lifecycle/fakelifecyclesources.h"
#include "services/appservices.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace chevet::test;

namespace {

bool waitFor(const std::function<bool()> &condition, int ms = 30000)
{
    QDeadlineTimer deadline(ms);
    while (!condition() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return condition();
}

QByteArray utf16(const QByteArray &latin1)
{
    QByteArray out;
    for (char c : latin1)
        out.append(c).append('\0');
    return out;
}

} // namespace

class TestSessionMemory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void aLockedSessionLeavesNoPinOrDeviceSecretInMemory()
    {
        chevet::app::AppOptions options;
        options.dataDir = m_dir.path();
        options.units = {QStringLiteral("unit-cardio")};
        auto services = std::make_unique<AppServices>(
            options,
            std::make_unique<chevet::AppLifecycle>(std::make_unique<chevet::FakeApplicationStateSource>(),
                                                   std::make_unique<chevet::FakeScreenLockSource>()));
        SessionController *session = &services->session();
        const QByteArray maskedPin = masked(QByteArrayLiteral("80537194"));
        const QByteArray maskedPinText = masked(utf16(QByteArrayLiteral("80537194")));
        for (const bool enrol : {true, false}) {
            {
                QByteArray clear = unmasked(maskedPin);
                QString pin = QString::fromLatin1(clear);
                wipe(clear);
                if (enrol)
                    session->enrol(QStringLiteral("ide-martin"), pin, pin);
                else
                    session->unlock(QStringLiteral("ide-martin"), pin);
                // The caller's own text (in the app, the QML engine's string): not what is checked here.
                pin.fill(QLatin1Char('0'));
            }
            QVERIFY2(waitFor([&] { return session->phase() == SessionController::Unlocked; }),
                     qPrintable(session->error()));
            session->lock();
            QVERIFY(waitFor([&] { return !session->worker().isOpen(); }));
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);

            // Read unbuffered, into one array wiped at once: a QFile buffer would keep a copy here.
            QFile keyFile(QDir(m_dir.path()).filePath(QStringLiteral("device.key")));
            QVERIFY2(keyFile.open(QIODevice::ReadOnly | QIODevice::Unbuffered),
                     "the development key store keeps a file here");
            QByteArray secret(64, Qt::Uninitialized);
            secret.truncate(qsizetype(std::max<qint64>(0, keyFile.read(secret.data(), secret.size()))));
            keyFile.close();
            const QByteArray maskedSecret = masked(secret);
            wipe(secret);
            QCOMPARE(maskedSecret.size(), 32);

            QCOMPARE(occurrences(maskedPin), 0);
            QCOMPARE(occurrences(maskedPinText), 0);
            QCOMPARE(occurrences(maskedSecret), 0);
        }
    }
};

QTEST_MAIN(TestSessionMemory)
#include "tst_sessionmemory.moc"
