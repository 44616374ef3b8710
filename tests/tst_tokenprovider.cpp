// TokenProvider with a controlled clock and a scripted refresher: when it refreshes (expired, about to
// expire, refused by the DPI), what it keeps, when it says "sign-in-needed", and that concurrent
// callers share one refresh (a rotated refresh token used twice ends the session at most providers).
#include "net/tokenprovider.h"
#include "storefixture.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace chevet;
using namespace chevet::test;

namespace {

constexpr qint64 kStart = 1'800'000'000'000;

TokenSet tokens(const QByteArray &access, const QByteArray &refresh, qint64 obtainedMs, qint64 lifetimeMs)
{
    TokenSet t;
    t.accessToken = access;
    t.refreshToken = refresh;
    t.obtainedAtMs = obtainedMs;
    t.accessExpiresAtMs = obtainedMs + lifetimeMs;
    t.subject = QStringLiteral("ide-martin");
    return t;
}

} // namespace

class TestTokenProvider : public QObject
{
    Q_OBJECT

    ManualClock m_clock{kStart};
    std::atomic<int> m_calls = 0;
    QList<Result<TokenSet>> m_answers; // consumed in order
    QByteArray m_lastRefreshToken;

    TokenProvider::Refresher refresher()
    {
        return [this](const QByteArray &refreshToken) -> Result<TokenSet> {
            ++m_calls;
            m_lastRefreshToken = refreshToken;
            if (m_answers.isEmpty())
                return makeError(CoreError::Unknown, QStringLiteral("no answer scripted"));
            return m_answers.takeFirst();
        };
    }

private Q_SLOTS:
    void init()
    {
        m_clock.setNowMs(kStart);
        m_calls = 0;
        m_answers.clear();
    }

    void withoutTokensSignInIsNeeded()
    {
        TokenProvider provider(refresher(), m_clock);
        CHEVET_VERIFY_ERROR(provider.accessToken(), NetError::SignInNeeded);
        QVERIFY(!provider.accessToken().error().transient);
        QCOMPARE(m_calls.load(), 0);
    }

    void aValidTokenIsUsedAsIs()
    {
        TokenProvider provider(refresher(), m_clock);
        provider.setTokens(tokens("a1", "r1", kStart, 300000));
        m_clock.advanceMs(200000);
        Result<QByteArray> token = provider.accessToken();
        CHEVET_VERIFY_OK(token);
        QCOMPARE(*token, QByteArray("a1"));
        QCOMPARE(m_calls.load(), 0);
    }

    void refreshesAheadOfExpiryAndKeepsWhatIsNotResent_data()
    {
        QTest::addColumn<qint64>("lifetimeMs");
        QTest::addColumn<qint64>("advanceMs");
        QTest::addColumn<bool>("refreshes");
        // Margin: 60 s, at most a fifth of the lifetime.
        QTest::newRow("5 min token, 3 min old") << qint64(300000) << qint64(180000) << false;
        QTest::newRow("5 min token, 4 min 30 old") << qint64(300000) << qint64(270000) << true;
        QTest::newRow("2 min token, 1 min 30 old") << qint64(120000) << qint64(90000) << false;
        QTest::newRow("2 min token, 1 min 40 old") << qint64(120000) << qint64(100000) << true;
        QTest::newRow("expired") << qint64(60000) << qint64(61000) << true;
    }
    void refreshesAheadOfExpiryAndKeepsWhatIsNotResent()
    {
        QFETCH(qint64, lifetimeMs);
        QFETCH(qint64, advanceMs);
        QFETCH(bool, refreshes);
        TokenProvider provider(refresher(), m_clock);
        provider.setTokens(tokens("a1", "r1", kStart, lifetimeMs));
        m_clock.advanceMs(advanceMs);
        TokenSet fresh = tokens("a2", QByteArray(), m_clock.nowMs(), lifetimeMs);
        fresh.subject.clear(); // a refresh answer without ID token
        m_answers.append(fresh);
        QSignalSpy changed(&provider, &TokenProvider::tokensChanged);
        Result<QByteArray> token = provider.accessToken();
        CHEVET_VERIFY_OK(token);
        QCOMPARE(*token, refreshes ? QByteArray("a2") : QByteArray("a1"));
        QCOMPARE(m_calls.load(), refreshes ? 1 : 0);
        QCOMPARE(changed.size(), refreshes ? 1 : 0);
        if (refreshes) {
            QCOMPARE(m_lastRefreshToken, QByteArray("r1"));
            QCOMPARE(provider.tokens().refreshToken, QByteArray("r1")); // not rotated: kept
            QCOMPARE(provider.tokens().subject, QStringLiteral("ide-martin"));
        }
    }

