#include "signin.h"
#include "errortext.h"

#include "auth/oidcsignin.h"
#include "core/logging.h"
#include "net/authorizingtransport.h"
#include "net/oidcprovider.h"
#include "net/tokenprovider.h"
#include "session/sessiongate.h"
#include "sessioncontroller.h"
#include "store/store.h"
#include "sync/storedsignin.h"

#include <QDesktopServices>

using namespace chevet;

namespace {

// The authorizing transport of one sync run, holding the token provider it uses.
class ProviderTransport final : public Transport
{
public:
    ProviderTransport(std::shared_ptr<TokenProvider> provider, const NetworkOptions &dpi)
        : m_provider(std::move(provider))
        , m_inner(AuthorizingTransport::overNetwork(dpi, *m_provider))
    {}
    Result<HttpResponse> exchange(const HttpRequest &request) override { return m_inner->exchange(request); }
    std::unique_ptr<PendingExchange> start(const HttpRequest &request) override
    {
        return m_inner->start(request);
    }
    QString baseUrl() const override { return m_inner->baseUrl(); }

private:
    std::shared_ptr<TokenProvider> m_provider;
    std::unique_ptr<Transport> m_inner;
};

} // namespace

SignIn::SignIn(SessionController &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_issuer(session.options().issuer)
    , m_clientId(session.options().clientId)
{
    // A rotation the queued persist() has not saved yet is saved before the store closes (F17).
    connect(&m_session, &SessionController::storeClosing, this, &SignIn::persist);
    connect(&m_session, &SessionController::phaseChanged, this, [this]() {
        if (m_session.unlocked() && !m_session.training())
            unlocked();
        else
            locked();
    });
}

SignIn::~SignIn() = default;

bool SignIn::signedIn() const
{
    QMutexLocker lock(&m_providerLock);
    return m_provider && m_provider->isSignedIn();
}

void SignIn::setError(const QString &message)
{
    m_error = message;
    Q_EMIT changed();
}

void SignIn::start(const QString &nurse)
{
    if (!available() || m_flow)
        return;
    OidcConfig config;
    config.issuer = m_issuer;
    config.network.pinnedSpkiSha256 = m_session.options().idpPins;
    config.clientId = m_clientId;
    m_flow = new OidcSignIn(
        config, [](const QUrl &url) { QDesktopServices::openUrl(url); }, this);
    m_flow->setLoginHint(nurse);
    m_flowNurse = nurse;
    m_error.clear();
    connect(m_flow, &OidcSignIn::succeeded, this, [this](const TokenSet &tokens) {
        const QString nurse = m_flowNurse;
        const QUrl tokenEndpoint = m_flow->provider().tokenEndpoint;
        m_flow->deleteLater();
        m_flow = nullptr;
        if (!nurse.isEmpty() && tokens.subject != nurse) {
            setError(
                tr("Le fournisseur d'identité a connecté « %1 », pas « %2 ».").arg(tokens.subject, nurse));
            return;
        }
        m_fresh.insert(tokens.subject, {tokens, tokenEndpoint});
        m_needed = false;
        // The gate reads and writes only its own records: it does not need the store unlocked.
        const QString path = m_session.storePath();
        Result<QByteArray> secret = m_session.deviceSecret();
        if (!secret) {
            setError(ErrorText::of(secret.error()));
            return;
        }
        const QString subject = tokens.subject;
        const crypto::SecretBytes deviceSecret(std::move(*secret));
        m_session.worker().runUnlocked<Status>(
            this,
            [path, deviceSecret, subject]() {
                return SessionGate(path, deviceSecret.bytes()).recordSignIn(subject);
            },
            [this, subject](Status recorded) {
                if (!recorded)
                    qCWarning(lcApp) << "sign-in not recorded:" << recorded.error().code;
                qCInfo(lcApp) << "signed in with the identity provider";
                Q_EMIT changed();
                Q_EMIT succeeded(subject);
                if (m_session.unlocked())
                    unlocked();
            });
    });
    connect(m_flow, &OidcSignIn::failed, this, [this](const Error &error) {
        m_flow->deleteLater();
        m_flow = nullptr;
        setError(ErrorText::of(error));
    });
    Q_EMIT changed();
    m_flow->start();
}

void SignIn::cancel()
{
    if (m_flow)
        m_flow->cancel();
}

void SignIn::unlocked()
{
    if (!available())
        return;
    const QString nurse = m_session.nurse();
    const std::optional<Fresh> fresh =
        m_fresh.contains(nurse) ? std::optional<Fresh>(m_fresh.take(nurse)) : std::nullopt;
    const QUrl issuer = m_issuer;
    const QString clientId = m_clientId;
    m_session.worker().write<StoredSignIn>(
        this,
        [fresh, issuer, clientId](Store &store) -> Result<StoredSignIn> {
            if (fresh) {
                const StoredSignIn stored{issuer, clientId, fresh->tokenEndpoint, fresh->tokens};
                if (Status s = stored.save(store); !s)
                    return s.error();
                return stored;
            }
            Result<std::optional<StoredSignIn>> loaded = StoredSignIn::load(store);
            if (!loaded)
                return loaded.error();
            if (!*loaded)
                return makeError(NetError::SignInNeeded, QStringLiteral("no session"));
            return **loaded;
        },
        [this](Result<StoredSignIn> stored) {
            if (!stored) {
                m_needed = true;
                Q_EMIT changed();
                return;
            }
            OidcConfig config;
            config.issuer = stored->issuer;
            config.network.pinnedSpkiSha256 = m_session.options().idpPins;
            config.clientId = stored->clientId;
            m_tokenEndpoint = stored->tokenEndpoint;
            auto provider =
                std::make_shared<TokenProvider>(TokenProvider::networkRefresher(config, m_tokenEndpoint));
            provider->setTokens(stored->tokens);
            connect(
                provider.get(), &TokenProvider::tokensChanged, this, [this]() { m_unsaved = true; },
                Qt::DirectConnection);
            connect(provider.get(), &TokenProvider::tokensChanged, this, &SignIn::persist,
                    Qt::QueuedConnection);
            connect(
                provider.get(), &TokenProvider::signInNeeded, this,
                [this]() {
                    m_needed = true;
                    Q_EMIT changed();
                },
                Qt::QueuedConnection);
            m_needed = !provider->isSignedIn();
            {
                QMutexLocker lock(&m_providerLock); // the sync thread reads it (transport())
                m_provider = std::move(provider);
            }
            Q_EMIT changed();
            // The sync that started at unlock ran before her tokens were read: the next one carries them.
            if (!m_needed)
                Q_EMIT providerReady();
        });
}

void SignIn::persist()
{
    std::shared_ptr<TokenProvider> provider;
    {
        QMutexLocker lock(&m_providerLock);
        provider = m_provider;
    }
    if (!provider || !m_session.unlocked() || !m_unsaved.exchange(false))
        return;
    const StoredSignIn stored{m_issuer, m_clientId, m_tokenEndpoint, provider->tokens()};
    m_session.worker().write<bool>(
        this,
        [stored](Store &store) -> Result<bool> {
            if (Status s = stored.save(store); !s)
                return s.error();
            return true;
        },
        [](Result<bool> saved) {
            if (!saved)
                qCWarning(lcApp) << "refreshed tokens not saved:" << saved.error().code;
        });
}

void SignIn::locked()
{
    {
        QMutexLocker lock(&m_providerLock);
        m_provider.reset(); // a run in flight keeps its own reference
    }
    m_unsaved = false;
    m_needed = false;
    Q_EMIT changed();
}

std::shared_ptr<TokenProvider> SignIn::provider() const
{
    QMutexLocker lock(&m_providerLock);
    return m_provider;
}

std::unique_ptr<Transport> SignIn::transport(const NetworkOptions &dpi)
{
    // Called on the sync thread.
    std::shared_ptr<TokenProvider> provider;
    {
        QMutexLocker lock(&m_providerLock);
        provider = m_provider;
    }
    if (!provider)
        return nullptr;
    return std::make_unique<ProviderTransport>(std::move(provider), dpi);
}
