#include "barcode/framedecoder.h"
#include "barcodeimages.h"

#include <QSignalSpy>
#include <QTest>
#include <QVideoFrameFormat>
#include <QVideoSink>

using namespace chevet;
using namespace chevet::test;

namespace {

// A camera-like frame (32-bit BGRA, as many Android and V4L2 pipelines deliver) holding `image`.
QVideoFrame frameOf(const QImage &image)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    QVideoFrame frame(QVideoFrameFormat(argb.size(), QVideoFrameFormat::Format_BGRA8888));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    for (int y = 0; y < argb.height(); ++y)
        memcpy(frame.bits(0) + y * frame.bytesPerLine(0), argb.constScanLine(y), size_t(argb.width()) * 4);
    frame.unmap();
    return frame;
}

QVideoFrame qrFrame(const std::wstring &text)
{
    return frameOf(drawBarcode(ZXing::BarcodeFormat::QRCode, text));
}

} // namespace

class TestFrameDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesFramesFromASink()
    {
        QVideoSink sink;
        FrameDecoder decoder;
        decoder.setVideoSink(&sink);
        QSignalSpy decoded(&decoder, &FrameDecoder::decoded);
        sink.setVideoFrame(qrFrame(L"8000001234"));
        QVERIFY(decoded.wait(5000));
        QCOMPARE(decoded.size(), 1);
        const auto code = decoded.first().first().value<DecodedBarcode>();
        QCOMPARE(code.text, QStringLiteral("8000001234"));
        QCOMPARE(formatName(code.format), QStringLiteral("QRCode"));
    }

    void aCodeHeldInViewIsReportedOnce()
    {
        FrameDecoder decoder;
        decoder.setInterval(0);
        QSignalSpy decoded(&decoder, &FrameDecoder::decoded);
        const QVideoFrame frame = qrFrame(L"same");
        for (int i = 0; i < 20; ++i) {
            decoder.processFrame(frame);
            QTest::qWait(20);
        }
        QTRY_COMPARE_WITH_TIMEOUT(decoded.size(), 1, 5000);
        // Another code is new, so it is reported.
        decoder.processFrame(qrFrame(L"other"));
        QTRY_COMPARE_WITH_TIMEOUT(decoded.size(), 2, 5000);
        QCOMPARE(decoded.last().first().value<DecodedBarcode>().text, QStringLiteral("other"));
    }

    void framesWithinTheIntervalAreDropped()
    {
        FrameDecoder decoder;
        decoder.setInterval(60000);
        QSignalSpy decoded(&decoder, &FrameDecoder::decoded);
        decoder.processFrame(qrFrame(L"first"));
        QVERIFY(decoded.wait(5000));
        decoder.processFrame(qrFrame(L"second"));
        QVERIFY(!decoded.wait(500));
        QCOMPARE(decoded.size(), 1);
    }

    void emptyAndInvalidFramesGiveNothing()
    {
        FrameDecoder decoder;
        decoder.setInterval(0);
        QSignalSpy decoded(&decoder, &FrameDecoder::decoded);
        QImage white(320, 240, QImage::Format_ARGB32);
        white.fill(Qt::white);
        decoder.processFrame(frameOf(white));
        decoder.processFrame(QVideoFrame());
        QVERIFY(!decoded.wait(500));
    }
};

QTEST_MAIN(TestFrameDecoder)
#include "tst_framedecoder.moc"
