#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QQmlEngine>
#include <QVariantMap>

// A form left half-filled when the tablet locks (issue "the app" item 5; the nurse's review, 7a: "auto-
// lock discards a half-entered vitals form"): kept in memory for the nurse who typed it, and handed back
// when she unlocks within half an hour. Another nurse unlocking, a longer lock or closing the app drops
// it: what she had typed was never saved as hers, and never shown to anyone else.
class Drafts : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    static constexpr qint64 kKeptMs = 30 * 60 * 1000;

    explicit Drafts(QObject *parent = nullptr);

    // `page` names the form ("vitals", "note"); `fields` its values.
    Q_INVOKABLE void keep(const QString &nurse, const QString &page, const QString &patientId,
                          const QVariantMap &fields);
    // {page, patientId, fields} when the draft is this nurse's and recent enough; {} otherwise. Either
    // way the draft is gone afterwards.
    Q_INVOKABLE QVariantMap take(const QString &nurse);
    Q_INVOKABLE bool holds() const { return !m_draft.isEmpty(); }

    // For tests: how old a draft may be.
    void setKeptMs(qint64 ms) { m_keptMs = ms; }

private:
    QVariantMap m_draft;
    QString m_nurse;
    QElapsedTimer m_since;
    qint64 m_keptMs = kKeptMs;
};
