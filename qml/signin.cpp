#include "signin.h"

#include "auth/oidcsignin.h"
#include "core/logging.h"
#include "net/authorizingtransport.h"
#include "net/oidcprovider.h"
#include "net/tokenprovider.h"
#include "session.h"
#include "session/sessiongate.h"
#include "store/store.h"
#include "sync/storedsignin.h"

#include <QDesktopServices>

using namespace chevet;

namespace {

SignIn *s_instance = nullptr;

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

SignIn *SignIn::instance()
{
    if (!s_instance)
        s_instance = new SignIn(Session::instance());
    return s_instance;
}

SignIn *SignIn::create(QQmlEngine *, QJSEngine *)
{
    SignIn *signIn = instance();
    QQmlEngine::setObjectOwnership(signIn, QQmlEngine::CppOwnership);
    return signIn;
}

SignIn::SignIn(QObject *parent)
    : QObject(parent)
{
    const app::AppOptions &o = Session::instance()->options();
    m_issuer = o.issuer;
    m_clientId = o.clientId;
    Session *session = Session::instance();
    // A rotation the queued persist() has not saved yet is saved before the store closes (F17).
    connect(session, &Session::storeClosing, this, &SignIn::persist);
    connect(session, &Session::phaseChanged, this, [this, session]() {
        if (session->phase() == Session::Unlocked && !session->training())
            unlocked();
        else
            locked();
    });
}

SignIn::~SignIn()
{
    if (s_instance == this)
        s_instance = nullptr;
}

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
    config.network.pinnedSpkiSha256 = Session::instance()->options().idpPins;
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
        Session *session = Session::instance();
        const QString path = session->options().dataDir + QStringLiteral("/chevet.db");
        Result<QByteArray> secret = session->deviceSecret();
        if (!secret) {
            setError(secret.error().message);
            return;
        }
        const QString subject = tokens.subject;
        const crypto::SecretBytes deviceSecret(std::move(*secret));
        session->worker().runUnlocked<Status>(
            this,
            [path, deviceSecret, subject]() {
                return SessionGate(path, deviceSecret.bytes()).recordSignIn(subject);
            },
            [this, subject, session](Status recorded) {
                if (!recorded)
                    qCWarning(lcApp) << "sign-in not recorded:" << recorded.error().code;
                qCInfo(lcApp) << "signed in with the identity provider";
                Q_EMIT changed();
                Q_EMIT succeeded(subject);
                if (session->phase() == Session::Unlocked)
                    unlocked();
            });
    });
    connect(m_flow, &OidcSignIn::failed, this, [this](const Error &error) {
        m_flow->deleteLater();
        m_flow = nullptr;
        setError(error.code == QLatin1String("access_denied")
                     ? tr("Connexion refusée par le fournisseur d'identité.")
                     : tr("Connexion impossible : %1").arg(error.message));
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
    Session *session = Session::instance();
    const QString nurse = session->nurse();
    const std::optional<Fresh> fresh =
        m_fresh.contains(nurse) ? std::optional<Fresh>(m_fresh.take(nurse)) : std::nullopt;
    const QUrl issuer = m_issuer;
    const QString clientId = m_clientId;
    session->worker().write<StoredSignIn>(
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
                return makeError(ErrorDomain::Net, QStringLiteral("sign-in-needed"),
                                 QStringLiteral("no session"));
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
            config.network.pinnedSpkiSha256 = Session::instance()->options().idpPins;
            config.clientId = stored->clientId;
            m_tokenEndpoint = stored->tokenEndpoint;
            m_provider =
                std::make_unique<TokenProvider>(TokenProvider::networkRefresher(config, m_tokenEndpoint));
            m_provider->setTokens(stored->tokens);
            connect(
                m_provider.get(), &TokenProvider::tokensChanged, this, [this]() { m_unsaved = true; },
                Qt::DirectConnection);
            connect(m_provider.get(), &TokenProvider::tokensChanged, this, &SignIn::persist,
                    Qt::QueuedConnection);
            connect(
                m_provider.get(), &TokenProvider::signInNeeded, this,
                [this]() {
                    m_needed = true;
                    Q_EMIT changed();
                },
                Qt::QueuedConnection);
            m_needed = !m_provider->isSignedIn();
            Q_EMIT changed();
        });
}

void SignIn::persist()
{
    std::shared_ptr<TokenProvider> provider;
    {
        QMutexLocker lock(&m_providerLock);
        provider = m_provider;
    }
    if (!provider || Session::instance()->phase() != Session::Unlocked || !m_unsaved.exchange(false))
        return;
    const StoredSignIn stored{m_issuer, m_clientId, m_tokenEndpoint, provider->tokens()};
    Session::instance()->worker().write<bool>(
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
