#include "barcodedecoder.h"

#include <QImage>

// ZXing 1.4 returns std::wstring from text() unless told to use UTF-8 (the 2.x default).
#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>

namespace chevet {

QString formatName(DecodedBarcode::Format format)
{
    switch (format) {
    case DecodedBarcode::Format::Code128:
        return QStringLiteral("Code128");
    case DecodedBarcode::Format::DataMatrix:
        return QStringLiteral("DataMatrix");
    case DecodedBarcode::Format::QrCode:
        return QStringLiteral("QRCode");
    }
    return {};
}

QList<DecodedBarcode> BarcodeDecoder::decode(const QImage &image, Effort effort) const
{
    if (image.isNull())
        return {};
    // Luminance is all ZXing needs, and one byte a pixel keeps camera frames cheap.
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    const ZXing::ImageView view(gray.constBits(), gray.width(), gray.height(), ZXing::ImageFormat::Lum,
                                int(gray.bytesPerLine()));
    auto hints = ZXing::DecodeHints()
                     .setFormats(ZXing::BarcodeFormat::Code128 | ZXing::BarcodeFormat::DataMatrix |
                                 ZXing::BarcodeFormat::QRCode)
                     .setTryHarder(true)
                     .setTryRotate(true);
    ZXing::Results results = ZXing::ReadBarcodes(view, hints);
    // The local binarizer copes with uneven light but turns sensor noise on a white label into
    // speckle; a global threshold, then a fixed one, read those images.
    for (const ZXing::Binarizer fallback :
         {ZXing::Binarizer::GlobalHistogram, ZXing::Binarizer::FixedThreshold}) {
        if (!results.empty() || effort == Effort::Fast)
            break;
        results = ZXing::ReadBarcodes(view, hints.setBinarizer(fallback));
    }

    QList<DecodedBarcode> found;
    for (const ZXing::Result &result : results) {
        if (!result.isValid())
            continue;
        DecodedBarcode code;
        switch (result.format()) {
        case ZXing::BarcodeFormat::Code128:
            code.format = DecodedBarcode::Format::Code128;
            break;
        case ZXing::BarcodeFormat::DataMatrix:
            code.format = DecodedBarcode::Format::DataMatrix;
            break;
        case ZXing::BarcodeFormat::QRCode:
            code.format = DecodedBarcode::Format::QrCode;
            break;
        default:
            continue;
        }
        code.text = QString::fromStdString(result.text());
        code.gs1 = result.contentType() == ZXing::ContentType::GS1;
        found.append(code);
    }
    return found;
}

} // namespace chevet
