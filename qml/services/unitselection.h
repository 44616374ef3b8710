#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

class SessionController;

// The ward or round the nurse works on: this tablet's configured ones plus those its store knows,
// their names as the DPI gives them (Location display), and the last choice remembered for the next
// unlock. The training ward has its own. QML sees it as `Units`.
class UnitSelection : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString current READ current WRITE setCurrent NOTIFY currentChanged)
    Q_PROPERTY(QStringList all READ all NOTIFY allChanged)
    // Names by id; ids without a name are absent.
    Q_PROPERTY(QVariantMap names READ namesMap NOTIFY allChanged)

public:
    UnitSelection(SessionController &session, QObject *parent = nullptr);

    QString current() const { return m_current; }
    void setCurrent(const QString &unit);
    QStringList all() const { return m_all; }
    QVariantMap namesMap() const;

Q_SIGNALS:
    void currentChanged();
    void allChanged();

private:
    void sessionPhaseChanged();
    void refresh();
    QString remembered() const;

    SessionController &m_session;
    QString m_current;
    QStringList m_all;
    QHash<QString, QString> m_names; // from the stays, kept for the unlock screen
    bool m_training = false;
};
