#include "ioskeychaindevicesecretstore.h"

#include "crypto/random.h"

#import <Foundation/Foundation.h>
#import <Security/Security.h>

namespace chevet {

namespace {

Error keychainError(const QString &what, OSStatus status)
{
    return makeError(ErrorDomain::Platform, QStringLiteral("key-store-failed"),
                     QStringLiteral("the Keychain failed while %1 (status %2)").arg(what).arg(status), true);
}

} // namespace

IosKeychainDeviceSecretStore::IosKeychainDeviceSecretStore(QString appId)
    : m_appId(std::move(appId))
{}

Result<QByteArray> IosKeychainDeviceSecretStore::deviceSecret()
{
    NSString *account = m_appId.toNSString();
    NSDictionary *query = @{
        (id)kSecClass: (id)kSecClassGenericPassword,
        (id)kSecAttrService: @"org.chevet.DeviceSecret",
        (id)kSecAttrAccount: account,
        (id)kSecReturnData: @YES,
    };
    CFTypeRef found = nullptr;
    const OSStatus status = SecItemCopyMatching((__bridge CFDictionaryRef)query, &found);
    if (status == errSecSuccess) {
        const QByteArray secret = QByteArray::fromNSData((__bridge_transfer NSData *)found);
        if (secret.size() != 32)
            return makeError(ErrorDomain::Platform, QStringLiteral("key-store-damaged"),
                             QStringLiteral("the device secret in the Keychain is damaged"));
        return secret;
    }
    if (status != errSecItemNotFound)
        return keychainError(QStringLiteral("reading the device secret"), status);

    Result<QByteArray> secret = crypto::randomBytes(32);
    if (!secret)
        return secret.error();
    NSDictionary *item = @{
        (id)kSecClass: (id)kSecClassGenericPassword,
        (id)kSecAttrService: @"org.chevet.DeviceSecret",
        (id)kSecAttrAccount: account,
        (id)kSecAttrAccessible: (id)kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly,
        (id)kSecValueData: secret->toNSData(),
    };
    const OSStatus added = SecItemAdd((__bridge CFDictionaryRef)item, nullptr);
    if (added != errSecSuccess)
        return keychainError(QStringLiteral("saving a new device secret"), added);
    return secret;
}

Status IosKeychainDeviceSecretStore::forget()
{
    NSDictionary *query = @{
        (id)kSecClass: (id)kSecClassGenericPassword,
        (id)kSecAttrService: @"org.chevet.DeviceSecret",
        (id)kSecAttrAccount: m_appId.toNSString(),
    };
    const OSStatus status = SecItemDelete((__bridge CFDictionaryRef)query);
    if (status != errSecSuccess && status != errSecItemNotFound)
        return keychainError(QStringLiteral("destroying the device secret"), status);
    return {};
}

} // namespace chevet
