#pragma once

#include "core/error.h"
#include "wipe.h"

#include <QByteArray>
#include <QString>

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <memory>

// Internal to crypto/: the rest of the engine never sees an OpenSSL type.

namespace chevet::crypto {

template<auto FreeFunction> struct OpensslDeleter
{
    template<typename T> void operator()(T *object) const { FreeFunction(object); }
};

using CipherCtxHolder = std::unique_ptr<EVP_CIPHER_CTX, OpensslDeleter<&EVP_CIPHER_CTX_free>>;
using MdCtxHolder = std::unique_ptr<EVP_MD_CTX, OpensslDeleter<&EVP_MD_CTX_free>>;
using MacHolder = std::unique_ptr<EVP_MAC, OpensslDeleter<&EVP_MAC_free>>;
using MacCtxHolder = std::unique_ptr<EVP_MAC_CTX, OpensslDeleter<&EVP_MAC_CTX_free>>;
using KdfHolder = std::unique_ptr<EVP_KDF, OpensslDeleter<&EVP_KDF_free>>;
using KdfCtxHolder = std::unique_ptr<EVP_KDF_CTX, OpensslDeleter<&EVP_KDF_CTX_free>>;
using PkeyCtxHolder = std::unique_ptr<EVP_PKEY_CTX, OpensslDeleter<&EVP_PKEY_CTX_free>>;
using CipherHolder = std::unique_ptr<EVP_CIPHER, OpensslDeleter<&EVP_CIPHER_free>>;
using MdHolder = std::unique_ptr<EVP_MD, OpensslDeleter<&EVP_MD_free>>;

// An Error in the Crypto domain that carries, and drains, the OpenSSL error queue of this thread.
Error opensslError(CryptoError code, const QString &what);

inline Error cryptoError(CryptoError code, const QString &message)
{
    return makeError(code, message);
}

inline const unsigned char *ucharData(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

inline unsigned char *ucharData(QByteArray &bytes)
{
    return reinterpret_cast<unsigned char *>(bytes.data());
}

// OSSL_PARAM wants non-const pointers even for parameters it only reads.
inline void *paramData(const QByteArray &bytes)
{
    return const_cast<char *>(bytes.constData());
}

} // namespace chevet::crypto
