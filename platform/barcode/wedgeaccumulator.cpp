#include "wedgeaccumulator.h"

namespace chevet {

WedgeAccumulator::WedgeAccumulator(qint64 maxGapMs, int minScanLength)
    : m_maxGapMs(maxGapMs)
    , m_minScanLength(minScanLength)
{}

WedgeAccumulator::Entry WedgeAccumulator::feed(const QString &keyText, qint64 timestampMs)
{
    Entry done;
    for (const QChar c : keyText) {
        const bool terminator = c == QLatin1Char('\r') || c == QLatin1Char('\n') || c == QLatin1Char('\t');
        if (terminator && m_buffer.isEmpty())
            continue; // a bare Enter (or the \n of a \r\n suffix) ends nothing
        if (!m_buffer.isEmpty() && timestampMs - m_lastMs > m_maxGapMs)
            m_slow = true;
        m_lastMs = timestampMs;
        if (!terminator) {
            m_buffer.append(c);
            continue;
        }
        const bool scan = !m_slow && m_buffer.size() >= m_minScanLength;
        done = Entry{scan ? Kind::Scan : Kind::Manual, m_buffer};
        reset();
    }
    return done;
}

void WedgeAccumulator::reset()
{
    m_buffer.clear();
    m_slow = false;
}

} // namespace chevet
