#pragma once

#include <QMetaType>
#include <QString>

namespace chevet {

// One code read from an image, as raw text: parsing (GS1 element strings, wristband IPPs) is the
// model's job, not the scanner's.
struct DecodedBarcode
{
    enum class Format { Code128, DataMatrix, QrCode };

    Format format = Format::Code128;
    // The data, with GS1 field separators kept as ASCII 29 (GS). The FNC1 that marks a GS1 symbol
    // is not in the text; `gs1` says it was there.
    QString text;
    // True for GS1-128, GS1 DataMatrix and GS1 QR (symbology identifier ]C1, ]d2, ]Q3).
    bool gs1 = false;

    friend bool operator==(const DecodedBarcode &, const DecodedBarcode &) = default;
};

QString formatName(DecodedBarcode::Format format);

} // namespace chevet

Q_DECLARE_METATYPE(chevet::DecodedBarcode)
