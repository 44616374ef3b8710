// A scanned medication pack: GS1 element strings raw from a scanner or as printed. A string the parser
// accepts carries a 14-digit GTIN whose check digit holds, and a valid date when it has one.
#include "model/gs1.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace chevet;

namespace {

void require(bool holds, const char *what)
{
    if (!holds) {
        std::fprintf(stderr, "GS1 property broken: %s\n", what);
        std::abort();
    }
}

void check(const QString &text)
{
    (void)looksLikeGs1(text);
    const Result<Gs1Data> parsed = parseGs1(text);
    if (!parsed)
        return;
    if (!parsed->gtin.isEmpty()) {
        require(parsed->gtin.size() == 14, "a GTIN of 14 digits");
        require(gtinCheckDigitValid(parsed->gtin), "a GTIN whose check digit holds");
        require(normalizedGtin(parsed->gtin) == parsed->gtin, "a 14-digit GTIN is already normal");
    }
    if (parsed->expiry)
        require(parsed->expiry->isValid(), "a valid expiry date");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    check(QString::fromUtf8(bytes));
    check(QString::fromLatin1(bytes));
    (void)normalizedGtin(QString::fromLatin1(bytes));
    return 0;
}
