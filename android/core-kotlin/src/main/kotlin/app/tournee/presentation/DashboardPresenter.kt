package app.tournee.presentation

import app.tournee.core.Device
import app.tournee.core.IndicatorKey
import app.tournee.core.IndicatorUnit
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.Scope
import app.tournee.core.TourneeException
import app.tournee.core.attentionLabel
import app.tournee.core.formatCount
import app.tournee.core.formatDate
import app.tournee.core.formatMoney
import app.tournee.core.formatPercent
import app.tournee.core.indicatorLabel
import app.tournee.core.say
import java.time.LocalDate

/** One indicator of the week: its value, last week's, and its objective when it has one. */
data class IndicatorRow(
    val key: IndicatorKey,
    val label: String,
    /** "12", "1 250,00 €", "42,5 %", or "—" for a ratio with nothing to divide by. */
    val value: String,
    /** "sem. passée 9". */
    val previous: String,
    /** "objectif 14 (86 %)", `null` without an objective. */
    val objective: String?,
    /** How far the objective is reached (1 = reached; may pass 1); `null` without an objective. */
    val objectiveReached: Double?,
    val objectiveMet: Boolean,
)

/** One indicator over the last weeks, oldest first, for a line or bars. */
data class TrendSeries(val key: IndicatorKey, val label: String, val values: List<Double?>, val last: String)

/** An action due or an account to look at. */
data class DashboardLine(val id: String, val title: String, val detail: String, val alert: Boolean)

/** Everything the weekly dashboard draws. */
data class DashboardState(
    /** "Semaine du 23/03/2026". */
    val title: String,
    /** This user, the team, then each other rep this device holds records of. */
    val scopes: List<Choice<Scope>>,
    val scope: Scope,
    val indicators: List<IndicatorRow>,
    /** "8 dernières semaines". */
    val trendTitle: String,
    /** The first and last weeks' Mondays under the chart. */
    val trendFrom: String,
    val trendTo: String,
    val trend: List<TrendSeries>,
    val actionsTitle: String,
    val actions: List<DashboardLine>,
    val lookAtTitle: String,
    val lookAt: List<DashboardLine>,
    /** Said under an empty list of actions, and of accounts to look at. */
    val nothing: String,
    val nothingToLookAt: String,
    /** Why the dashboard could not load; the rest is empty then. */
    val error: String? = null,
)

/**
 * The weekly dashboard shared by rep and manager: about ten indicators against last week and the
 * objectives, a trend over [weeks] weeks, actions due and accounts to look at, for this user, the
 * team or one rep; every figure and word in [lang] from the core.
 */
class DashboardPresenter(private val device: Device, private val lang: Lang, private val weeks: UInt = 8u) {

    /** The dashboard of [scope] (this user's when `null`) for the week of local day [today]. */
    suspend fun load(today: LocalDate, scope: Scope? = null): DashboardState {
        val me = Scope.Rep(device.identity().userId)
        val chosen = scope ?: me
        val empty = DashboardState(
            title = say(Message.WeekOf(today.with(java.time.DayOfWeek.MONDAY)), lang),
            scopes = listOf(Choice(me, say(Message.MyWeek, lang))),
            scope = chosen,
            indicators = emptyList(),
            trendTitle = say(Message.TrendOverWeeks(weeks), lang),
            trendFrom = "",
            trendTo = "",
            trend = emptyList(),
            actionsTitle = say(Message.ActionsDue, lang),
            actions = emptyList(),
            lookAtTitle = say(Message.AccountsToLookAt, lang),
            lookAt = emptyList(),
            nothing = say(Message.NothingDue, lang),
            nothingToLookAt = say(Message.NoAccountToLookAt, lang),
        )
        return try {
            val scopes = device.dashboardScopes(lang).map { Choice(it.scope, it.label) }
            val dashboard = device.weeklyDashboard(chosen, today)
            val trend = device.weeklyTrend(chosen, today, weeks)
            empty.copy(
                title = say(Message.WeekOf(dashboard.week.start), lang),
                scopes = scopes,
                indicators = dashboard.indicators.map { line ->
                    IndicatorRow(
                        key = line.key,
                        label = indicatorLabel(line.key, lang),
                        value = figure(line.value, line.unit),
                        previous = say(Message.LastWeek(figure(line.previous, line.unit)), lang),
                        objective = line.objective?.let { o ->
                            val target = figure(o.target.toDouble(), line.unit)
                            say(Message.ObjectiveProgress(target, o.percent?.let { formatPercent(it, lang) } ?: say(Message.NoValue, lang)), lang)
                        },
                        objectiveReached = line.objective?.percent?.let { it / 100.0 },
                        objectiveMet = line.objective?.met ?: false,
                    )
                },
                trendFrom = trend.weeks.firstOrNull()?.let { formatDate(it.start, lang) }.orEmpty(),
                trendTo = trend.weeks.lastOrNull()?.let { formatDate(it.start, lang) }.orEmpty(),
                trend = trend.indicators.filter { it.key in CHARTED }.map { series ->
                    TrendSeries(series.key, indicatorLabel(series.key, lang), series.values, figure(series.values.lastOrNull(), series.unit))
                },
                actions = dashboard.actionsDue.map { action ->
                    DashboardLine(
                        action.followUpId,
                        listOfNotNull(action.accountName, action.action).joinToString(" · "),
                        say(Message.Due(action.dueOn, action.overdue), lang),
                        action.overdue,
                    )
                },
                lookAt = dashboard.accountsToLookAt.map { look ->
                    val abc = look.abcClass?.let { say(Message.FilterAbcClass(it), lang) }
                    DashboardLine(look.account.accountId, look.account.name, listOfNotNull(attentionLabel(look.reason, lang), abc).joinToString(" · "), false)
                },
            )
        } catch (e: TourneeException) {
            empty.copy(error = e.text())
        }
    }

    /** A figure as its unit reads; "—" when there is none. */
    private fun figure(value: Double?, unit: IndicatorUnit): String = when {
        value == null -> say(Message.NoValue, lang)
        unit == IndicatorUnit.CENTS -> formatMoney(Math.round(value), lang)
        unit == IndicatorUnit.PERCENT -> formatPercent(value, lang)
        else -> formatCount(Math.round(value), lang)
    }

    private companion object {
        /** The indicators drawn as a trend: activity, then what it brought. */
        val CHARTED = setOf(IndicatorKey.VISITS, IndicatorKey.CONTACTS, IndicatorKey.ORDERS, IndicatorKey.REVENUE)
    }
}
