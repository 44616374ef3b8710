#include "batchreadpolicy.h"

#include "store/store.h"

namespace chevet {

namespace {

// "<runs with a failed batch in a row>|<when the last one failed, ms>"
const QString kKey = QStringLiteral("batch-reads-failures");

struct Failures
{
    int runs = 0;
    qint64 lastMs = 0;
};

Failures parse(const QByteArray &value)
{
    const QList<QByteArray> parts = value.split('|');
    if (parts.size() != 2)
        return {};
    return {parts.at(0).toInt(), parts.at(1).toLongLong()};
}

} // namespace

BatchReadPolicy::BatchReadPolicy(Store &store)
    : m_store(store)
{}

Result<bool> BatchReadPolicy::allowed(qint64 nowMs)
{
    Result<QByteArray> stored = m_store.metaValue(kKey);
    if (!stored)
        return stored.error();
    const Failures failures = parse(*stored);
    const qint64 since = nowMs - failures.lastMs;
    // A clock moved back does not extend the pause.
    return failures.runs < kFailedRunsBeforePause || since < 0 || since >= kPauseMs;
}

Status BatchReadPolicy::record(bool failed, bool answered, qint64 nowMs)
{
    Result<QByteArray> stored = m_store.metaValue(kKey);
    if (!stored)
        return stored.error();
    Failures failures = parse(*stored);
    if (failed)
        failures = {answered ? 1 : failures.runs + 1, nowMs};
    else if (answered)
        failures = {};
    else
        return {}; // no batch in this run: nothing learnt
    return m_store.setMetaValue(kKey, QByteArray::number(failures.runs) + '|' +
                                          QByteArray::number(failures.lastMs));
}

} // namespace chevet
