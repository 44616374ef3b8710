// Security review F17: a refresh token the identity provider rotated during the last sync must be in
// the store when the tablet locks. It used to be saved by a queued call that ran after the lock had
// closed the store, so the store kept the old token, whose reuse the provider then treats as theft.
#include "backend/appoptions.h"
#include "net/tokenprovider.h"
#include "services/appservices.h"
#include "session/sessiongate.h"
#include "store/store.h"
#include "sync/storedsignin.h"

#include <QDeadlineTimer>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace chevet;

class TestSignInLock : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    const QString m_nurse = QStringLiteral("ide-martin");
    const QString m_pin = QStringLiteral("246813");

    std::unique_ptr<AppServices> m_services;

    SessionController *session() const { return &m_services->session(); }
    SignIn *signIn() const { return &m_services->signIn(); }
    static bool waitFor(const std::function<bool()> &condition, int ms = 20000)
    {
        QDeadlineTimer deadline(ms);
        while (!condition() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        return condition();
    }
    static TokenSet tokens(const QByteArray &refresh)
    {
        TokenSet t;
        t.accessToken = "access-" + refresh;
        t.refreshToken = refresh;
        t.obtainedAtMs = QDateTime::currentMSecsSinceEpoch();
        t.accessExpiresAtMs = t.obtainedAtMs + 3600000;
        t.refreshExpiresAtMs = t.obtainedAtMs + 8 * 3600000;
        t.subject = QStringLiteral("ide-martin");
        return t;
    }
    // The refresh token sealed in the store for the unlocked nurse.
    QByteArray storedRefresh()
    {
        QByteArray refresh = "?";
        bool done = false;
        session()->worker().run<std::optional<StoredSignIn>>(
            session(), [](Store &store) { return StoredSignIn::load(store); },
            [&](Result<std::optional<StoredSignIn>> stored) {
                refresh = stored && *stored ? (*stored)->tokens.refreshToken : QByteArray("none");
                done = true;
            });
        waitFor([&] { return done; });
        return refresh;
    }
    bool unlock()
    {
        session()->unlock(m_nurse, m_pin);
        return waitFor([this] { return session()->phase() == SessionController::Unlocked; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        app::AppOptions options;
        options.dataDir = m_dir.path();
        options.units = {QStringLiteral("unit-cardio")};
        // A provider is configured (never reached here): the app keeps each nurse's session.
        options.issuer = QUrl(QStringLiteral("https://idp.invalid"));
        m_services = std::make_unique<AppServices>(options);
        QVERIFY(signIn()->available());
        session()->enrol(m_nurse, m_pin, m_pin);
        QVERIFY(waitFor([this] { return session()->phase() == SessionController::Unlocked; }));
        // Her sign-in: recorded in the gate, and her tokens sealed in the store.
        Result<QByteArray> secret = session()->deviceSecret();
        QVERIFY(secret);
        QVERIFY(SessionGate(m_dir.filePath(QStringLiteral("chevet.db")), *secret).recordSignIn(m_nurse));
        bool saved = false;
        const TokenSet first = tokens("refresh-1");
        session()->worker().write<bool>(
            session(),
            [first](Store &store) -> Result<bool> {
                const StoredSignIn stored{QUrl(QStringLiteral("https://idp.invalid")),
                                          QStringLiteral("chevet"),
                                          QUrl(QStringLiteral("https://idp.invalid/token")), first};
                if (Status s = stored.save(store); !s)
                    return s.error();
                return true;
            },
            [&](Result<bool> done) { saved = bool(done); });
        QVERIFY(waitFor([&] { return saved; }));
        session()->lock();
        QVERIFY(waitFor([this] { return session()->phase() == SessionController::Locked; }));
        // Her tokens are read after the sync engine started: the sync is told once they are there
        // (a review found the signal declared and listened to, but never sent).
        QSignalSpy ready(signIn(), &SignIn::providerReady);
        QVERIFY(unlock());
        QVERIFY(waitFor([this] { return signIn()->provider() != nullptr; }));
        QVERIFY(waitFor([&] { return ready.count() == 1; }));
        QCOMPARE(storedRefresh(), QByteArray("refresh-1"));
    }

    void aTokenRotatedJustBeforeTheLockIsKept()
    {
        std::shared_ptr<TokenProvider> provider = signIn()->provider();
        QVERIFY(provider);
        // The last sync's refresh rotated the token; the tablet locks before the event loop runs again.
        provider->setTokens(tokens("refresh-2"));
        session()->lock();
        QCOMPARE(session()->phase(), SessionController::Locked);
        QVERIFY(unlock());
        QCOMPARE(storedRefresh(), QByteArray("refresh-2"));
    }
};

QTEST_MAIN(TestSignInLock)
#include "tst_signinlock.moc"
