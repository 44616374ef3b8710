import QtQuick
import QtQuick.Controls
import Chevet.App

// The NEWS2 score as a coloured badge; "—" when no vitals were taken recently. An incomplete
// entry is marked with "≥": its total is a lower bound, so a low one is never green (issue "the app"
// item 3), while a lower bound already medium or high keeps that colour.
Rectangle {
    id: badge
    property int score: -1
    property string risk: ""
    property bool complete: true

    implicitWidth: Theme.touch
    implicitHeight: Theme.touch
    radius: 8
    readonly property bool incompleteLow: score >= 0 && !complete && (risk === "low" || risk === "")
    color: score < 0 ? "#9e9e9e" : incompleteLow ? Theme.incomplete : Theme.riskColor(risk)
    border.width: score >= 0 && !complete ? 3 : 0
    border.color: Appearance.dark ? "white" : "black"
    Accessible.role: Accessible.StaticText
    Accessible.name: score < 0 ? qsTr("NEWS2 non disponible")
                     : complete ? qsTr("NEWS2 %1").arg(score) : qsTr("NEWS2 incomplet, au moins %1").arg(score)

    Label {
        anchors.centerIn: parent
        text: badge.score < 0 ? "—" : (badge.complete ? "" : "≥") + badge.score
        color: badge.risk === "low-medium" ? "black" : "white"
        font.pixelSize: 24
        font.bold: true
    }
}
