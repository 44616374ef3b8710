#pragma once

#include <QObject>

namespace chevet {

// What the OS says about the local link, before any probe: a hint that makes the monitor re-probe at
// once when the network comes back, and stop probing a link that is plainly down. It never decides
// "online" alone: Wi-Fi up with the DPI unreachable is offline.
class ReachabilitySource : public QObject
{
    Q_OBJECT

public:
    enum class Link { Unknown, Down, Up };

    using QObject::QObject;
    virtual Link link() const = 0;

Q_SIGNALS:
    void linkChanged();
};

} // namespace chevet
