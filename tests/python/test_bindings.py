"""The core through its Python bindings, against a real sync server: two devices working offline on
the same account, the merged result and the conflict, the dashboard, leads, and typed errors."""

import datetime

import pytest

import tournee_core as tc
from conftest import now, run, sync, today


async def make_account(device, name="Boulangerie Martin", postcode="44000"):
    account = device.new_account(name, tc.AccountKind.PROSPECT)
    account.postcode = postcode
    return await device.save_account(account)


async def log_visit(device, account_id, order_cents=0, channel=tc.Channel.ON_SITE):
    visit = device.new_visit(account_id, channel, now(), 0)
    visit.outcome = tc.Outcome.ORDER_TAKEN if order_cents else tc.Outcome.PROGRESS
    visit.order_amount_cents = order_cents
    visit.order_margin_cents = order_cents // 4
    visit.notes = "Vitrine refaite, intéressé par la gamme bio"
    return await device.save_visit(visit)


@run
async def test_offline_work_on_two_devices_merges_and_shows_the_true_conflict(team):
    alice, bruno = team.alice, team.bruno
    account = await make_account(alice)
    assert await alice.outbox_count() > 0
    await sync(alice, bruno)
    assert await alice.outbox_count() == 0
    assert [a.id for a in await bruno.search_accounts("boul", 10)] == [account.id]

    # Offline on both sides: visits, a field each, and the same field differently.
    for cents in (120_000, 0):
        await log_visit(alice, account.id, cents)
    await log_visit(bruno, account.id, 30_000, tc.Channel.PHONE)
    mine = (await alice.account_detail(account.id)).account
    mine.city, mine.phone = "Nantes", "02 40 00 00 01"
    await alice.save_account(mine)
    theirs = (await bruno.account_detail(account.id)).account
    theirs.segment, theirs.phone = "Boulangerie", "06 12 34 56 78"
    await bruno.save_account(theirs)

    reports = await sync(alice, bruno, alice)
    assert reports[1].received == 1 and reports[1].conflicts == 1
    for device in (alice, bruno):
        detail = await device.account_detail(account.id)
        visits = [item[0] for item in detail.timeline if isinstance(item, tc.TimelineItem.VISIT)]
        assert len(visits) == 3
        assert sorted(v.order_amount_cents for v in visits) == [0, 30_000, 120_000]
        assert (detail.account.city, detail.account.segment) == ("Nantes", "Boulangerie")
        assert await device.outbox_count() == 0

    conflicts = await alice.conflicts()
    assert await bruno.conflicts() == conflicts
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert (conflict.collection, conflict.record_id, conflict.field) == (tc.Collection.ACCOUNTS, account.id, "phone")
    assert not tc.conflict_is_deletion(conflict), "an edit against an edit: a choice of values"
    assert sorted(conflict.values) == ["02 40 00 00 01", "06 12 34 56 78"]
    assert conflict.winner in conflict.values
    assert (await alice.account_detail(account.id)).account.phone == conflict.winner

    await alice.resolve_conflict(conflict, tc.ConflictResolution.KEEP("06 12 34 56 78"))
    await sync(alice, bruno)
    for device in (alice, bruno):
        assert await device.conflicts() == []
        assert (await device.account_detail(account.id)).account.phone == "06 12 34 56 78"


