import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Chevet.App

// The call to the doctor a NEWS2 asks for: the SBAR summary to read out on the phone, then the call kept
// as a transmission ("Appel médecin (NEWS2)") with the doctor's name and what was agreed.
Dialog {
    id: dialog
    property string patientId
    property string sbar
    property string escalation
    property int valuesAgeMinutes: 0
    property bool valuesLate: false
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 32 : 720, 760)
    modal: true
    title: escalation === "emergency" ? qsTr("Appel en urgence — équipe de réanimation")
           : escalation === "urgent-response" ? qsTr("Appel urgent du médecin")
           : qsTr("Évaluation médicale urgente")

    onOpened: { doctor.text = ""; agreed.text = ""; problem.text = "" }

    NoteForm {
        id: form
        session: Session
        patientId: dialog.patientId
        target: qsTr("Appel médecin (NEWS2)")
        data: dialog.sbar
        actions: doctor.text.trim().length > 0 ? qsTr("Médecin appelé : %1").arg(doctor.text.trim()) : ""
        results: agreed.text.trim()
        onSaved: dialog.close()
        onFailed: function(message) { problem.text = message }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap
        // Old values read as current mislead the doctor (a nurse's walkthrough): say so before the call.
        Label {
            objectName: "valuesAge"
            visible: dialog.valuesLate
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.mediumText
            font.bold: true
            text: qsTr("Ces constantes datent de %1 : reprenez-les si vous le pouvez avant d'appeler.").arg(Theme.duration(dialog.valuesAgeMinutes))
        }
        Label {
            text: qsTr("À lire au médecin :")
            font.bold: true
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(sbarText.implicitHeight + 8, 280)
            clip: true
            Label {
                id: sbarText
                width: dialog.availableWidth - 16
                text: dialog.sbar
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.bodySize
            }
        }
        TextField {
            id: doctor
            objectName: "doctorField"
            Layout.fillWidth: true
            placeholderText: qsTr("Médecin appelé (nom)")
            inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
        }
        TextField {
            id: agreed
            objectName: "agreedField"
            Layout.fillWidth: true
            placeholderText: qsTr("Conduite à tenir convenue (facultatif)")
            inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
        }
        Label {
            id: problem
            visible: text.length > 0
            color: Theme.highText
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            spacing: Theme.gap
            Button {
                text: qsTr("Fermer")
                flat: true
                Layout.preferredHeight: Theme.touch
                onClicked: dialog.close()
            }
            Button {
                objectName: "recordCallButton"
                text: qsTr("Enregistrer l'appel")
                highlighted: true
                enabled: doctor.text.trim().length > 0 && !form.saving
                Layout.preferredHeight: Theme.touch
                onClicked: form.save()
            }
        }
    }
}
