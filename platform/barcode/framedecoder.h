#pragma once

#include "barcodedecoder.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QVideoFrame>

#include <atomic>

class QVideoSink;

namespace chevet {

// The camera path: takes frames from a QVideoSink (the one a QML VideoOutput shows), decodes at most
// one at a time on the thread pool, no more often than every `intervalMs`, and drops the frames that
// arrive meanwhile, so a slow tablet never queues up a backlog. The same code seen again within
// `repeatMs` is reported once: a wristband held in front of the lens is one scan, not thirty.
class FrameDecoder : public QObject
{
    Q_OBJECT

public:
    explicit FrameDecoder(QObject *parent = nullptr);
    ~FrameDecoder() override;

    void setVideoSink(QVideoSink *sink);
    void setInterval(int intervalMs) { m_intervalMs = intervalMs; }
    void setRepeatSuppression(int repeatMs) { m_repeatMs = repeatMs; }

public Q_SLOTS:
    // Decodes this frame unless a decode runs or the last one started less than the interval ago.
    void processFrame(const QVideoFrame &frame);

Q_SIGNALS:
    void decoded(const chevet::DecodedBarcode &code);

private:
    void onDecoded(const QList<DecodedBarcode> &codes);

    QPointer<QVideoSink> m_sink;
    BarcodeDecoder m_decoder;
    QElapsedTimer m_sinceLast;
    std::atomic<bool> m_busy{false};
    int m_intervalMs = 150;
    int m_repeatMs = 2000;
    QElapsedTimer m_clock;
    QHash<QString, qint64> m_lastSeenMs; // by text: a wristband and a box in one frame are two codes
};

} // namespace chevet
