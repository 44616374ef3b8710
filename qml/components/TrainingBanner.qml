import QtQuick
import QtQuick.Controls
import Chevet.App

// Shown on every page in training mode: synthetic patients, nothing is ever sent.
Rectangle {
    visible: Session.training
    height: visible ? 36 : 0
    color: Theme.training
    Label {
        anchors.centerIn: parent
        text: qsTr("MODE FORMATION — patients fictifs, rien n'est envoyé au DPI")
        color: "white"
        font.bold: true
        font.pixelSize: 18
    }
}
