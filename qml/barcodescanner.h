#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>

namespace chevet {
class FrameDecoder;
}

// The camera path of the scan field: frames from a VideoOutput's sink are decoded off the UI thread
// (platform/barcode), and each new code arrives as scanned(), like a keyboard-wedge scan.
class BarcodeScanner : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QObject *videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)

public:
    explicit BarcodeScanner(QObject *parent = nullptr);
    ~BarcodeScanner() override;

    QObject *videoSink() const { return m_sink; }
    void setVideoSink(QObject *sink);

Q_SIGNALS:
    void videoSinkChanged();
    // GS1 symbols get their symbology prefix back ("]d2…"), so the 5 B check reads their fields.
    void scanned(const QString &code);

private:
    QPointer<QObject> m_sink;
    chevet::FrameDecoder *m_decoder = nullptr;
};
