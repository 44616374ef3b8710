#pragma once

#include "core/result.h"

namespace chevet {

class Store;

// Whether a run reads in batches. A batch that fails once may be bad luck on a weak link (the reads
// then go one by one for the rest of that run); batches that fail in two runs in a row, with none
// answered between, point at the DPI or a gateway (too big, timed out): the device then reads one by
// one for an hour, so a batch that cannot get through never stops every sync.
class BatchReadPolicy
{
public:
    static constexpr int kFailedRunsBeforePause = 2;
    static constexpr qint64 kPauseMs = 3600LL * 1000;

    explicit BatchReadPolicy(Store &store);

    Result<bool> allowed(qint64 nowMs);
    // After a run: whether a batch failed in it, and whether one was answered.
    Status record(bool failed, bool answered, qint64 nowMs);

private:
    Store &m_store;
};

} // namespace chevet
