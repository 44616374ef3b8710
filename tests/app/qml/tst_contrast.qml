import QtQuick
import QtTest
import Chevet.App

// Issue "the app" item 7 and the nurse's review (b13: white on #80CBC4, 1.87:1; crimson on #303030,
// 1.88:1): every text colour of the theme reads at WCAG AA on its background, in both themes; the NEWS2
// badges' large bold numbers at least 3:1.
TestCase {
    name: "Contrast"

    function luminance(c) {
        const channel = v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }
    function ratio(a, b) {
        const la = luminance(a), lb = luminance(b)
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
    }
    function checkText(name, fg, bg, minimum) {
        const r = ratio(Qt.color(fg), Qt.color(bg))
        verify(r >= minimum, name + ": " + r.toFixed(2) + ":1")
    }

    function test_textReadsInBothThemes() {
        const wasDark = Appearance.dark
        for (const dark of [false, true]) {
            Appearance.dark = dark
            const page = dark ? "#303030" : "#fafafa" // Material's window backgrounds
            for (const name of ["highText", "mediumText", "unsentText", "lowText", "trainingText", "accentText"])
                checkText((dark ? "night " : "day ") + name, Theme[name], page, 4.5)
            // White on the filled colours: highlighted buttons, banners, the incomplete badge.
            for (const name of ["accent", "high", "unsent", "training", "incomplete", "mediumButton"])
                checkText("white on " + name, "white", Theme[name], 4.5)
            // NEWS2 badge numbers: 24 px bold, large text.
            checkText("badge low", "white", Theme.low, 3)
            checkText("badge medium", "white", Theme.medium, 3)
            checkText("badge low-medium", "black", Theme.lowMedium, 3)
        }
        Appearance.dark = wasDark
    }
}
