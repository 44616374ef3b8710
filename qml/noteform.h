#pragma once

#include "services/sessioncontroller.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>

// A "transmission ciblée": a target, then Données, Actions, Résultats. Signed with the nurse's id and
// the time; saved on the store thread.
class NoteForm : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // Whose store it saves into (QML hands it `Session`).
    Q_PROPERTY(SessionController *session MEMBER m_session NOTIFY sessionChanged REQUIRED)
    Q_PROPERTY(QString patientId MEMBER m_patientId NOTIFY changed)
    Q_PROPERTY(QString target MEMBER m_target NOTIFY changed)
    Q_PROPERTY(QString data MEMBER m_data NOTIFY changed)
    Q_PROPERTY(QString actions MEMBER m_actions NOTIFY changed)
    Q_PROPERTY(QString results MEMBER m_results NOTIFY changed)
    Q_PROPERTY(bool canSave READ canSave NOTIFY changed)
    Q_PROPERTY(QString problem READ problem NOTIFY changed)
    Q_PROPERTY(bool saving READ saving NOTIFY savingChanged)

public:
    explicit NoteForm(QObject *parent = nullptr);
    bool canSave() const { return problem().isEmpty() && !m_saving; }
    // Why it cannot be saved yet, for the nurse; empty when it can.
    QString problem() const;
    bool saving() const { return m_saving; }

    Q_INVOKABLE void save();
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void sessionChanged();
    void changed();
    void savingChanged();
    void saved();
    void failed(const QString &message);

private:
    QPointer<SessionController> m_session;
    QString m_patientId, m_target, m_data, m_actions, m_results;
    bool m_saving = false;
};
