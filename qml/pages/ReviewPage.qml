import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// Conflicts sync left to a person, with base, tablet and DPI versions side by side: keep one side or
// merge field by field. Clinical alerts (possible double dose) wait here for an acknowledgement.
Page {
    id: page
    title: qsTr("À traiter")

    ReviewQueue {
        id: queue
        onFailed: function(message) { problem.text = message }
        onResolved: problem.text = ""
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 16

        ColumnLayout {
            Layout.preferredWidth: 340
            Layout.fillHeight: true
            Label { text: qsTr("Alertes cliniques"); font.pixelSize: Theme.titleSize }
            Repeater {
                model: queue.alerts
                delegate: Frame {
                    required property var modelData
                    Layout.fillWidth: true
                    ColumnLayout {
                        anchors.fill: parent
                        Label { text: "⚠ " + modelData.title; color: Theme.highText; font.bold: true }
                        Label { text: modelData.patient; font.bold: true }
                        Label { text: modelData.message; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                        Button {
                            text: qsTr("J'ai pris connaissance")
                            Layout.preferredHeight: Theme.touch
                            onClicked: queue.acknowledge(modelData.id)
                        }
                    }
                }
            }
            Label { visible: queue.alerts.length === 0; text: qsTr("Aucune alerte ouverte."); opacity: 0.7 }
            Label { text: qsTr("Conflits"); font.pixelSize: Theme.titleSize; Layout.topMargin: 16 }
            ListView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: queue.conflicts
                delegate: ItemDelegate {
                    required property var modelData
                    width: ListView.view.width
                    height: 72
                    highlighted: modelData.id === queue.selected
                    text: modelData.patient + "\n" + queue.ruleText(modelData.rule)
                    onClicked: queue.select(modelData.id)
                }
                Label { anchors.centerIn: parent; visible: queue.conflicts.length === 0; text: qsTr("Aucun conflit."); opacity: 0.7 }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: queue.selected.length > 0
            spacing: 8
            Label { text: queue.ruleText(queue.rule); font.pixelSize: Theme.titleSize; wrapMode: Text.WordWrap; Layout.fillWidth: true }
            RowLayout {
                spacing: 12
                Label { text: qsTr("Élément"); font.bold: true; Layout.preferredWidth: 150 }
                Label { text: qsTr("Avant (base)"); font.bold: true; Layout.preferredWidth: 150 }
                Label { text: qsTr("Cette tablette"); font.bold: true; Layout.preferredWidth: 150 }
                Label { text: qsTr("DPI"); font.bold: true; Layout.preferredWidth: 150 }
                Label { text: qsTr("Garder"); font.bold: true }
            }
            ListView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: queue.rows
                delegate: RowLayout {
                    id: fieldRow
                    required property var modelData
                    required property int index
                    width: ListView.view.width
                    height: Theme.touch + 8
                    spacing: 12
                    Label { text: fieldRow.modelData.field; Layout.preferredWidth: 150; elide: Text.ElideRight; font.bold: fieldRow.modelData.differs }
                    Label { text: fieldRow.modelData.base; Layout.preferredWidth: 150; elide: Text.ElideRight; opacity: 0.7 }
                    Label { text: fieldRow.modelData.local; Layout.preferredWidth: 150; elide: Text.ElideRight; color: fieldRow.modelData.differs ? Theme.unsentText : Material.foreground }
                    Label { text: fieldRow.modelData.remote; Layout.preferredWidth: 150; elide: Text.ElideRight; color: fieldRow.modelData.differs ? Theme.mediumText : Material.foreground }
                    RowLayout {
                        visible: fieldRow.modelData.differs
                        RadioButton { text: qsTr("tablette"); checked: fieldRow.modelData.choice === "local"; onClicked: queue.choose(fieldRow.index, "local") }
                        RadioButton { text: qsTr("DPI"); checked: fieldRow.modelData.choice === "remote"; onClicked: queue.choose(fieldRow.index, "remote") }
                    }
                    Item { Layout.fillWidth: true }
                }
            }
            Label { id: problem; color: Theme.highText; wrapMode: Text.WordWrap; Layout.fillWidth: true }
            RowLayout {
                spacing: Theme.gap
                visible: !queue.identity
                Button { text: queue.remoteDeleted ? qsTr("Garder (recréer dans le DPI)") : qsTr("Garder la tablette"); Layout.preferredHeight: Theme.touch; onClicked: queue.resolve("local") }
                Button { text: queue.remoteDeleted ? qsTr("Accepter la suppression") : qsTr("Garder le DPI"); Layout.preferredHeight: Theme.touch; onClicked: queue.resolve("remote") }
                Button { text: qsTr("Fusionner mes choix"); highlighted: true; Layout.preferredHeight: Theme.touch; enabled: !queue.remoteDeleted; onClicked: queue.resolve("merged") }
            }
            RowLayout {
                spacing: Theme.gap
                visible: queue.identity
                Button { text: qsTr("Personne différente : garder sur la tablette"); highlighted: true; Layout.preferredHeight: Theme.touch; onClicked: queue.resolve("different-person") }
                Button { text: qsTr("Même personne que dans le DPI"); Layout.preferredHeight: Theme.touch; enabled: queue.rule !== "ambiguous-match"; onClicked: queue.resolve("remote") }
            }
        }
    }
}