    void rejectionRefreshesOnceAndOnlyIfStillCurrent()
    {
        TokenProvider provider(refresher(), m_clock);
        provider.setTokens(tokens("a1", "r1", kStart, 300000));
        m_answers.append(tokens("a2", "r2", kStart, 300000));
        Result<QByteArray> fresh = provider.refreshAfterRejection("a1");
        CHEVET_VERIFY_OK(fresh);
        QCOMPARE(*fresh, QByteArray("a2"));
        QCOMPARE(provider.tokens().refreshToken, QByteArray("r2")); // rotated
        // A request that left with a1 comes back 401 after someone refreshed: no second refresh.
        Result<QByteArray> again = provider.refreshAfterRejection("a1");
        CHEVET_VERIFY_OK(again);
        QCOMPARE(*again, QByteArray("a2"));
        QCOMPARE(m_calls.load(), 1);
    }

    void refusedRefreshEndsTheSession()
    {
        TokenProvider provider(refresher(), m_clock);
        provider.setTokens(tokens("a1", "r1", kStart, 300000));
        m_answers.append(Result<TokenSet>(makeError(NetError::SignInNeeded, QStringLiteral("expired"))));
        QSignalSpy needed(&provider, &TokenProvider::signInNeeded);
        QSignalSpy changed(&provider, &TokenProvider::tokensChanged);
        CHEVET_VERIFY_ERROR(provider.refreshAfterRejection("a1"), NetError::SignInNeeded);
        QCOMPARE(needed.size(), 1);
        QVERIFY(changed.size() >= 1); // persisted copies are dropped too
        QVERIFY(!provider.isSignedIn());
        QVERIFY(provider.tokens().refreshToken.isEmpty());
        QCOMPARE(provider.nurseId(), QStringLiteral("ide-martin"));
        CHEVET_VERIFY_ERROR(provider.accessToken(), NetError::SignInNeeded);
        QCOMPARE(m_calls.load(), 1); // no more calls to the provider
    }

    void transientRefreshFailureKeepsTheSession()
    {
        TokenProvider provider(refresher(), m_clock);
        provider.setTokens(tokens("a1", "r1", kStart, 60000));
        m_clock.advanceMs(120000);
        m_answers.append(Result<TokenSet>(makeError(NetError::Unreachable, QStringLiteral("offline"), true)));
        Result<QByteArray> token = provider.accessToken();
        CHEVET_VERIFY_ERROR(token, NetError::Unreachable);
        QVERIFY(token.error().transient);
        QVERIFY(provider.isSignedIn());
        QCOMPARE(provider.tokens().refreshToken, QByteArray("r1"));
    }

    void concurrentCallersShareOneRefresh()
    {
        TokenProvider provider(
            [this](const QByteArray &) -> Result<TokenSet> {
                ++m_calls;
                QThread::msleep(50);
                return tokens("a2", "r2", kStart, 300000);
            },
            m_clock);
        provider.setTokens(tokens("a1", "r1", kStart, 300000));
        QList<QThread *> threads;
        std::atomic<int> gotFresh = 0;
        for (int i = 0; i < 4; ++i) {
            threads.append(QThread::create([&]() {
                Result<QByteArray> token = provider.refreshAfterRejection("a1");
                if (token && *token == "a2")
                    ++gotFresh;
            }));
            threads.last()->start();
        }
        for (QThread *thread : std::as_const(threads)) {
            QVERIFY(thread->wait(5000));
            delete thread;
        }
        QCOMPARE(m_calls.load(), 1);
        QCOMPARE(gotFresh.load(), 4);
    }
};

QTEST_GUILESS_MAIN(TestTokenProvider)
#include "tst_tokenprovider.moc"
