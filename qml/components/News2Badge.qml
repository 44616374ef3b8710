import QtQuick
import QtQuick.Controls
import Chevet.App

// The NEWS2 score as a coloured badge; "—" when no vitals were taken recently. An incomplete
// entry is marked with "≥": its total is a lower bound.
Rectangle {
    id: badge
    property int score: -1
    property string risk: ""
    property bool complete: true

    implicitWidth: Theme.touch
    implicitHeight: Theme.touch
    radius: 8
    color: score < 0 ? "#9e9e9e" : Theme.riskColor(risk)
    Accessible.role: Accessible.StaticText
    Accessible.name: score < 0 ? qsTr("NEWS2 non disponible") : qsTr("NEWS2 %1").arg(score)

    Label {
        anchors.centerIn: parent
        text: badge.score < 0 ? "—" : (badge.complete ? "" : "≥") + badge.score
        color: badge.risk === "low-medium" ? "black" : "white"
        font.pixelSize: 24
        font.bold: true
    }
}