@run
async def test_weekly_dashboard_counts_both_devices_work_against_the_objective(team):
    alice, bruno = team.alice, team.bruno
    account = await make_account(alice)
    await log_visit(alice, account.id, 120_000)
    await log_visit(alice, account.id)
    await sync(alice, bruno)
    await log_visit(bruno, account.id, 30_000)
    week_start = today() - datetime.timedelta(days=today().weekday())
    objective = bruno.new_objective(team.rep.id, tc.Metric.VISITS, 4, week_start, week_start + datetime.timedelta(days=6))
    await bruno.save_objective(objective)
    await sync(bruno, alice)

    mine = await alice.weekly_dashboard(tc.Scope.REP(team.rep.id), today())
    indicators = {i.key: i for i in mine.indicators}
    assert mine.week.start == week_start
    visits, revenue = indicators[tc.IndicatorKey.VISITS], indicators[tc.IndicatorKey.REVENUE]
    assert tc.indicator_label(visits.key, tc.Lang.FR) == "Visites terrain"
    assert visits.value == 2
    assert indicators[tc.IndicatorKey.ORDERS].value == 1
    assert revenue.value == 120_000
    assert revenue.unit == tc.IndicatorUnit.CENTS
    assert visits.objective.target == 4
    assert visits.objective.actual == 2
    assert visits.objective.percent == 50.0
    assert not visits.objective.met

    whole_team = await bruno.weekly_dashboard(tc.Scope.TEAM(), today())
    indicators = {i.key: i for i in whole_team.indicators}
    assert tc.indicator_label(tc.IndicatorKey.VISITS, tc.Lang.EN) == "On-site visits"
    assert indicators[tc.IndicatorKey.VISITS].value == 3
    assert indicators[tc.IndicatorKey.REVENUE].value == 150_000
    assert indicators[tc.IndicatorKey.AVERAGE_BASKET].value == 75_000

    kpis = await bruno.kpis(tc.Scope.TEAM(), mine.week, today())
    assert (kpis.contacts, kpis.orders, kpis.margin_cents) == (3, 2, 37_500)
    on_site = next(c for c in kpis.by_channel if c.channel == tc.Channel.ON_SITE)
    assert (tc.channel_label(on_site.channel, tc.Lang.FR), on_site.contacts) == ("Visite terrain", 3)


@run
async def test_bad_input_is_a_typed_error_that_names_the_field(team):
    alice = team.alice
    account = await make_account(alice)
    visit = alice.new_visit(account.id, tc.Channel.ON_SITE, now(), 0)
    visit.order_amount_cents = -5
    with pytest.raises(tc.TourneeError.Invalid) as refused:
        await alice.save_visit(visit)
    assert refused.value.field == tc.Field.ORDER_AMOUNT_CENTS
    assert refused.value.reason == tc.Reason.NEGATIVE()
    assert refused.value.text == "Order amount: must not be negative"
    alice.set_language(tc.Lang.FR)
    with pytest.raises(tc.TourneeError.Invalid) as refused:
        await alice.save_visit(visit)
    assert refused.value.text == "Montant de la commande : ne doit pas être négatif"
    alice.set_language(tc.Lang.EN)
    assert len((await alice.account_detail(account.id)).timeline) == 0

    visit.order_amount_cents, visit.utc_offset_minutes = 0, 15 * 60
    with pytest.raises(tc.TourneeError.Invalid) as refused:
        await alice.save_visit(visit)
    assert refused.value.field == tc.Field.UTC_OFFSET_MINUTES
    assert refused.value.reason == tc.Reason.UTC_OFFSET_OUT_OF_RANGE()

    with pytest.raises(tc.TourneeError.NotFound):
        await alice.account_detail("no-such-account")
    bad = alice.new_contact(account.id, "Jeanne")
    bad.email = "jeanne-at-example"
    with pytest.raises(tc.TourneeError.Invalid) as refused:
        await alice.save_contact(bad)
    assert (refused.value.field, refused.value.reason) == (tc.Field.EMAIL, tc.Reason.NOT_AN_EMAIL())


@run
async def test_enrollment_is_one_device_per_code_and_survives_reopening(team, tmp_path):
    code = (await team.admin.enrollment_code(team.rep.id)).code
    await tc.Tournee(str(tmp_path / "first"), tc.Lang.EN).enroll(team.url, code, "Phone")
    with pytest.raises(tc.TourneeError.Unauthorized):
        await tc.Tournee(str(tmp_path / "second"), tc.Lang.EN).enroll(team.url, code, "Stolen")
    with pytest.raises(tc.TourneeError.NotEnrolled):
        tc.Tournee(str(tmp_path / "never"), tc.Lang.EN).open()

    account = await make_account(team.alice)
    reopened = tc.Tournee(team.data_dirs["alice"], tc.Lang.EN)
    assert reopened.is_enrolled()
    device = reopened.open()
    assert device.identity() == team.alice.identity()
    assert device.identity().role == tc.Role.REP
    assert (await device.account_detail(account.id)).account.name == "Boulangerie Martin"
    with pytest.raises(tc.TourneeError.AlreadyEnrolled):
        await reopened.enroll(team.url, "AAAAA-AAAAA", "Again")


