#include "devidp.h"

#include "devnurses.h"
#include "logging.h"
#include "queryitems.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

namespace chevet::dpi {

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr qint64 kCodeLifetimeMs = 60 * 1000;
const QString kAudience = QStringLiteral("chevet-dpi");

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QByteArray randomSecret()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return bytes.toBase64(kBase64Url);
}

QByteArray digest(const QByteArray &secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256);
}

// OAuth parameters are form-encoded, in queries as in bodies: '+' is a space there (an HTML form sends
// "openid+profile"); a literal '+' arrives as %2B. Repeated parameters are refused by the callers' checks.
QHash<QString, QString> formValues(QByteArray encoded, QueryItems *items = nullptr)
{
    encoded.replace('+', "%20");
    const QueryItems parsed = parseQuery(encoded);
    if (items)
        *items = parsed;
    QHash<QString, QString> values;
    for (const auto &[name, value] : parsed) {
        if (!values.contains(name))
            values.insert(name, value);
    }
    return values;
}

HttpResponse jsonResponse(int status, const QJsonObject &body)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    response.setHeader("Content-Type", "application/json");
    // Token answers must never be cached (RFC 6749 §5.1).
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    return response;
}

HttpResponse oauthError(const QString &error, const QString &description, int status = 400)
{
    return jsonResponse(status, QJsonObject{{QStringLiteral("error"), error},
                                            {QStringLiteral("error_description"), description}});
}

HttpResponse plainPage(int status, const QString &text)
{
    HttpResponse response;
    response.status = status;
    response.body = text.toUtf8();
    response.setHeader("Content-Type", "text/plain; charset=utf-8");
    return response;
}

// RFC 8252 §7.3: native apps receive the code on a loopback port of their own. Nothing else is
// accepted, so a stray redirect can never carry a code off the machine.
bool isLoopbackRedirect(const QUrl &url)
{
    if (!url.isValid() || url.scheme() != QLatin1String("http") || url.hasFragment())
        return false;
    if (url.host() == QLatin1String("localhost"))
        return true;
    const QHostAddress address(url.host());
    return !address.isNull() && address.isLoopback();
}

bool isPkceValue(const QString &value)
{
    // RFC 7636 §4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9\\-._~]{43,128}$"));
    return pattern.match(value).hasMatch();
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256).toBase64(kBase64Url));
}

HttpResponse redirectTo(const QString &redirectUri, const QList<std::pair<QString, QString>> &parameters)
{
    QUrl target(redirectUri);
    QByteArray query = target.query(QUrl::FullyEncoded).toLatin1();
    for (const auto &[name, value] : parameters) {
        if (value.isEmpty())
            continue;
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    target.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    HttpResponse response;
    response.status = 302;
    response.setHeader("Location", target.toEncoded());
    response.setHeader("Cache-Control", "no-store");
    return response;
}

} // namespace

DevIdp::DevIdp(DevIdpOptions options)
    : m_options(options)
{
    // A key per run, like the HS256 one: a restart invalidates every token issued before.
    const QByteArray kid =
        "dev-es256-" +
        QCryptographicHash::hash(QUuid::createUuid().toRfc4122(), QCryptographicHash::Sha256).toHex().left(8);
    Result<crypto::JwsSigningKey> key = crypto::JwsSigningKey::generate(crypto::JwsAlgorithm::Es256, kid);
    if (key)
        m_idTokenKey.emplace(std::move(key).value());
    else
        qCWarning(lcDpi) << "dev IdP: no ID token signing key:" << key.error().message;
    if (m_options.forgedIdTokens) {
        Result<crypto::JwsSigningKey> forger =
            crypto::JwsSigningKey::generate(crypto::JwsAlgorithm::Es256, kid);
        if (forger)
            m_forgingKey.emplace(std::move(forger).value());
    }
}

bool DevIdp::handles(const QString &path)
{
    return path == QLatin1String("/.well-known/openid-configuration") ||
           path.startsWith(QLatin1String("/auth/"));
}

HttpResponse DevIdp::handle(const HttpRequest &request, const QString &issuer)
{
    if (request.path == QLatin1String("/.well-known/openid-configuration"))
        return request.method == "GET" ? discovery(issuer) : plainPage(405, QStringLiteral("GET only"));
    if (request.path == QLatin1String("/auth/authorize"))
        return authorize(request, issuer);
    if (request.path == QLatin1String("/auth/token"))
        return token(request, issuer);
    if (request.path == QLatin1String("/auth/jwks")) {
        QJsonArray keys;
        if (m_idTokenKey)
            keys.append(m_idTokenKey->publicJwk());
        return jsonResponse(200, QJsonObject{{QStringLiteral("keys"), keys}});
    }
    return plainPage(404, QStringLiteral("no such endpoint; see /.well-known/openid-configuration"));
}

