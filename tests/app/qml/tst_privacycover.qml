import QtQuick
import QtQuick.Controls
import QtTest
import Chevet.App

// Security review F9: while the app is not in front, the window shows a cover, above any dialog, that
// takes every touch; the OS's app switcher and the desktop's overview then show no patient.
TestCase {
    id: testCase
    name: "PrivacyCover"
    when: windowShown
    width: 400
    height: 300

    Component { id: coverComponent; PrivacyCover {} }
    Component {
        id: dialogComponent
        Popup { x: 0; y: 0; width: 200; height: 150; closePolicy: Popup.NoAutoClose }
    }

    // Qt 6.4's offscreen platform delivers no test clicks: "on top" is read from the window's frame.
    function test_coversTheWholeWindowAboveDialogsAndTakesEveryTouch() {
        // The window's cover is made at start; dialogs open later, on top of what was there.
        const cover = createTemporaryObject(coverComponent, testCase, { covered: false })
        const dialog = createTemporaryObject(dialogComponent, testCase)
        dialog.open()
        tryVerify(function() { return dialog.opened })
        const overlay = testCase.Overlay.overlay
        verify(!cover.visible)

        cover.covered = true
        verify(cover.visible)
        compare(cover.parent, overlay)
        compare(cover.width, testCase.Window.width)
        compare(cover.height, testCase.Window.height)
        compare(cover.color.a, 1)
        waitForRendering(testCase)
        const frame = grabImage(testCase)
        compare(String(frame.pixel(10, 10)), String(cover.color)) // above the dialog
        compare(String(frame.pixel(390, 290)), String(cover.color)) // and everywhere else
        const catcher = cover.childAt(10, 10)
        verify(catcher !== null && catcher.acceptedButtons === Qt.AllButtons)

        cover.covered = false
        waitForRendering(testCase)
        verify(String(grabImage(testCase).pixel(10, 10)) !== String(cover.color))
    }
}
