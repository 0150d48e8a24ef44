// The Android entry point: the app's data directory, its language, its time zone and its screen
// size handed to TourneeRoot, and the platform's own actions: dial a number, write an email, read a
// QR code with the camera (ZXing): a visitor's badge, or the admin's enrollment code. Everything else
// is the shared screens and presenters.
package app.tournee.android

import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.ui.Modifier
import app.tournee.core.Lang
import com.journeyapps.barcodescanner.ScanContract
import com.journeyapps.barcodescanner.ScanOptions
import java.io.File
import java.time.LocalDate
import java.time.ZoneId
import java.util.Locale

class MainActivity : ComponentActivity() {
    /** Where the text of the next QR code read goes (the capture or the enrollment screen's presenter). */
    private var onRead: ((String) -> Unit)? = null

    private val scanner = registerForActivityResult(ScanContract()) { result ->
        // Cancelled: nothing read, the form stays as it was.
        result.contents?.let { text -> onRead?.invoke(text) }
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val dataDir = File(filesDir, "tournee").path
        val lang = if (Locale.getDefault().language == "fr") Lang.FR else Lang.EN
        // A tablet (the trade-show stand, the manager's review) gets the two-pane layouts.
        val wide = resources.configuration.smallestScreenWidthDp >= 600
        // The event leads are captured for, until a settings entry names it: the day's date.
        val event = getPreferences(MODE_PRIVATE).getString("event", null) ?: LocalDate.now().toString()
        val platform = PlatformActions(
            call = { phone -> open(Intent(Intent.ACTION_DIAL, Uri.fromParts("tel", phone, null))) },
            mail = { email -> open(Intent(Intent.ACTION_SENDTO, Uri.fromParts("mailto", email, null))) },
            scanQrCode = { deliver ->
                onRead = deliver
                scanner.launch(
                    ScanOptions()
                        .setDesiredBarcodeFormats(ScanOptions.QR_CODE)
                        .setBeepEnabled(false)
                        .setOrientationLocked(false)
                        .setPrompt(""),
                )
            },
        )
        setContent {
            MaterialTheme {
                Surface(Modifier.fillMaxSize()) {
                    TourneeRoot(dataDir, lang, ZoneId.systemDefault(), wide, event, today = { LocalDate.now() }, platform = platform)
                }
            }
        }
    }

    /** Hands [intent] to the app that handles it; a phone with none (no dialer) just does nothing. */
    private fun open(intent: Intent) {
        try {
            startActivity(intent)
        } catch (e: ActivityNotFoundException) {
            // Nothing to hand it to.
        }
    }
}
