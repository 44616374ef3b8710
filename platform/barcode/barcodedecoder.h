#pragma once

#include "decodedbarcode.h"

#include <QList>

class QImage;

namespace chevet {

// Reads Code 128 (wristbands), DataMatrix (medications, GS1) and QR codes from a still image, in any
// of the four orientations. Pure and thread-safe: the camera path calls it on a worker thread.
class BarcodeDecoder
{
public:
    // Fast: one pass, for camera frames (most hold no code, and the next frame comes soon).
    // Thorough: up to three binarizers, for a still picture that must be read if it can be.
    enum class Effort { Fast, Thorough };

    // Every code found, best first; empty for an image without codes (or a null image).
    QList<DecodedBarcode> decode(const QImage &image, Effort effort = Effort::Thorough) const;
};

} // namespace chevet
