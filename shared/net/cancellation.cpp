#include "cancellation.h"

namespace chevet {

namespace {
thread_local const std::atomic<bool> *t_current = nullptr;
}

CancellationScope::CancellationScope(const std::atomic<bool> &flag)
    : m_previous(t_current)
{
    t_current = &flag;
}

CancellationScope::~CancellationScope()
{
    t_current = m_previous;
}

bool CancellationScope::cancelled()
{
    return t_current && t_current->load();
}

} // namespace chevet
