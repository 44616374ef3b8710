import QtQuick
import QtTest
import Chevet.App

// The vitals form as a nurse types: NEWS2 follows each value, impossible values are refused with
// the reason and kept out of the score, unusual ones are flagged.
TestCase {
    name: "VitalsForm"

    VitalsForm { id: form; session: Session }

    function init() { form.clear() }

    function test_news2FollowsEachValue() {
        compare(form.news2, 0)
        verify(!form.news2Complete)
        form.respiratoryRate = "26"          // ≥25 scores 3
        compare(form.news2, 3)
        form.pulse = "115"                   // 111–130 scores 2
        compare(form.news2, 5)
        form.temperature = "38,5"            // decimal comma; 38.1–39.0 scores 1
        compare(form.news2, 6)
        form.spo2 = "95"; form.systolic = "120"; form.consciousness = 0
        compare(form.news2, 7)               // SpO2 94–95 on scale 1 scores 1
        verify(form.news2Complete)
        compare(form.news2Risk, "high")
        verify(form.news2Response.length > 0)
    }

    function test_oxygenCounts() {
        form.respiratoryRate = "16"; form.spo2 = "97"; form.systolic = "120"
        form.pulse = "70"; form.temperature = "37"; form.consciousness = 0
        compare(form.news2, 0)
        form.onOxygen = true
        compare(form.news2, 2)
    }

    function test_impossibleValuesAreRefusedWithTheReason() {
        form.pulse = "900"
        verify(form.errors.pulse !== undefined)
        verify(form.errors.pulse.indexOf("900") >= 0)
        verify(form.errors.pulse.indexOf("300") >= 0)   // the accepted range is named
        compare(form.news2, 0)                          // and kept out of the score
        verify(!form.canSave)
        form.pulse = "abc"
        verify(form.errors.pulse.indexOf("abc") >= 0)
        form.pulse = "72"
        compare(form.errors.pulse, undefined)
    }

    function test_swappedBloodPressureIsRefused() {
        form.systolic = "80"
        form.diastolic = "120"
        verify(form.errors.bp !== undefined)
    }

    function test_bloodPressureNeedsBothValues() {
        form.systolic = "120"
        verify(form.errors.bp !== undefined)   // the engine would refuse it: say so while typing
        verify(!form.canSave)
        form.diastolic = "80"
        compare(form.errors.bp, undefined)
    }

    function test_unusualValuesAreFlaggedNotRefused() {
        form.pulse = "180"
        compare(form.errors.pulse, undefined)
        verify(form.warnings.pulse !== undefined)
        compare(form.news2, 3)
    }
}