HttpResponse DevIdp::discovery(const QString &issuer) const
{
    // ID tokens are signed with ES256 and the key published, as a hospital's provider does: the app
    // checks the signature before an ID token lifts anything (security review F6).
    const QJsonObject document{
        {QStringLiteral("issuer"), issuer},
        {QStringLiteral("authorization_endpoint"), issuer + QStringLiteral("/auth/authorize")},
        {QStringLiteral("token_endpoint"), issuer + QStringLiteral("/auth/token")},
        {QStringLiteral("jwks_uri"), issuer + QStringLiteral("/auth/jwks")},
        {QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code")}},
        {QStringLiteral("grant_types_supported"),
         QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
        {QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("S256")}},
        {QStringLiteral("token_endpoint_auth_methods_supported"), QJsonArray{QStringLiteral("none")}},
        {QStringLiteral("subject_types_supported"), QJsonArray{QStringLiteral("public")}},
        {QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray{QStringLiteral("ES256")}},
        {QStringLiteral("scopes_supported"),
         QJsonArray{QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("offline_access")}},
        {QStringLiteral("claims_supported"),
         QJsonArray{QStringLiteral("sub"), QStringLiteral("name"), QStringLiteral("iss"),
                    QStringLiteral("aud"), QStringLiteral("exp"), QStringLiteral("iat"),
                    QStringLiteral("nonce")}},
    };
    return jsonResponse(200, document);
}

HttpResponse DevIdp::authorize(const HttpRequest &request, const QString &issuer)
{
    if (request.method != "GET")
        return plainPage(405, QStringLiteral("the authorization endpoint takes GET"));
    QueryItems items;
    const QHash<QString, QString> form = formValues(request.query, &items);
    const QString clientId = form.value(QStringLiteral("client_id"));
    const QString redirectUri = form.value(QStringLiteral("redirect_uri"));
    // Without a client and a safe redirect URI the error cannot be sent back: it is shown here.
    if (clientId.isEmpty())
        return plainPage(400, QStringLiteral("invalid_request: client_id is required"));
    if (!isLoopbackRedirect(QUrl(redirectUri)))
        return plainPage(400, QStringLiteral("invalid_request: redirect_uri must be a loopback http URL "
                                             "(http://127.0.0.1:PORT/...), RFC 8252"));
    const QString state = form.value(QStringLiteral("state"));
    const auto fail = [&](const QString &error, const QString &description) {
        return redirectTo(redirectUri, {{QStringLiteral("error"), error},
                                        {QStringLiteral("error_description"), description},
                                        {QStringLiteral("state"), state},
                                        {QStringLiteral("iss"), issuer}});
    };
    if (form.value(QStringLiteral("response_type")) != QLatin1String("code"))
        return fail(QStringLiteral("unsupported_response_type"), QStringLiteral("only response_type=code"));
    if (!form.value(QStringLiteral("scope")).split(QLatin1Char(' ')).contains(QLatin1String("openid")))
        return fail(QStringLiteral("invalid_scope"), QStringLiteral("the scope must include openid"));
    if (form.value(QStringLiteral("code_challenge_method")) != QLatin1String("S256") ||
        !isPkceValue(form.value(QStringLiteral("code_challenge"))))
        return fail(QStringLiteral("invalid_request"),
                    QStringLiteral("PKCE is required: code_challenge with code_challenge_method=S256"));

    const QString hint = form.value(QStringLiteral("login_hint"));
    if (hint.isEmpty()) {
        HttpResponse page;
        page.body = devSignInPage(items, QString());
        page.setHeader("Content-Type", "text/html; charset=utf-8");
        page.setHeader("Cache-Control", "no-store");
        return page;
    }
    const DevNurse *nurse = findDevNurse(hint);
    if (!nurse)
        return fail(QStringLiteral("access_denied"), QStringLiteral("unknown user"));

    Grant grant;
    grant.clientId = clientId;
    grant.nurse = nurse->id;
    grant.scope = form.value(QStringLiteral("scope"));
    grant.nonce = form.value(QStringLiteral("nonce"));
    grant.redirectUri = redirectUri;
    grant.codeChallenge = form.value(QStringLiteral("code_challenge"));
    grant.family = randomSecret();
    grant.expiresMs = nowMs() + kCodeLifetimeMs;
    const QByteArray code = randomSecret();
    m_codes.insert(digest(code), grant);
    qCInfo(lcDpi) << "dev IdP: authorization code issued";
    return redirectTo(redirectUri, {{QStringLiteral("code"), QString::fromLatin1(code)},
                                    {QStringLiteral("state"), state},
                                    {QStringLiteral("iss"), issuer}});
}

HttpResponse DevIdp::token(const HttpRequest &request, const QString &issuer)
{
    if (request.method != "POST")
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("the token endpoint takes POST"),
                          405);
    if (!request.header("content-type").toLower().startsWith("application/x-www-form-urlencoded"))
        return oauthError(QStringLiteral("invalid_request"),
                          QStringLiteral("send the parameters as application/x-www-form-urlencoded"));
    prune(nowMs());
    const QHash<QString, QString> form = formValues(request.body);
    const QString grantType = form.value(QStringLiteral("grant_type"));
    if (grantType == QLatin1String("authorization_code"))
        return codeGrant(form, issuer);
    if (grantType == QLatin1String("refresh_token"))
        return refreshGrant(form, issuer);
    if (grantType.isEmpty())
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("grant_type is required"));
    return oauthError(QStringLiteral("unsupported_grant_type"),
                      QStringLiteral("grant_type is authorization_code or refresh_token"));
}

