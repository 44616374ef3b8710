#pragma once

#include "core/result.h"
#include "net/oidcprovider.h"
#include "net/tokenset.h"

#include <QUrl>

#include <memory>
#include <optional>

namespace chevet {
class Store;
class TokenProvider;
class Transport;
} // namespace chevet

namespace chevet {

// The sign-in `chevetctl signin` keeps for later `sync` runs: the provider, and the tokens sealed in
// the store (SealedMeta), so a copied store file without the PIN gives no session away.
struct StoredSignIn
{
    QUrl issuer;
    QString clientId;
    QUrl tokenEndpoint;
    TokenSet tokens;

    static Result<std::optional<StoredSignIn>> load(Store &store);
    Status save(Store &store) const;
    static Status forget(Store &store);
};

// What `sync` sends its requests through when a sign-in is stored: the access token, refreshed as
// needed; persist() seals the rotated tokens back, or keeps only who was signed in once the session
// has ended (the next sync then says "sign-in-needed" at once).
class SignedInSync
{
public:
    // std::nullopt when no sign-in is stored.
    static Result<std::unique_ptr<SignedInSync>> load(Store &store, const NetworkOptions &dpi);
    ~SignedInSync();

    Transport &transport() { return *m_transport; }
    QString nurseId() const { return m_stored.tokens.subject; }
    Status persist(Store &store);

private:
    SignedInSync() = default;

    StoredSignIn m_stored;
    std::unique_ptr<TokenProvider> m_provider;
    std::unique_ptr<Transport> m_transport;
};

} // namespace chevet
