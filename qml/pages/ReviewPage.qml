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

    // Five columns share the table's width (the page less the list on the left); values wrap instead of
    // being cut. From the page's width, not the layout's, so the layout does not chase itself.
    readonly property int tableWidth: width - 2 * 16 - 340 - 16
    readonly property int fieldWidth: Math.max(90, tableWidth * 0.16)
    readonly property int valueWidth: Math.max(90, (tableWidth - fieldWidth - 270 - 4 * 12) / 3)

    ReviewQueue {
        id: queue
        session: Session
        onFailed: function(message) { problem.text = message }
        onResolved: problem.text = ""
    }

    Dialog {
        id: confirmDiscard
        objectName: "confirmDiscard"
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 640)
        modal: true
        title: qsTr("Garder la version du DPI ?")
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.gap
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Le soin noté sur cette tablette ne sera pas envoyé au DPI : %1. Il reste dans l'historique de la tablette. Écrivez une transmission pour dire ce qui a été fait.").arg(queue.localCare)
            }
            RowLayout {
                Layout.alignment: Qt.AlignRight
                spacing: Theme.gap
                Button { text: qsTr("Annuler"); flat: true; Layout.preferredHeight: Theme.touch; onClicked: confirmDiscard.close() }
                Button {
                    objectName: "discardAndWrite"
                    text: qsTr("Garder le DPI et écrire une transmission")
                    highlighted: true
                    Layout.preferredHeight: Theme.touch
                    onClicked: {
                        const patient = queue.patientId
                        const care = queue.localCare
                        const reason = queue.dpiReason
                        confirmDiscard.close()
                        queue.resolve("remote")
                        page.StackView.view.push("NotePage.qml", { patientId: patient, draft: {
                            target: qsTr("Soin annulé dans le DPI"),
                            data: qsTr("Soin fait : %1.").arg(care) + (reason ? " " + qsTr("Motif du DPI : %1.").arg(reason) : "") } })
                    }
                }
            }
        }
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
                        Label { text: "⚠ " + modelData.title; color: Theme.highText; font.bold: true; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                        Label { text: modelData.patient; font.bold: true }
                        // Each record in words (drug, time, nurse), then what to do (the nurse's review 5c).
                        Repeater {
                            model: modelData.details
                            delegate: Label { required property string modelData; text: "• " + modelData; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                        }
                        Label {
                            text: modelData.action.length > 0 ? modelData.action : modelData.message
                            font.bold: modelData.action.length > 0
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
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
                    id: conflictItem
                    required property var modelData
                    width: ListView.view.width
                    highlighted: modelData.id === queue.selected
                    text: modelData.patient + "\n" + queue.ruleText(modelData.rule)
                    contentItem: Label {
                        text: conflictItem.text
                        wrapMode: Text.WordWrap
                    }
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
            // The DPI's reason first, whole (the nurse's review 5b: "Arrêté par le …" was cut).
            Label {
                objectName: "dpiReason"
                visible: queue.dpiReason.length > 0
                text: qsTr("Motif du DPI : %1").arg(queue.dpiReason)
                color: Theme.mediumText
                font.bold: true
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: 12
                Label { text: qsTr("Élément"); font.bold: true; Layout.preferredWidth: page.fieldWidth }
                Label { text: qsTr("Avant (base)"); font.bold: true; Layout.preferredWidth: page.valueWidth }
                Label { text: qsTr("Cette tablette"); font.bold: true; Layout.preferredWidth: page.valueWidth }
                Label { text: qsTr("DPI"); font.bold: true; Layout.preferredWidth: page.valueWidth }
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
                    readonly property int fieldWidth: page.fieldWidth
                    readonly property int valueWidth: page.valueWidth
                    width: ListView.view.width
                    height: Math.max(Theme.touch + 8, implicitHeight + 12)
                    spacing: 12
                    Label { text: fieldRow.modelData.field; Layout.preferredWidth: fieldRow.fieldWidth; wrapMode: Text.WordWrap; font.bold: fieldRow.modelData.differs }
                    Label { text: fieldRow.modelData.base; Layout.preferredWidth: fieldRow.valueWidth; wrapMode: Text.WordWrap; opacity: 0.7 }
                    Label { text: fieldRow.modelData.local; Layout.preferredWidth: fieldRow.valueWidth; wrapMode: Text.WordWrap; color: fieldRow.modelData.differs ? Theme.unsentText : Material.foreground }
                    Label { text: fieldRow.modelData.remote; Layout.preferredWidth: fieldRow.valueWidth; wrapMode: Text.WordWrap; color: fieldRow.modelData.differs ? Theme.mediumText : Material.foreground }
                    RowLayout {
                        visible: fieldRow.modelData.differs
                        RadioButton { Material.accent: Theme.accentText; text: qsTr("tablette"); checked: fieldRow.modelData.choice === "local"; onClicked: queue.choose(fieldRow.index, "local") }
                        RadioButton { Material.accent: Theme.accentText; text: qsTr("DPI"); checked: fieldRow.modelData.choice === "remote"; onClicked: queue.choose(fieldRow.index, "remote") }
                    }
                    Item { Layout.fillWidth: true }
                }
            }
            Label { id: problem; color: Theme.highText; wrapMode: Text.WordWrap; Layout.fillWidth: true }
            RowLayout {
                spacing: Theme.gap
                visible: !queue.identity
                Button { text: queue.remoteDeleted ? qsTr("Garder (recréer dans le DPI)") : qsTr("Garder la tablette"); Layout.preferredHeight: Theme.touch; onClicked: queue.resolve("local") }
                Button {
                    objectName: "keepDpi"
                    text: queue.remoteDeleted ? qsTr("Accepter la suppression") : qsTr("Garder le DPI")
                    Layout.preferredHeight: Theme.touch
                    // A care done here would never reach the DPI: ask first (the nurse's review 5b).
                    onClicked: queue.localCare.length > 0 ? confirmDiscard.open() : queue.resolve("remote")
                }
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
