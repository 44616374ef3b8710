#pragma once

#include <atomic>

namespace chevet {

// A run's cancellation, seen by every request made on the thread that runs it, whatever transports wrap
// the network one: the app stops a sync on lock or suspend without waiting for a slow DPI (sync-audit
// §22). A request already sent is aborted within a tick; every later one fails at once as "cancelled".
class CancellationScope
{
public:
    // `flag` outlives the scope; it is set from any thread.
    explicit CancellationScope(const std::atomic<bool> &flag);
    ~CancellationScope();
    CancellationScope(const CancellationScope &) = delete;
    CancellationScope &operator=(const CancellationScope &) = delete;

    // Whether the run on this thread has been asked to stop (false outside any scope).
    static bool cancelled();

private:
    const std::atomic<bool> *m_previous;
};

} // namespace chevet
