#include "drafts.h"

Drafts::Drafts(QObject *parent)
    : QObject(parent)
{}

void Drafts::keep(const QString &nurse, const QString &page, const QString &patientId,
                  const QVariantMap &fields)
{
    if (nurse.isEmpty() || page.isEmpty() || fields.isEmpty()) {
        m_draft.clear();
        return;
    }
    m_nurse = nurse;
    m_draft = {{QStringLiteral("page"), page},
               {QStringLiteral("patientId"), patientId},
               {QStringLiteral("fields"), fields}};
    m_since.start();
}

QVariantMap Drafts::take(const QString &nurse)
{
    QVariantMap draft;
    draft.swap(m_draft);
    const bool hers =
        !draft.isEmpty() && nurse == m_nurse && m_since.isValid() && m_since.elapsed() <= m_keptMs;
    m_nurse.clear();
    return hers ? draft : QVariantMap();
}
