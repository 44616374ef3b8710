import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// The medication round: doses due now, missed doses (until documented, with how late) and the
// as-needed orders; for the chosen dose the five rights (règle des 5 B), checked from the wristband and
// the pack scanned. "Administré" only when all five are green; "Non administré" asks for the reason and
// is not offered on a dose given, whose correction is "Erreur de saisie" with a reason. Side by side in
// landscape, stacked in portrait.
Page {
    id: page
    property string patientId
    property bool selectFirst: false // the page tour opens it on the first dose...
    property bool selectAsNeeded: false // ...or on the first as-needed order
    readonly property bool portrait: width < height
    readonly property var current: round.selected >= 0 && round.selected < round.doses.length ? round.doses[round.selected] : ({})
    title: qsTr("Tour des médicaments")

    MedicationRound {
        id: round
        session: Session
        unit: Units.current
        patientId: page.patientId
        onDosesChanged: {
            if (round.selected >= 0 || round.doses.length === 0)
                return
            if (page.selectFirst)
                round.selected = 0
            else if (page.selectAsNeeded)
                round.selected = Math.max(0, round.doses.findIndex(d => d.asNeeded))
        }
        onRecorded: function(what) { toast.show(what) }
        onFailed: function(message) { toast.show(message) }
    }

    Component.onCompleted: scan.grab()

    function stateText(dose) {
        switch (dose.state) {
        case "given": return qsTr("✓ donné")
        case "not-given": return qsTr("non donné")
        case "late": return qsTr("en retard de %1").arg(dose.late)
        case "upcoming": return qsTr("à venir")
        case "held": return dose.statusText
        case "as-needed": return qsTr("si besoin")
        default: return qsTr("à donner")
        }
    }

    GridLayout {
        anchors.fill: parent
        anchors.margins: 12
        columns: page.portrait ? 1 : 2
        columnSpacing: 16
        rowSpacing: 8

        ListView {
            id: doseList
            Layout.preferredWidth: page.portrait ? parent.width : parent.width * 0.45
            Layout.fillWidth: page.portrait
            Layout.preferredHeight: page.portrait ? parent.height * 0.38 : -1
            Layout.fillHeight: !page.portrait
            clip: true
            spacing: 4
            model: round.doses
            ScrollBar.vertical: ScrollBar {}
            delegate: ItemDelegate {
                id: dose
                required property var modelData
                required property int index
                width: ListView.view.width
                highlighted: index === round.selected
                Accessible.name: qsTr("%1, %2 %3, %4").arg(modelData.patient).arg(modelData.medication).arg(modelData.dose).arg(page.stateText(modelData))
                onClicked: { round.selected = index; scan.grab() }
                contentItem: RowLayout {
                    spacing: 10
                    Label {
                        text: dose.modelData.asNeeded ? qsTr("Si\nbesoin") : Qt.formatDateTime(dose.modelData.time, "hh:mm")
                        font.bold: true
                        font.pixelSize: dose.modelData.asNeeded ? 15 : 20
                        horizontalAlignment: Text.AlignHCenter
                        Layout.preferredWidth: 64
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label {
                            text: qsTr("Ch. %1 %2 · %3").arg(dose.modelData.room).arg(dose.modelData.bed).arg(dose.modelData.patient)
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Label {
                            text: dose.modelData.medication
                            font.bold: true
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Label {
                            text: dose.modelData.dose + " · " + dose.modelData.route
                            opacity: 0.85
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                    Label {
                        text: page.stateText(dose.modelData)
                        color: dose.modelData.state === "late" ? Theme.highText : dose.modelData.state === "given" ? Theme.lowText : Material.foreground
                        font.bold: true
                        wrapMode: Text.Wrap
                        horizontalAlignment: Text.AlignRight
                        Layout.preferredWidth: 110
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                width: parent.width - 32
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                visible: round.loaded && doseList.count === 0
                text: qsTr("Aucune dose à donner ni en retard.")
            }
        }

        ScrollView {
            id: panel
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true

            ColumnLayout {
                width: panel.availableWidth
                spacing: 8

                ScanField {
                    id: scan
                    Layout.fillWidth: true
                    placeholder: round.wristband.length === 0 ? qsTr("1. Scannez le bracelet") : qsTr("2. Scannez le médicament")
                    onScanned: function(code) { round.scan(code) }
                }
                CameraScan {
                    Layout.fillWidth: true
                    onScanned: function(code) { round.scan(code) }
                }
                Rectangle {
                    visible: round.message.length > 0
                    Layout.fillWidth: true
                    implicitHeight: messageText.implicitHeight + 16
                    radius: 4
                    color: round.stop ? Theme.high : "transparent"
                    border.color: Theme.high
                    Label {
                        id: messageText
                        anchors.fill: parent
                        anchors.margins: 8
                        text: round.message
                        color: round.stop ? "white" : Theme.highText
                        font.bold: round.stop
                        wrapMode: Text.Wrap
                    }
                }

                Label {
                    visible: round.selected < 0
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    opacity: 0.85
                    text: qsTr("Scannez le bracelet du patient, ou touchez une dose dans la liste, puis scannez le médicament. Les 5 B (patient, médicament, dose, voie, moment) sont vérifiés avant que « Administré » soit possible.")
                }

                ColumnLayout {
                    visible: round.selected >= 0
                    Layout.fillWidth: true
                    spacing: 4
                    Label {
                        text: page.current.medication || ""
                        font.pixelSize: Theme.titleSize
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("%1 · %2").arg(page.current.dose || "").arg(page.current.route || "")
                        font.pixelSize: Theme.bodySize
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: page.current.medicationUnread === true
                        text: qsTr("Médicament référencé mais non lu depuis le DPI : vérifiez la prescription.")
                        color: Theme.highText
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("%1 · ch. %2 %3").arg(page.current.patient || "").arg(page.current.room || "").arg(page.current.bed || "")
                              + (page.current.asNeeded ? "" : qsTr(" · prévu à %1").arg(page.current.time ? Qt.formatDateTime(page.current.time, "hh:mm") : ""))
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        text: page.current.allergies || ""
                        color: (page.current.allergies || "").indexOf(":") >= 0 ? Theme.highText : Material.foreground
                        font.bold: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: (page.current.asNeededText || "").length > 0
                        text: page.current.asNeededText || ""
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: (page.current.instructions || "").length > 0
                        text: qsTr("Consigne : %1").arg(page.current.instructions || "")
                        font.italic: true
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: page.current.state === "not-given" || page.current.state === "given"
                        text: page.current.state === "given" ? qsTr("Administré par %1").arg(page.current.recordedBy || "")
                                                             : qsTr("Non administré par %1 : %2").arg(page.current.recordedBy || "").arg(page.current.notGivenReason || "")
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: Session.training
                        text: qsTr("Formation — bracelet : %1 · code du médicament : %2").arg(page.current.ipp || "").arg(page.current.gtin || "")
                        color: Theme.trainingText
                        wrapMode: Text.WrapAnywhere
                        Layout.fillWidth: true
                    }
                    GridLayout {
                        columns: page.width < 700 ? 2 : 4
                        columnSpacing: 8
                        Layout.fillWidth: true
                        Label { text: qsTr("Dose donnée") }
                        TextField {
                            text: round.doseValue
                            Layout.preferredWidth: 110
                            Layout.preferredHeight: Theme.touch
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                            Accessible.name: qsTr("Dose donnée")
                            onEditingFinished: round.doseValue = text
                            rightPadding: unitLabel.implicitWidth + 8
                            Label {
                                id: unitLabel
                                anchors.right: parent.right
                                anchors.verticalCenter: parent.verticalCenter
                                text: page.current.unit || ""
                            }
                        }
                        Label { text: qsTr("Voie") }
                        ComboBox {
                            model: round.routeChoices
                            textRole: "label"
                            currentIndex: round.routeIndex
                            displayText: currentIndex < 0 ? qsTr("Choisir la voie") : currentText
                            Layout.preferredHeight: Theme.touch
                            Layout.fillWidth: true
                            Layout.minimumWidth: 200
                            Accessible.name: qsTr("Voie d'administration")
                            onActivated: function(index) { round.chooseRoute(index) }
                        }
                    }
                }

                Repeater {
                    model: round.checks
                    delegate: RowLayout {
                        required property var modelData
                        spacing: 10
                        Layout.fillWidth: true
                        Rectangle {
                            Layout.preferredWidth: 32
                            Layout.preferredHeight: 32
                            radius: 16
                            color: modelData.ok ? Theme.low : Theme.high
                            Label { anchors.centerIn: parent; text: modelData.ok ? "✓" : "✗"; color: "white"; font.bold: true }
                        }
                        Label { text: modelData.label; font.bold: true; Layout.preferredWidth: 190; Layout.minimumWidth: implicitWidth }
                        Label { text: modelData.text; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    }
                }

                // As needed: why it is given, then "Administré".
                TextField {
                    id: demandReason
                    inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                    visible: page.current.asNeeded === true
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    placeholderText: qsTr("Motif de la prise (ex. douleur EVA 6)")
                    text: page.current.asNeededReason || ""
                    Accessible.name: qsTr("Motif de la prise si besoin")
                }

                GridLayout {
                    visible: round.selected >= 0
                    columns: page.width < 700 ? 1 : 2
                    columnSpacing: Theme.gap
                    Layout.fillWidth: true
                    Button {
                        visible: page.current.state !== "given" && page.current.state !== "not-given"
                        text: qsTr("Administré")
                        highlighted: true
                        enabled: round.allRight
                        Layout.preferredHeight: 64
                        Layout.fillWidth: true
                        font.pixelSize: 22
                        onClicked: page.current.asNeeded ? round.giveOnDemand(demandReason.text) : round.give()
                    }
                    Button {
                        visible: page.current.state !== "given" && page.current.asNeeded !== true
                        text: qsTr("Non administré…")
                        Layout.preferredHeight: 64
                        Layout.fillWidth: true
                        onClicked: reasons.open()
                    }
                    Button {
                        // A dose given or not given is corrected, never contradicted; on an as-needed
                        // order, the last dose recorded here.
                        visible: page.current.state === "given" || page.current.state === "not-given"
                                 || (page.current.asNeeded === true && page.current.correctable === true)
                        text: qsTr("Erreur de saisie…")
                        Layout.preferredHeight: 64
                        Layout.fillWidth: true
                        onClicked: { correctionReason.text = ""; correction.open() }
                    }
                }
            }
        }
    }

    Dialog {
        id: reasons
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 520)
        modal: true
        title: qsTr("Pourquoi la dose n'est-elle pas administrée ?")
        ColumnLayout {
            width: parent.width
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
        footer: DialogButtonBox {
            Button { text: qsTr("Annuler"); DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
        }
    }

    Dialog {
        id: correction
        anchors.centerIn: parent
        width: Math.min(page.width - 32, 560)
        modal: true
        title: qsTr("Erreur de saisie")
        ColumnLayout {
            width: parent.width
            Label {
                text: qsTr("La dose de %1 enregistrée pour %2 sera marquée « erreur de saisie » et envoyée ainsi au DPI. Elle reste dans l'historique.").arg(page.current.medication || "").arg(page.current.patient || "")
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            TextField {
                id: correctionReason
                inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                placeholderText: qsTr("Raison (obligatoire)")
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
            }
        }
        footer: DialogButtonBox {
            Button { text: qsTr("Annuler"); DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
            Button {
                text: qsTr("Confirmer la correction")
                enabled: correctionReason.text.trim().length > 0
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
        }
        onAccepted: round.enterInError(correctionReason.text)
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
