import QtQuick
import QtQuick.Controls

// Hides the whole window, dialogs included, while the app is not in front or the screen is locked:
// the OS keeps the last frame for its app switcher and the desktop's overview shows windows live
// (security review F9). Opaque, above every popup, and it takes every touch.
Rectangle {
    id: cover
    objectName: "privacyCover"
    property bool covered: false

    parent: Overlay.overlay
    anchors.fill: parent
    z: 100000
    visible: covered
    color: "#263238" // the same in both themes: nothing of the page shows through
    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
        hoverEnabled: true
    }
    Label {
        anchors.centerIn: parent
        text: qsTr("Chevet")
        color: "white"
        font.pixelSize: 32
        font.bold: true
    }
}
