import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// Vitals at the bedside: large numeric fields with fixed units and the last values, a keypad for
// gloved hands, NEWS2 recomputed as each value is typed, impossible values refused with the reason.
Page {
    id: page
    property string patientId
    property Item activeInput: null
    // Values typed before the tablet locked, handed back after the same nurse unlocks (Drafts).
    property var draft: ({})
    // Values typed and not saved: leaving asks first (Main.qml).
    readonly property bool hasUnsavedInput: !form.saving && typedValues() !== null
    title: qsTr("Constantes")

    readonly property var textFields: ["respiratoryRate", "spo2", "systolic", "diastolic", "pulse", "temperature", "pain", "glucose"]
    function typedValues() {
        const values = {}
        let any = false
        for (const key of textFields) {
            values[key] = form[key]
            any = any || form[key].length > 0
        }
        values.onOxygen = form.onOxygen
        values.spo2Scale = form.spo2Scale
        values.consciousness = form.consciousness
        any = any || form.consciousness >= 0 || form.onOxygen
        return any ? values : null
    }
    Component.onCompleted: {
        for (const key in draft)
            form[key] = draft[key]
    }
    Connections {
        target: Session
        function onAboutToLock() {
            const values = page.typedValues()
            if (values)
                Drafts.keep(Session.nurse, "vitals", page.patientId, values)
        }
    }

    PatientChart {
        id: chart
        session: Session
        patientId: page.patientId
    }
    VitalsForm {
        id: form
        session: Session
        patientId: page.patientId
        onNeedsConfirmation: function(warnings) {
            confirm.warnings = warnings
            confirm.open()
        }
        onSaved: function(score, risk) {
            page.StackView.view.pop()
        }
        onFailed: function(message) {
            failure.text = message
            failure.open()
        }
    }

    function lastOf(key, decimals) {
        const v = chart.lastValues[key]
        if (!v)
            return ""
        const value = Number(v.v).toLocaleString(Qt.locale(), "f", decimals)
        return (v.v2 !== undefined ? value + "/" + Number(v.v2).toFixed(0) : value) + " (" + Qt.formatDateTime(v.time, "dd/MM hh:mm") + ")"
    }
    // The measures in the order a nurse takes them: the keypad's "Suivant" goes down this list.
    readonly property var measureInputs: [rrField.input, spo2Field.input, systolicField.input, diastolicInput,
                                          pulseField.input, temperatureField.input, painField.input, glucoseField.input]
    function nextMeasure() {
        const at = measureInputs.indexOf(activeInput)
        activeInput = measureInputs[(at + 1) % measureInputs.length]
        activeInput.forceActiveFocus()
    }
    function type(key) {
        if (!activeInput)
            return
        if (key === "⌫")
            activeInput.text = activeInput.text.slice(0, -1)
        else
            activeInput.text += key
        activeInput.textEdited()
    }

    Dialog {
        id: confirm
        property var warnings: []
        anchors.centerIn: parent
        modal: true
        title: qsTr("Valeurs inhabituelles")
        // Our own words: Qt's standard buttons stay in English without Qt's own translations (the
        // nurse's review: "CANCEL" in French dialogs).
        footer: DialogButtonBox {
            Button { text: qsTr("Annuler"); flat: true; DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
        }
        ColumnLayout {
            Repeater {
                model: confirm.warnings
                delegate: Label { required property string modelData; text: modelData; wrapMode: Text.WordWrap; Layout.maximumWidth: 600 }
            }
            Button {
                text: qsTr("Valeurs vérifiées, enregistrer")
                highlighted: true
                Layout.preferredHeight: Theme.touch
                onClicked: { confirm.close(); form.save(true) }
            }
        }
    }
    Dialog {
        id: failure
        property alias text: failureLabel.text
        anchors.centerIn: parent
        modal: true
        title: qsTr("Non enregistré")
        footer: DialogButtonBox {
            Button { text: qsTr("OK"); flat: true; DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole }
        }
        Label { id: failureLabel; wrapMode: Text.WordWrap }
    }

    // Landscape: the form beside the score and keypad; portrait: the keypad under the form.
    GridLayout {
        anchors.fill: parent
        anchors.margins: 16
        columnSpacing: 24
        rowSpacing: 12
        columns: page.width >= page.height ? 2 : 1

        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            ColumnLayout {
                spacing: 6
                Label {
                    text: chart.identity.name || ""
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                }
                VitalField {
                    id: rrField
                    label: qsTr("Fréquence respiratoire"); unit: "/min"
                    last: page.lastOf("rr", 0); error: form.errors.rr || ""; warning: form.warnings.rr || ""
                    text: page.draft.respiratoryRate || ""
                    onEdited: function(t) { form.respiratoryRate = t }
                    input.onActiveFocusChanged: if (input.activeFocus) page.activeInput = input
                }
                VitalField {
                    id: spo2Field
                    label: qsTr("SpO₂"); unit: "%"
                    last: page.lastOf("spo2", 0); error: form.errors.spo2 || ""; warning: form.warnings.spo2 || ""
                    text: page.draft.spo2 || ""
                    onEdited: function(t) { form.spo2 = t }
                    input.onActiveFocusChanged: if (input.activeFocus) page.activeInput = input
                }
                RowLayout {
                    Switch {
                        Material.accent: Theme.accentText
                        text: qsTr("Sous oxygène")
                        checked: form.onOxygen
                        implicitHeight: Theme.touch
                        onToggled: form.onOxygen = checked
                    }
                    Switch {
                        Material.accent: Theme.accentText
                        text: qsTr("Échelle SpO₂ 2 (cible 88–92 % prescrite)")
                        checked: form.spo2Scale === 2
                        implicitHeight: Theme.touch
                        onToggled: form.spo2Scale = checked ? 2 : 1
                    }
                }
                RowLayout {
                    VitalField {
                        id: systolicField
                        label: qsTr("PA systolique"); unit: "mmHg"
                        last: page.lastOf("bp", 0); error: form.errors.bp || ""; warning: form.warnings.bp || ""
                        text: page.draft.systolic || ""
                    onEdited: function(t) { form.systolic = t }
                        input.onActiveFocusChanged: if (input.activeFocus) page.activeInput = input
                    }
                    TextField {
                        id: diastolicInput
                        Layout.preferredWidth: 100
                        Layout.preferredHeight: Theme.touch
                        Layout.alignment: Qt.AlignTop
                        font.pixelSize: 22
                        placeholderText: qsTr("diast.")
                        inputMethodHints: Qt.ImhDigitsOnly
                        Accessible.name: qsTr("PA diastolique")
                        text: page.draft.diastolic || ""
                        onTextEdited: form.diastolic = text
                        onActiveFocusChanged: if (activeFocus) page.activeInput = this
                    }
                }
                VitalField {
                    id: pulseField
                    label: qsTr("Pouls"); unit: "/min"
                    last: page.lastOf("pulse", 0); error: form.errors.pulse || ""; warning: form.warnings.pulse || ""
                    text: page.draft.pulse || ""
                    onEdited: function(t) { form.pulse = t }
                    input.onActiveFocusChanged: if (input.activeFocus) page.activeInput = input
                }
                VitalField {
                    id: temperatureField
                    label: qsTr("Température"); unit: "°C"
                    last: page.lastOf("temp", 1); error: form.errors.temp || ""; warning: form.warnings.temp || ""
                    text: page.draft.temperature || ""
                    onEdited: function(t) { form.temperature = t }
                    input.onActiveFocusChanged: if (input.activeFocus) page.activeInput = input
                }
                RowLayout {
                    spacing: 8
                    Label { text: qsTr("Conscience (ACVPU)"); font.bold: true; Layout.preferredWidth: 210 }
                    Repeater {
                        model: [qsTr("A"), qsTr("C"), qsTr("V"), qsTr("P"), qsTr("U")]
                        delegate: Button {
                            required property int index
                            required property string modelData
                            text: modelData
                            checkable: true
                            checked: form.consciousness === index
                            highlighted: checked // filled, not a thin underline: seen with gloves at arm's length
                            implicitWidth: Theme.touch
                            implicitHeight: Theme.touch
                            Accessible.name: [qsTr("Alerte"), qsTr("Confusion nouvelle"), qsTr("Réagit à la voix"), qsTr("Réagit à la douleur"), qsTr("Ne réagit pas")][index]
                            onClicked: form.consciousness = index
                        }
                    }
                }
                VitalField {
                    id: painField
                    label: qsTr("Douleur (EN 0–10)"); unit: ""
                    last: page.lastOf("pain", 0); error: form.errors.pain || ""; warning: form.warnings.pain || ""
                    text: page.draft.pain || ""
                    onEdited: function(t) { form.pain = t }
                    input.onActiveFocusChanged: if (input.activeFocus) page.activeInput = input
                }
                VitalField {
                    id: glucoseField
                    label: qsTr("Glycémie capillaire"); unit: "mmol/L"
                    last: page.lastOf("glucose-mmol", 1); error: form.errors["glucose-mmol"] || ""; warning: form.warnings["glucose-mmol"] || ""
                    text: page.draft.glucose || ""
                    onEdited: function(t) { form.glucose = t }
                    input.onActiveFocusChanged: if (input.activeFocus) page.activeInput = input
                }
            }
        }

        ColumnLayout {
            Layout.preferredWidth: 380
            Layout.fillHeight: page.width >= page.height
            Layout.fillWidth: page.width < page.height
            spacing: Theme.gap
            RowLayout {
                News2Badge {
                    score: form.news2
                    risk: form.news2Risk
                    complete: form.news2Complete
                    implicitWidth: 72
                    implicitHeight: 72
                }
                ColumnLayout {
                    Label { text: qsTr("NEWS2 en direct"); font.pixelSize: Theme.titleSize }
                    Label {
                        text: form.news2Complete ? qsTr("score complet") : qsTr("incomplet : score minimal")
                        opacity: 0.7
                    }
                }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: form.news2Response
            }
            GridLayout {
                columns: 3
                rowSpacing: 8
                columnSpacing: 8
                Layout.alignment: Qt.AlignHCenter
                Repeater {
                    model: ["7", "8", "9", "4", "5", "6", "1", "2", "3", ",", "0", "⌫"]
                    delegate: Button {
                        required property string modelData
                        text: modelData
                        font.pixelSize: 26
                        implicitWidth: 96
                        implicitHeight: 64
                        focusPolicy: Qt.NoFocus
                        Accessible.name: modelData === "⌫" ? qsTr("Effacer") : modelData
                        onClicked: page.type(modelData)
                    }
                }
                // Always the keypad's last row, full width: the thumb finds it without looking.
                Button {
                    objectName: "nextMeasure"
                    Layout.columnSpan: 3
                    Layout.fillWidth: true
                    implicitHeight: 64
                    font.pixelSize: 22
                    focusPolicy: Qt.NoFocus
                    text: qsTr("Suivant ›")
                    Accessible.name: qsTr("Mesure suivante")
                    onClicked: page.nextMeasure()
                }
            }
            Item { Layout.fillHeight: true; visible: page.width >= page.height }
            Button {
                Layout.fillWidth: true
                Layout.preferredHeight: 64
                highlighted: true
                enabled: form.canSave && !form.saving
                text: qsTr("Enregistrer")
                font.pixelSize: 22
                onClicked: form.save(false)
            }
        }
    }
}
