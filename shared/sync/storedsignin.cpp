#include "storedsignin.h"

#include "net/authorizingtransport.h"
#include "net/tokenprovider.h"
#include "store/sealedmeta.h"
#include "store/store.h"

#include <QCborMap>
#include <QCborValue>

namespace chevet {

namespace {

// One sign-in per nurse of the tablet: switching nurse never hands one nurse's session to another.
QString keyFor(const Store &store)
{
    return QStringLiteral("auth.session.") + store.author();
}

} // namespace

Result<std::optional<StoredSignIn>> StoredSignIn::load(Store &store)
{
    SealedMeta meta(store, SealedMeta::Scope::Personal);
    Result<QByteArray> bytes = meta.value(keyFor(store));
    if (!bytes)
        return bytes.error();
    if (bytes->isEmpty())
        return std::optional<StoredSignIn>();
    const QCborMap map = QCborValue::fromCbor(*bytes).toMap();
    StoredSignIn stored;
    stored.issuer = QUrl(map.value(QStringLiteral("issuer")).toString());
    stored.clientId = map.value(QStringLiteral("client")).toString();
    stored.tokenEndpoint = QUrl(map.value(QStringLiteral("tokenEndpoint")).toString());
    Result<TokenSet> tokens = TokenSet::fromBytes(map.value(QStringLiteral("tokens")).toByteArray());
    if (!tokens)
        return tokens.error();
    stored.tokens = *tokens;
    if (!stored.issuer.isValid() || stored.clientId.isEmpty() || !stored.tokenEndpoint.isValid())
        return makeError(NetError::BadTokenSet,
                         QStringLiteral("the stored sign-in is unreadable; sign in again"));
    return std::optional<StoredSignIn>(stored);
}

Status StoredSignIn::save(Store &store) const
{
    QCborMap map;
    map.insert(QStringLiteral("issuer"), issuer.toString());
    map.insert(QStringLiteral("client"), clientId);
    map.insert(QStringLiteral("tokenEndpoint"), tokenEndpoint.toString());
    map.insert(QStringLiteral("tokens"), tokens.toBytes());
    return SealedMeta(store, SealedMeta::Scope::Personal).setValue(keyFor(store), map.toCborValue().toCbor());
}

Status StoredSignIn::forget(Store &store)
{
    return SealedMeta(store, SealedMeta::Scope::Personal).remove(keyFor(store));
}

SignedInSync::~SignedInSync() = default;

Result<std::unique_ptr<SignedInSync>> SignedInSync::load(Store &store, const NetworkOptions &dpi)
{
    Result<std::optional<StoredSignIn>> stored = StoredSignIn::load(store);
    if (!stored)
        return stored.error();
    if (!*stored)
        return std::unique_ptr<SignedInSync>();
    std::unique_ptr<SignedInSync> sync(new SignedInSync());
    sync->m_stored = **stored;
    OidcConfig config;
    config.issuer = sync->m_stored.issuer;
    config.clientId = sync->m_stored.clientId;
    sync->m_provider = std::make_unique<TokenProvider>(
        TokenProvider::networkRefresher(config, sync->m_stored.tokenEndpoint));
    sync->m_provider->setTokens(sync->m_stored.tokens);
    sync->m_transport = AuthorizingTransport::overNetwork(dpi, *sync->m_provider);
    return sync;
}

Status SignedInSync::persist(Store &store)
{
    const TokenSet now = m_provider->tokens();
    if (now.accessToken == m_stored.tokens.accessToken && now.refreshToken == m_stored.tokens.refreshToken)
        return {};
    const QString nurse = m_stored.tokens.subject;
    m_stored.tokens = now;
    if (m_stored.tokens.subject.isEmpty())
        m_stored.tokens.subject = nurse; // the session ended: remember who has to sign in again
    return m_stored.save(store);
}

} // namespace chevet
