// Token endpoint answers become TokenSets (lifetimes from expires_in), a refresh keeps what the
// provider did not send again, and the sealed-storage form reads back the same.
#include "net/tokenset.h"
#include "storefixture.h"

#include <QTest>

using namespace chevet;

class TestTokenSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromTokenResponse()
    {
        const QJsonObject answer{{QStringLiteral("access_token"), QStringLiteral("a1")},
                                 {QStringLiteral("token_type"), QStringLiteral("bearer")},
                                 {QStringLiteral("expires_in"), 300},
                                 {QStringLiteral("refresh_token"), QStringLiteral("r1")},
                                 {QStringLiteral("refresh_token_expires_in"), 28800},
                                 {QStringLiteral("id_token"), QStringLiteral("x.y.z")}};
        Result<TokenSet> t = TokenSet::fromTokenResponse(answer, 1000);
        CHEVET_VERIFY_OK(t);
        QCOMPARE(t->accessToken, QByteArray("a1"));
        QCOMPARE(t->refreshToken, QByteArray("r1"));
        QCOMPARE(t->accessExpiresAtMs, 301000);
        QCOMPARE(t->refreshExpiresAtMs, 28801000);
        QCOMPARE(t->obtainedAtMs, 1000);
    }

    void refusesWhatIsNotABearerToken_data()
    {
        QTest::addColumn<QJsonObject>("answer");
        QTest::newRow("no access token")
            << QJsonObject{{QStringLiteral("token_type"), QStringLiteral("Bearer")}};
        QTest::newRow("MAC token") << QJsonObject{{QStringLiteral("access_token"), QStringLiteral("a")},
                                                  {QStringLiteral("token_type"), QStringLiteral("mac")}};
    }
    void refusesWhatIsNotABearerToken()
    {
        QFETCH(QJsonObject, answer);
        CHEVET_VERIFY_ERROR(TokenSet::fromTokenResponse(answer, 0), NetError::BadTokenResponse);
    }

    void refreshKeepsWhatIsNotResent()
    {
        TokenSet before;
        before.accessToken = "a1";
        before.refreshToken = "r1";
        before.refreshExpiresAtMs = 99;
        before.subject = QStringLiteral("ide-bernard");
        before.name = QStringLiteral("Julien Bernard");
        TokenSet answer;
        answer.accessToken = "a2";
        const TokenSet merged = answer.refreshedFrom(before);
        QCOMPARE(merged.accessToken, QByteArray("a2"));
        QCOMPARE(merged.refreshToken, QByteArray("r1"));
        QCOMPARE(merged.refreshExpiresAtMs, 99);
        QCOMPARE(merged.subject, QStringLiteral("ide-bernard"));
        answer.refreshToken = "r2";
        QCOMPARE(answer.refreshedFrom(before).refreshToken, QByteArray("r2"));
    }

    void bytesRoundTrip()
    {
        TokenSet t;
        t.accessToken = "a";
        t.refreshToken = "r";
        t.idToken = "i";
        t.obtainedAtMs = 1;
        t.accessExpiresAtMs = 2;
        t.refreshExpiresAtMs = 3;
        t.subject = QStringLiteral("ide-nguyen");
        t.name = QStringLiteral("Sophie Nguyen");
        Result<TokenSet> back = TokenSet::fromBytes(t.toBytes());
        CHEVET_VERIFY_OK(back);
        QCOMPARE(back->accessToken, t.accessToken);
        QCOMPARE(back->refreshToken, t.refreshToken);
        QCOMPARE(back->idToken, t.idToken);
        QCOMPARE(back->accessExpiresAtMs, 2);
        QCOMPARE(back->refreshExpiresAtMs, 3);
        QCOMPARE(back->subject, t.subject);
        QCOMPARE(back->name, t.name);
        CHEVET_VERIFY_ERROR(TokenSet::fromBytes("garbage"), NetError::BadTokenSet);
    }
};

QTEST_GUILESS_MAIN(TestTokenSet)
#include "tst_tokenset.moc"
