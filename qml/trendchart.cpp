#include "trendchart.h"

#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

TrendChart::TrendChart(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
    connect(this, &TrendChart::changed, this, [this]() { update(); });
}

void TrendChart::setPoints(const QVariantList &points)
{
    m_points = points;
    Q_EMIT changed();
}

void TrendChart::paint(QPainter *p)
{
    const QRectF area = boundingRect().adjusted(44, 8, -12, -22);
    if (area.width() < 20 || area.height() < 20)
        return;
    QFont font = p->font();
    font.setPixelSize(13);
    p->setFont(font);
    if (m_points.isEmpty()) {
        p->setPen(m_textColor);
        p->drawText(boundingRect(), Qt::AlignCenter,
                    QCoreApplication::translate("TrendChart", "Aucune mesure"));
        return;
    }

    struct Pt
    {
        double t, v, v2;
        bool hasV2;
    };
    QList<Pt> pts;
    pts.reserve(m_points.size());
    double tMin = 1e300, tMax = -1e300, vMin = 1e300, vMax = -1e300;
    for (const QVariant &item : std::as_const(m_points)) {
        const QVariantMap m = item.toMap();
        Pt pt{m.value(QStringLiteral("t")).toDouble(), m.value(QStringLiteral("v")).toDouble(), 0,
              m.contains(QStringLiteral("v2"))};
        if (pt.hasV2)
            pt.v2 = m.value(QStringLiteral("v2")).toDouble();
        tMin = std::min(tMin, pt.t), tMax = std::max(tMax, pt.t);
        vMin = std::min({vMin, pt.v, pt.hasV2 ? pt.v2 : pt.v});
        vMax = std::max(vMax, pt.v);
        pts.append(pt);
    }
    if (m_bandHigh > m_bandLow) {
        vMin = std::min(vMin, m_bandLow);
        vMax = std::max(vMax, m_bandHigh);
    }
    const double pad = std::max((vMax - vMin) * 0.1, 1.0);
    vMin -= pad, vMax += pad;
    if (tMax - tMin < 3600e3)
        tMin -= 3600e3, tMax += 3600e3;
    auto x = [&](double t) { return area.left() + (t - tMin) / (tMax - tMin) * area.width(); };
    auto y = [&](double v) { return area.bottom() - (v - vMin) / (vMax - vMin) * area.height(); };

    if (m_bandHigh > m_bandLow) {
        QColor band = m_bandColor;
        band.setAlphaF(0.15);
        p->fillRect(QRectF(QPointF(area.left(), y(m_bandHigh)), QPointF(area.right(), y(m_bandLow))), band);
    }
    // Axes: min/max values on the left, day marks along the bottom.
    p->setPen(QPen(m_textColor, 1));
    p->drawLine(area.bottomLeft(), area.bottomRight());
    const QLocale locale;
    p->drawText(QRectF(0, area.top() - 6, area.left() - 6, 16), Qt::AlignRight,
                locale.toString(vMax - pad, 'f', m_decimals));
    p->drawText(QRectF(0, area.bottom() - 12, area.left() - 6, 16), Qt::AlignRight,
                locale.toString(vMin + pad, 'f', m_decimals));
    QDateTime day = QDateTime::fromMSecsSinceEpoch(qint64(tMin));
    day.setTime(QTime(0, 0));
    for (day = day.addDays(1); day.toMSecsSinceEpoch() < tMax; day = day.addDays(1)) {
        const double dx = x(double(day.toMSecsSinceEpoch()));
        p->setPen(QPen(m_textColor, 1, Qt::DotLine));
        p->drawLine(QPointF(dx, area.top()), QPointF(dx, area.bottom()));
        p->setPen(m_textColor);
        p->drawText(QRectF(dx - 30, area.bottom() + 3, 60, 16), Qt::AlignHCenter,
                    locale.toString(day.date(), QStringLiteral("dd/MM")));
    }

    auto drawSeries = [&](bool second) {
        QPainterPath path;
        bool started = false;
        for (const Pt &pt : std::as_const(pts)) {
            if (second && !pt.hasV2)
                continue;
            const QPointF at(x(pt.t), y(second ? pt.v2 : pt.v));
            if (!started)
                path.moveTo(at), started = true;
            else
                path.lineTo(at);
        }
        QColor c = m_lineColor;
        if (second)
            c = c.lighter(140);
        p->setPen(QPen(c, 2.5));
        p->setBrush(Qt::NoBrush);
        p->drawPath(path);
        p->setBrush(c);
        p->setPen(Qt::NoPen);
        const double r = pts.size() > 120 ? 1.5 : 3.5;
        for (const Pt &pt : std::as_const(pts)) {
            if (!second || pt.hasV2)
                p->drawEllipse(QPointF(x(pt.t), y(second ? pt.v2 : pt.v)), r, r);
        }
    };
    drawSeries(false);
    if (std::any_of(pts.cbegin(), pts.cend(), [](const Pt &pt) { return pt.hasV2; }))
        drawSeries(true);
}
