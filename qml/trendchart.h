#pragma once

#include <QColor>
#include <QQuickPaintedItem>
#include <QVariantList>

// A vital sign over time: line and dots, the usual range as a band, the time axis in days. Painted
// in C++ so a month of 4-hourly readings draws in one pass, and so it needs no extra Qt module.
class TrendChart : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList points READ points WRITE setPoints NOTIFY changed) // [{t: ms, v, v2?}]
    Q_PROPERTY(double bandLow MEMBER m_bandLow NOTIFY changed)
    Q_PROPERTY(double bandHigh MEMBER m_bandHigh NOTIFY changed)
    Q_PROPERTY(QColor lineColor MEMBER m_lineColor NOTIFY changed)
    Q_PROPERTY(QColor textColor MEMBER m_textColor NOTIFY changed)
    Q_PROPERTY(QColor bandColor MEMBER m_bandColor NOTIFY changed)
    Q_PROPERTY(int decimals MEMBER m_decimals NOTIFY changed)

public:
    explicit TrendChart(QQuickItem *parent = nullptr);
    void paint(QPainter *painter) override;

    QVariantList points() const { return m_points; }
    void setPoints(const QVariantList &points);

Q_SIGNALS:
    void changed();

private:
    QVariantList m_points;
    double m_bandLow = 0;
    double m_bandHigh = 0;
    QColor m_lineColor = QColor(0x1565c0);
    QColor m_textColor = QColor(0x424242);
    QColor m_bandColor = QColor(0x4caf50);
    int m_decimals = 0;
};
