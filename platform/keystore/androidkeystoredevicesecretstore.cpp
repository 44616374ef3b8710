#include "androidkeystoredevicesecretstore.h"

#include "crypto/wipe.h"

#include <QJniEnvironment>
#include <QJniObject>

namespace chevet {

AndroidKeystoreDeviceSecretStore::AndroidKeystoreDeviceSecretStore(QString dataDir, QString appId)
    : m_dataDir(std::move(dataDir))
    , m_appId(std::move(appId))
{}

Result<QByteArray> AndroidKeystoreDeviceSecretStore::deviceSecret()
{
    // DeviceSecret.get(alias, wrappedPath) unwraps the stored secret, or makes and wraps one first.
    const QJniObject alias = QJniObject::fromString(QStringLiteral("chevet.device.") + m_appId);
    const QJniObject path = QJniObject::fromString(m_dataDir + QStringLiteral("/device.key.wrapped"));
    const QJniObject bytes = QJniObject::callStaticObjectMethod(
        "org/chevet/platform/DeviceSecret", "get", "(Ljava/lang/String;Ljava/lang/String;)[B",
        alias.object<jstring>(), path.object<jstring>());
    QJniEnvironment env;
    if (env.checkAndClearExceptions() || !bytes.isValid())
        return makeError(PlatformError::KeyStoreFailed,
                         QStringLiteral("the Android Keystore refused the device secret"), true);
    const auto array = bytes.object<jbyteArray>();
    const jsize size = env->GetArrayLength(array);
    QByteArray secret(size, Qt::Uninitialized);
    env->GetByteArrayRegion(array, 0, size, reinterpret_cast<jbyte *>(secret.data()));
    // The Java array goes to the garbage collector: zeroed first, as every copy of the secret is
    // (security review F10).
    const QByteArray zeros(size, '\0');
    env->SetByteArrayRegion(array, 0, size, reinterpret_cast<const jbyte *>(zeros.constData()));
    if (secret.size() != 32) {
        crypto::wipe(secret);
        return makeError(PlatformError::KeyStoreDamaged,
                         QStringLiteral("the Android Keystore returned a damaged device secret"));
    }
    return secret;
}

Status AndroidKeystoreDeviceSecretStore::forget()
{
    // DeviceSecret.forget(alias, wrappedPath) deletes the Keystore key and the wrapped secret.
    const QJniObject alias = QJniObject::fromString(QStringLiteral("chevet.device.") + m_appId);
    const QJniObject path = QJniObject::fromString(m_dataDir + QStringLiteral("/device.key.wrapped"));
    QJniObject::callStaticMethod<void>("org/chevet/platform/DeviceSecret", "forget",
                                       "(Ljava/lang/String;Ljava/lang/String;)V", alias.object<jstring>(),
                                       path.object<jstring>());
    QJniEnvironment env;
    if (env.checkAndClearExceptions())
        return makeError(PlatformError::KeyStoreFailed,
                         QStringLiteral("the Android Keystore could not destroy the device secret"), true);
    return {};
}

} // namespace chevet
