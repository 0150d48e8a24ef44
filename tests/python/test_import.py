"""The client file imported over the bindings: a dry run, the import, a re-run that creates nothing,
refused lines named in the device's language, and the accounts reaching the team by sync."""

import datetime
from pathlib import Path

import pytest

import tournee_core as tc
from conftest import run

IMPORT = Path(__file__).resolve().parent.parent / "vectors" / "import"


@run
async def test_a_manager_imports_the_client_file_once_and_the_rep_receives_it(team):
    bruno, alice = team.bruno, team.alice
    data = (IMPORT / "clients-fr-windows1252.csv").read_bytes()
    # The file names its owner reps by id: here, the team's rep.
    data = data.replace(b";rep1;", f";{team.rep.id};".encode()).replace(b";rep2;", f";{team.rep.id};".encode())
    dry = await bruno.import_accounts(data, tc.ImportOptions(mappings=[], dry_run=True, skip_refused=False))
    assert (dry.encoding, dry.delimiter, dry.written) == (tc.TextEncoding.WINDOWS1252, ";", False)
    assert [a.external_ref for a in dry.created] == ["C0001", "C0002", "C0003", "C0004"]
    assert await bruno.outbox_count() == 0

    done = await bruno.import_accounts(data, tc.ImportOptions(mappings=[], dry_run=False, skip_refused=False))
    assert done.written and len(done.created) == 4
    again = await bruno.import_accounts(data, tc.ImportOptions(mappings=[], dry_run=False, skip_refused=False))
    assert again.created == [] and len(again.existing) == 4

    revenue = (IMPORT / "revenue-2026-01.csv").read_bytes()
    options = tc.ImportOptions(mappings=[], dry_run=False, skip_refused=False)
    assert (await bruno.import_revenue(revenue, options)).figures_set == 3
    assert (await bruno.import_revenue(revenue, options)).figures_set == 0

    report = await bruno.sync()
    assert report.sent == 4
    await alice.sync()
    found = await alice.search_accounts("Lefèvre", 10)
    assert [a.name for a in found] == ["Boulangerie Pâtissière Lefèvre"]
    detail = await alice.account_detail(found[0].id)
    assert sorted((f.product_family, f.amount_cents) for f in detail.account.revenue) == [("Farines", 330000), ("Levures", 45050)]


@run
async def test_refused_lines_and_files_say_why_in_the_device_s_language(team):
    bruno = team.bruno
    bruno.set_language(tc.Lang.FR)
    data = (IMPORT / "clients-bad-lines.csv").read_bytes()
    report = await bruno.import_accounts(data, tc.ImportOptions(mappings=[], dry_run=False, skip_refused=False))
    assert not report.written
    assert [(line.line, line.field) for line in report.refused][:2] == [(3, tc.Field.KIND), (4, tc.Field.NAME)]
    assert report.refused[1].text == "Nom : est obligatoire"
    assert await bruno.outbox_count() == 0

    with pytest.raises(tc.TourneeError.Invalid) as refused:
        options = tc.ImportOptions(mappings=[tc.ImportColumn(column="Zone", field=tc.Field.TERRITORY)], dry_run=True, skip_refused=False)
        await bruno.import_accounts(data, options)
    assert refused.value.field == tc.Field.COLUMN
    assert refused.value.text == "Colonne : le fichier n'a pas de colonne « Zone »"


@run
async def test_objectives_are_listed_and_exports_read_back(team):
    bruno = team.bruno
    bruno.set_language(tc.Lang.FR)
    start, end = datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)
    saved = await bruno.save_objective(bruno.new_objective(team.rep.id, tc.Metric.VISITS, 40, start, end))
    assert await bruno.objectives(tc.Scope.REP(team.rep.id), None) == [saved]
    assert await bruno.objectives(tc.Scope.TEAM(), None) == []
    assert (await bruno.objective(saved.id)).target == 40
    with pytest.raises(tc.TourneeError.Invalid) as refused:
        await team.alice.save_objective(team.alice.new_objective(None, tc.Metric.VISITS, 3, start, end))
    assert refused.value.reason == tc.Reason.SET_BY_MANAGERS()
    assert refused.value.text == "Objective: objectives are set by managers"

    data = (IMPORT / "clients-en-utf8-bom.csv").read_bytes()
    await bruno.import_accounts(data, tc.ImportOptions(mappings=[], dry_run=False, skip_refused=False))
    exported = await bruno.export(tc.ExportKind.ACCOUNTS(), tc.ExportFormat.CSV, datetime.date(2026, 3, 18))
    assert exported.rows == 3
    text = exported.bytes.decode("utf-8-sig")
    assert text.startswith("Référence externe;Nom;Type de compte;")
    assert "US-100;Acme Bakery Supplies;client;" in text and ";25000,75;" in text
    again = await bruno.import_accounts(exported.bytes, tc.ImportOptions(mappings=[], dry_run=True, skip_refused=False))
    assert (len(again.created), len(again.existing)) == (0, 3)


@run
async def test_the_device_s_time_zone_is_a_setting_and_an_unknown_one_is_refused(team):
    alice = team.alice
    assert await alice.time_zone() is None
    assert await alice.set_time_zone("Pacific/Kiritimati") == "Pacific/Kiritimati"
    assert await alice.time_zone() == "Pacific/Kiritimati"
    kiritimati = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=14))).date()
    assert await alice.today() == kiritimati
    with pytest.raises(tc.TourneeError.Invalid) as refused:
        await alice.set_time_zone("Europe/Lyon")
    assert refused.value.field == tc.Field.TIME_ZONE
    assert await alice.time_zone() == "Pacific/Kiritimati"
    assert await alice.set_time_zone(None) is None
