// PKCE (RFC 7636): the S256 known answer of the RFC's appendix B, and generated pairs that fit the
// RFC's format and differ every time.
#include "net/pkce.h"
#include "storefixture.h"

#include <QRegularExpression>
#include <QTest>

using namespace chevet;

class TestPkce : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownAnswer()
    {
        QCOMPARE(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    void generatedPairsFitTheFormat()
    {
        static const QRegularExpression format(QStringLiteral("^[A-Za-z0-9\\-._~]{43,128}$"));
        Result<Pkce> a = Pkce::generate();
        Result<Pkce> b = Pkce::generate();
        CHEVET_VERIFY_OK(a);
        CHEVET_VERIFY_OK(b);
        QVERIFY(format.match(QString::fromLatin1(a->verifier)).hasMatch());
        QCOMPARE(a->verifier.size(), 43);
        QCOMPARE(a->challenge, Pkce::challengeFor(a->verifier));
        QVERIFY(a->verifier != b->verifier);
        Result<QByteArray> state = Pkce::randomUrlSafe(16);
        CHEVET_VERIFY_OK(state);
        QCOMPARE(state->size(), 22);
    }
};

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"
