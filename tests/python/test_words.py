"""Words and formats as the core gives them to every shell, read through Python: sentences with
their plurals, labels of coded values, percentages, times and durations."""

import datetime

import tournee_core as tc

NBSP = "\u00a0"


def test_sentences_follow_each_language_and_its_plurals():
    assert tc.say(tc.Message.PENDING_CHANGES(0), tc.Lang.FR) == "Tout est synchronisé"
    assert tc.say(tc.Message.PENDING_CHANGES(1), tc.Lang.EN) == "1 change to sync"
    assert tc.say(tc.Message.PENDING_CHANGES(3), tc.Lang.FR) == "3 modifications à synchroniser"
    due = tc.Message.DUE(datetime.date(2026, 3, 1), True)
    assert tc.say(due, tc.Lang.FR) == "en retard depuis le 01/03/2026"
    assert tc.say(tc.Message.VISIT_SAVED(120_050), tc.Lang.EN) == "Visit saved, order of €1,200.50"


def test_labels_and_formats():
    assert tc.field_label(tc.Field.ORDER_AMOUNT_CENTS, tc.Lang.FR) == "Montant de la commande"
    assert tc.account_kind_label(tc.AccountKind.FORMER_CLIENT, tc.Lang.FR) == "ancien client"
    assert tc.format_percent(42.5, tc.Lang.FR) == f"42,5{NBSP}%"
    assert tc.format_duration(90, tc.Lang.EN) == f"1{NBSP}h{NBSP}30{NBSP}min"
    at = datetime.datetime(2026, 3, 2, 8, 30, tzinfo=datetime.timezone.utc)
    assert tc.format_time(at, 60, tc.Lang.FR) == "09:30"
    assert tc.format_count(1_234_567, tc.Lang.EN) == "1,234,567"
