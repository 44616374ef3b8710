import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// One small chart per vital sign over the stay; the green band is where NEWS2 scores 0.
ScrollView {
    id: view
    required property PatientChart chart
    clip: true
    contentWidth: availableWidth

    GridLayout {
        width: view.availableWidth
        columns: view.availableWidth > 900 ? 2 : 1
        rowSpacing: 8
        columnSpacing: 16

        Repeater {
            model: [
                { key: "pulse", label: qsTr("Pouls (/min)"), low: 51, high: 90, decimals: 0 },
                { key: "bp", label: qsTr("PA systolique / diastolique (mmHg)"), low: 111, high: 219, decimals: 0 },
                { key: "rr", label: qsTr("Fréquence respiratoire (/min)"), low: 12, high: 20, decimals: 0 },
                { key: "spo2", label: qsTr("SpO₂ (%)"), low: 96, high: 100, decimals: 0 },
                { key: "temp", label: qsTr("Température (°C)"), low: 36.1, high: 38.0, decimals: 1 },
                { key: "news2", label: qsTr("NEWS2"), low: 0, high: 4, decimals: 0 },
                { key: "pain", label: qsTr("Douleur (EN 0–10)"), low: 0, high: 3, decimals: 0 }
            ]
            delegate: ColumnLayout {
                required property var modelData
                Layout.fillWidth: true
                spacing: 0
                Label {
                    text: modelData.label
                    font.bold: true
                }
                TrendChart {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 150
                    points: view.chart.series[modelData.key] || []
                    bandLow: modelData.low
                    bandHigh: modelData.high
                    decimals: modelData.decimals
                    lineColor: Theme.accentText
                    textColor: Material.foreground
                    Accessible.name: modelData.label
                }
            }
        }
    }
}
