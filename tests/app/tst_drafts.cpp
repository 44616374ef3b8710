// Issue "the app" item 5 and the nurse's review (7a: "auto-lock discards a half-entered vitals form"): a
// form left when the tablet locks comes back to the nurse who typed it, and to nobody else.
#include "drafts.h"

#include <QTest>
#include <QThread>

class TestDrafts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theSameNurseGetsHerFormBack()
    {
        Drafts drafts;
        drafts.keep(QStringLiteral("ide-martin"), QStringLiteral("vitals"), QStringLiteral("p-1"),
                    {{QStringLiteral("respiratoryRate"), QStringLiteral("16")}});
        QVERIFY(drafts.holds());
        const QVariantMap back = drafts.take(QStringLiteral("ide-martin"));
        QCOMPARE(back.value(QStringLiteral("page")).toString(), QStringLiteral("vitals"));
        QCOMPARE(back.value(QStringLiteral("patientId")).toString(), QStringLiteral("p-1"));
        QCOMPARE(
            back.value(QStringLiteral("fields")).toMap().value(QStringLiteral("respiratoryRate")).toString(),
            QStringLiteral("16"));
        QVERIFY(!drafts.holds());
        QVERIFY(drafts.take(QStringLiteral("ide-martin")).isEmpty()); // handed back once
    }

    void anotherNurseNeverSeesIt()
    {
        Drafts drafts;
        drafts.keep(QStringLiteral("ide-martin"), QStringLiteral("note"), QStringLiteral("p-1"),
                    {{QStringLiteral("data"), QStringLiteral("douleur 6/10")}});
        QVERIFY(drafts.take(QStringLiteral("ide-bernard")).isEmpty());
        QVERIFY(!drafts.holds()); // dropped: it was never saved as hers either
        QVERIFY(drafts.take(QStringLiteral("ide-martin")).isEmpty());
    }

    void aLongLockDropsIt()
    {
        Drafts drafts;
        drafts.setKeptMs(20);
        drafts.keep(QStringLiteral("ide-martin"), QStringLiteral("vitals"), QStringLiteral("p-1"),
                    {{QStringLiteral("pulse"), QStringLiteral("88")}});
        QThread::msleep(60);
        QVERIFY(drafts.take(QStringLiteral("ide-martin")).isEmpty());
    }

    void anEmptyFormIsNotKept()
    {
        Drafts drafts;
        drafts.keep(QStringLiteral("ide-martin"), QStringLiteral("vitals"), QStringLiteral("p-1"), {});
        QVERIFY(!drafts.holds());
    }
};

QTEST_GUILESS_MAIN(TestDrafts)
#include "tst_drafts.moc"
