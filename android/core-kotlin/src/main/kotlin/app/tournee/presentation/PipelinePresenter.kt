package app.tournee.presentation

import app.tournee.core.Device
import app.tournee.core.Lang
import app.tournee.core.Message
import app.tournee.core.OpportunityStage
import app.tournee.core.TourneeException
import app.tournee.core.formatMoney
import app.tournee.core.formatPercent
import app.tournee.core.opportunityStageLabel
import app.tournee.core.say
import java.time.LocalDate

/** One open deal: its account and title, amount and chance, and when it should close. */
data class DealRow(
    val id: String,
    val accountId: String,
    /** "Boulangerie Martin · Four à sole". */
    val title: String,
    /** "12 000,00 € · 60 %". */
    val amount: String,
    /** "clôture le 31/03/2026", or "devait clôturer le …" when the day passed. */
    val close: String,
    val overdue: Boolean,
)

/** The deals of one stage, with their total. */
data class StageGroup(val stage: OpportunityStage, val title: String, val total: String, val deals: List<DealRow>)

/** Everything the pipeline screen draws. */
data class PipelineState(
    val title: String,
    /** "3 affaires · 27 500,00 €". */
    val total: String,
    /** Stages in the order deals move through them; a stage with no deal is left out. */
    val stages: List<StageGroup>,
    /** Shown instead of the stages when there is no open deal, or why the pipeline could not load. */
    val emptyMessage: String?,
    val mineOnly: Boolean,
    val mineOnlyLabel: String,
)

/**
 * The open deals by stage, with amounts and expected close dates in [lang]: this user's only, or
 * every deal on the device (a manager's: the team's).
 */
class PipelinePresenter(private val device: Device, private val lang: Lang) {

    /** The pipeline seen on local day [today] (which marks the deals whose close day passed). */
    suspend fun load(today: LocalDate, mineOnly: Boolean): PipelineState {
        val base = PipelineState(
            title = say(Message.PipelineTitle, lang),
            total = "",
            stages = emptyList(),
            emptyMessage = null,
            mineOnly = mineOnly,
            mineOnlyLabel = say(Message.MineOnly, lang),
        )
        val items = try {
            device.pipeline(mineOnly)
        } catch (e: TourneeException) {
            return base.copy(emptyMessage = e.text())
        }
        val stages = OpportunityStage.entries.mapNotNull { stage ->
            val deals = items.filter { it.opportunity.stage == stage }
            if (deals.isEmpty()) return@mapNotNull null
            StageGroup(
                stage,
                opportunityStageLabel(stage, lang),
                formatMoney(deals.sumOf { it.opportunity.amountCents }, lang),
                deals.map { item ->
                    val deal = item.opportunity
                    val overdue = deal.expectedClose < today
                    DealRow(
                        id = deal.id,
                        accountId = deal.accountId,
                        title = "${item.accountName} · ${deal.title}",
                        amount = "${formatMoney(deal.amountCents, lang)} · ${formatPercent(deal.probability.toDouble(), lang)}",
                        close = say(Message.ClosesOn(deal.expectedClose, overdue), lang),
                        overdue = overdue,
                    )
                },
            )
        }
        return base.copy(
            total = say(Message.PipelineTotal(items.size.toULong(), items.sumOf { it.opportunity.amountCents }), lang),
            stages = stages,
            emptyMessage = if (items.isEmpty()) say(Message.NoOpenDeal, lang) else null,
        )
    }
}
