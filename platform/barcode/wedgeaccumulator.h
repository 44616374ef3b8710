#pragma once

#include <QString>

namespace chevet {

// Tells a keyboard-wedge scanner from a person typing. A scanner "types" a whole code in a burst
// (characters a few ms apart) and ends it with Enter or Tab; people are slower. An entry counts as a
// scan only when every character, and the terminator, came within `maxGapMs` of the one before:
// a mixed entry is manual, so a half-typed, half-scanned wristband number is never taken as scanned.
// Scanners must be set to send an Enter or Tab suffix; GS1 separators arrive as ASCII 29 (Ctrl+]).
class WedgeAccumulator
{
public:
    enum class Kind { None, Scan, Manual };
    struct Entry
    {
        Kind kind = Kind::None;
        QString text;
    };

    explicit WedgeAccumulator(qint64 maxGapMs = 50, int minScanLength = 4);

    // Feeds the text of one key press (QKeyEvent::text()) at its time in ms. Returns the finished
    // entry when the text ends one with Enter or Tab, else Kind::None.
    Entry feed(const QString &keyText, qint64 timestampMs);
    void reset();
    bool isPending() const { return !m_buffer.isEmpty(); }

private:
    qint64 m_maxGapMs;
    int m_minScanLength;
    QString m_buffer;
    qint64 m_lastMs = 0;
    bool m_slow = false;
};

} // namespace chevet
