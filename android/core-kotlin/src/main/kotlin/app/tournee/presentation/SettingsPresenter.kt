package app.tournee.presentation

import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.say
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow

/** Everything the settings screen draws. */
data class SettingsState(
    val title: String,
    /** "Connecté à https://… en tant que commercial". */
    val actsFor: String,
    val lang: Lang,
    val languages: List<Choice<Lang>>,
)

/**
 * The settings of an enrolled device: who it acts for, and the language of the app (the screens
 * are reopened in it; the device's own messages, its errors, follow at once).
 */
class SettingsPresenter(private val device: Device, lang: Lang) {
    private val mutableState = MutableStateFlow(stateIn(lang))

    val state: StateFlow<SettingsState> = mutableState

    fun chooseLanguage(lang: Lang) {
        device.setLanguage(lang)
        mutableState.value = stateIn(lang)
    }

    private fun stateIn(lang: Lang): SettingsState {
        val identity = device.identity()
        return SettingsState(
            title = say(Message.SettingsTitle, lang),
            actsFor = say(Message.ConnectedAs(identity.serverUrl, identity.role), lang),
            lang = lang,
            languages = Lang.entries.map { Choice(it, say(Message.LanguageName(it), lang)) },
        )
    }
}
