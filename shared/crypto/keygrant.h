#pragma once

#include "core/result.h"

#include <QByteArray>

// A data key handed to a nurse who is not at the tablet. When a nurse is removed the store's data key is
// replaced, and the nurses who stay get the new key sealed to their public key (X25519, HKDF-SHA256,
// AES-256-GCM): only the holder of the matching personal key, wrapped under her PIN, opens it at her next
// unlock (security review F7).
namespace chevet::crypto::keygrant {

// The X25519 public key that goes with a nurse's personal key and her slot's salt (the private key is
// derived from both, so a slot needs nothing new to receive grants, and a PIN change, which draws a new
// salt, leaves nothing a guess of the old PIN could open).
Result<QByteArray> publicKeyOf(const QByteArray &personalKey, const QByteArray &slotSalt);

// `secret` sealed to `recipientPublicKey`, bound to `aad` (store and nurse):
//   0x01 | ephemeral public key (32) | nonce (12) | AES-256-GCM ciphertext and tag.
Result<QByteArray> seal(const QByteArray &secret, const QByteArray &recipientPublicKey,
                        const QByteArray &aad);

// Errors: "grant-format" (not a grant of this format), "auth-failed" (not hers, or altered).
Result<QByteArray> open(const QByteArray &grant, const QByteArray &personalKey, const QByteArray &slotSalt,
                        const QByteArray &aad);

} // namespace chevet::crypto::keygrant
