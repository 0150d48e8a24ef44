"""The amounts every suite checks (tests/vectors/amounts.tsv), read by the core through Python."""

from pathlib import Path

import pytest

import tournee_core as tc

VECTORS = Path(__file__).resolve().parent.parent / "vectors" / "amounts.tsv"


def vectors():
    for line in VECTORS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            raw, lang, expected = line.split("\t")
            text = raw.replace("\\u00a0", "\u00a0").replace("\\u202f", "\u202f")
            yield pytest.param(text, tc.Lang.FR if lang == "fr" else tc.Lang.EN, expected, id=f"{raw!r}-{lang}")


@pytest.mark.parametrize("text,lang,expected", list(vectors()))
def test_amounts_typed_in_each_language_are_read_as_the_shared_vectors_say(text, lang, expected):
    if expected.lstrip("-").isdigit():
        assert tc.parse_amount(tc.Field.ORDER_AMOUNT_CENTS, text, lang) == int(expected)
    else:
        with pytest.raises(tc.TourneeError.Invalid) as refused:
            tc.parse_amount(tc.Field.ORDER_AMOUNT_CENTS, text, lang)
        assert refused.value.field == tc.Field.ORDER_AMOUNT_CENTS


def test_there_are_enough_vectors_and_money_reads_back():
    assert len(list(vectors())) > 30
    assert tc.format_money(125_050, tc.Lang.FR) == "1\u202f250,50\u00a0€"
