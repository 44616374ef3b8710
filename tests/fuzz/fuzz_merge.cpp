// The three-way merge of a tablet's edit and the DPI's, as met on a 412 or a pull. Input: a JSON object
// {"base": {...}, "local": {...}, "remote": {...}}, the shape of tests/data/merge. Beyond not crashing:
// an edit against a side that did not change never needs a person, three equal versions are "no-change",
// and a result is either merged or conflicting, never both.
#include "sync/merge/threewaymerge.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace chevet;

namespace {

void require(bool holds, const char *what)
{
    if (!holds) {
        std::fprintf(stderr, "merge property broken: %s\n", what);
        std::abort();
    }
}

void checkShape(const MergeResult &result)
{
    if (result.outcome == MergeResult::Outcome::Conflict)
        require(!result.conflicts.isEmpty() && result.merged.isEmpty(),
                "a conflict names where and merges nothing");
    else
        require(result.conflicts.isEmpty(), "a decided merge carries no conflicts");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonObject input = QJsonDocument::fromJson(bytes).object();
    const QJsonObject base = input.value(QLatin1String("base")).toObject();
    const QJsonObject local = input.value(QLatin1String("local")).toObject();
    const QJsonObject remote = input.value(QLatin1String("remote")).toObject();

    checkShape(mergeResources(base, local, remote));

    const MergeResult unchanged = mergeResources(base, base, base);
    require(unchanged.outcome == MergeResult::Outcome::Merged && unchanged.rule == QLatin1String("no-change"),
            "three equal versions are no-change");

    const MergeResult onlyLocal = mergeResources(base, local, base);
    checkShape(onlyLocal);
    require(onlyLocal.outcome != MergeResult::Outcome::Conflict, "a local edit on an unchanged DPI version");

    const MergeResult onlyRemote = mergeResources(base, base, remote);
    checkShape(onlyRemote);
    require(onlyRemote.outcome != MergeResult::Outcome::Conflict, "a DPI edit on an unchanged local version");
    return 0;
}
