#include "barcode/wedgeaccumulator.h"

#include <QTest>

using namespace chevet;

namespace {

struct Key
{
    QString text;
    qint64 atMs;
};

// Types `text` one character every `gapMs`, then `terminator` after `gapMs` more.
QList<Key> typed(const QString &text, qint64 gapMs, const QString &terminator = QStringLiteral("\r"),
                 qint64 startMs = 1000)
{
    QList<Key> keys;
    qint64 at = startMs;
    for (const QChar c : text) {
        keys.append({QString(c), at});
        at += gapMs;
    }
    keys.append({terminator, at});
    return keys;
}

WedgeAccumulator::Entry feedAll(WedgeAccumulator &wedge, const QList<Key> &keys, int *entries = nullptr)
{
    WedgeAccumulator::Entry last;
    for (const Key &k : keys) {
        WedgeAccumulator::Entry e = wedge.feed(k.text, k.atMs);
        if (e.kind != WedgeAccumulator::Kind::None) {
            last = e;
            if (entries)
                ++*entries;
        }
    }
    return last;
}

} // namespace

Q_DECLARE_METATYPE(Key)
Q_DECLARE_METATYPE(WedgeAccumulator::Kind)

class TestWedgeAccumulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tellsScansFromTyping_data()
    {
        QTest::addColumn<QList<Key>>("keys");
        QTest::addColumn<WedgeAccumulator::Kind>("kind");
        QTest::addColumn<QString>("text");
        const QString ipp = QStringLiteral("8000001234");
        QTest::newRow("scanner, Enter") << typed(ipp, 8) << WedgeAccumulator::Kind::Scan << ipp;
        QTest::newRow("scanner, Tab")
            << typed(ipp, 8, QStringLiteral("\t")) << WedgeAccumulator::Kind::Scan << ipp;
        QTest::newRow("scanner, CR LF")
            << typed(ipp, 8, QStringLiteral("\r\n")) << WedgeAccumulator::Kind::Scan << ipp;
        QTest::newRow("at the limit (50 ms)") << typed(ipp, 50) << WedgeAccumulator::Kind::Scan << ipp;
        QTest::newRow("person typing") << typed(ipp, 180) << WedgeAccumulator::Kind::Manual << ipp;
        QTest::newRow("just too slow (51 ms)") << typed(ipp, 51) << WedgeAccumulator::Kind::Manual << ipp;
        const QString gs1 =
            QStringLiteral("010340093000012010LOT42") + QChar(0x1d) + QStringLiteral("17271231");
        QTest::newRow("GS1 with a GS") << typed(gs1, 5) << WedgeAccumulator::Kind::Scan << gs1;
        QTest::newRow("too short for a code")
            << typed(QStringLiteral("12"), 5) << WedgeAccumulator::Kind::Manual << QStringLiteral("12");

        // Typed slowly, then finished by a burst: mixed, so manual.
        QList<Key> mixed = typed(QStringLiteral("80"), 300, QString());
        mixed.removeLast();
        mixed += typed(QStringLiteral("00001234"), 5, QStringLiteral("\r"), 2000);
        QTest::newRow("half typed, half scanned") << mixed << WedgeAccumulator::Kind::Manual << ipp;

        // A fast burst whose Enter comes late (a person pressing Enter after a paste-like burst).
        QList<Key> lateEnter = typed(ipp, 5);
        lateEnter.last().atMs += 400;
        QTest::newRow("late Enter") << lateEnter << WedgeAccumulator::Kind::Manual << ipp;
    }
    void tellsScansFromTyping()
    {
        QFETCH(QList<Key>, keys);
        QFETCH(WedgeAccumulator::Kind, kind);
        QFETCH(QString, text);
        WedgeAccumulator wedge;
        int entries = 0;
        const WedgeAccumulator::Entry entry = feedAll(wedge, keys, &entries);
        QCOMPARE(entries, 1);
        QCOMPARE(int(entry.kind), int(kind));
        QCOMPARE(entry.text, text);
        QVERIFY(!wedge.isPending());
    }

    void nothingIsReportedBeforeTheTerminator()
    {
        WedgeAccumulator wedge;
        QCOMPARE(int(wedge.feed(QStringLiteral("8"), 0).kind), int(WedgeAccumulator::Kind::None));
        QCOMPARE(int(wedge.feed(QStringLiteral("0"), 5).kind), int(WedgeAccumulator::Kind::None));
        QVERIFY(wedge.isPending());
        QCOMPARE(int(wedge.feed(QStringLiteral("\r"), 10).kind), int(WedgeAccumulator::Kind::Manual));
        // A bare Enter ends nothing.
        QCOMPARE(int(wedge.feed(QStringLiteral("\r"), 15).kind), int(WedgeAccumulator::Kind::None));
    }

    void aSlowEntryDoesNotTaintTheNextScan()
    {
        WedgeAccumulator wedge;
        QCOMPARE(int(feedAll(wedge, typed(QStringLiteral("1234"), 200)).kind),
                 int(WedgeAccumulator::Kind::Manual));
        const WedgeAccumulator::Entry scan =
            feedAll(wedge, typed(QStringLiteral("8000001234"), 4, QStringLiteral("\r"), 9000));
        QCOMPARE(int(scan.kind), int(WedgeAccumulator::Kind::Scan));
        QCOMPARE(scan.text, QStringLiteral("8000001234"));
    }
};

QTEST_GUILESS_MAIN(TestWedgeAccumulator)
#include "tst_wedgeaccumulator.moc"
