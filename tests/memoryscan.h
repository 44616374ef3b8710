#pragma once

// Scans this process's writable memory for a secret without ever forming it in clear here: the test
// keeps the secret masked, and unmasks it only into buffers it hands over (security review F10).
#include <QByteArray>
#include <QList>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <openssl/crypto.h>

#include <fcntl.h>
#include <unistd.h>

namespace chevet::test {

inline constexpr char kMask = char(0x5a);

inline QByteArray masked(const QByteArray &clear)
{
    QByteArray out = clear;
    for (char &c : out)
        c ^= kMask;
    return out;
}

// The clear bytes of a masked value, in a buffer of its own (the caller wipes it).
inline QByteArray unmasked(const QByteArray &maskedValue)
{
    QByteArray out(maskedValue.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < maskedValue.size(); ++i)
        out[i] = char(maskedValue[i] ^ kMask);
    return out;
}

inline void wipe(QByteArray &bytes)
{
    if (bytes.isDetached())
        OPENSSL_cleanse(const_cast<char *>(bytes.constData()), size_t(bytes.size()));
    bytes.clear();
}

// How many times the masked value appears, unmasked, in the process's writable memory. Works in static
// buffers only: an allocation of its own could reuse, and overwrite, the very heap block it looks for.
inline int occurrences(const QByteArray &maskedValue)
{
    static char maps[1 << 20];
    static char chunk[(1 << 20) + 4096];
    constexpr qsizetype kStep = 1 << 20;
    const int mapsFile = ::open("/proc/self/maps", O_RDONLY);
    if (mapsFile < 0)
        return -1;
    qsizetype mapsSize = 0;
    for (ssize_t n; (n = ::read(mapsFile, maps + mapsSize, sizeof maps - 1 - size_t(mapsSize))) > 0;)
        mapsSize += n;
    ::close(mapsFile);
    maps[mapsSize] = '\0';
    const int mem = ::open("/proc/self/mem", O_RDONLY);
    if (mem < 0)
        return -1;
    const qsizetype needle = maskedValue.size();
    int found = 0;
    for (char *line = maps; line && *line;) {
        char *next = std::strchr(line, '\n');
        if (next)
            *next++ = '\0';
        unsigned long long begin = 0, end = 0;
        char perms[8] = {};
        const bool parsed = std::sscanf(line, "%llx-%llx %7s", &begin, &end, perms) == 3;
        const bool special = std::strstr(line, "[vvar]") || std::strstr(line, "[vsyscall]");
        if (parsed && perms[0] == 'r' && perms[1] == 'w' && !special) {
            for (unsigned long long at = begin; at < end; at += kStep) {
                const size_t length = size_t(std::min<unsigned long long>(kStep + needle, end - at));
                const ssize_t read = ::pread(mem, chunk, length, off_t(at));
                // Compared masked, so the clear value is never formed here; a match straddling two
                // steps is counted once, by the step it starts in.
                for (qsizetype i = 0; read > 0 && i + needle <= qsizetype(read) && i < kStep; ++i) {
                    qsizetype j = 0;
                    while (j < needle && char(chunk[i + j] ^ kMask) == maskedValue[j])
                        ++j;
                    if (j == needle) {
                        ++found;
                        if (qEnvironmentVariableIsSet("CHEVET_SCAN_DEBUG")) {
                            std::fprintf(stderr, "found in %s at +0x%llx after", line,
                                         at + quint64(i) - begin);
                            for (qsizetype k = std::max<qsizetype>(0, i - 32); k < i; ++k)
                                std::fprintf(stderr, " %02x", (unsigned char)chunk[k]);
                            std::fprintf(stderr, "\n");
                        }
                    }
                }
            }
        }
        line = next;
    }
    ::close(mem);
    OPENSSL_cleanse(chunk, sizeof chunk);
    return found;
}

} // namespace chevet::test
