#pragma once

#include <QByteArray>

#include <utility>

namespace chevet::crypto {

// Overwrites the bytes (in a way the optimiser cannot drop) and empties the array. A buffer still
// shared with another QByteArray is only released: that holder wipes it when it lets go, and writing
// through data() would merely detach and wipe a fresh copy. Every holder of a PIN or a device secret
// calls it when it lets go (security review F10).
void wipe(QByteArray &bytes);

} // namespace chevet::crypto

namespace chevet::crypto {

// A PIN or a device secret held by a copy that outlives the call that made it (a lambda sent to the
// store thread, options): the last holder to let go wipes the bytes (security review F10).
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {}
    SecretBytes(const SecretBytes &) = default;
    SecretBytes(SecretBytes &&other) noexcept
        : m_bytes(std::exchange(other.m_bytes, QByteArray()))
    {}
    SecretBytes &operator=(SecretBytes other) noexcept
    {
        wipe(m_bytes);
        m_bytes = std::exchange(other.m_bytes, QByteArray());
        return *this;
    }
    ~SecretBytes() { wipe(m_bytes); }

    const QByteArray &bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

} // namespace chevet::crypto
