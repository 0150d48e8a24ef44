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


@run
async def test_a_manager_imports_5000_accounts_and_a_year_of_revenue_and_the_rep_sees_abc_and_dormant_clients(team):
    bruno, alice = team.bruno, team.alice
    rep = team.rep.id
    today = datetime.date.today()
    # The twelve whole months before this one: the months the ABC classes are computed on.
    months = []
    year, month = today.year, today.month
    for _ in range(12):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        months.append(f"{month:02d}/{year}")
    clients = ["Code client;Raison sociale;Type;Commercial;CP;Potentiel;Créé le"]
    revenue = ["Code client;Mois;Famille;CA HT"]
    for i in range(5000):
        clients.append(f"E{i:05d};Client {i};client;{rep};{10000 + i % 900};{i * 10},50;15/01/2020")
        # A few big clients and a long tail: Pareto's 80/20.
        amount = 50000 if i < 200 else 100
        for m in months:
            revenue.append(f"E{i:05d};{m};Pains;{amount},00")
    options = tc.ImportOptions(mappings=[], dry_run=False, skip_refused=False)
    imported = await bruno.import_accounts("\r\n".join(clients).encode("cp1252"), options)
    assert (len(imported.created), imported.refused) == (5000, [])
    figures = await bruno.import_revenue("\r\n".join(revenue).encode("cp1252"), options)
    assert (figures.accounts, figures.figures_set, figures.refused) == (5000, 60000, [])

    await bruno.sync()
    await alice.sync()
    def only(**kw):
        base = dict(text="", kind=None, abc_class=None, dormant_only=False, mine_only=True)
        base.update(kw)
        return tc.AccountFilter(**base)
    # The list looks at its first 1,000 matches by name ("Client 0", "Client 1", "Client 10"...):
    # the A clients among them are big ones, and only big ones.
    a_clients = await alice.list_accounts(only(abc_class=tc.AbcClass.A), today, 1000)
    assert len(a_clients) > 50
    assert all(int(a.name.split()[1]) < 200 for a in a_clients)
    c_clients = await alice.list_accounts(only(abc_class=tc.AbcClass.C), today, 1000)
    assert c_clients and all(int(a.name.split()[1]) >= 200 for a in c_clients)
    dormant = await alice.list_accounts(only(dormant_only=True), today, 1000)
    assert len(dormant) == 1000, "every client imported with no visit since 2020 is dormant (first 1,000)"

    # The accounts' export reads back on the rep's device as nothing new.
    exported = await alice.export(tc.ExportKind.ACCOUNTS(), tc.ExportFormat.CSV, today)
    assert exported.rows == 5000
    again = await alice.import_accounts(exported.bytes, tc.ImportOptions(mappings=[], dry_run=True, skip_refused=False))
    assert (len(again.created), len(again.existing), again.refused) == (0, 5000, [])