HttpResponse DevIdp::codeGrant(const QHash<QString, QString> &form, const QString &issuer)
{
    for (const char *required : {"code", "client_id", "redirect_uri", "code_verifier"}) {
        if (form.value(QString::fromLatin1(required)).isEmpty())
            return oauthError(QStringLiteral("invalid_request"),
                              QStringLiteral("%1 is required").arg(QString::fromLatin1(required)));
    }
    const auto found = m_codes.find(digest(form.value(QStringLiteral("code")).toLatin1()));
    if (found == m_codes.end())
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("unknown or expired code"));
    if (found->used) {
        // RFC 6749 §4.1.2: a code used twice may have been stolen; what it gave is withdrawn.
        revokeFamily(found->family);
        qCInfo(lcDpi) << "dev IdP: a code was presented twice; its tokens are revoked";
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("this code was already used"));
    }
    found->used = true; // one attempt per code, right or wrong
    const Grant grant = *found;
    if (grant.expiresMs < nowMs())
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("the code expired"));
    if (grant.clientId != form.value(QStringLiteral("client_id")))
        return oauthError(QStringLiteral("invalid_grant"),
                          QStringLiteral("the code was issued to another client"));
    if (grant.redirectUri != form.value(QStringLiteral("redirect_uri")))
        return oauthError(QStringLiteral("invalid_grant"),
                          QStringLiteral("redirect_uri differs from the authorization request's"));
    const QString verifier = form.value(QStringLiteral("code_verifier"));
    if (!isPkceValue(verifier) || !sameBytes(s256(verifier).toLatin1(), grant.codeChallenge.toLatin1()))
        return oauthError(QStringLiteral("invalid_grant"),
                          QStringLiteral("code_verifier does not match the code_challenge"));
    return issue(grant, issuer, true);
}

HttpResponse DevIdp::refreshGrant(const QHash<QString, QString> &form, const QString &issuer)
{
    for (const char *required : {"refresh_token", "client_id"}) {
        if (form.value(QString::fromLatin1(required)).isEmpty())
            return oauthError(QStringLiteral("invalid_request"),
                              QStringLiteral("%1 is required").arg(QString::fromLatin1(required)));
    }
    const auto found = m_refreshTokens.find(digest(form.value(QStringLiteral("refresh_token")).toLatin1()));
    if (found == m_refreshTokens.end())
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("unknown refresh token"));
    if (m_revokedFamilies.contains(found->family))
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("the session was revoked"));
    if (found->used) {
        // Rotation: an old refresh token coming back means two holders; end the session for both.
        revokeFamily(found->family);
        qCInfo(lcDpi) << "dev IdP: a rotated refresh token came back; session revoked";
        return oauthError(QStringLiteral("invalid_grant"),
                          QStringLiteral("this refresh token was already used; sign in again"));
    }
    if (found->expiresMs < nowMs())
        return oauthError(QStringLiteral("invalid_grant"),
                          QStringLiteral("the refresh token expired; sign in again"));
    if (found->clientId != form.value(QStringLiteral("client_id")))
        return oauthError(QStringLiteral("invalid_grant"),
                          QStringLiteral("the refresh token was issued to another client"));
    found->used = true;
    return issue(*found, issuer, false);
}