@run
async def test_trade_show_leads_warn_of_duplicates_then_qualify_or_discard(team):
    alice, bruno = team.alice, team.bruno
    account = await make_account(alice)
    lead = alice.new_lead("Salon Sirha 2026", "Paul Durand")
    lead.company, lead.email, lead.interest = "boulangerie MARTIN", "paul@boulangerie-martin.fr", tc.InterestLevel.HIGH
    capture = await alice.capture_lead(lead)
    assert [a.id for a in capture.similar_accounts] == [account.id]

    qualified = await alice.qualify_lead(capture.lead.id, account.id, None)
    assert qualified.lead.status == tc.LeadStatus.QUALIFIED
    assert (qualified.lead.account_id, qualified.created_account) == (account.id, False)
    assert [c.name for c in (await alice.account_detail(account.id)).contacts] == ["Paul Durand"]
    with pytest.raises(tc.TourneeError.Invalid) as refused:
        await alice.qualify_lead(qualified.lead.id, None, None)
    assert refused.value.field == tc.Field.STATUS
    assert refused.value.reason == tc.Reason.LEAD_NOT_NEW(tc.LeadStatus.QUALIFIED)
    assert refused.value.text == "Status: the lead is already qualified"

    fresh = await alice.capture_lead(alice.new_lead("Salon Sirha 2026", "Inès Roux"))
    assert fresh.similar_accounts == []
    new_account = (await alice.qualify_lead(fresh.lead.id, None, tc.NeedHorizon.SHORT_TERM)).account
    assert (new_account.name, new_account.kind, new_account.lead_source, new_account.need_horizon) == (
        "Inès Roux", tc.AccountKind.PROSPECT, tc.LeadSource.TRADE_SHOW, tc.NeedHorizon.SHORT_TERM)
    assert new_account.owner_rep == team.rep.id
    discarded = await alice.discard_lead((await alice.capture_lead(alice.new_lead("Salon Sirha 2026", "Curieux"))).lead.id)
    assert discarded.status == tc.LeadStatus.DISCARDED

    await sync(alice, bruno)
    statuses = sorted(l.status.name for l in await bruno.event_leads("Salon Sirha 2026"))
    assert statuses == ["DISCARDED", "QUALIFIED", "QUALIFIED"]


@run
async def test_agenda_follow_ups_and_pipeline(team):
    alice = team.alice
    account = await make_account(alice)
    planned = alice.new_visit(account.id, tc.Channel.ON_SITE, now(), 0)
    planned.status = tc.VisitStatus.PLANNED
    await alice.save_visit(planned)
    follow_up = await alice.save_follow_up(alice.new_follow_up(account.id, "Envoyer le devis", today() - datetime.timedelta(days=1)))
    agenda = await alice.agenda(today())
    assert [(v.visit.id, v.account_name) for v in agenda.visits] == [(planned.id, "Boulangerie Martin")]
    assert [(f.follow_up.id, f.overdue) for f in agenda.follow_ups] == [(follow_up.id, True)]

    follow_up.done, follow_up.done_at = True, now()
    await alice.save_follow_up(follow_up)
    assert (await alice.agenda(today())).follow_ups == []
    assert [p.account.account_id for p in (await alice.follow_ups(today())).due_today] == [account.id]

    deal = alice.new_opportunity(account.id, "Four à sole", 2_500_000, 40, today() + datetime.timedelta(days=30))
    await alice.save_opportunity(deal)
    assert [(p.opportunity.title, p.account_name) for p in await alice.pipeline(True)] == [("Four à sole", "Boulangerie Martin")]
    assert await team.bruno.pipeline(False) == []


