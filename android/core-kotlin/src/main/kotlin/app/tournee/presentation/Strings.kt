package app.tournee.presentation

import app.tournee.core.Lang
import app.tournee.core.formatMoney
import app.tournee.core.formatDate
import app.tournee.core.formatDayTitle
import java.time.LocalDate

/** The presenters' own words in French and English; labels computed by the core come with its results. */
class Strings(val lang: Lang) {
    private fun pick(en: String, fr: String) = if (lang == Lang.FR) fr else en

    fun agendaTitle(day: LocalDate): String = formatDayTitle(day, lang)

    val nothingToday get() = pick("Nothing planned today.", "Rien de prévu aujourd'hui.")

    fun due(day: LocalDate, overdue: Boolean): String {
        val date = formatDate(day, lang)
        return if (overdue) pick("overdue since $date", "en retard depuis le $date") else pick("due $date", "pour le $date")
    }

    fun pendingChanges(count: ULong): String = when (count) {
        0UL -> pick("Everything is synced", "Tout est synchronisé")
        1UL -> pick("1 change to sync", "1 modification à synchroniser")
        else -> pick("$count changes to sync", "$count modifications à synchroniser")
    }

    /** The label of a visit form field, as the form shows it. */
    fun fieldLabel(field: VisitField): String = when (field) {
        VisitField.ORDER_AMOUNT -> pick("Order amount", "Montant de la commande")
        VisitField.ORDER_MARGIN -> pick("Margin", "Marge")
        VisitField.DURATION -> pick("Duration", "Durée")
        VisitField.NOTES -> pick("Notes", "Compte rendu")
        VisitField.NEXT_STEP -> pick("Next step", "Prochaine étape")
        VisitField.OTHER -> pick("Visit", "Visite")
    }

    /** A refusal from the core, with its reason in the user's language. */
    fun refused(field: VisitField, reason: String, reasonFr: String) =
        pick("${fieldLabel(field)}: $reason", "${fieldLabel(field)} : $reasonFr")

    fun saved(orderCents: Long) = when (orderCents) {
        0L -> pick("Visit saved", "Visite enregistrée")
        else -> formatMoney(orderCents, lang).let { pick("Visit saved, order of $it", "Visite enregistrée, commande de $it") }
    }

    fun failed(reason: String) = pick("Not saved: $reason", "Non enregistré : $reason")
}
