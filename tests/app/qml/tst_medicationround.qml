import QtQuick
import QtTest
import Chevet.App

// The 5 B before "given", on the training ward's real dose slots: the wristband and the pack decide,
// not what the screen shows.
TestCase {
    name: "MedicationRound"

    MedicationRound { id: round; session: Session; unit: Units.current }
    SignalSpy { id: recorded; target: round; signalName: "recorded" }
    SignalSpy { id: failed; target: round; signalName: "failed" }

    function initTestCase() {
        tryVerify(function() { return round.loaded && round.doses.length > 0 }, 10000)
    }

    // Each case starts from nothing chosen: no wristband, pack or route carried over.
    function init() {
        round.selected = -1
    }

    function check(key) {
        return round.checks.filter(c => c.key === key)[0]
    }
    function firstDue() {
        for (let i = 0; i < round.doses.length; ++i)
            if (round.doses[i].state === "due") return i
        return -1
    }

    function test_a_nothingScannedNothingGiven() {
        round.selected = firstDue()
        verify(round.selected >= 0)
        compare(check("patient").ok, false)
        compare(check("patient").code, "not-scanned")
        compare(round.allRight, false)
        round.give()
        compare(failed.count, 1)
        compare(recorded.count, 0)
    }

    // ux.md shot 05: another patient's wristband scanned during a dose was read as a drug while "Bon
    // patient" stayed green. Any wristband is a wristband: another patient's is a hard stop naming both.
    function test_b_anotherPatientsWristbandIsAHardStop() {
        const i = firstDue()
        round.selected = i
        const dose = round.doses[i]
        const other = round.doses.filter(d => d.ipp !== dose.ipp)[0]
        round.scan(dose.ipp)
        compare(check("patient").ok, true)
        round.scan(other.ipp)
        compare(round.selected, i)            // no silent switch to the other patient's dose
        compare(round.stop, true)
        verify(round.message.indexOf(other.patient) >= 0, round.message)
        verify(round.message.indexOf(dose.patient) >= 0, round.message)
        compare(check("patient").ok, false)
        round.scan("(01)" + dose.gtin + "(17)991231(10)LOT1")
        compare(round.allRight, false)        // nothing passes until the right wristband
        round.scan(dose.ipp)
        compare(round.stop, false)
        round.scan("(01)" + dose.gtin + "(17)991231(10)LOT1")
        compare(round.allRight, true)
        round.scan("00000000")
        compare(round.allRight, false)
    }

    function test_c_rightScansGiveFiveTicks() {
        const i = firstDue()
        round.selected = i
        const dose = round.doses[i]
        round.scan(dose.ipp)
        compare(check("patient").ok, true)
        compare(check("medication").code, "not-scanned")
        round.scan("(01)" + dose.gtin + "(17)991231(10)LOT1")
        compare(check("medication").ok, true, check("medication").code)
        compare(round.allRight, true)
        const before = recorded.count
        round.give()
        tryCompare(recorded, "count", before + 1, 5000)
    }

    function test_d_expiredPackIsRefused() {
        const i = firstDue()
        round.selected = i
        const dose = round.doses[i]
        round.scan(dose.ipp)
        round.scan("(01)" + dose.gtin + "(17)200101(10)OLD")
        compare(check("medication").code, "expired")
        compare(round.allRight, false)
    }

    function test_e_wrongDoseIsCaught() {
        const i = firstDue()
        round.selected = i
        const dose = round.doses[i]
        round.scan(dose.ipp)
        round.scan("(01)" + dose.gtin + "(17)991231")
        round.doseValue = "999"
        compare(check("dose").ok, false)
        compare(round.allRight, false)
    }

    function test_f_notGivenNeedsAReason() {
        const i = firstDue()
        round.selected = i
        const failures = failed.count
        round.notGiven("  ")
        compare(failed.count, failures + 1)
        const before = recorded.count
        round.notGiven(round.notGivenReasons()[0])
        tryCompare(recorded, "count", before + 1, 5000)
    }

    // ux.md shots 03-04: the route shown is the prescribed one, and choosing it passes.
    function test_g_theRouteIsThePrescribedOne() {
        const i = firstDue()
        round.selected = i
        verify(round.routeIndex >= 0)
        compare(round.routeChoices[round.routeIndex].label, round.doses[i].route)
        compare(check("route").ok, true)
        const other = round.routeIndex === 0 ? 1 : 0
        round.chooseRoute(other)
        compare(check("route").ok, false)
        compare(check("route").code, "route-mismatch")
    }

    // ux.md shot 06: a dose given cannot also be "not given"; the correction is "erreur de saisie".
    function test_h_aGivenDoseIsCorrectedNotRefused() {
        const i = firstDue()
        round.selected = i
        const dose = round.doses[i]
        round.scan(dose.ipp)
        round.scan("(01)" + dose.gtin + "(17)991231(10)LOT1")
        const before = recorded.count
        round.give()
        tryCompare(recorded, "count", before + 1, 5000)
        tryVerify(function() { return round.doses.some(d => d.patient === dose.patient && d.medication === dose.medication
                                                       && d.state === "given") }, 5000)
        const given = round.doses.findIndex(d => d.patient === dose.patient && d.medication === dose.medication && d.state === "given")
        round.selected = given
        const failures = failed.count
        round.notGiven(round.notGivenReasons()[0])
        compare(failed.count, failures + 1)
        compare(recorded.count, before + 1)
        round.enterInError("saisi sur le mauvais patient")
        tryCompare(recorded, "count", before + 2, 5000)
        tryVerify(function() { return round.doses[given] && round.doses[given].state !== "given" }, 5000)
    }

    // ux.md §4f: a dose missed hours ago stays on the round, with how late it is.
    function test_i_aMissedDoseStaysWithHowLate() {
        const late = round.doses.filter(d => d.state === "late")
        verify(late.length > 0)
        verify(late.some(d => d.late.indexOf("h") > 0 && new Date() - d.time > 4 * 3600 * 1000), JSON.stringify(late.map(d => d.late)))
    }

    // An as-needed order: listed without a time, its interval stated; a dose two hours after the last
    // one of a six-hourly order is refused as too soon; the reason is required.
    function test_j_asNeededFlow() {
        const i = round.doses.findIndex(d => d.asNeeded)
        verify(i >= 0)
        round.selected = i
        const dose = round.doses[i]
        verify(dose.asNeededText.indexOf("6 h") >= 0, dose.asNeededText)
        round.scan(dose.ipp)
        round.scan("(01)" + dose.gtin + "(17)991231(10)LOT1")
        compare(check("time").code, "as-needed-too-soon")
        compare(round.allRight, false)
        const before = recorded.count
        round.giveOnDemand("douleur EVA 6")
        compare(recorded.count, before)
    }
}
