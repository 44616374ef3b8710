import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// Planned care: tick it done (stamped with the nurse and the time); done, cancelled and other tasks not to
// do (on hold, draft, a status the DPI alone knows) stay listed with their status.
ListView {
    id: view
    property var tasks: []
    signal complete(string taskId)
    clip: true
    model: tasks
    delegate: RowLayout {
        required property var modelData
        width: ListView.view.width
        height: 64
        spacing: 16
        readonly property bool open: modelData.open
        CheckBox {
            Material.accent: Theme.accentText
            checked: !parent.open
            enabled: parent.open
            implicitWidth: Theme.touch
            implicitHeight: Theme.touch
            Accessible.name: qsTr("Fait : %1").arg(modelData.description)
            onClicked: view.complete(modelData.id)
        }
        Label {
            text: modelData.description
            font.strikeout: modelData.status === "cancelled" || modelData.status === "entered-in-error"
            Layout.fillWidth: true
            elide: Text.ElideRight
        }
        Label {
            visible: modelData.lateMinutes > 0
            text: qsTr("en retard de %1").arg(Theme.duration(modelData.lateMinutes))
            color: Theme.mediumText
            font.bold: true
        }
        Label {
            text: parent.open ? qsTr("prévu à %1").arg(Qt.formatDateTime(modelData.due, "hh:mm"))
                  : modelData.status === "completed" ? qsTr("fait à %1 par %2").arg(Qt.formatDateTime(modelData.completedAt, "hh:mm")).arg(modelData.completedBy)
                  : modelData.statusText
            opacity: 0.8
        }
        Label { visible: modelData.undelivered; text: qsTr("● Non envoyé"); color: Theme.unsentText; font.bold: true }
    }
    Label {
        anchors.centerIn: parent
        visible: view.count === 0
        text: qsTr("Aucun soin planifié.")
    }
}