@run
async def test_change_listener_hears_what_each_write_and_sync_changed(team):
    alice, bruno = team.alice, team.bruno
    heard = []

    class Listener(tc.ChangeListener):
        def on_change(self, change):
            heard.append(change)

    bruno.set_change_listener(Listener())
    before = bruno.revision()
    await sync(bruno)
    assert heard == [] and bruno.revision() == before

    account = await make_account(alice)
    visit = await log_visit(alice, account.id)
    await sync(alice, bruno)
    # The account's document arrived: its detail and every list of its records reload.
    [received] = heard
    assert (received.revision, received.origin) == (before + 1, tc.ChangeOrigin.SYNC)
    assert received.account_ids == [account.id]
    assert tc.Collection.VISITS in received.collections and tc.Collection.LEADS not in received.collections

    await bruno.capture_lead(bruno.new_lead("Salon Sirha 2026", "Paul Durand"))
    assert (heard[-1].origin, heard[-1].collections, heard[-1].account_ids) == (
        tc.ChangeOrigin.LOCAL, [tc.Collection.LEADS], [])
    # A refused write changed nothing and is not announced.
    with pytest.raises(tc.TourneeError.Invalid):
        await make_account(bruno, "   ")
    assert bruno.revision() == before + 2 and len(heard) == 2

    bruno.clear_change_listener()
    await make_account(bruno, "Épicerie Lefèvre")
    assert len(heard) == 2

    class Broken(tc.ChangeListener):
        def on_change(self, change):
            raise RuntimeError("the screen is gone")

    # A listener that throws is the app's bug: the write stands, nothing crosses back.
    bruno.set_change_listener(Broken())
    saved = await make_account(bruno, "Cave Dubois")
    assert (await bruno.account_detail(saved.id)).account.name == "Cave Dubois"
    assert bruno.revision() == before + 4


@run
async def test_the_same_company_entered_offline_twice_is_found_and_merged(team):
    alice, bruno = team.alice, team.bruno
    mine = await make_account(alice)
    theirs = await make_account(bruno, "BOULANGERIE MARTIN SARL")
    await log_visit(alice, mine.id)
    visit = await log_visit(bruno, theirs.id, 5_000)
    await sync(alice, bruno, alice)

    [candidate] = await alice.duplicate_candidates()
    assert {candidate.first.id, candidate.second.id} == {mine.id, theirs.id}
    assert candidate.reasons == [tc.DuplicateReason.NAME_AND_POSTCODE]
    similar = await alice.similar_accounts("Boulangerie Martin", "44000", None, None)
    assert sorted(a.id for a in similar) == sorted([mine.id, theirs.id])

    kept = await alice.merge_accounts(mine.id, theirs.id)
    assert kept.id == mine.id
    await sync(alice, bruno)
    for device in (alice, bruno):
        detail = await device.account_detail(mine.id)
        assert detail.merged_from == [theirs.id]
        assert len(detail.timeline) == 2
        assert await device.duplicate_candidates() == []

    await bruno.delete(tc.Collection.VISITS, visit.id)
    await sync(bruno, alice)
    assert len((await alice.account_detail(mine.id)).timeline) == 1


@run
async def test_a_visit_and_its_next_step_are_logged_in_one_write(team):
    alice, bruno = team.alice, team.bruno
    account = await make_account(alice)
    visit = alice.new_visit(account.id, tc.Channel.ON_SITE, now(), 0)
    visit.order_amount_cents = 45_000
    visit.next_step = "Envoyer le devis"
    with pytest.raises(tc.TourneeError.Invalid) as refused:
        await alice.log_visit(visit, datetime.date(1999, 12, 31))
    assert refused.value.field == tc.Field.DUE_ON
    assert refused.value.reason == tc.Reason.YEAR_OUTSIDE(1999, 2000, 2100)
    assert (await alice.account_detail(account.id)).timeline == []

    logged = await alice.log_visit(visit, None)
    assert logged.visit.id == visit.id and logged.visit.outcome == tc.Outcome.ORDER_TAKEN
    assert logged.follow_up.action == "Envoyer le devis"
    assert logged.follow_up.due_on == today() + datetime.timedelta(days=7)
    await sync(alice, bruno)
    assert len((await bruno.account_detail(account.id)).timeline) == 2


@run
async def test_enrollment_refuses_an_insecure_address_and_a_ca_that_is_no_certificate(team, tmp_path):
    code = (await team.admin.enrollment_code(team.rep.id)).code
    phone = tc.Tournee(str(tmp_path / "phone"), tc.Lang.FR)
    with pytest.raises(tc.TourneeError.Rejected) as insecure:
        await phone.enroll("http://tournee.example:8765", code, "Phone")
    assert "https://" in insecure.value.text
    with pytest.raises(tc.TourneeError.Rejected) as not_a_ca:
        await phone.enroll(team.url, code, "Phone", ca_pem="not a certificate")
    assert "PEM" in not_a_ca.value.text
    # Neither spent the code; the device enrolls with it, and may trust a CA later or none again.
    device = await phone.enroll(team.url, code, "Phone")
    with pytest.raises(tc.TourneeError.Rejected):
        await device.trust_server_ca("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    await device.trust_server_ca(None)
    await device.sync()
