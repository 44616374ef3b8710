// Three-way merge of FHIR resources: every tests/data/merge/*.json is a row {name, base, local, remote,
// expect}, and every row also feeds the properties a merge must keep whatever the resource.
#include "sync/merge/threewaymerge.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

using namespace chevet;

namespace {

const QString kFolder = QStringLiteral(CHEVET_TEST_DATA "/merge");

QJsonObject load(const QString &file)
{
    QFile f(kFolder + QLatin1Char('/') + file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(f.fileName()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (!doc.isObject())
        qFatal("%s: %s", qPrintable(f.fileName()), qPrintable(error.errorString()));
    return doc.object();
}

QJsonObject part(const QJsonObject &json, const char *key)
{
    return json.value(QLatin1String(key)).toObject();
}

QString compact(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("(absent)");
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
        .chopped(1)
        .mid(1);
}

// Every place `actual` differs from `expected`, one line each.
void diff(const QString &path, const QJsonValue &expected, const QJsonValue &actual, QStringList *out)
{
    if (expected == actual)
        return;
    if (expected.isObject() && actual.isObject()) {
        const QJsonObject e = expected.toObject(), a = actual.toObject();
        QStringList keys = e.keys() + a.keys();
        keys.sort();
        keys.removeDuplicates();
        for (const QString &key : std::as_const(keys))
            diff(path.isEmpty() ? key : path + QLatin1Char('.') + key, e.value(key), a.value(key), out);
        return;
    }
    if (expected.isArray() && actual.isArray() && expected.toArray().size() == actual.toArray().size()) {
        const QJsonArray e = expected.toArray(), a = actual.toArray();
        for (qsizetype i = 0; i < e.size(); ++i)
            diff(path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), e.at(i), a.at(i), out);
        return;
    }
    out->append(QStringLiteral("  %1: expected %2\n  %3  got      %4")
                    .arg(path, compact(expected), QString(path.size(), QLatin1Char(' ')), compact(actual)));
}

QString describe(const MergeResult &r)
{
    QStringList conflicts;
    for (const MergeConflict &c : r.conflicts)
        conflicts.append(c.path);
    return QStringLiteral("%1 by %2; conflicts [%3]; auto-merged [%4]; discarded [%5]")
        .arg(outcomeName(r.outcome), r.rule, conflicts.join(QStringLiteral(", ")),
             r.autoMergedPaths.join(QStringLiteral(", ")), r.discardedPaths.join(QStringLiteral(", ")));
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    const QJsonArray a = array.toArray();
    for (const QJsonValue &v : a)
        out.append(v.toString());
    return out;
}

QStringList conflictPaths(const MergeResult &r)
{
    QStringList out;
    for (const MergeConflict &c : r.conflicts)
        out.append(c.path);
    return sorted(out);
}

// Lists in a fixed order, for results that may legitimately differ only in order.
QJsonValue normalized(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = normalized(it.value());
        return o;
    }
    if (value.isArray()) {
        QList<QJsonValue> elements;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &v : array)
            elements.append(normalized(v));
        std::sort(elements.begin(), elements.end(),
                  [](const QJsonValue &a, const QJsonValue &b) { return compact(a) < compact(b); });
        QJsonArray out;
        for (const QJsonValue &v : std::as_const(elements))
            out.append(v);
        return out;
    }
    return value;
}

MergeResult::Outcome mirrored(MergeResult::Outcome outcome)
{
    switch (outcome) {
    case MergeResult::Outcome::LocalWins:
        return MergeResult::Outcome::RemoteWins;
    case MergeResult::Outcome::RemoteWins:
        return MergeResult::Outcome::LocalWins;
    default:
        return outcome;
    }
}

void addCaseRows()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(kFolder).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file.chopped(5))) << file;
}

} // namespace

class TestThreeWayMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enoughCases()
    {
        QVERIFY(QDir(kFolder).entryList({QStringLiteral("*.json")}, QDir::Files).size() >= 15);
    }

    void cases_data() { addCaseRows(); }

    void cases()
    {
        QFETCH(QString, file);
        const QJsonObject json = load(file);
        const QJsonObject expect = part(json, "expect");
        const MergeResult r = mergeResources(part(json, "base"), part(json, "local"), part(json, "remote"));
        const QString got = describe(r);

        QVERIFY2(outcomeName(r.outcome) == expect.value(QLatin1String("outcome")).toString(),
                 qPrintable(got));
        QVERIFY2(r.rule == expect.value(QLatin1String("rule")).toString(), qPrintable(got));
        if (expect.contains(QLatin1String("merged"))) {
            QStringList lines;
            diff({}, expect.value(QLatin1String("merged")), r.merged, &lines);
            QVERIFY2(lines.isEmpty(),
                     qPrintable(QStringLiteral("merged differs:\n") + lines.join(QLatin1Char('\n'))));
        } else {
            QVERIFY2(r.outcome != MergeResult::Outcome::Conflict || r.merged.isEmpty(), "a conflict merged");
        }
        QVERIFY2(conflictPaths(r) == sorted(strings(expect.value(QLatin1String("conflicts")))),
                 qPrintable(got));
        if (expect.contains(QLatin1String("autoMergedPaths"))) {
            QVERIFY2(sorted(r.autoMergedPaths) ==
                         sorted(strings(expect.value(QLatin1String("autoMergedPaths")))),
                     qPrintable(got));
        }
        if (expect.contains(QLatin1String("discardedPaths"))) {
            QVERIFY2(sorted(r.discardedPaths) ==
                         sorted(strings(expect.value(QLatin1String("discardedPaths")))),
                     qPrintable(got));
        }
    }

    // An edit met by an untouched version comes through whole, whichever side made it.
    void oneSidedEditComesThrough_data() { addCaseRows(); }

    void oneSidedEditComesThrough()
    {
        QFETCH(QString, file);
        const QJsonObject json = load(file);
        const QJsonObject base = part(json, "base");
        for (const char *side : {"local", "remote"}) {
            const QJsonObject x = part(json, side);
            for (const MergeResult &r : {mergeResources(base, x, base), mergeResources(base, base, x)}) {
                QStringList lines;
                diff({}, x, r.merged, &lines);
                QVERIFY2(
                    r.outcome == MergeResult::Outcome::Merged && lines.isEmpty(),
                    qPrintable(QStringLiteral("%1: %2\n%3")
                                   .arg(QLatin1String(side), describe(r), lines.join(QLatin1Char('\n')))));
            }
        }
    }

    // The same edit on both sides is no conflict.
    void sameEditIsNoConflict_data() { addCaseRows(); }

    void sameEditIsNoConflict()
    {
        QFETCH(QString, file);
        const QJsonObject json = load(file);
        for (const char *side : {"local", "remote"}) {
            const QJsonObject x = part(json, side);
            const MergeResult r = mergeResources(part(json, "base"), x, x);
            QVERIFY2(r.outcome == MergeResult::Outcome::Merged && r.merged == x, qPrintable(describe(r)));
            QVERIFY(r.autoMergedPaths.isEmpty());
            QVERIFY(r.rule == QLatin1String("same-change") || r.rule == QLatin1String("no-change"));
        }
    }

    // Swapping the sides swaps the winner and nothing else: no side is favoured on content.
    void symmetric_data() { addCaseRows(); }

    void symmetric()
    {
        QFETCH(QString, file);
        const QJsonObject json = load(file);
        const QJsonObject base = part(json, "base"), local = part(json, "local"),
                          remote = part(json, "remote");
        const MergeResult forward = mergeResources(base, local, remote);
        const MergeResult backward = mergeResources(base, remote, local);
        QCOMPARE(backward.outcome, mirrored(forward.outcome));
        // The one rule that depends on the direction: completed here, cancelled in the DPI.
        if (forward.rule != QLatin1String("completed-vs-cancelled"))
            QCOMPARE(backward.rule, forward.rule);
        QCOMPARE(conflictPaths(backward), conflictPaths(forward));
        QCOMPARE(sorted(backward.autoMergedPaths), sorted(forward.autoMergedPaths));
        // meta comes from the remote when both changed it: compare the content only.
        QJsonObject f = forward.merged, b = backward.merged;
        for (const char *key : {"meta", "id", "text"}) {
            f.remove(QLatin1String(key));
            b.remove(QLatin1String(key));
        }
        QCOMPARE(normalized(b), normalized(f));
    }

    // A conflict shows each version of the element, and which one removed it.
    void conflictCarriesEveryVersion()
    {
        const QJsonObject json = load(QStringLiteral("removed-one-side-modified-other.json"));
        const MergeResult r = mergeResources(part(json, "base"), part(json, "local"), part(json, "remote"));
        QCOMPARE(r.conflicts.size(), 1);
        const MergeConflict &c = r.conflicts.first();
        QVERIFY(c.base.isObject());
        QVERIFY(c.local.isUndefined());
        QVERIFY(c.remote.isObject());
        QVERIFY(c.remote != c.base);
    }

    void conflictAtChoiceElement()
    {
        const auto obs = [](const char *key, const QJsonValue &value) {
            return QJsonObject{{QLatin1String("resourceType"), QStringLiteral("Observation")},
                               {QLatin1String("status"), QStringLiteral("final")},
                               {QLatin1String(key), value}};
        };
        const QJsonObject base = obs("valueQuantity", QJsonObject{{QLatin1String("value"), 91}});
        const QJsonObject local = obs("valueString", QStringLiteral("non mesurable"));
        const QJsonObject remote = obs("valueQuantity", QJsonObject{{QLatin1String("value"), 93}});
        const MergeResult r = mergeResources(base, local, remote);
        QCOMPARE(outcomeName(r.outcome), QStringLiteral("conflict"));
        QCOMPARE(r.rule, QStringLiteral("amendment-conflict"));
        QCOMPARE(conflictPaths(r), QStringList{QStringLiteral("value[x]")});

        // One side switching type, the other untouched: the switch, and never both types.
        const MergeResult switched = mergeResources(base, local, base);
        QCOMPARE(switched.merged, local);
        const MergeResult both =
            mergeResources(obs("effectiveDateTime", QStringLiteral("2024-03-05T08:30:00Z")),
                           obs("effectivePeriod", QJsonObject{{QLatin1String("start"), QStringLiteral("x")}}),
                           obs("effectiveDateTime", QStringLiteral("2024-03-05T08:31:00Z")));
        QCOMPARE(conflictPaths(both), QStringList{QStringLiteral("effective[x]")});
        QCOMPARE(both.rule, QStringLiteral("field-conflict"));
    }

    // A narrative that no longer describes the merged content is dropped, never kept stale.
    void staleNarrativeIsDropped()
    {
        const QJsonObject narrative{{QLatin1String("status"), QStringLiteral("generated")},
                                    {QLatin1String("div"), QStringLiteral("<div>SpO2 91 %</div>")}};
        QJsonObject base{{QLatin1String("resourceType"), QStringLiteral("Observation")},
                         {QLatin1String("status"), QStringLiteral("final")},
                         {QLatin1String("text"), narrative}};
        QJsonObject local = base, remote = base;
        local.insert(QLatin1String("status"), QStringLiteral("amended"));
        remote.insert(QLatin1String("issued"), QStringLiteral("2024-03-05T08:31:12Z"));
        const MergeResult r = mergeResources(base, local, remote);
        QCOMPARE(r.rule, QStringLiteral("field-merge"));
        QVERIFY(!r.merged.contains(QLatin1String("text")));
        QCOMPARE(mergeResources(base, local, base).merged.value(QLatin1String("text")),
                 QJsonValue(narrative));
    }
};

QTEST_GUILESS_MAIN(TestThreeWayMerge)
#include "tst_threewaymerge.moc"
