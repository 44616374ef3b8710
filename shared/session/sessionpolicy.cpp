#include "sessionpolicy.h"

#include <algorithm>

namespace chevet {

qint64 SessionPolicy::delayAfterFailures(int failures) const
{
    if (failures < freeAttempts || attemptDelaysMs.empty())
        return 0;
    const size_t step = std::min(size_t(failures - freeAttempts), attemptDelaysMs.size() - 1);
    return attemptDelaysMs.at(step);
}

int SessionPolicy::attemptsLeft(int failures) const
{
    return std::max(0, lockoutAfterFailures - failures);
}

} // namespace chevet
