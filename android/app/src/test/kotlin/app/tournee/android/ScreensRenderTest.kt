package app.tournee.android

import androidx.compose.foundation.ScrollState
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.runtime.Composable
import androidx.compose.ui.ImageComposeScene
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.Density
import androidx.compose.ui.use
import app.tournee.TestTeam
import app.tournee.core.AccountKind
import app.tournee.core.Channel
import app.tournee.core.InterestLevel
import app.tournee.core.Outcome
import app.tournee.core.Lang
import app.tournee.core.NeedHorizon
import app.tournee.core.VisitStatus
import app.tournee.core.Message
import app.tournee.core.say
import app.tournee.presentation.AccountDetailPresenter
import app.tournee.presentation.AccountEditPresenter
import app.tournee.presentation.DashboardPresenter
import app.tournee.presentation.PipelinePresenter
import app.tournee.presentation.SyncPresenter
import app.tournee.core.Field
import app.tournee.core.Metric
import app.tournee.core.OpportunityStage
import app.tournee.core.Scope
import app.tournee.presentation.AccountsPresenter
import app.tournee.presentation.AgendaPresenter
import app.tournee.presentation.EnrollmentPresenter
import app.tournee.presentation.SettingsPresenter
import app.tournee.presentation.FollowUpsPresenter
import app.tournee.presentation.LeadCapturePresenter
import app.tournee.presentation.NextStep
import app.tournee.presentation.VisitForm
import app.tournee.presentation.VisitFormPresenter
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.jetbrains.skia.EncodedImageFormat
import org.jetbrains.skia.Image
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.nio.file.Path
import java.time.Clock
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.ZonedDateTime

/**
 * Every screen built so far, drawn from its presenter's state over the real core and server, in
 * French and English at phone portrait and tablet landscape, into the PNG folder the script names
 * (target/screens/): `<screen>-<lang>-<phone|tablet>.png`.
 */
class ScreensRenderTest {
    @TempDir
    lateinit var dir: Path

    private val paris = ZoneId.of("Europe/Paris")
    private val day = LocalDate.of(2026, 3, 2)
    private val out = File(System.getProperty("tournee.screens") ?: error("tournee.screens is not set: run scripts/test-android-ui.sh"))

    /** A size in dp, drawn at a phone's density. */
    private enum class Size(val width: Int, val height: Int, val wide: Boolean) {
        PHONE(411, 891, false),
        TABLET(1280, 800, true),
    }

