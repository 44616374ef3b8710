#pragma once

// Barcode pictures for the decoder tests, drawn with ZXing's own writer.
#include <QImage>
#include <QRandomGenerator>
#include <QTransform>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <string>

namespace chevet::test {

// Each module becomes `scale` pixels, with `quiet` modules of white around the symbol.
inline QImage drawBarcode(ZXing::BarcodeFormat format, const std::wstring &contents, int scale = 4,
                          int quiet = 10)
{
    const ZXing::BitMatrix bits = ZXing::MultiFormatWriter(format).setMargin(0).encode(contents, 0, 0);
    // Linear codes come back one row high: give them some height.
    const int rows = bits.height() == 1 ? 40 : bits.height();
    QImage image((bits.width() + 2 * quiet) * scale, (rows + 2 * quiet) * scale, QImage::Format_Grayscale8);
    image.fill(255);
    for (int y = 0; y < rows; ++y) {
        for (int x = 0; x < bits.width(); ++x) {
            if (!bits.get(x, bits.height() == 1 ? 0 : y))
                continue;
            for (int dy = 0; dy < scale; ++dy) {
                uchar *line = image.scanLine((y + quiet) * scale + dy);
                for (int dx = 0; dx < scale; ++dx)
                    line[(x + quiet) * scale + dx] = 0;
            }
        }
    }
    return image;
}

inline QImage rotated90(const QImage &image)
{
    return image.transformed(QTransform().rotate(90));
}

// Sensor-like noise: every pixel moved by up to ±amplitude grey levels, from a fixed seed.
inline QImage withNoise(QImage image, int amplitude = 60, quint32 seed = 42)
{
    QRandomGenerator random(seed);
    image = image.convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < image.height(); ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < image.width(); ++x) {
            const int v = line[x] + random.bounded(-amplitude, amplitude + 1);
            line[x] = uchar(qBound(0, v, 255));
        }
    }
    return image;
}

} // namespace chevet::test
