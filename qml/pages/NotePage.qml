import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chevet.App

// A transmission ciblée: target, then Données, Actions, Résultats; signed with the nurse and the time.
Page {
    id: page
    property string patientId
    // What was typed before the tablet locked, handed back after the same nurse unlocks (Drafts).
    property var draft: ({})
    // Text typed and not saved: leaving asks first (Main.qml).
    readonly property bool hasUnsavedInput: !form.saving && (form.data.trim().length > 0 || form.actions.trim().length > 0
                                                             || form.results.trim().length > 0)
    title: qsTr("Transmission ciblée")

    Connections {
        target: Session
        function onAboutToLock() {
            if (form.data.trim() || form.actions.trim() || form.results.trim())
                Drafts.keep(Session.nurse, "note", page.patientId,
                            { target: form.target, data: form.data, actions: form.actions, results: form.results })
        }
    }

    NoteForm {
        id: form
        session: Session
        patientId: page.patientId
        onSaved: page.StackView.view.pop()
        onFailed: function(message) { problem.text = message }
    }
    PatientChart {
        id: chart
        session: Session
        patientId: page.patientId
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 8
        Label {
            text: qsTr("%1 — par %2, le %3").arg(chart.identity.name || "").arg(Session.nurse).arg(Qt.formatDateTime(new Date(), "dd/MM/yyyy hh:mm"))
            font.pixelSize: Theme.titleSize
        }
        RowLayout {
            Label { text: qsTr("Cible"); font.bold: true; Layout.preferredWidth: 120 }
            ComboBox {
                id: target
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                editable: true
                model: [qsTr("Douleur"), qsTr("Anxiété"), qsTr("Chute"), qsTr("Alimentation"), qsTr("Élimination"), qsTr("Plaie / pansement"), qsTr("Sommeil"), qsTr("Hyperthermie")]
                Accessible.name: qsTr("Cible")
                onEditTextChanged: form.target = editText
                Component.onCompleted: {
                    if (page.draft.target)
                        editText = page.draft.target
                    form.target = editText
                }
            }
        }
        Repeater {
            model: [
                { key: "data", label: qsTr("Données") },
                { key: "actions", label: qsTr("Actions") },
                { key: "results", label: qsTr("Résultats") }
            ]
            delegate: RowLayout {
                id: section
                required property var modelData
                Layout.fillWidth: true
                Layout.fillHeight: true
                Label { text: modelData.label; font.bold: true; Layout.preferredWidth: 120; Layout.alignment: Qt.AlignTop }
                ScrollView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    TextArea {
                        wrapMode: TextEdit.Wrap
                        // Never learnt by the keyboard: patient names and clinical words (review F16).
                        inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                        font.pixelSize: Theme.bodySize
                        Accessible.name: section.modelData.label
                        text: page.draft[section.modelData.key] || ""
                        onTextChanged: form[section.modelData.key] = text
                    }
                }
            }
        }
        Label {
            id: problem
            text: form.problem
            color: Theme.mediumText
        }
        Button {
            Layout.alignment: Qt.AlignRight
            Layout.preferredHeight: Theme.touch
            Layout.preferredWidth: implicitWidth + 24
            highlighted: true
            enabled: form.canSave
            text: qsTr("Enregistrer la transmission")
            onClicked: form.save()
        }
    }
}
