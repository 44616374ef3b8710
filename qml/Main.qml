import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chevet.App

ApplicationWindow {
    id: window
    width: 1280
    height: 800
    visible: true
    title: qsTr("Chevet")

    ColumnLayout {
        anchors.centerIn: parent
        spacing: 16

        Label {
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Chevet")
            font.pixelSize: 48
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Au chevet du patient, même sans réseau")
            font.pixelSize: 22
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Version %1 — schéma %2").arg(AppInfo.version).arg(AppInfo.schemaVersion)
            opacity: 0.7
        }
    }
}
