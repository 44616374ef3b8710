import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// The medication round: doses due now on the left; on the right the chosen dose with the five rights
// (règle des 5 B), checked from the wristband and the pack scanned. "Administré" only when all five
// are green; "Non administré" asks for the reason.
Page {
    id: page
    property string patientId
    property bool selectFirst: false // the page tour opens it on the first dose
    title: qsTr("Tour des médicaments")

    MedicationRound {
        id: round
        patientId: page.patientId
        onDosesChanged: if (page.selectFirst && round.selected < 0 && round.doses.length > 0) round.selected = 0
        onRecorded: function(what) { toast.show(what) }
        onFailed: function(message) { toast.show(message) }
    }

    Component.onCompleted: scan.grab()

    RowLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 16

        ListView {
            id: doseList
            Layout.preferredWidth: parent.width * 0.5
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: round.doses
            delegate: ItemDelegate {
                id: dose
                required property var modelData
                required property int index
                width: ListView.view.width
                height: 76
                highlighted: index === round.selected
                Accessible.name: qsTr("%1, %2 %3 à %4").arg(modelData.patient).arg(modelData.medication).arg(modelData.dose).arg(Qt.formatDateTime(modelData.time, "hh:mm"))
                onClicked: { round.selected = index; scan.grab() }
                contentItem: RowLayout {
                    spacing: 12
                    Label {
                        text: Qt.formatDateTime(dose.modelData.time, "hh:mm")
                        font.bold: true
                        font.pixelSize: 20
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label { text: dose.modelData.room + " " + dose.modelData.bed + " · " + dose.modelData.patient; elide: Text.ElideRight; Layout.fillWidth: true }
                        Label { text: dose.modelData.medication + " — " + dose.modelData.dose + " · " + dose.modelData.route; opacity: 0.8; elide: Text.ElideRight; Layout.fillWidth: true }
                    }
                    Label {
                        text: {
                            switch (dose.modelData.state) {
                            case "given": return qsTr("✓ donné")
                            case "not-given": return qsTr("non donné")
                            case "late": return qsTr("en retard")
                            case "upcoming": return qsTr("à venir")
                            case "held": return dose.modelData.statusText
                            default: return qsTr("à donner")
                            }
                        }
                        color: dose.modelData.state === "late" ? Theme.highText : dose.modelData.state === "given" ? Theme.low : Material.foreground
                        font.bold: true
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: round.loaded && doseList.count === 0
                text: qsTr("Aucune dose prévue dans l'heure.")
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap

            ScanField {
                id: scan
                Layout.fillWidth: true
                placeholder: round.wristband.length === 0 ? qsTr("1. Scannez le bracelet du patient") : qsTr("2. Scannez le médicament (ou tapez son code)")
                onScanned: function(code) { round.scan(code) }
            }
            CameraScan {
                Layout.fillWidth: true
                onScanned: function(code) { round.scan(code) }
            }
            Label {
                visible: round.message.length > 0
                text: round.message
                color: Theme.highText
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Label {
                visible: round.selected < 0
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                opacity: 0.8
                text: qsTr("Scannez le bracelet du patient, ou touchez une dose dans la liste, puis scannez le médicament. Les 5 B (patient, médicament, dose, voie, moment) sont vérifiés avant que « Administré » soit possible.")
            }
            ColumnLayout {
                visible: round.selected >= 0
                Layout.fillWidth: true
                spacing: 6
                readonly property var current: round.selected >= 0 ? round.doses[round.selected] : ({})
                Label {
                    text: (parent.current.medication || "") + " — " + (parent.current.dose || "")
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                Label {
                    visible: Session.training
                    text: qsTr("Formation — bracelet : %1 · code du médicament : %2").arg(parent.current.ipp || "").arg(parent.current.gtin || "")
                    color: Theme.training
                }
                Label { text: qsTr("%1 · chambre %2 %3 · prévu à %4").arg(parent.current.patient || "").arg(parent.current.room || "").arg(parent.current.bed || "").arg(parent.current.time ? Qt.formatDateTime(parent.current.time, "hh:mm") : "") }
                RowLayout {
                    Label { text: qsTr("Dose donnée"); Layout.preferredWidth: 130 }
                    TextField {
                        text: round.doseValue
                        Layout.preferredWidth: 110
                        Layout.preferredHeight: Theme.touch
                        inputMethodHints: Qt.ImhFormattedNumbersOnly
                        Accessible.name: qsTr("Dose donnée")
                        onEditingFinished: round.doseValue = text
                    }
                    Label { text: qsTr("Voie"); Layout.preferredWidth: 50 }
                    ComboBox {
                        model: ["oral", "IV", "SC", "IM", "inhalée", "cutanée"]
                        currentIndex: Math.max(0, model.indexOf(round.route))
                        Layout.preferredHeight: Theme.touch
                        Accessible.name: qsTr("Voie d'administration")
                        onActivated: round.route = currentText
                    }
                }
            }

            Repeater {
                model: round.checks
                delegate: RowLayout {
                    required property var modelData
                    spacing: 12
                    Layout.fillWidth: true
                    Rectangle {
                        Layout.preferredWidth: 36
                        Layout.preferredHeight: 36
                        radius: 18
                        color: modelData.ok ? Theme.low : Theme.high
                        Label { anchors.centerIn: parent; text: modelData.ok ? "✓" : "✗"; color: "white"; font.bold: true }
                    }
                    Label { text: modelData.label; font.bold: true; Layout.preferredWidth: 170 }
                    Label { text: modelData.text; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                }
            }

            Item { Layout.fillHeight: true }

            RowLayout {
                visible: round.selected >= 0
                spacing: Theme.gap
                Button {
                    text: qsTr("Administré")
                    highlighted: true
                    enabled: round.allRight
                    Layout.preferredHeight: 64
                    Layout.fillWidth: true
                    font.pixelSize: 22
                    onClicked: round.give()
                }
                Button {
                    text: qsTr("Non administré…")
                    Layout.preferredHeight: 64
                    Layout.fillWidth: true
                    onClicked: reasons.open()
                }
            }
        }
    }

    Dialog {
        id: reasons
        anchors.centerIn: parent
        modal: true
        title: qsTr("Pourquoi la dose n'est-elle pas administrée ?")
        standardButtons: Dialog.Cancel
        ColumnLayout {
            Repeater {
                model: round.notGivenReasons()
                delegate: Button {
                    required property string modelData
                    text: modelData
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    onClicked: { reasons.close(); round.notGiven(modelData) }
                }
            }
        }
    }

    ToolTip {
        id: toast
        function show(text) { toast.text = text; toast.open() }
        timeout: 4000
        x: (page.width - width) / 2
        y: page.height - height - 24
        font.pixelSize: Theme.bodySize
    }
}