    @Test
    fun `every screen renders in French and English on a phone and a tablet`(): Unit = runBlocking { TestTeam(dir).use { team ->
        val alice = team.alice
        val bakery = alice.saveAccount(
            alice.newAccount("Boulangerie Martin", AccountKind.PROSPECT)
                .copy(needHorizon = NeedHorizon.SHORT_TERM, city = "Nantes", postcode = "44000", phone = "02 40 00 00 01", potentialCents = 1_500_000),
        )
        alice.saveContact(alice.newContact(bakery.id, "Claire Martin").copy(role = "Gérante", email = "claire@boulangerie-martin.fr"))
        val butcher = alice.saveAccount(alice.newAccount("Boucherie Roux", AccountKind.CLIENT).copy(city = "Rennes"))
        alice.saveAccount(alice.newAccount("Cave Dupont & Fils, négociants en vins depuis 1921", AccountKind.FORMER_CLIENT).copy(city = "Saint-Sébastien-sur-Loire"))
        alice.saveVisit(alice.newVisit(butcher.id, Channel.ON_SITE, at(14, 30), 60).copy(status = VisitStatus.PLANNED))
        alice.saveVisit(alice.newVisit(bakery.id, Channel.PHONE, at(9, 0), 60).copy(status = VisitStatus.PLANNED))
        alice.saveFollowUp(alice.newFollowUp(butcher.id, "Envoyer les tarifs de printemps", day.minusDays(3)))
        val visit = VisitForm(bakery.id, orderAmount = "1250.50", notes = "Intéressée par la gamme bio", nextStep = NextStep.FollowUp("Rappeler pour la livraison", day))
        VisitFormPresenter(alice, Lang.FR, paris).submit(visit, at(8, 0).minusSeconds(86_400 * 7))
        // A prospect left after its third contact.
        val cheese = alice.saveAccount(alice.newAccount("Fromagerie Roux", AccountKind.PROSPECT).copy(city = "Vertou"))
        for (week in 6L..8L) {
            alice.logVisit(alice.newVisit(cheese.id, Channel.PHONE, at(10, 0).minusSeconds(week * 7 * 86_400), 60).copy(outcome = Outcome.PROGRESS), null)
        }
        alice.sync()
        alice.saveFollowUp(alice.newFollowUp(bakery.id, "Proposer une dégustation", day.plusDays(5)))
        for ((name, company) in listOf("Jeanne Petit" to "Épicerie Petit", "Marc Lefèvre" to "Boulangerie Martin", "Sophie Bernard" to "")) {
            alice.captureLead(alice.newLead("Sirha 2026", name).copy(company = company.ifEmpty { null }, interest = InterestLevel.HIGH))
        }
        // Deals, a week of visits against an objective, a conflict and a duplicate, for the screens below.
        alice.saveOpportunity(alice.newOpportunity(bakery.id, "Four à sole", 1_250_050, 60u, day.plusDays(20)))
        alice.saveOpportunity(alice.newOpportunity(butcher.id, "Vitrine réfrigérée", 300_000, 80u, day.minusDays(2)).copy(stage = OpportunityStage.NEGOTIATION))
        val bruno = team.bruno
        val week = day.with(java.time.DayOfWeek.MONDAY)
        bruno.saveObjective(bruno.newObjective(team.rep.id, Metric.VISITS, 5, week, week.plusDays(6)))
        alice.sync()
        team.sync(bruno, alice)
        alice.saveAccount(alice.accountDetail(butcher.id).account.copy(phone = "02 99 00 00 01"))
        bruno.saveAccount(bruno.accountDetail(butcher.id).account.copy(phone = "06 12 34 56 78"))
        team.sync(alice, bruno, alice)
        alice.saveAccount(alice.newAccount("Boulangerie MARTIN", AccountKind.CLIENT).copy(postcode = "44000", city = "Nantes"))
        // This week so far: an order on site this morning and a call.
        alice.logVisit(alice.newVisit(butcher.id, Channel.ON_SITE, at(8, 30), 60).copy(orderAmountCents = 48_000, outcome = Outcome.ORDER_TAKEN), null)
        alice.logVisit(alice.newVisit(bakery.id, Channel.PHONE, at(9, 45), 60).copy(outcome = Outcome.PROGRESS), null)

        val locale = java.util.Locale.getDefault()
        for (lang in listOf(Lang.FR, Lang.EN)) {
            val code = lang.name.lowercase()
            // As on a phone set to the language: the calendar's months and weekdays follow the locale.
            java.util.Locale.setDefault(if (lang == Lang.FR) java.util.Locale.FRANCE else java.util.Locale.UK)
            // As the app does: the device's refusals in the screen's language.
            alice.setLanguage(lang)
            team.bruno.setLanguage(lang)
            val clock = Clock.fixed(at(11, 15), paris)
            val today = AgendaPresenter(alice, team.aliceChanges, lang, paris, this, clock).use { presenter ->
                presenter.start { day }
                presenter.sync()
                val synced = say(Message.PendingChanges(0uL), lang)
                withTimeout(10_000) { presenter.state.filterNotNull().first { !it.syncing && it.syncStatus == synced } }
            }
            val form = VisitFormPresenter(alice, lang, paris).apply {
                open(bakery.id, bakery.name, day)
                update { it.copy(channel = Channel.ON_SITE, orderAmount = if (lang == Lang.FR) "1 250,50" else "1,250.50", notes = "Gamme bio") }
                save(at(10, 0)) // No next step chosen: the form says so under the field.
            }.state.value!!
            val nextStepForm = VisitFormPresenter(alice, lang, paris).apply {
                open(bakery.id, bakery.name, day)
                onNextStepAction(if (lang == Lang.FR) "Envoyer le devis du four" else "Send the oven quote")
                onMoveDue(2)
            }.state.value!!
            val accounts = AccountsPresenter(alice, team.aliceChanges, lang, this).search("bou")
            val detail = AccountDetailPresenter(alice, lang, paris).load(bakery.id, day)
            val actions = VisitFormActions({}, {}, {}, {})
            val capture = LeadCapturePresenter(alice, team.aliceChanges, lang, paris, "Sirha 2026", this).use { presenter ->
                presenter.start()
                presenter.update { it.copy(name = "Claire Martin", company = "Boulangerie Martin", interest = InterestLevel.MEDIUM) }
                withTimeout(10_000) { presenter.state.filterNotNull().first { it.duplicateWarning != null } }
            }
            // The cadence counts idle days from the account's creation (today, on this machine):
            // five weeks on, the cheese shop is about to be dropped.
            val followUps = FollowUpsPresenter(alice, lang).load(LocalDate.now(paris).plusDays(35))
            val enrollment = EnrollmentPresenter(dir.resolve("new-$code").toString(), lang).apply {
                update { it.copy(serverUrl = "http://127.0.0.1:9", code = "K7QX-29FM", deviceName = "Téléphone de Chloé") }
                enroll() // Nothing listens on that port: the screen says why.
            }.state.value
            val settings = SettingsPresenter(alice, lang).state.value
            val pipeline = PipelinePresenter(alice, lang).load(day, mineOnly = false)
            val dashboard = DashboardPresenter(alice, lang).load(day)
            val managerDashboard = DashboardPresenter(team.bruno, lang).load(day, Scope.Team)
            val sync = SyncPresenter(alice, lang, paris).load(day)
            val edit = AccountEditPresenter(alice, lang).apply {
                open(bakery.id)
                onText(Field.PHONE, "appelez-moi")
                save()
            }.state.value!!
            val scanned = LeadCapturePresenter(alice, team.aliceChanges, lang, paris, "Sirha 2026", this).use { presenter ->
                presenter.start()
                presenter.onBadgeScanned(File(System.getenv("TOURNEE_TEST_VECTORS"), "badges/exhibitor-vcard21-qp.txt").readText())
                presenter.state.value!!
            }

            for (size in Size.entries) {
                val name = "$code-${size.name.lowercase()}"
                render("today-$name", size) { AgendaScreen(today, onSync = {}, onOpenVisit = {}) }
                render("visit-form-$name", size) { VisitFormScreen(form, actions) }
                // The same form scrolled to its end: the next step, its due day and the arrows.
                render("visit-form-next-step-$name", size) { VisitFormScreen(nextStepForm, actions, ScrollState(100_000)) }
                render("visit-form-calendar-$name", size) { VisitFormScreen(nextStepForm, actions, ScrollState(100_000), calendarOpen = true) }
                render("accounts-$name", size) { AccountsScreen(accounts, if (size.wide) detail else null, size.wide, {}, {}) }
                if (!size.wide) render("account-$name", size) { AccountsScreen(accounts, detail, false, {}, {}) }
                render("capture-$name", size) { LeadCaptureScreen(capture, size.wide, LeadCaptureActions({}, {}, { _, _ -> }, {})) }
                render("follow-ups-$name", size) { FollowUpsScreen(followUps) {} }
                render("enrollment-$name", size) { EnrollmentScreen(enrollment, {}, onEnroll = {}) }
                render("settings-$name", size) { SettingsScreen(settings) {} }
                render("pipeline-$name", size) { PipelineScreen(pipeline, {}, {}) }
                render("dashboard-$name", size) { DashboardScreen(dashboard, size.wide) {} }
                render("dashboard-team-$name", size) { DashboardScreen(managerDashboard, size.wide) {} }
                render("sync-$name", size) { SyncScreen(sync, size.wide, SyncActions({}, { _, _ -> }, { _, _ -> })) }
                render("account-edit-$name", size) { AccountEditScreen(edit, AccountEditActions({ _, _ -> }, {}, {}, {}, {}, {}, {})) }
                render("capture-badge-$name", size) { LeadCaptureScreen(scanned, size.wide, LeadCaptureActions({}, {}, { _, _ -> }, {})) }
                if (!size.wide) render("more-$name", size) { MoreScreen(lang) {} }
                render("app-$name", size) {
                    TourneeApp(alice, team.aliceChanges, lang, paris, size.wide, "Sirha 2026", today = { day })
                }
            }
        }
        java.util.Locale.setDefault(locale)
    } }

    private fun at(hour: Int, minute: Int): Instant = ZonedDateTime.of(day.atTime(hour, minute), paris).toInstant()

    private fun render(name: String, size: Size, content: @Composable () -> Unit) {
        val density = 1.5f
        val image = ImageComposeScene((size.width * density).toInt(), (size.height * density).toInt(), Density(density)) {
            MaterialTheme { Surface(Modifier.fillMaxSize()) { content() } }
        }.use { it.render() }
        assertTrue(inkedRows(image) > size.height / 10, "$name drew next to nothing")
        File(out, "$name.png").writeBytes(image.encodeToData(EncodedImageFormat.PNG)!!.bytes)
    }

    /** Rows of pixels with something drawn on them (not all the background's colour). */
    private fun inkedRows(image: Image): Int {
        val bitmap = org.jetbrains.skia.Bitmap.makeFromImage(image)
        val background = bitmap.getColor(image.width - 1, image.height / 2)
        return (0 until image.height).count { y -> (0 until image.width step 4).any { x -> bitmap.getColor(x, y) != background } }
    }
}
