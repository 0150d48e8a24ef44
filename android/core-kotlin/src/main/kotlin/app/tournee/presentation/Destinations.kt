package app.tournee.presentation

import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.say

/** Where the app's navigation goes, in the order it lists them. */
enum class Destination {
    TODAY, ACCOUNTS, FOLLOW_UPS, TRADE_SHOW, PIPELINE, DASHBOARD, SYNC, SETTINGS;

    companion object {
        /** What a phone's bar shows; its last tab ("Plus") lists [MORE]. A tablet's rail shows all. */
        val PHONE_BAR = listOf(TODAY, ACCOUNTS, FOLLOW_UPS, DASHBOARD)
        val MORE = entries - PHONE_BAR.toSet()
    }
}

/** The name of [destination] in the navigation bar: "Aujourd'hui", "Relances"… */
fun destinationLabel(destination: Destination, lang: Lang): String = say(
    when (destination) {
        Destination.TODAY -> Message.TabToday
        Destination.ACCOUNTS -> Message.TabAccounts
        Destination.FOLLOW_UPS -> Message.FollowUpsTitle
        Destination.TRADE_SHOW -> Message.TabTradeShow
        Destination.PIPELINE -> Message.TabPipeline
        Destination.DASHBOARD -> Message.TabDashboard
        Destination.SYNC -> Message.TabSync
        Destination.SETTINGS -> Message.SettingsTitle
    },
    lang,
)

/** The phone's last tab, which lists the destinations its bar has no room for. */
fun moreLabel(lang: Lang): String = say(Message.TabMore, lang)
