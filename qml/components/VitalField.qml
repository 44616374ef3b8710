import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chevet.App

// One measure: label, a numeric field with its fixed unit, the last value taken, and the reason
// when the value is refused or unusual.
ColumnLayout {
    id: field
    property string label
    property string unit
    property string last
    property string error
    property string warning
    property alias text: input.text
    property alias input: input
    signal edited(string text)
    spacing: 2

    RowLayout {
        spacing: 8
        Label {
            text: field.label
            font.bold: true
            Layout.preferredWidth: 210
        }
        TextField {
            id: input
            Layout.preferredWidth: 120
            Layout.preferredHeight: Theme.touch
            font.pixelSize: 22
            horizontalAlignment: Text.AlignRight
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            Accessible.name: field.label
            color: field.error ? Theme.highText : palette.text
            onTextEdited: field.edited(text)
        }
        Label {
            text: field.unit
            Layout.preferredWidth: 60
        }
        Label {
            text: field.last ? qsTr("dernière : %1").arg(field.last) : ""
            opacity: 0.6
            font.pixelSize: 15
        }
    }
    Label {
        visible: text.length > 0
        text: field.error || field.warning
        color: field.error ? Theme.highText : Theme.mediumText
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
        font.pixelSize: 15
    }
}
