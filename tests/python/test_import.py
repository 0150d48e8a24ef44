"""The client file imported over the bindings: a dry run, the import, a re-run that creates nothing,
refused lines named in the device's language, and the accounts reaching the team by sync."""

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

    report = await bruno.sync()
    assert report.sent == 4
    await alice.sync()
    found = await alice.search_accounts("Lefèvre", 10)
    assert [a.name for a in found] == ["Boulangerie Pâtissière Lefèvre"]


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
