#include "framedecoder.h"

#include <QImage>
#include <QThread>
#include <QThreadPool>
#include <QVideoSink>

namespace chevet {

FrameDecoder::FrameDecoder(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
}

FrameDecoder::~FrameDecoder()
{
    // A decode still running holds `this`: wait for it rather than let it call back into freed memory.
    while (m_busy.load())
        QThread::msleep(5);
}

void FrameDecoder::setVideoSink(QVideoSink *sink)
{
    if (m_sink)
        disconnect(m_sink, nullptr, this, nullptr);
    m_sink = sink;
    if (sink)
        connect(sink, &QVideoSink::videoFrameChanged, this, &FrameDecoder::processFrame);
}

void FrameDecoder::processFrame(const QVideoFrame &frame)
{
    if (!frame.isValid() || m_busy.load())
        return;
    if (m_sinceLast.isValid() && m_sinceLast.elapsed() < m_intervalMs)
        return;
    m_sinceLast.start();
    m_busy = true;
    // The frame is shared, not copied; its conversion to an image happens on the worker too.
    QThreadPool::globalInstance()->start([this, frame] {
        const QList<DecodedBarcode> codes = m_decoder.decode(frame.toImage(), BarcodeDecoder::Effort::Fast);
        QMetaObject::invokeMethod(
            this, [this, codes] { onDecoded(codes); }, Qt::QueuedConnection);
        m_busy = false;
    });
}

void FrameDecoder::onDecoded(const QList<DecodedBarcode> &codes)
{
    const qint64 now = m_clock.elapsed();
    for (auto it = m_lastSeenMs.begin(); it != m_lastSeenMs.end();)
        it = now - it.value() >= m_repeatMs ? m_lastSeenMs.erase(it) : std::next(it);
    for (const DecodedBarcode &code : codes) {
        const bool repeat = m_lastSeenMs.contains(code.text);
        m_lastSeenMs.insert(code.text, now); // still in view: keeps it suppressed
        if (!repeat)
            Q_EMIT decoded(code);
    }
}

} // namespace chevet
