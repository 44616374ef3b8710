#include <QTest>
class TestRawByteSearch : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestRawByteSearch)
#include "tst_rawbytesearch.moc"
