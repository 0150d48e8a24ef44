"""The calls the apps' new screens make, through the Python bindings against a real server: a badge
read into a lead, account filters, the sync status kept by the device, whose dashboards it shows and
the trend over weeks."""

from pathlib import Path

import pytest

import tournee_core as tc
from conftest import run, sync, today

BADGES = Path(__file__).resolve().parent.parent / "vectors" / "badges"


def test_every_badge_sample_reads_and_other_text_is_refused_in_the_user_s_language():
    for sample in sorted(BADGES.glob("*.txt")):
        card = tc.parse_badge(sample.read_text(encoding="utf-8"), tc.Lang.EN)
        assert card.name or card.company, sample.name
    with pytest.raises(tc.TourneeError.Invalid) as refused:
        tc.parse_badge("https://sirha.example/badge/123", tc.Lang.FR)
    assert refused.value.field == tc.Field.BADGE
    assert refused.value.text == "Badge : n'est ni une vCard ni un code contact MECARD"


@run
async def test_a_scanned_badge_becomes_a_lead_ready_to_save(team):
    text = (BADGES / "exhibitor-vcard21-qp.txt").read_text(encoding="utf-8")
    lead = team.alice.lead_from_badge("Sirha 2026", text)
    assert (lead.name, lead.company, lead.phone) == ("François Lefèvre", "Cafés du Château", "02 99 00 11 22")
    assert lead.notes.startswith("Directeur\n3 allée des Chênes")
    captured = await team.alice.capture_lead(lead)
    assert captured.lead.event == "Sirha 2026"


@run
async def test_filters_status_scopes_and_trend(team):
    alice, bruno = team.alice, team.bruno
    prospect = alice.new_account("Boulangerie Neuve", tc.AccountKind.PROSPECT)
    await alice.save_account(prospect)
    await alice.save_account(alice.new_account("Boulangerie Martin", tc.AccountKind.CLIENT))

    def only(**fields):
        base = dict(text="boul", kind=None, abc_class=None, dormant_only=False, mine_only=False)
        base.update(fields)
        return tc.AccountFilter(**base)

    names = lambda items: sorted(a.name for a in items)
    assert names(await alice.list_accounts(only(), today(), 50)) == ["Boulangerie Martin", "Boulangerie Neuve"]
    assert names(await alice.list_accounts(only(kind=tc.AccountKind.PROSPECT), today(), 50)) == ["Boulangerie Neuve"]
    # A client never contacted is dormant; a prospect never is.
    assert names(await alice.list_accounts(only(dormant_only=True), today(), 50)) == ["Boulangerie Martin"]

    status = await alice.sync_status()
    assert (status.last_synced_at, status.last_error) == (None, None)
    assert status.pending_changes == await alice.outbox_count() > 0
    await sync(alice, bruno)
    status = await alice.sync_status()
    assert status.last_synced_at is not None and status.pending_changes == 0

    # A manager picks a rep by name, in the device's language.
    scopes = await bruno.dashboard_scopes(tc.Lang.EN)
    assert [s.scope for s in scopes] == [tc.Scope.REP(team.manager.id), tc.Scope.TEAM(), tc.Scope.REP(team.rep.id)]
    assert [s.label for s in scopes] == ["My week", "Team", "Alice Martin"]
    assert [s.label for s in await bruno.dashboard_scopes(tc.Lang.FR)] == ["Ma semaine", "L'équipe", "Alice Martin"]
    # A rep reviews their own week and the team's, not a colleague's.
    await bruno.save_account(bruno.new_account("Cave Bruno", tc.AccountKind.PROSPECT))
    await sync(bruno, alice)
    assert [s.scope for s in await alice.dashboard_scopes(tc.Lang.EN)] == [tc.Scope.REP(team.rep.id), tc.Scope.TEAM()]
    trend = await bruno.weekly_trend(tc.Scope.TEAM(), today(), 8)
    assert len(trend.weeks) == 8 and len(trend.indicators) == len(
        (await bruno.weekly_dashboard(tc.Scope.TEAM(), today())).indicators
    )


def test_an_enrollment_link_gives_the_server_and_the_code_and_a_badge_is_no_code():
    link = tc.parse_enrollment_link("tournee:enroll?server=https%3A%2F%2Ft.example&code=K7QX2-29FMA", tc.Lang.EN)
    assert (link.server_url, link.code) == ("https://t.example", "K7QX2-29FMA")
    assert tc.parse_enrollment_link(" K7QX2-29FMA ", tc.Lang.EN).server_url is None
    with pytest.raises(tc.TourneeError.Invalid) as refused:
        tc.parse_enrollment_link("MECARD:N:Martin,Claire;;", tc.Lang.FR)
    assert refused.value.field == tc.Field.ENROLLMENT_CODE
