package app.tournee.presentation

import app.tournee.core.Device
import app.tournee.core.Field
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.Tournee
import app.tournee.core.TourneeException
import app.tournee.core.fieldLabel
import app.tournee.core.parseEnrollmentLink
import app.tournee.core.say
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.update

/** What the person enrolling the device typed (or scanned). */
data class EnrollmentForm(
    val serverUrl: String = "",
    val code: String = "",
    val deviceName: String = "",
    val lang: Lang = Lang.FR,
)

/** Everything the enrollment screen draws, in the language being chosen. */
data class EnrollmentState(
    val title: String,
    val form: EnrollmentForm,
    val serverLabel: String,
    val codeLabel: String,
    val deviceNameLabel: String,
    /** Each language named in itself: "Français", "English". */
    val languages: List<Choice<Lang>>,
    val enroll: String,
    /** The button that reads the admin's QR code with the camera. */
    val scanCode: String,
    /** The three fields are filled. */
    val canEnroll: Boolean,
    val enrolling: Boolean = false,
    /** Why the last try failed, in the chosen language. */
    val error: String? = null,
)

/**
 * The first screen: enrolls this device with the server address and the one-time code an admin
 * gave (typed, or read from the admin's QR code by the platform), under a device name, in the
 * language the person picks; the app's data lives in [dataDir].
 */
class EnrollmentPresenter(private val dataDir: String, lang: Lang) {
    private val mutableState = MutableStateFlow(stateIn(EnrollmentForm(lang = lang)))

    val state: StateFlow<EnrollmentState> = mutableState

    /** The device enrolled here before, opened; `null` when this directory has none yet. */
    fun openEnrolled(): Device? = Tournee(dataDir, mutableState.value.form.lang).use { home ->
        if (home.isEnrolled()) home.open() else null
    }

    /** The form changed (which clears the last error); a new language rewords the whole screen. */
    fun update(change: (EnrollmentForm) -> EnrollmentForm) {
        mutableState.update { stateIn(change(it.form)).copy(enrolling = it.enrolling) }
    }

    /**
     * The admin's QR code was read: the server (when the link names it) and the code fill the form,
     * read by the core; text that is no enrollment code says why and leaves the form as it was.
     */
    fun onScanned(text: String) {
        val lang = mutableState.value.form.lang
        try {
            val link = parseEnrollmentLink(text, lang)
            update { it.copy(serverUrl = link.serverUrl ?: it.serverUrl, code = link.code) }
        } catch (e: TourneeException) {
            mutableState.update { it.copy(error = e.text()) }
        }
    }

    /** Enrolls this device; returns it, or `null` with the reason in [state]. */
    suspend fun enroll(): Device? {
        val form = mutableState.value.form
        if (!mutableState.value.canEnroll) return null
        mutableState.update { it.copy(enrolling = true, error = null) }
        return try {
            Tournee(dataDir, form.lang).use { it.enroll(form.serverUrl.trim(), form.code.trim(), form.deviceName.trim()) }
                .also { mutableState.update { it.copy(enrolling = false) } }
        } catch (e: TourneeException) {
            mutableState.update { it.copy(enrolling = false, error = e.text()) }
            null
        }
    }

    private fun stateIn(form: EnrollmentForm): EnrollmentState {
        val lang = form.lang
        return EnrollmentState(
            title = say(Message.EnrollTitle, lang),
            form = form,
            serverLabel = say(Message.ServerAddress, lang),
            codeLabel = say(Message.EnrollmentCode, lang),
            deviceNameLabel = fieldLabel(Field.DEVICE_NAME, lang),
            languages = Lang.entries.map { Choice(it, say(Message.LanguageName(it), lang)) },
            enroll = say(Message.Enroll, lang),
            scanCode = say(Message.ScanEnrollmentCode, lang),
            canEnroll = listOf(form.serverUrl, form.code, form.deviceName).all { it.isNotBlank() },
        )
    }
}
