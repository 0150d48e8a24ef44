package app.tournee.presentation

import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.say

/** Where the app's navigation goes, in the order it lists them. */
enum class Destination { TODAY, ACCOUNTS, FOLLOW_UPS, TRADE_SHOW, SETTINGS }

/** The name of [destination] in the navigation bar: "Aujourd'hui", "Relances"… */
fun destinationLabel(destination: Destination, lang: Lang): String = say(
    when (destination) {
        Destination.TODAY -> Message.TabToday
        Destination.ACCOUNTS -> Message.TabAccounts
        Destination.FOLLOW_UPS -> Message.FollowUpsTitle
        Destination.TRADE_SHOW -> Message.TabTradeShow
        Destination.SETTINGS -> Message.SettingsTitle
    },
    lang,
)
