import QtQuick
import QtTest
import Chevet.App

// A nurse's walkthrough: leaving a half-written transmission lost it without a word. The vitals and
// note pages say when they hold values typed and not saved; the shell's back button asks then.
TestCase {
    name: "LeaveForm"
    when: windowShown

    Component { id: vitalsPage; VitalsPage {} }
    Component { id: notePage; NotePage {} }

    function test_anEmptyFormLeavesFreely() {
        const vitals = createTemporaryObject(vitalsPage, this, { patientId: "" })
        verify(vitals !== null)
        verify(!vitals.hasUnsavedInput)
        const note = createTemporaryObject(notePage, this, { patientId: "" })
        verify(!note.hasUnsavedInput)
    }

    function test_typedValuesAreNotLeftSilently() {
        const vitals = createTemporaryObject(vitalsPage, this, { patientId: "", draft: { pulse: "88" } })
        verify(vitals.hasUnsavedInput)
        const note = createTemporaryObject(notePage, this, { patientId: "", draft: { data: "Douleur 6/10 au lever" } })
        tryVerify(function() { return note.hasUnsavedInput })
    }
}
