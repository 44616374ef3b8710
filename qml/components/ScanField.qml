import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chevet.App

// Where codes arrive: a keyboard-wedge scanner types the code then Enter into this field, a nurse can
// type it the same way. Keeps the focus so a scan never lands elsewhere.
RowLayout {
    id: scan
    property alias placeholder: field.placeholderText
    signal scanned(string code)

    function grab() { field.forceActiveFocus() }

    TextField {
        id: field
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touch
        font.pixelSize: Theme.bodySize
        inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText | Qt.ImhPreferUppercase
        Accessible.name: scan.placeholder
        onAccepted: {
            if (text.trim().length > 0)
                scan.scanned(text.trim())
            text = ""
        }
    }
    Button {
        text: qsTr("Valider")
        Layout.preferredHeight: Theme.touch
        enabled: field.text.trim().length > 0
        onClicked: field.accepted()
    }
}
