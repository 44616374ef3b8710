#include "barcode/barcodedecoder.h"
#include "barcodeimages.h"

#include <QPainter>
#include <QTest>

using namespace chevet;
using namespace chevet::test;

namespace {

// ZXing 1.4's Code 128 writer takes U+00F1 as FNC1 (this is how it makes GS1-128).
constexpr wchar_t kFnc1 = L'\u00f1';
const QString kGs = QString(QChar(0x1d));

} // namespace

Q_DECLARE_METATYPE(DecodedBarcode::Format)

class TestBarcodeDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesWhatWasDrawn_data()
    {
        QTest::addColumn<QImage>("image");
        QTest::addColumn<DecodedBarcode::Format>("format");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("gs1");

        struct Symbol
        {
            const char *name;
            ZXing::BarcodeFormat zxing;
            std::wstring contents;
            DecodedBarcode::Format format;
            QString text;
            bool gs1;
        };
        const QList<Symbol> symbols = {
            {"wristband IPP (Code 128)", ZXing::BarcodeFormat::Code128, L"8000001234",
             DecodedBarcode::Format::Code128, QStringLiteral("8000001234"), false},
            {"QR", ZXing::BarcodeFormat::QRCode, L"https://dpi.example/Patient/8000001234",
             DecodedBarcode::Format::QrCode, QStringLiteral("https://dpi.example/Patient/8000001234"), false},
            // ZXing 1.4 cannot write a GS1 DataMatrix (no FNC1 in its DataMatrix encoder): the same
            // element string with the GS separator as plain data, which is what the parser sees anyway.
            {"DataMatrix, GS in the data", ZXing::BarcodeFormat::DataMatrix,
             L"0103400930000120"
             L"10LOT42\x1d"
             L"17271231",
             DecodedBarcode::Format::DataMatrix,
             QStringLiteral("010340093000012010LOT42") + kGs + QStringLiteral("17271231"), false},
            {"DataMatrix, (01)(17)(10)", ZXing::BarcodeFormat::DataMatrix, L"01034009300001201727123110LOT42",
             DecodedBarcode::Format::DataMatrix, QStringLiteral("01034009300001201727123110LOT42"), false},
            // A real GS1 symbol: leading FNC1 marks it GS1 and is dropped; the inner FNC1 becomes GS.
            {"GS1-128", ZXing::BarcodeFormat::Code128,
             std::wstring(1, kFnc1) +
                 L"0103400930000120"
                 L"10LOT42" +
                 std::wstring(1, kFnc1) + L"17271231",
             DecodedBarcode::Format::Code128,
             QStringLiteral("010340093000012010LOT42") + kGs + QStringLiteral("17271231"), true},
        };
        for (const Symbol &s : symbols) {
            const QImage image = drawBarcode(s.zxing, s.contents);
            QTest::addRow("%s", s.name) << image << s.format << s.text << s.gs1;
            QTest::addRow("%s, rotated 90°", s.name) << rotated90(image) << s.format << s.text << s.gs1;
            QTest::addRow("%s, noisy", s.name) << withNoise(image) << s.format << s.text << s.gs1;
            QTest::addRow("%s, rotated and noisy", s.name)
                << withNoise(rotated90(image), 50, 7) << s.format << s.text << s.gs1;
        }
    }
    void decodesWhatWasDrawn()
    {
        QFETCH(QImage, image);
        QFETCH(DecodedBarcode::Format, format);
        QFETCH(QString, text);
        QFETCH(bool, gs1);
        const QList<DecodedBarcode> codes = BarcodeDecoder().decode(image);
        QCOMPARE(codes.size(), 1);
        QCOMPARE(formatName(codes.first().format), formatName(format));
        QCOMPARE(codes.first().text, text);
        QCOMPARE(codes.first().gs1, gs1);
    }

    // A wristband often carries a linear code and a QR side by side. (ZXing 1.4 did not find a small
    // DataMatrix beside a Code 128 in one picture: each must be framed alone.)
    void aWristbandWithTwoCodesGivesBoth()
    {
        const QImage band = drawBarcode(ZXing::BarcodeFormat::Code128, L"8000001234");
        const QImage box = drawBarcode(ZXing::BarcodeFormat::QRCode, L"0103400930000120");
        QImage both(qMax(band.width(), box.width()), band.height() + box.height(), QImage::Format_Grayscale8);
        both.fill(255);
        QPainter painter(&both);
        painter.drawImage(0, 0, band);
        painter.drawImage(0, band.height(), box);
        painter.end();
        QStringList texts;
        for (const DecodedBarcode &code : BarcodeDecoder().decode(both))
            texts.append(code.text);
        texts.sort();
        QCOMPARE(texts, QStringList({QStringLiteral("0103400930000120"), QStringLiteral("8000001234")}));
    }

    void imagesWithoutCodesGiveNothing_data()
    {
        QTest::addColumn<QImage>("image");
        QImage white(640, 480, QImage::Format_RGB32);
        white.fill(Qt::white);
        QTest::newRow("blank") << white;
        QTest::newRow("noise only") << withNoise(white, 120, 3);
        QTest::newRow("null image") << QImage();
        QTest::newRow("1x1") << QImage(1, 1, QImage::Format_ARGB32);
    }
    void imagesWithoutCodesGiveNothing()
    {
        QFETCH(QImage, image);
        QVERIFY(BarcodeDecoder().decode(image).isEmpty());
    }

    void colourImagesAreDecodedToo()
    {
        const QImage rgb =
            drawBarcode(ZXing::BarcodeFormat::QRCode, L"colour").convertToFormat(QImage::Format_ARGB32);
        const QList<DecodedBarcode> codes = BarcodeDecoder().decode(rgb);
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.first().text, QStringLiteral("colour"));
    }
};

QTEST_MAIN(TestBarcodeDecoder)
#include "tst_barcodedecoder.moc"
