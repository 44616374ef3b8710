#pragma once

#include <QByteArray>

#include <memory>
#include <utility>

namespace chevet::crypto {

// Overwrites the bytes (in a way the optimiser cannot drop) and empties the array. A buffer still
// shared with another QByteArray is only released: that holder wipes it when it lets go, and writing
// through data() would merely detach and wipe a fresh copy. Every holder of a PIN or a device secret
// calls it when it lets go (security review F10).
void wipe(QByteArray &bytes);

} // namespace chevet::crypto

namespace chevet::crypto {

// A PIN or a device secret held by copies that outlive the call that made them (a lambda sent to the
// store thread): one buffer, owned here alone, wiped when the last copy goes, whichever thread that is
// on (security review F10). Built from a moved array so that no other QByteArray shares the buffer.
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(QByteArray bytes)
        : m_bytes(new QByteArray(std::move(bytes)), [](QByteArray *owned) {
            wipe(*owned);
            delete owned;
        })
    {}

    const QByteArray &bytes() const
    {
        static const QByteArray none;
        return m_bytes ? *m_bytes : none;
    }

private:
    std::shared_ptr<QByteArray> m_bytes;
};

} // namespace chevet::crypto
