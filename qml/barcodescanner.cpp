#include "barcodescanner.h"

#include "barcode/framedecoder.h"

#include <QVideoSink>

using namespace chevet;

BarcodeScanner::BarcodeScanner(QObject *parent)
    : QObject(parent)
    , m_decoder(new FrameDecoder(this))
{
    connect(m_decoder, &FrameDecoder::decoded, this, [this](const DecodedBarcode &code) {
        Q_EMIT scanned(code.gs1 ? QStringLiteral("]d2") + code.text : code.text);
    });
}

BarcodeScanner::~BarcodeScanner() = default;

void BarcodeScanner::setVideoSink(QObject *sink)
{
    if (m_sink == sink)
        return;
    m_sink = sink;
    m_decoder->setVideoSink(qobject_cast<QVideoSink *>(sink));
    Q_EMIT videoSinkChanged();
}
