import QtQuick
import QtQuick.Controls
import Chevet.App

// Shown on every page when the tablet's clock is two minutes or more from the DPI's (measured at each
// sync): every time recorded here comes from that clock.
Rectangle {
    visible: SyncStatus.clockWrong
    implicitHeight: visible ? text.implicitHeight + 16 : 0
    color: Theme.high
    Label {
        id: text
        anchors.fill: parent
        anchors.margins: 8
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
        text: SyncStatus.clockSkewMinutes > 0
              ? qsTr("L'horloge de la tablette avance de %n minute(s) sur le DPI : les heures saisies seront fausses. Faites régler l'heure.", "", SyncStatus.clockSkewMinutes)
              : qsTr("L'horloge de la tablette retarde de %n minute(s) sur le DPI : les heures saisies seront fausses. Faites régler l'heure.", "", -SyncStatus.clockSkewMinutes)
        color: "white"
        font.bold: true
        font.pixelSize: Theme.bodySize
    }
}
