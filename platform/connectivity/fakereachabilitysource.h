#pragma once

#include "reachabilitysource.h"

namespace chevet {

// For tests: a link that changes when told to.
class FakeReachabilitySource final : public ReachabilitySource
{
    Q_OBJECT

public:
    explicit FakeReachabilitySource(Link link = Link::Up, QObject *parent = nullptr)
        : ReachabilitySource(parent)
        , m_link(link)
    {}
    Link link() const override { return m_link; }
    void setLink(Link link)
    {
        if (link == m_link)
            return;
        m_link = link;
        Q_EMIT linkChanged();
    }

private:
    Link m_link;
};

} // namespace chevet
