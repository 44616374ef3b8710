#pragma once

#include <QObject>
#include <QSize>

// How the window looks: day or night theme (chosen at launch, switched from the user menu) and the
// window's size. QML sees it as `Appearance`.
class Appearance : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)
    Q_PROPERTY(QSize windowSize READ windowSize CONSTANT)

public:
    Appearance(bool dark, QSize windowSize, QObject *parent = nullptr)
        : QObject(parent)
        , m_dark(dark)
        , m_windowSize(windowSize)
    {}

    bool dark() const { return m_dark; }
    void setDark(bool dark)
    {
        if (m_dark == dark)
            return;
        m_dark = dark;
        Q_EMIT darkChanged();
    }
    QSize windowSize() const { return m_windowSize; }

Q_SIGNALS:
    void darkChanged();

private:
    bool m_dark;
    const QSize m_windowSize;
};
