// Sign-in with OpenID Connect against chevet-dpi's development provider, over real HTTP: the code flow
// with PKCE, refused verifiers and reused codes, rotating refresh tokens, a sync whose access token
// expired (401, refreshed, retried), and a sync whose session ended: "sign-in-needed", every record
// still pending, delivered exactly once after a new sign-in.
#include "idpharness.h"
#include "net/authorizingtransport.h"
#include "net/pkce.h"
#include "net/tokenendpoint.h"
#include "net/tokenprovider.h"
#include "store/observationrepository.h"
#include "store/patientrepository.h"
#include "sync/syncengine.h"
#include "testcertificates.h"

#include <QSslCertificate>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

class TestOidc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { quietStoreInfoLogs(); }

    void codeFlowWithPkceSignsTheNurseIn_data()
    {
        QTest::addColumn<QString>("nurse");
        QTest::newRow("ide-martin") << QStringLiteral("ide-martin");
        QTest::newRow("ide-bernard") << QStringLiteral("ide-bernard");
    }
    void codeFlowWithPkceSignsTheNurseIn()
    {
        QFETCH(QString, nurse);
        IdpDpi dpi;
        QCOMPARE(fhirStatus(dpi, {}), 401);                             // FHIR needs a token...
        QCOMPARE(fhirStatus(dpi, {}, QStringLiteral("metadata")), 200); // ...but not the CapabilityStatement

        OidcProvider provider;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        Result<TokenSet> tokens = signIn(dpi, nurse, &provider);
        QVERIFY2(tokens, qPrintable(errorText(tokens)));
        QCOMPARE(tokens->subject, nurse);
        QVERIFY(!tokens->name.isEmpty());
        QVERIFY(tokens->hasAccess());
        QVERIFY(tokens->canRefresh());
        QVERIFY(tokens->accessExpiresAtMs >= before + 59000);
        QVERIFY(tokens->accessExpiresAtMs <= QDateTime::currentMSecsSinceEpoch() + 60000);
        QCOMPARE(provider.tokenEndpoint.path(), QStringLiteral("/auth/token"));
        QCOMPARE(fhirStatus(dpi, tokens->accessToken), 200);
        // The ID token is not an access token, and a forged one is refused.
        QCOMPARE(fhirStatus(dpi, tokens->idToken), 401);
        const HttpResponse forged = fhirGet(dpi, tokens->accessToken + "x");
        QCOMPARE(forged.status, 401);
        QVERIFY2(forged.header("www-authenticate").contains("error=\"invalid_token\""),
                 forged.header("www-authenticate").constData());
    }

    // Security review F6: an ID token not signed with the provider's published key names whoever the
    // forger likes, and its subject would lift that nurse's lockout: the sign-in is refused.
    void anIdTokenWithAForgedSignatureIsRefused()
    {
        IdpDpi dpi(60, 600, {QStringLiteral("--idp-forged-id-tokens")});
        Result<TokenSet> tokens = signIn(dpi, QStringLiteral("ide-martin"));
        QVERIFY(!tokens);
        QCOMPARE(tokens.error().code, ErrorCode(NetError::BadIdToken));
        QVERIFY2(tokens.error().message.contains(QStringLiteral("bad-signature")),
                 qPrintable(tokens.error().message));
    }

    void requireAuthNeedsTheProvider()
    {
        QProcess dpi;
        dpi.start(QStringLiteral(CHEVET_DPI_PATH),
                  {QStringLiteral("--db"), QStringLiteral(":memory:"), QStringLiteral("--require-auth")});
        QVERIFY(dpi.waitForFinished(10000));
        QCOMPARE(dpi.exitCode(), 2);
        QVERIFY(dpi.readAllStandardError().contains("--require-auth needs --idp"));
    }

    void unknownNurseIsRefused()
    {
        IdpDpi dpi;
        Result<TokenSet> tokens = signIn(dpi, QStringLiteral("ide-inconnue"));
        CHEVET_VERIFY_ERROR(tokens, NetError::AccessDenied);
    }

    void pkceIsMandatory()
    {
        IdpDpi dpi;
        QList<QPair<QString, QString>> request = codeRequest("unused", QStringLiteral("ide-martin"));
        request.removeIf([](const auto &p) { return p.first.startsWith(QLatin1String("code_challenge")); });
        const QUrlQuery answer = authorize(dpi, request);
        QCOMPARE(answer.queryItemValue(QStringLiteral("error")), QStringLiteral("invalid_request"));
        QVERIFY(!answer.hasQueryItem(QStringLiteral("code")));
        QCOMPARE(answer.queryItemValue(QStringLiteral("state")), QStringLiteral("s1"));
    }

    void wrongVerifierIsRefused()
    {
        IdpDpi dpi;
        Result<Pkce> pkce = Pkce::generate();
        Result<Pkce> other = Pkce::generate();
        QVERIFY(pkce && other);
        const QUrlQuery answer = authorize(dpi, codeRequest(pkce->challenge, QStringLiteral("ide-martin")));
        const QByteArray code = answer.queryItemValue(QStringLiteral("code")).toLatin1();
        QVERIFY(!code.isEmpty());
        QNetworkAccessManager manager;
        NetworkTransport http(manager, NetworkOptions{dpi.issuer(), {}, {}, {}});
        TokenEndpoint endpoint(http, dpi.issuer().resolved(QUrl(QStringLiteral("/auth/token"))),
                               QStringLiteral("chevet"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        CHEVET_VERIFY_ERROR(endpoint.redeemCode(code, other->verifier, QUrl(kRedirect), now),
                            NetError::IdpRefused);
        // One attempt per code: the right verifier afterwards does not revive it.
        CHEVET_VERIFY_ERROR(endpoint.redeemCode(code, pkce->verifier, QUrl(kRedirect), now),
                            NetError::IdpRefused);
    }

    void reusedCodeIsRefusedAndRevokesItsTokens()
    {
        IdpDpi dpi;
        Result<Pkce> pkce = Pkce::generate();
        QVERIFY(pkce);
        const QUrlQuery answer = authorize(dpi, codeRequest(pkce->challenge, QStringLiteral("ide-bernard")));
        const QByteArray code = answer.queryItemValue(QStringLiteral("code")).toLatin1();
        QNetworkAccessManager manager;
        NetworkTransport http(manager, NetworkOptions{dpi.issuer(), {}, {}, {}});
        TokenEndpoint endpoint(http, dpi.issuer().resolved(QUrl(QStringLiteral("/auth/token"))),
                               QStringLiteral("chevet"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        Result<TokenSet> first = endpoint.redeemCode(code, pkce->verifier, QUrl(kRedirect), now);
        QVERIFY2(first, qPrintable(errorText(first)));
        CHEVET_VERIFY_ERROR(endpoint.redeemCode(code, pkce->verifier, QUrl(kRedirect), now),
                            NetError::IdpRefused);
        // The code may have been stolen: what it gave is withdrawn.
        CHEVET_VERIFY_ERROR(endpoint.refresh(first->refreshToken, now), NetError::SignInNeeded);
    }

    void refreshRotatesAndAReplayEndsTheSession()
    {
        IdpDpi dpi;
        OidcProvider provider;
        Result<TokenSet> tokens = signIn(dpi, QStringLiteral("ide-martin"), &provider);
        QVERIFY2(tokens, qPrintable(errorText(tokens)));
        QNetworkAccessManager manager;
        NetworkTransport http(manager, NetworkOptions{dpi.issuer(), {}, {}, {}});
        TokenEndpoint endpoint(http, provider.tokenEndpoint, QStringLiteral("chevet"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();

        Result<TokenSet> second = endpoint.refresh(tokens->refreshToken, now);
        QVERIFY2(second, qPrintable(errorText(second)));
        QVERIFY(second->canRefresh());
        QVERIFY(second->refreshToken != tokens->refreshToken); // rotated
        QVERIFY(second->accessToken != tokens->accessToken);
        QCOMPARE(fhirStatus(dpi, second->accessToken), 200);
        Result<TokenSet> third = endpoint.refresh(second->refreshToken, now);
        QVERIFY2(third, qPrintable(errorText(third)));

        // The first refresh token again: two holders, so the session ends for both.
        CHEVET_VERIFY_ERROR(endpoint.refresh(tokens->refreshToken, now), NetError::SignInNeeded);
        CHEVET_VERIFY_ERROR(endpoint.refresh(third->refreshToken, now), NetError::SignInNeeded);
    }

    void expiredAccessTokenIsRefreshedDuringSync()
    {
        IdpDpi dpi(2, 600);
        OidcProvider provider;
        Result<TokenSet> tokens = signIn(dpi, QStringLiteral("ide-martin"), &provider);
        QVERIFY2(tokens, qPrintable(errorText(tokens)));
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("730001"));
        QVERIFY(patient);
        Result<VitalsEntry> entry = device.store->observations().recordVitals(patient->id, normalVitals());
        QVERIFY(entry);

        // The device believes its token is good for an hour (a skewed clock, or an early revocation):
        // only the DPI's 401 can tell.
        TokenSet believed = *tokens;
        believed.accessExpiresAtMs = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
        TokenProvider tokenProvider(TokenProvider::networkRefresher(dpi.config(), provider.tokenEndpoint));
        tokenProvider.setTokens(believed);
        QTest::qWait(3100);
        QCOMPARE(fhirStatus(dpi, tokens->accessToken), 401);

        QSignalSpy changed(&tokenProvider, &TokenProvider::tokensChanged);
        AuthorizingTransport transport(makeThreadTransport(dpi.fhir()), tokenProvider);
        SyncRun run(*device.store, transport, SyncScope{});
        // Every log line of the sync, the refresh included, at every level: no token in any of them.
        static QStringList logged;
        logged.clear();
        QLoggingCategory::setFilterRules(QStringLiteral("chevet.*=true"));
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &message) { logged.append(message); });
        Result<SyncOutcome> outcome = run.run();
        qInstallMessageHandler(previous);
        quietStoreInfoLogs();
        QVERIFY(!logged.isEmpty()); // the capture works: sync does log, without secrets
        for (const QString &line : std::as_const(logged)) {
            for (const QByteArray &secret :
                 {tokens->accessToken, tokens->refreshToken, tokenProvider.tokens().accessToken,
                  tokenProvider.tokens().refreshToken})
                QVERIFY2(!line.contains(QString::fromLatin1(secret)), qPrintable(line));
        }
        QVERIFY2(outcome, qPrintable(errorText(outcome)));
        QVERIFY(transport.refreshes() >= 1);
        QVERIFY(changed.size() >= 1);
        QVERIFY(tokenProvider.tokens().accessToken != tokens->accessToken);
        QVERIFY(tokenProvider.tokens().refreshToken != tokens->refreshToken);
        QCOMPARE(tokenProvider.nurseId(), QStringLiteral("ide-martin"));
        QCOMPARE(outcome->counts.pushed, 1 + entry->observations.size());
        QCOMPARE(device.counts().pending, 0);
        QCOMPARE(device.counts().quarantined, 0);
    }

    void expiredAccessTokenIsRefreshedBeforeSending()
    {
        IdpDpi dpi(2, 600);
        OidcProvider provider;
        Result<TokenSet> tokens = signIn(dpi, QStringLiteral("ide-bernard"), &provider);
        QVERIFY2(tokens, qPrintable(errorText(tokens)));
        TokenProvider tokenProvider(TokenProvider::networkRefresher(dpi.config(), provider.tokenEndpoint));
        tokenProvider.setTokens(*tokens);
        QTest::qWait(2200);
        Device device;
        AuthorizingTransport transport(makeThreadTransport(dpi.fhir()), tokenProvider);
        SyncRun run(*device.store, transport, SyncScope{});
        Result<SyncOutcome> outcome = run.run();
        QVERIFY2(outcome, qPrintable(errorText(outcome)));
        QCOMPARE(transport.refreshes(), 0); // known to be expired: refreshed without a 401
        QVERIFY(tokenProvider.tokens().accessToken != tokens->accessToken);
    }

    void endedSessionKeepsEveryRecordPendingUntilSignIn()
    {
        qRegisterMetaType<chevet::SyncState>();
        IdpDpi dpi(2, 3);
        OidcProvider provider;
        Result<TokenSet> tokens = signIn(dpi, QStringLiteral("ide-martin"), &provider);
        QVERIFY2(tokens, qPrintable(errorText(tokens)));
        TokenProvider tokenProvider(TokenProvider::networkRefresher(dpi.config(), provider.tokenEndpoint));
        tokenProvider.setTokens(*tokens);

        // Recorded offline while the session ends.
        Device device;
        QList<QUuid> recorded;
        for (const QString &ipp : {QStringLiteral("740001"), QStringLiteral("740002")}) {
            Result<Patient> patient = addPatient(*device.store, ipp);
            QVERIFY(patient);
            recorded.append(patient->id);
            for (int i = 0; i < 3; ++i) {
                Result<VitalsEntry> entry =
                    device.store->observations().recordVitals(patient->id, normalVitals());
                QVERIFY(entry);
                for (const Observation &o : entry->observations)
                    recorded.append(o.meta.id);
            }
        }
        const qint64 pending = device.counts().pending;
        QCOMPARE(pending, qint64(recorded.size()));
        QTest::qWait(3600); // access and refresh tokens both expired

        const QUrl fhir = dpi.fhir();
        SyncEngine engine(
            *device.store,
            [&]() {
                return AuthorizingTransport::overNetwork(NetworkOptions{fhir, {}, {}, {}}, tokenProvider);
            },
            SyncScope{});
        QSignalSpy finished(&engine, &SyncEngine::finished);
        QSignalSpy signInNeeded(&engine, &SyncEngine::signInNeeded);
        QSignalSpy providerSignIn(&tokenProvider, &TokenProvider::signInNeeded);
        engine.syncNow();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(signInNeeded.size(), 1);
        QCOMPARE(providerSignIn.size(), 1);
        QVERIFY(!tokenProvider.isSignedIn());
        QCOMPARE(tokenProvider.nurseId(), QStringLiteral("ide-martin"));
        QCOMPARE(engine.state(), SyncState::Error);
        QTest::qWait(300);
        QCOMPARE(finished.size(), 1); // not a transient failure: no retry loop against the provider
        // Nothing lost, nothing set aside.
        QCOMPARE(device.counts().pending, pending);
        QCOMPARE(device.counts().quarantined, 0);
        QCOMPARE(device.counts().delivered, 0);

        // A new sign-in, and the next sync delivers everything once.
        Result<TokenSet> again = signIn(dpi, QStringLiteral("ide-martin"));
        QVERIFY2(again, qPrintable(errorText(again)));
        tokenProvider.setTokens(*again);
        engine.syncNow();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.last().at(0).toBool(), true);
        QCOMPARE(device.counts().pending, 0);
        QCOMPARE(device.counts().delivered, pending);
        QCOMPARE(engine.lastOutcome().counts.pushed, int(pending));

        Result<TokenSet> reader = signIn(dpi, QStringLiteral("ide-bernard"));
        QVERIFY(reader);
        const QHash<QString, int> onDpi = clientIdsOnDpi(dpi, reader->accessToken);
        for (const QUuid &id : std::as_const(recorded))
            QCOMPARE(onDpi.value(clientIdentifier(id)), 1);
    }

    void signInRefreshAndSyncOverHttps()
    {
        QTemporaryDir certs;
        QVERIFY(writeTestCertificates(certs.path()));
        IdpDpi dpi(60, 600,
                   {QStringLiteral("--tls-cert"), certs.filePath(QStringLiteral("server.pem")),
                    QStringLiteral("--tls-key"), certs.filePath(QStringLiteral("server.key"))});
        QCOMPARE(dpi.issuer().scheme(), QStringLiteral("https"));
        const QList<QSslCertificate> ca = QSslCertificate::fromPath(certs.filePath(QStringLiteral("ca.pem")));
        QCOMPARE(ca.size(), 1);

        // The provider's certificate is checked like the DPI's: an unknown CA stops the sign-in.
        {
            ScriptedUserAgent agent;
            OidcSignIn untrusted(dpi.config(), [&agent](const QUrl &url) { agent.open(url); });
            CHEVET_VERIFY_ERROR(untrusted.run(), NetError::TlsFailed);
        }

        OidcConfig config = dpi.config();
        config.network.extraCaCertificates = ca;
        ScriptedUserAgent agent(ca);
        OidcSignIn flow(config, [&agent](const QUrl &url) { agent.open(url); });
        QObject::connect(&agent, &ScriptedUserAgent::failed, &flow, &OidcSignIn::cancel);
        flow.setLoginHint(QStringLiteral("ide-lefebvre"));
        flow.setTimeoutMs(15000);
        Result<TokenSet> tokens = flow.run();
        QVERIFY2(tokens, qPrintable(errorText(tokens)));
        QCOMPARE(tokens->subject, QStringLiteral("ide-lefebvre"));
        QCOMPARE(flow.provider().tokenEndpoint.scheme(), QStringLiteral("https"));

        TokenProvider tokenProvider(TokenProvider::networkRefresher(config, flow.provider().tokenEndpoint));
        tokenProvider.setTokens(*tokens);
        Result<QByteArray> refreshed = tokenProvider.refreshAfterRejection(tokens->accessToken);
        QVERIFY2(refreshed, qPrintable(errorText(refreshed)));
        QVERIFY(*refreshed != tokens->accessToken);

        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("770001"));
        QVERIFY(patient);
        std::unique_ptr<Transport> transport =
            AuthorizingTransport::overNetwork(NetworkOptions{dpi.fhir(), {}, {}, ca}, tokenProvider);
        SyncRun run(*device.store, *transport, SyncScope{});
        Result<SyncOutcome> outcome = run.run();
        QVERIFY2(outcome, qPrintable(errorText(outcome)));
        QCOMPARE(outcome->counts.pushed, 1);
        QCOMPARE(device.counts().pending, 0);
    }

    void refusedCredentialsNeverQuarantine()
    {
        // A DPI that takes no credentials at all: the run stops, nothing is set aside.
        IdpDpi dpi;
        Device device;
        Result<Patient> patient = addPatient(*device.store, QStringLiteral("750001"));
        QVERIFY(patient);
        QVERIFY(device.store->observations().recordVitals(patient->id, normalVitals()));
        const qint64 pending = device.counts().pending;
        QNetworkAccessManager manager;
        NetworkTransport transport(manager,
                                   NetworkOptions{dpi.fhir(), QByteArrayLiteral("not-a-token"), {}, {}});
        SyncRun run(*device.store, transport, SyncScope{});
        Result<SyncOutcome> outcome = run.run();
        CHEVET_VERIFY_ERROR(outcome, NetError::Unauthorized);
        QVERIFY(!outcome.error().transient);
        QCOMPARE(device.counts().pending, pending);
        QCOMPARE(device.counts().quarantined, 0);
    }
};

QTEST_GUILESS_MAIN(TestOidc)
#include "tst_oidc.moc"
