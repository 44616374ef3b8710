#include "oidcsignin.h"

#include "core/clock.h"
#include "core/logging.h"
#include "crypto/jws.h"
#include "net/idtoken.h"
#include "net/networktransport.h"
#include "net/tokenendpoint.h"

#include <QEventLoop>
#include <QUrlQuery>

#include <optional>

namespace chevet {

namespace {

Error signInError(NetError code, const QString &message, bool transient = false)
{
    return makeError(code, message, transient);
}

} // namespace

OidcSignIn::OidcSignIn(OidcConfig config, UserAgent userAgent, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_userAgent(std::move(userAgent))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(5 * 60 * 1000); // a person may take a while to type a password
    connect(&m_timeout, &QTimer::timeout, this, [this]() {
        fail(signInError(NetError::SignInTimeout, QStringLiteral("the sign-in was not completed in time")));
    });
    connect(&m_receiver, &LoopbackRedirectReceiver::received, this, &OidcSignIn::onRedirect);
}

void OidcSignIn::start()
{
    if (m_active)
        return;
    m_active = true;
    NetworkOptions options = m_config.network;
    options.baseUrl = m_config.issuer;
    options.bearerToken.clear();
    NetworkTransport http(m_manager, options);
    Result<OidcProvider> provider = OidcProvider::discover(http, m_config.issuer);
    if (!provider)
        return fail(provider.error());
    m_provider = *provider;

    Result<Pkce> pkce = Pkce::generate();
    Result<QByteArray> state = Pkce::randomUrlSafe(16);
    Result<QByteArray> nonce = Pkce::randomUrlSafe(16);
    if (!pkce || !state || !nonce)
        return fail(!pkce ? pkce.error() : !state ? state.error() : nonce.error());
    m_pkce = *pkce;
    m_state = *state;
    m_nonce = *nonce;
    m_receiver.setExpectedState(m_state);
    if (!m_receiver.listen())
        return fail(signInError(NetError::LoopbackUnavailable,
                                QStringLiteral("cannot open a local port to receive the sign-in")));

    QUrl url = m_provider.authorizationEndpoint;
    QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    const auto add = [&query](const char *name, const QString &value) {
        // Every value fully percent-encoded: a '+' left as is would be read as a space by form decoders.
        if (!query.isEmpty())
            query += '&';
        query += QByteArray(name) + '=' + QUrl::toPercentEncoding(value);
    };
    add("response_type", QStringLiteral("code"));
    add("client_id", m_config.clientId);
    add("redirect_uri", m_receiver.redirectUri().toString());
    add("scope", m_config.scope);
    add("state", QString::fromLatin1(m_state));
    add("nonce", QString::fromLatin1(m_nonce));
    add("code_challenge", QString::fromLatin1(m_pkce.challenge));
    add("code_challenge_method", QStringLiteral("S256"));
    if (!m_loginHint.isEmpty())
        add("login_hint", m_loginHint);
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    m_timeout.start();
    qCInfo(lcPlatform) << "sign-in started";
    m_userAgent(url);
}

Result<TokenSet> OidcSignIn::run()
{
    std::optional<Result<TokenSet>> outcome;
    QEventLoop loop;
    const QMetaObject::Connection ok =
        connect(this, &OidcSignIn::succeeded, &loop, [&](const TokenSet &tokens) {
            outcome = tokens;
            loop.quit();
        });
    const QMetaObject::Connection ko = connect(this, &OidcSignIn::failed, &loop, [&](const Error &error) {
        outcome = error;
        loop.quit();
    });
    start();
    if (!outcome)
        loop.exec();
    disconnect(ok);
    disconnect(ko);
    if (!outcome)
        return signInError(NetError::SignInCancelled, QStringLiteral("the sign-in did not finish"));
    return *outcome;
}

void OidcSignIn::cancel()
{
    if (m_active)
        fail(signInError(NetError::SignInCancelled, QStringLiteral("the sign-in was cancelled")));
}

void OidcSignIn::onRedirect(const QUrlQuery &query)
{
    if (!m_active)
        return;
    const auto value = [&query](const char *name) {
        return query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
    };
    // The state ties this answer to our request: anything else is someone else's (CSRF).
    if (value("state") != QString::fromLatin1(m_state))
        return fail(signInError(NetError::StateMismatch,
                                QStringLiteral("the sign-in answer does not belong to this sign-in")));
    // RFC 9207: when the provider names itself, it must be the one we asked (mix-up attacks).
    const QString issuer = value("iss");
    if (!issuer.isEmpty() && QUrl(issuer).toString(QUrl::StripTrailingSlash) !=
                                 m_provider.issuer.toString(QUrl::StripTrailingSlash))
        return fail(signInError(NetError::IssuerMismatch,
                                QStringLiteral("the sign-in answer comes from another identity provider")));
    if (!value("error").isEmpty())
        // RFC 6749 §4.1.2.1: access_denied is the nurse's or the provider's "no"; any other code is a
        // refusal the nurse cannot act on. The provider's code stays in the message for support.
        return fail(signInError(value("error") == QLatin1String("access_denied") ? NetError::AccessDenied
                                                                                 : NetError::SignInRefused,
                                QStringLiteral("the identity provider refused the sign-in (%1): %2")
                                    .arg(value("error"), value("error_description"))));
    const QByteArray code = value("code").toUtf8();
    if (code.isEmpty())
        return fail(signInError(NetError::InvalidRequest, QStringLiteral("the sign-in answer has no code")));
    // Out of the socket's handler first: the redemption waits on the network.
    QTimer::singleShot(0, this, [this, code]() { redeem(code); });
}

void OidcSignIn::redeem(const QByteArray &code)
{
    if (!m_active)
        return;
    NetworkOptions options = m_config.network;
    options.baseUrl = m_config.issuer;
    options.bearerToken.clear();
    NetworkTransport http(m_manager, options);
    TokenEndpoint endpoint(http, m_provider.tokenEndpoint, m_config.clientId);
    const qint64 now = SystemClock::instance().nowMs();
    Result<TokenSet> tokens = endpoint.redeemCode(code, m_pkce.verifier, m_receiver.redirectUri(), now);
    if (!tokens)
        return fail(tokens.error());
    // The ID token's subject lifts a lockout and starts the offline window: it must be the provider's
    // own word, signed with one of its published keys (security review F6).
    Result<QJsonObject> keys = m_provider.signingKeys(http);
    if (!keys)
        return fail(keys.error());
    if (Status s = crypto::verifyJws(tokens->idToken, *keys); !s)
        return fail(makeError(NetError::BadIdToken,
                              QStringLiteral("the ID token's signature does not check out (%1): %2")
                                  .arg(s.error().code.name(), s.error().message)));
    Result<IdToken> id = IdToken::decode(tokens->idToken);
    if (!id)
        return fail(id.error());
    if (Status s =
            id->check(m_provider.issuer.toString(), m_config.clientId, QString::fromLatin1(m_nonce), now);
        !s)
        return fail(s.error());
    tokens->subject = id->subject;
    tokens->name = id->name;
    finish();
    qCInfo(lcPlatform) << "signed in";
    Q_EMIT succeeded(*tokens);
}

void OidcSignIn::fail(const Error &error)
{
    if (!m_active)
        return;
    finish();
    qCInfo(lcPlatform) << "sign-in failed:" << error.code;
    Q_EMIT failed(error);
}

void OidcSignIn::finish()
{
    m_active = false;
    m_timeout.stop();
    m_receiver.close();
    m_pkce = {}; // the verifier is single use
}

} // namespace chevet
