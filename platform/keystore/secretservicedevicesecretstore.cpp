#include "secretservicedevicesecretstore.h"

#include "core/logging.h"
#include "crypto/random.h"
#include "crypto/wipe.h"

#include <libsecret/secret.h>

namespace chevet {

namespace {

constexpr int kSecretSize = 32;
constexpr char kAppAttribute[] = "app";

const SecretSchema *schema()
{
    static const SecretSchema s = {
        "org.chevet.DeviceSecret",
        SECRET_SCHEMA_NONE,
        {{kAppAttribute, SECRET_SCHEMA_ATTRIBUTE_STRING}, {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
        0,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr};
    return &s;
}

Error platformError(PlatformError code, const QString &message, bool transient = false)
{
    return makeError(code, message, transient);
}

// libsecret's *_sync calls cannot be bounded in time, so each call runs asynchronously on a private
// main context that this thread iterates until the answer comes or the timeout cancels it.
class BoundedCall
{
public:
    explicit BoundedCall(std::chrono::milliseconds timeout)
        : m_context(g_main_context_new())
        , m_cancellable(g_cancellable_new())
    {
        g_main_context_push_thread_default(m_context);
        m_timer = g_timeout_source_new(static_cast<guint>(timeout.count()));
        g_source_set_callback(
            m_timer,
            [](gpointer self) -> gboolean {
                auto *call = static_cast<BoundedCall *>(self);
                call->m_timedOut = true;
                g_cancellable_cancel(call->m_cancellable);
                return G_SOURCE_REMOVE;
            },
            this, nullptr);
        g_source_attach(m_timer, m_context);
    }
    ~BoundedCall()
    {
        g_source_destroy(m_timer);
        g_source_unref(m_timer);
        g_main_context_pop_thread_default(m_context);
        g_object_unref(m_cancellable);
        g_main_context_unref(m_context);
    }
    BoundedCall(const BoundedCall &) = delete;
    BoundedCall &operator=(const BoundedCall &) = delete;

    GCancellable *cancellable() const { return m_cancellable; }
    static void done(GObject *, GAsyncResult *result, gpointer self)
    {
        auto *call = static_cast<BoundedCall *>(self);
        call->m_result = G_ASYNC_RESULT(g_object_ref(result));
    }
    // Runs until done; the caller then finishes the call with its *_finish() and release()s it.
    GAsyncResult *wait()
    {
        while (!m_result)
            g_main_context_iteration(m_context, TRUE);
        return m_result;
    }
    bool timedOut() const { return m_timedOut; }
    void release()
    {
        if (m_result)
            g_object_unref(m_result);
        m_result = nullptr;
    }

private:
    GMainContext *m_context;
    GCancellable *m_cancellable;
    GSource *m_timer = nullptr;
    GAsyncResult *m_result = nullptr;
    bool m_timedOut = false;
};

Error fromGError(GError *error, const BoundedCall &call, const QString &what)
{
    const QString detail = error ? QString::fromUtf8(error->message) : QStringLiteral("unknown error");
    if (error)
        g_error_free(error);
    if (call.timedOut())
        return platformError(PlatformError::KeyStoreTimeout,
                             QStringLiteral("the Secret Service did not answer in time while %1 (is the "
                                            "keyring locked?)")
                                 .arg(what),
                             true);
    return platformError(PlatformError::KeyStoreFailed,
                         QStringLiteral("the Secret Service failed while %1: %2").arg(what, detail), true);
}

} // namespace

SecretServiceDeviceSecretStore::SecretServiceDeviceSecretStore(QString appId,
                                                               std::chrono::milliseconds timeout)
    : m_appId(std::move(appId))
    , m_timeout(timeout)
{}

Result<QByteArray> SecretServiceDeviceSecretStore::deviceSecret()
{
    // libsecret would try to reach (or even autolaunch) a bus itself: say plainly what is missing.
    if (!isAvailable())
        return platformError(PlatformError::KeyStoreUnavailable,
                             QStringLiteral("the device secret is kept by the desktop's Secret Service, "
                                            "which does not answer in this session"),
                             true);
    const QByteArray app = m_appId.toUtf8();
    {
        BoundedCall call(m_timeout);
        secret_password_lookup(schema(), call.cancellable(), &BoundedCall::done, &call, kAppAttribute,
                               app.constData(), nullptr);
        GError *error = nullptr;
        gchar *found = secret_password_lookup_finish(call.wait(), &error);
        call.release();
        if (error)
            return fromGError(error, call, QStringLiteral("reading the device secret"));
        if (found) {
            // Decoded straight from libsecret's buffer (which secret_password_free wipes): a QByteArray
            // copy of the base64 text would be freed unwiped (security review F10).
            QByteArray secret =
                QByteArray::fromBase64(QByteArray::fromRawData(found, qsizetype(qstrlen(found))));
            secret_password_free(found);
            if (secret.size() != kSecretSize) {
                crypto::wipe(secret);
                return platformError(PlatformError::KeyStoreDamaged,
                                     QStringLiteral("the device secret in the Secret Service is damaged"));
            }
            return secret;
        }
    }

    Result<QByteArray> secret = crypto::randomBytes(kSecretSize);
    if (!secret)
        return secret.error();
    QByteArray encoded = secret->toBase64();
    BoundedCall call(m_timeout);
    secret_password_store(schema(), SECRET_COLLECTION_DEFAULT, "Chevet device secret", encoded.constData(),
                          call.cancellable(), &BoundedCall::done, &call, kAppAttribute, app.constData(),
                          nullptr);
    GError *error = nullptr;
    const gboolean stored = secret_password_store_finish(call.wait(), &error);
    call.release();
    crypto::wipe(encoded);
    if (!stored || error) {
        crypto::wipe(*secret);
        return fromGError(error, call, QStringLiteral("saving a new device secret"));
    }
    qCInfo(lcPlatform) << "new device secret created in the Secret Service";
    return secret;
}

Status SecretServiceDeviceSecretStore::forget()
{
    if (!isAvailable())
        return platformError(PlatformError::KeyStoreUnavailable,
                             QStringLiteral("the Secret Service does not answer: the device secret cannot be "
                                            "destroyed now"),
                             true);
    const QByteArray app = m_appId.toUtf8();
    BoundedCall call(m_timeout);
    secret_password_clear(schema(), call.cancellable(), &BoundedCall::done, &call, kAppAttribute,
                          app.constData(), nullptr);
    GError *error = nullptr;
    secret_password_clear_finish(call.wait(), &error); // false with no error: nothing was stored
    call.release();
    if (error)
        return fromGError(error, call, QStringLiteral("destroying the device secret"));
    qCInfo(lcPlatform) << "device secret destroyed in the Secret Service";
    return {};
}

bool SecretServiceDeviceSecretStore::isAvailable(std::chrono::milliseconds timeout)
{
    const QByteArray address = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    if (address.isEmpty())
        return false;
    // A private connection to the address itself: the shared g_bus_get() connection would outlive a
    // change of bus (tests) and may try to autolaunch one.
    GError *error = nullptr;
    GDBusConnection *bus = g_dbus_connection_new_for_address_sync(
        address.constData(),
        GDBusConnectionFlags(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                             G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION),
        nullptr, nullptr, &error);
    if (!bus) {
        qCInfo(lcPlatform) << "no session bus:" << (error ? error->message : "unknown error");
        g_clear_error(&error);
        return false;
    }
    // Ping activates the service when the bus knows how to, and answers only if it runs.
    GVariant *reply = g_dbus_connection_call_sync(
        bus, "org.freedesktop.secrets", "/org/freedesktop/secrets", "org.freedesktop.DBus.Peer", "Ping",
        nullptr, nullptr, G_DBUS_CALL_FLAGS_NONE, static_cast<gint>(timeout.count()), nullptr, &error);
    const bool answered = reply != nullptr;
    if (reply)
        g_variant_unref(reply);
    else
        qCInfo(lcPlatform) << "no Secret Service on the session bus:" << (error ? error->message : "");
    g_clear_error(&error);
    g_dbus_connection_close_sync(bus, nullptr, nullptr);
    g_object_unref(bus);
    return answered;
}

} // namespace chevet
