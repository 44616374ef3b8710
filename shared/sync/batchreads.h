#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace chevet::batchreads {

// The most reads one batch carries: a batch is all or nothing on a weak link, and servers bound it.
inline constexpr int kMaxReadsPerBatch = 20;

// A FHIR batch Bundle of GET entries, one per target, in order.
QJsonObject bundleOf(const QStringList &targets);

// What a batch answered for one read, judged before it stands in for the read itself.
enum class Fit {
    Whole,   // a search or history page of the read's type, complete or with a next link
    Partial, // cut short without a next link, or silent about its size: asked alone instead (HAPI caps
             // searches inside a batch at maximumSearchResultCountInTransaction without saying so)
    Foreign, // not a page of this read: another type's resources, or not a page at all
};
Fit judge(const QString &target, const QJsonObject &answer);

} // namespace chevet::batchreads
