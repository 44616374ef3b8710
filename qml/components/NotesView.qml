import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chevet.App

// Transmissions ciblées, newest first: target, then Données / Actions / Résultats, author and time.
ListView {
    id: view
    property var notes: []
    clip: true
    spacing: 12
    model: notes
    delegate: ColumnLayout {
        required property var modelData
        width: ListView.view.width
        spacing: 2
        RowLayout {
            Label { text: qsTr("Cible : %1").arg(modelData.target); font.bold: true; font.pixelSize: 20 }
            Label { text: Qt.formatDateTime(modelData.time, "dd/MM hh:mm") + " · " + modelData.author; opacity: 0.7 }
            Label { visible: modelData.undelivered; text: qsTr("● Non envoyée"); color: Theme.unsentText; font.bold: true }
        }
        Label { visible: modelData.data.length > 0; text: qsTr("D : %1").arg(modelData.data); wrapMode: Text.WordWrap; Layout.fillWidth: true }
        Label { visible: modelData.actions.length > 0; text: qsTr("A : %1").arg(modelData.actions); wrapMode: Text.WordWrap; Layout.fillWidth: true }
        Label { visible: modelData.results.length > 0; text: qsTr("R : %1").arg(modelData.results); wrapMode: Text.WordWrap; Layout.fillWidth: true }
    }
    Label {
        anchors.centerIn: parent
        visible: view.count === 0
        text: qsTr("Aucune transmission sur ce séjour.")
    }
}