HttpResponse DevIdp::issue(const Grant &grant, const QString &issuer, bool withIdToken)
{
    const qint64 now = nowMs();
    const qint64 issuedAt = now / 1000;
    QJsonObject access{
        {QStringLiteral("iss"), issuer},
        {QStringLiteral("sub"), grant.nurse},
        {QStringLiteral("aud"), kAudience},
        {QStringLiteral("client_id"), grant.clientId},
        {QStringLiteral("scope"), grant.scope},
        {QStringLiteral("iat"), issuedAt},
        // Rounded up: the token lives at least expires_in, so a client refreshing on time never meets a 401.
        {QStringLiteral("exp"), (now + qint64(m_options.accessLifetimeSecs) * 1000 + 999) / 1000},
        {QStringLiteral("jti"), QString::fromLatin1(randomSecret().left(16))},
    };
    Grant refresh = grant;
    refresh.used = false;
    refresh.redirectUri.clear();
    refresh.codeChallenge.clear();
    refresh.expiresMs = now + qint64(m_options.refreshLifetimeSecs) * 1000;
    const QByteArray refreshToken = randomSecret();
    m_refreshTokens.insert(digest(refreshToken), refresh);

    QJsonObject body{
        {QStringLiteral("access_token"), QString::fromLatin1(m_signer.sign(access, "at+jwt"))},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("expires_in"), m_options.accessLifetimeSecs},
        {QStringLiteral("refresh_token"), QString::fromLatin1(refreshToken)},
        {QStringLiteral("refresh_token_expires_in"), m_options.refreshLifetimeSecs},
        {QStringLiteral("scope"), grant.scope},
    };
    if (withIdToken) {
        const DevNurse *nurse = findDevNurse(grant.nurse);
        QJsonObject id{
            {QStringLiteral("iss"), issuer},
            {QStringLiteral("sub"), grant.nurse},
            {QStringLiteral("aud"), grant.clientId},
            {QStringLiteral("iat"), issuedAt},
            {QStringLiteral("auth_time"), issuedAt},
            {QStringLiteral("exp"), issuedAt + 600},
            {QStringLiteral("name"), nurse ? nurse->name : grant.nurse},
        };
        if (!grant.nonce.isEmpty())
            id.insert(QStringLiteral("nonce"), grant.nonce);
        if (!m_idTokenKey)
            return jsonResponse(500, QJsonObject{{QStringLiteral("error"), QStringLiteral("server_error")}});
        Result<QByteArray> signedId = (m_forgingKey ? *m_forgingKey : *m_idTokenKey).sign(id, "JWT");
        if (!signedId)
            return jsonResponse(500, QJsonObject{{QStringLiteral("error"), QStringLiteral("server_error")}});
        body.insert(QStringLiteral("id_token"), QString::fromLatin1(*signedId));
    }
    qCInfo(lcDpi) << "dev IdP: tokens issued" << (withIdToken ? "(sign-in)" : "(refresh)");
    return jsonResponse(200, body);
}

bool DevIdp::acceptsAccessToken(const QByteArray &authorization) const
{
    if (!authorization.left(7).toLower().startsWith("bearer "))
        return false;
    const std::optional<QJsonObject> claims = m_signer.verify(authorization.mid(7).trimmed(), "at+jwt");
    if (!claims || claims->value(QLatin1String("aud")).toString() != kAudience)
        return false;
    const qint64 expires = qint64(claims->value(QLatin1String("exp")).toDouble()) * 1000;
    return nowMs() < expires;
}

void DevIdp::revokeFamily(const QByteArray &family)
{
    m_revokedFamilies.insert(family);
    for (auto it = m_refreshTokens.begin(); it != m_refreshTokens.end();) {
        if (it->family == family)
            it = m_refreshTokens.erase(it);
        else
            ++it;
    }
}

void DevIdp::prune(qint64 now)
{
    // Used entries stay ten minutes past their expiry so a replay is recognised as one.
    const qint64 horizon = now - 10 * 60 * 1000;
    for (auto *table : {&m_codes, &m_refreshTokens}) {
        for (auto it = table->begin(); it != table->end();) {
            if (it->expiresMs < horizon)
                it = table->erase(it);
            else
                ++it;
        }
    }
}

} // namespace chevet::dpi
