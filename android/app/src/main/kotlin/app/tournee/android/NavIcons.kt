// The navigation's icons, drawn with Compose's Canvas in the content colour (the Material icon
// artifacts stop at Compose 1.7, and the app needs only these few).
package app.tournee.android

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.size
import androidx.compose.material3.LocalContentColor
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.CornerRadius
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.graphics.drawscope.DrawScope
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.unit.dp
import app.tournee.presentation.Destination

/** The icon of [destination]; `null` draws the "more" tab's three dots. */
@Composable
fun NavIcon(destination: Destination?) {
    val color = LocalContentColor.current
    Canvas(Modifier.size(24.dp)) {
        val u = size.minDimension / 24f
        val stroke = Stroke(width = 2f * u)
        fun p(x: Float, y: Float) = Offset(x * u, y * u)
        fun line(x1: Float, y1: Float, x2: Float, y2: Float) = drawLine(color, p(x1, y1), p(x2, y2), strokeWidth = 2f * u)
        fun box(x: Float, y: Float, w: Float, h: Float, fill: Boolean = false) = drawRoundRect(
            color, p(x, y), Size(w * u, h * u), CornerRadius(2f * u), style = if (fill) androidx.compose.ui.graphics.drawscope.Fill else stroke,
        )
        when (destination) {
            Destination.TODAY -> { // a calendar page
                box(3f, 5f, 18f, 16f)
                line(3f, 10f, 21f, 10f)
                line(8f, 3f, 8f, 7f)
                line(16f, 3f, 16f, 7f)
                box(12f, 13f, 5f, 5f, fill = true)
            }
            Destination.ACCOUNTS -> { // a shop front
                box(4f, 10f, 16f, 11f)
                drawPath(Path().apply { moveTo(2f * u, 10f * u); lineTo(5f * u, 4f * u); lineTo(19f * u, 4f * u); lineTo(22f * u, 10f * u); close() }, color, style = stroke)
                box(10f, 14f, 4f, 7f, fill = true)
            }
            Destination.FOLLOW_UPS -> { // a tick in a circle
                drawCircle(color, 9f * u, p(12f, 12f), style = stroke)
                drawPath(Path().apply { moveTo(7.5f * u, 12.5f * u); lineTo(10.5f * u, 15.5f * u); lineTo(16.5f * u, 9f * u) }, color, style = stroke)
            }
            Destination.TRADE_SHOW -> qr(u, color)
            Destination.PIPELINE -> { // a funnel
                drawPath(Path().apply { moveTo(3f * u, 4f * u); lineTo(21f * u, 4f * u); lineTo(14f * u, 13f * u); lineTo(14f * u, 20f * u); lineTo(10f * u, 18f * u); lineTo(10f * u, 13f * u); close() }, color, style = stroke)
            }
            Destination.DASHBOARD -> { // bars
                box(3f, 13f, 4f, 8f, fill = true)
                box(10f, 8f, 4f, 13f, fill = true)
                box(17f, 3f, 4f, 18f, fill = true)
            }
            Destination.SYNC -> { // two arrows round a circle
                drawArc(color, 200f, 140f, false, p(4f, 4f), Size(16f * u, 16f * u), style = stroke)
                drawArc(color, 20f, 140f, false, p(4f, 4f), Size(16f * u, 16f * u), style = stroke)
                drawPath(Path().apply { moveTo(16f * u, 2.5f * u); lineTo(20.5f * u, 6.5f * u); lineTo(15f * u, 8f * u); close() }, color)
                drawPath(Path().apply { moveTo(8f * u, 21.5f * u); lineTo(3.5f * u, 17.5f * u); lineTo(9f * u, 16f * u); close() }, color)
            }
            Destination.SETTINGS -> { // a gear
                for (i in 0 until 8) {
                    val a = Math.toRadians(i * 45.0)
                    val (c, s) = Math.cos(a).toFloat() to Math.sin(a).toFloat()
                    line(12f + 6f * c, 12f + 6f * s, 12f + 10f * c, 12f + 10f * s)
                }
                drawCircle(color, 6.5f * u, p(12f, 12f), style = stroke)
                drawCircle(color, 2.5f * u, p(12f, 12f))
            }
            null -> for (x in listOf(5f, 12f, 19f)) drawCircle(color, 2f * u, p(x, 12f))
        }
    }
}

/** A QR code's corners: the badge scanner's and the trade show's icon. */
private fun DrawScope.qr(u: Float, color: androidx.compose.ui.graphics.Color) {
    val stroke = Stroke(width = 2f * u)
    for ((x, y) in listOf(3f to 3f, 14f to 3f, 3f to 14f)) {
        drawRect(color, Offset(x * u, y * u), Size(7f * u, 7f * u), style = stroke)
        drawRect(color, Offset((x + 2.5f) * u, (y + 2.5f) * u), Size(2f * u, 2f * u))
    }
    drawRect(color, Offset(15f * u, 15f * u), Size(2.5f * u, 2.5f * u))
    drawRect(color, Offset(18.5f * u, 18.5f * u), Size(2.5f * u, 2.5f * u))
}
