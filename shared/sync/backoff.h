#pragma once

#include <QRandomGenerator>
#include <QtGlobal>

namespace chevet {

// Capped exponential backoff with jitter, so a ward of tablets coming back online together does not
// hammer the DPI in step.
class Backoff
{
public:
    Backoff(qint64 baseMs = 2000, qint64 capMs = 5 * 60 * 1000,
            quint32 seed = QRandomGenerator::global()->generate());

    // Delay before the next retry; each call doubles the ceiling up to the cap. Uniform in [ceiling/2,
    // ceiling].
    qint64 nextDelayMs();
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }

private:
    qint64 m_baseMs;
    qint64 m_capMs;
    int m_attempt = 0;
    QRandomGenerator m_random;
};

} // namespace chevet
