// chevet-dpi searches and histories as a sync pull walks them: by identifier, patient, location and
// _lastUpdated, page after page through link[next]; type-level _history since an instant.
#include "tst_chevetdpi_support.h"

#include <QSet>
#include <QTemporaryDir>
#include <QThread>

class TestChevetDpiSearch : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DpiServer m_server;
    DpiClient m_client;

    QString url(const QString &path) const { return m_server.url(path); }
    int total(const QString &query) { return searchTotal(m_client, url(query)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start(m_dir.filePath(QStringLiteral("dpi.db"))));
        QVERIFY(m_server.base().startsWith(QLatin1String("http://127.0.0.1:")));
        QVERIFY(m_server.port() > 0);
    }

    void searchPagesEveryMatchExactlyOnce()
    {
        const QString system = QStringLiteral("urn:test:paging");
        for (int i = 0; i < 120; ++i) {
            const DpiReply created = m_client.post(
                url(QStringLiteral("Observation")),
                testObservation(system, QString::number(i), QStringLiteral("Patient/paging-patient")));
            QCOMPARE(created.status, 201);
        }
        int pages = 0;
        const QJsonArray entries =
            allPages(m_client, url(QStringLiteral("Observation?patient=paging-patient&_count=50")), &pages);
        QCOMPARE(pages, 3);
        QSet<QString> ids;
        QSet<QString> values;
        for (const QJsonValue &value : entries) {
            const QJsonObject resource = value.toObject().value(QLatin1String("resource")).toObject();
            ids.insert(resource.value(QLatin1String("id")).toString());
            values.insert(resource.value(QLatin1String("identifier"))
                              .toArray()
                              .at(0)
                              .toObject()
                              .value(QLatin1String("value"))
                              .toString());
        }
        QCOMPARE(entries.size(), 120);
        QCOMPARE(ids.size(), 120);
        QCOMPARE(values.size(), 120);

        const DpiReply first =
            m_client.get(url(QStringLiteral("Observation?subject=Patient/paging-patient&_count=50")));
        QCOMPARE(first.json().value(QLatin1String("total")).toInt(), 120);
        QCOMPARE(first.json().value(QLatin1String("type")).toString(), QStringLiteral("searchset"));
        QCOMPARE(first.json().value(QLatin1String("entry")).toArray().size(), 50);
        QCOMPARE(total(QStringLiteral("Observation?identifier=urn:test:paging|7")), 1);
        QCOMPARE(total(QStringLiteral("Observation?identifier=7&patient=Patient/paging-patient")), 1);
        QCOMPARE(total(QStringLiteral("Observation?identifier=urn:test:paging|7,urn:test:paging|8")), 2);
        QCOMPARE(total(QStringLiteral("Observation?code=http://loinc.org|8867-4&patient=paging-patient")),
                 120);
        QCOMPARE(total(QStringLiteral("Observation?patient=someone-else")), 0);
        QCOMPARE(m_client.get(url(QStringLiteral("Observation?_count=1000&patient=paging-patient")))
                     .json()
                     .value(QLatin1String("entry"))
                     .toArray()
                     .size(),
                 120); // capped at 500, not refused
    }

    void searchByLastUpdated()
    {
        const QString system = QStringLiteral("urn:test:since");
        const DpiReply a =
            m_client.post(url(QStringLiteral("Observation")),
                          testObservation(system, QStringLiteral("a"), QStringLiteral("Patient/p")));
        QThread::msleep(20);
        const DpiReply b =
            m_client.post(url(QStringLiteral("Observation")),
                          testObservation(system, QStringLiteral("b"), QStringLiteral("Patient/p")));
        const QString at =
            a.json().value(QLatin1String("meta")).toObject().value(QLatin1String("lastUpdated")).toString();
        QCOMPARE(total(QStringLiteral("Observation?identifier=urn:test:since|&_lastUpdated=ge") + at), 2);
        QCOMPARE(total(QStringLiteral("Observation?identifier=urn:test:since|&_lastUpdated=gt") + at), 1);
        QCOMPARE(total(QStringLiteral("Observation?identifier=urn:test:since|&_lastUpdated=lt") + at), 0);
        QCOMPARE(total(QStringLiteral("Observation?identifier=urn:test:since|&_lastUpdated=le") + at), 1);
        // The same instant written with an offset, '+' sent as %2B.
        const QDateTime instant = QDateTime::fromString(at, Qt::ISODateWithMs);
        const QString paris = instant.toOffsetFromUtc(3600).toString(Qt::ISODateWithMs);
        QVERIFY(paris.endsWith(QLatin1String("+01:00")));
        QCOMPARE(total(QStringLiteral("Observation?identifier=urn:test:since|&_lastUpdated=gt") +
                       QString::fromLatin1(QUrl::toPercentEncoding(paris))),
                 1);
        const DpiReply bad = m_client.get(url(QStringLiteral("Observation?_lastUpdated=yesterday")));
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.isOutcome());
        QCOMPARE(b.status, 201);
    }

    void searchByLocationAndUnknownParameters()
    {
        const QJsonObject stay{{QStringLiteral("resourceType"), QStringLiteral("Encounter")},
                               {QStringLiteral("status"), QStringLiteral("in-progress")},
                               {QStringLiteral("class"), inpatientClass()},
                               {QStringLiteral("subject"),
                                QJsonObject{{QStringLiteral("reference"), QStringLiteral("Patient/loc-p")}}},
                               {QStringLiteral("location"),
                                QJsonArray{QJsonObject{{QStringLiteral("location"),
                                                        QJsonObject{{QStringLiteral("reference"),
                                                                     QStringLiteral("Location/ward-9")}}}}}}};
        QCOMPARE(m_client.post(url(QStringLiteral("Encounter")), stay).status, 201);
        QCOMPARE(total(QStringLiteral("Encounter?location=Location/ward-9")), 1);
        QCOMPARE(total(QStringLiteral("Encounter?location=ward-9&status=in-progress")), 1);
        QCOMPARE(total(QStringLiteral("Encounter?location=ward-9&status=finished")), 0);

        const DpiReply lenient = m_client.get(url(QStringLiteral("Encounter?location=ward-9&colour=blue")));
        QCOMPARE(lenient.status, 200);
        QCOMPARE(lenient.json().value(QLatin1String("total")).toInt(), 1);
        const QJsonArray entries = lenient.json().value(QLatin1String("entry")).toArray();
        const QJsonObject outcome = entries.last().toObject();
        QCOMPARE(outcome.value(QLatin1String("search")).toObject().value(QLatin1String("mode")).toString(),
                 QStringLiteral("outcome"));
        const DpiReply strict = m_client.get(url(QStringLiteral("Encounter?location=ward-9&colour=blue")),
                                             {{"Prefer", "handling=strict"}});
        QCOMPARE(strict.status, 400);
        QVERIFY(strict.isOutcome());
    }

    void historyPagesSinceAnInstant()
    {
        QString since;
        QStringList ids;
        for (int i = 0; i < 7; ++i) {
            const DpiReply created =
                m_client.post(url(QStringLiteral("Task")),
                              QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Task")},
                                          {QStringLiteral("status"), QStringLiteral("requested")},
                                          {QStringLiteral("intent"), QStringLiteral("order")}});
            QCOMPARE(created.status, 201);
            if (since.isEmpty())
                since = created.json()
                            .value(QLatin1String("meta"))
                            .toObject()
                            .value(QLatin1String("lastUpdated"))
                            .toString();
            ids << created.json().value(QLatin1String("id")).toString();
        }
        for (int i = 0; i < 2; ++i) {
            QJsonObject task = m_client.get(url(QStringLiteral("Task/") + ids.at(i))).json();
            task.insert(QStringLiteral("status"), QStringLiteral("completed"));
            QCOMPARE(m_client.put(url(QStringLiteral("Task/") + ids.at(i)), task).status, 200);
        }
        QCOMPARE(m_client.remove(url(QStringLiteral("Task/") + ids.at(6))).status, 204);

        int pages = 0;
        const QJsonArray history =
            allPages(m_client,
                     url(QStringLiteral("Task/_history?_since=%1&_count=3")
                             .arg(QString::fromLatin1(QUrl::toPercentEncoding(since)))),
                     &pages);
        QCOMPARE(history.size(), 10);
        QCOMPARE(pages, 4);
        QStringList methods;
        QString previous;
        QString newest;
        for (const QJsonValue &value : history) {
            const QJsonObject entry = value.toObject();
            methods
                << entry.value(QLatin1String("request")).toObject().value(QLatin1String("method")).toString();
            const QString modified = entry.value(QLatin1String("response"))
                                         .toObject()
                                         .value(QLatin1String("lastModified"))
                                         .toString();
            // Newest first, as the specification orders history (and HAPI, Google, Microsoft do).
            QVERIFY(previous.isEmpty() || previous >= modified);
            previous = modified;
            if (newest.isEmpty())
                newest = modified;
        }
        QCOMPARE(methods.count(QStringLiteral("POST")), 7);
        QCOMPARE(methods.count(QStringLiteral("PUT")), 2);
        QCOMPARE(methods.count(QStringLiteral("DELETE")), 1);
        QCOMPARE(methods.first(), QStringLiteral("DELETE"));
        previous = newest;

        const DpiReply later =
            m_client.get(url(QStringLiteral("Task/_history?_since=%1")
                                 .arg(QString::fromLatin1(QUrl::toPercentEncoding(previous)))));
        QCOMPARE(later.json().value(QLatin1String("type")).toString(), QStringLiteral("history"));
        // _since is inclusive: the last change is there again (with any other of the same millisecond).
        const QJsonArray again = later.json().value(QLatin1String("entry")).toArray();
        QVERIFY(!again.isEmpty());
        for (const QJsonValue &value : again)
            QCOMPARE(value.toObject()
                         .value(QLatin1String("response"))
                         .toObject()
                         .value(QLatin1String("lastModified"))
                         .toString(),
                     previous);
        QCOMPARE(m_client.get(url(QStringLiteral("Task/_history?_since=not-a-date"))).status, 400);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestChevetDpiSearch)
#include "tst_chevetdpisearch.moc"
