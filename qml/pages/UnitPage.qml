import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chevet.App

// Choose the ward or the home-care round to work on; each nurse's unsent work is kept whatever the choice.
Page {
    id: unitPage
    title: qsTr("Service ou tournée")
    ListView {
        anchors.fill: parent
        anchors.margins: 24
        spacing: Theme.gap
        model: Units.all
        delegate: Button {
            required property string modelData
            width: ListView.view.width
            height: Theme.touch + 8
            text: Units.names[modelData] || modelData
            highlighted: modelData === Units.current
            onClicked: {
                Units.current = modelData
                unitPage.StackView.view.pop()
            }
        }
    }
}
