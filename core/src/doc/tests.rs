use chrono::{TimeZone, Utc};

use super::*;
use crate::model::*;

fn account_doc() -> (Document, Account) {
    let account = Account::new("Boulangerie Martin", AccountKind::Prospect, "rep1");
    let mut doc = Document::create(&account.id, DocKind::Account).unwrap();
    doc.upsert(&account).unwrap();
    (doc, account)
}

/// A second replica of `doc`, as another device would get it through sync.
fn replica(doc: &mut Document) -> Document {
    let bytes = doc.save();
    Document::load(doc.id(), &[&bytes]).unwrap()
}

/// Both replicas exchange everything they have.
fn exchange(a: &mut Document, b: &mut Document) {
    let to_b = a.save_after(&b.heads());
    let to_a = b.save_after(&a.heads());
    b.apply(&to_b).unwrap();
    a.apply(&to_a).unwrap();
}

fn visit(account: &Account) -> VisitReport {
    let mut v = VisitReport::new(
        &account.id,
        "rep1",
        Channel::OnSite,
        Utc.with_ymd_and_hms(2026, 5, 4, 9, 0, 0).unwrap(),
    );
    v.notes = "Intéressé par la gamme bio.".into();
    v.products = vec!["farine".into(), "levain".into()];
    v.order_amount_cents = 12_000;
    v.order_margin_cents = 3_000;
    v
}

#[test]
fn every_record_kind_round_trips() {
    let (mut doc, mut account) = account_doc();
    account.revenue.push(RevenueFigure {
        month: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        product_family: "boulangerie".into(),
        amount_cents: 450_000,
    });
    account.potential_cents = Some(1_000_000);
    doc.upsert(&account).unwrap();
    let v = visit(&account);
    doc.upsert(&v).unwrap();
    let mut c = Contact::new(&account.id, "Anne Martin");
    c.email = Some("anne@martin.fr".into());
    doc.upsert(&c).unwrap();

    let bytes = doc.save();
    let reloaded = Document::load(doc.id(), &[&bytes]).unwrap();
    assert_eq!(reloaded.get::<Account>(&account.id).unwrap(), Some(account));
    assert_eq!(reloaded.records::<VisitReport>().unwrap(), vec![v]);
    assert_eq!(reloaded.records::<Contact>().unwrap(), vec![c]);

    let mut leads = Document::create("batch1", DocKind::Leads).unwrap();
    let lead = Lead::new("Salon de l'Agriculture", "Paul Durand", "rep1");
    leads.upsert(&lead).unwrap();
    assert_eq!(replica(&mut leads).records::<Lead>().unwrap(), vec![lead]);
}

#[test]
fn a_record_of_the_wrong_kind_or_an_invalid_one_changes_nothing() {
    let (mut doc, account) = account_doc();
    let heads = doc.heads();
    let lead = Lead::new("Salon", "Paul", "rep1");
    assert!(matches!(doc.upsert(&lead), Err(crate::Error::Schema { .. })));
    let mut bad = visit(&account);
    bad.order_amount_cents = -1;
    match doc.upsert(&bad) {
        Err(crate::Error::Invalid(e)) => assert_eq!(e.field, Field::OrderAmountCents),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(doc.heads(), heads);
}

#[test]
fn an_unchanged_record_writes_nothing() {
    let (mut doc, account) = account_doc();
    let heads = doc.heads();
    assert!(!doc.upsert(&account).unwrap());
    assert_eq!(doc.heads(), heads);
}

#[test]
fn concurrent_edits_to_different_fields_both_survive() {
    let (mut a, account) = account_doc();
    let mut b = replica(&mut a);
    let mut on_a = account.clone();
    on_a.city = Some("Lyon".into());
    a.upsert(&on_a).unwrap();
    let mut on_b = account.clone();
    on_b.segment = Some("artisans".into());
    b.upsert(&on_b).unwrap();
    exchange(&mut a, &mut b);
    let merged: Account = a.get(&account.id).unwrap().unwrap();
    assert_eq!(merged.city.as_deref(), Some("Lyon"));
    assert_eq!(merged.segment.as_deref(), Some("artisans"));
    assert_eq!(b.get::<Account>(&account.id).unwrap(), Some(merged));
    assert!(a.conflicts().unwrap().is_empty());
}

#[test]
fn a_new_record_written_in_one_splice_merges_like_any_edit() {
    let (mut a, account) = account_doc();
    let v = visit(&account); // products: farine, levain
    a.upsert(&v).unwrap();
    let mut b = replica(&mut a);
    let mut on_a = v.clone();
    on_a.products.push("sel".into());
    on_a.duration_minutes = 90;
    a.upsert(&on_a).unwrap();
    let mut on_b = v.clone();
    on_b.products = vec!["farine".into(), "beurre".into()];
    b.upsert(&on_b).unwrap();
    exchange(&mut a, &mut b);
    let merged: VisitReport = a.get(&v.id).unwrap().unwrap();
    assert_eq!(merged.products, ["beurre", "farine", "sel"]);
    assert_eq!(merged.duration_minutes, 90);
    assert_eq!(b.get::<VisitReport>(&v.id).unwrap(), Some(merged));
    assert!(a.conflicts().unwrap().is_empty());
}

#[test]
fn notes_merge_character_by_character_once_edited() {
    let (mut a, account) = account_doc();
    let mut v = visit(&account);
    a.upsert(&v).unwrap();
    // Written once, the notes are a plain string; the first edit makes them text.
    v.notes = "Intéressé par la gamme bio. À rappeler.".into();
    a.upsert(&v).unwrap();
    let mut b = replica(&mut a);
    let mut on_a = v.clone();
    on_a.notes = "Très intéressé par la gamme bio. À rappeler.".into();
    a.upsert(&on_a).unwrap();
    let mut on_b = v.clone();
    on_b.notes = "Intéressé par la gamme bio. À rappeler en juin.".into();
    b.upsert(&on_b).unwrap();
    exchange(&mut a, &mut b);
    let notes = a.get::<VisitReport>(&v.id).unwrap().unwrap().notes;
    assert_eq!(notes, "Très intéressé par la gamme bio. À rappeler en juin.");
    assert_eq!(b.get::<VisitReport>(&v.id).unwrap().unwrap().notes, notes);
    assert!(a.conflicts().unwrap().is_empty());
}

#[test]
fn notes_first_edited_on_two_devices_at_once_are_a_conflict_until_one_is_kept() {
    let (mut a, account) = account_doc();
    let v = visit(&account);
    a.upsert(&v).unwrap();
    let mut b = replica(&mut a);
    let mut on_a = v.clone();
    on_a.notes = "Très intéressé par la gamme bio.".into();
    a.upsert(&on_a).unwrap();
    let mut on_b = v.clone();
    on_b.notes = "Intéressé par la gamme bio. Rappeler en juin.".into();
    b.upsert(&on_b).unwrap();
    exchange(&mut a, &mut b);
    // Neither edit is dropped silently: both are listed, the same way on both replicas.
    let conflicts = a.conflicts().unwrap();
    assert_eq!(conflicts, b.conflicts().unwrap());
    assert_eq!(conflicts.len(), 1);
    let conflict = &conflicts[0];
    assert_eq!((conflict.record_id.as_str(), conflict.field.as_str()), (v.id.as_str(), "notes"));
    let mut values = conflict.values.clone();
    values.sort();
    assert_eq!(values, [on_b.notes.as_str(), on_a.notes.as_str()]);
    let shown = a.get::<VisitReport>(&v.id).unwrap().unwrap().notes;
    assert_eq!(conflict.winner, shown);

    a.resolve(conflict, &ConflictResolution::Keep(on_b.notes.clone())).unwrap();
    exchange(&mut a, &mut b);
    assert!(a.conflicts().unwrap().is_empty() && b.conflicts().unwrap().is_empty());
    assert_eq!(b.get::<VisitReport>(&v.id).unwrap().unwrap().notes, on_b.notes);

    // The kept notes are text: the next concurrent edits merge.
    let mut on_a = on_b.clone();
    on_a.notes.insert_str(0, "Très ");
    a.upsert(&on_a).unwrap();
    let mut on_b2 = on_b.clone();
    on_b2.notes.push_str(" Devis envoyé.");
    b.upsert(&on_b2).unwrap();
    exchange(&mut a, &mut b);
    let merged = a.get::<VisitReport>(&v.id).unwrap().unwrap().notes;
    assert_eq!(merged, "Très Intéressé par la gamme bio. Rappeler en juin. Devis envoyé.");
    assert!(a.conflicts().unwrap().is_empty());
}

#[test]
fn same_field_conflicts_are_listed_identically_and_can_be_settled() {
    let (mut a, account) = account_doc();
    let mut b = replica(&mut a);
    let mut on_a = account.clone();
    on_a.city = Some("Lyon".into());
    a.upsert(&on_a).unwrap();
    let mut on_b = account.clone();
    on_b.city = Some("Villeurbanne".into());
    b.upsert(&on_b).unwrap();
    exchange(&mut a, &mut b);

    let conflicts = a.conflicts().unwrap();
    assert_eq!(conflicts, b.conflicts().unwrap());
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert_eq!(
        (c.collection, c.record_id.as_str(), c.field.as_str()),
        (Collection::Accounts, account.id.as_str(), "city")
    );
    let mut values = c.values.clone();
    values.sort();
    assert_eq!(values, ["Lyon", "Villeurbanne"]);
    let shown = a.get::<Account>(&account.id).unwrap().unwrap().city.unwrap();
    assert_eq!(c.winner, shown);
    assert_eq!(b.get::<Account>(&account.id).unwrap().unwrap().city.unwrap(), shown);

    assert!(b.resolve(c, &ConflictResolution::Keep("Fromage".into())).is_err());
    b.resolve(c, &ConflictResolution::Keep("Villeurbanne".into())).unwrap();
    exchange(&mut a, &mut b);
    assert!(a.conflicts().unwrap().is_empty());
    assert_eq!(a.get::<Account>(&account.id).unwrap().unwrap().city.as_deref(), Some("Villeurbanne"));
}

#[test]
fn a_record_deleted_while_edited_elsewhere_is_reported_not_resurrected() {
    let (mut a, account) = account_doc();
    let v = visit(&account);
    a.upsert(&v).unwrap();
    let mut b = replica(&mut a);
    a.delete(Collection::Visits, &v.id).unwrap();
    let mut edited = v.clone();
    edited.next_step = Some("Envoyer le devis".into());
    b.upsert(&edited).unwrap();
    exchange(&mut a, &mut b);

    for doc in [&a, &b] {
        assert_eq!(doc.get::<VisitReport>(&v.id).unwrap(), None);
        let conflicts = doc.conflicts().unwrap();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].field, conflict::DELETED_FIELD);
        assert!(conflicts[0].is_deletion());
    }
    a.resolve(&a.conflicts().unwrap()[0], &ConflictResolution::Restore).unwrap();
    exchange(&mut a, &mut b);
    assert_eq!(b.get::<VisitReport>(&v.id).unwrap(), Some(edited));
    assert!(b.conflicts().unwrap().is_empty());
}

#[test]
fn a_plain_delete_is_not_a_conflict() {
    let (mut a, account) = account_doc();
    let v = visit(&account);
    a.upsert(&v).unwrap();
    let mut b = replica(&mut a);
    b.delete(Collection::Visits, &v.id).unwrap();
    exchange(&mut a, &mut b);
    assert_eq!(a.get::<VisitReport>(&v.id).unwrap(), None);
    assert!(a.conflicts().unwrap().is_empty());
    assert!(matches!(a.upsert(&v), Err(crate::Error::NotFound { .. })));
}

#[test]
fn garbage_and_foreign_documents_are_refused() {
    assert!(Document::load("x", &[b"not automerge"]).is_err());
    let mut other = automerge::AutoCommit::new();
    automerge::transaction::Transactable::put(&mut other, automerge::ROOT, "kind", "spreadsheet").unwrap();
    assert!(matches!(Document::load("x", &[&other.save()]), Err(crate::Error::Schema { .. })));
}

#[test]
fn fields_of_many_records_read_as_one_by_one_now_and_at_earlier_heads() {
    let (mut doc, account) = account_doc();
    let kept = visit(&account);
    doc.upsert(&kept).unwrap();
    let before = doc.heads();
    doc.upsert(&VisitReport { rep: "rep2".into(), ..kept.clone() }).unwrap();
    let new = visit(&account);
    doc.upsert(&new).unwrap();
    let deleted = visit(&account);
    doc.upsert(&deleted).unwrap();
    doc.delete(Collection::Visits, &deleted.id).unwrap();

    let ids = [kept.id.as_str(), new.id.as_str(), deleted.id.as_str(), "v-nobody"];
    for heads in [None, Some(before.as_slice())] {
        let one_by_one: Vec<Option<String>> =
            ids.iter().map(|id| doc.record_str(Collection::Visits, id, "rep", heads).unwrap()).collect();
        assert_eq!(doc.record_strs(Collection::Visits, &ids, "rep", heads).unwrap(), one_by_one);
    }
    let rep = |r: &str| Some(r.to_owned());
    assert_eq!(
        doc.record_strs(Collection::Visits, &ids, "rep", Some(&before)).unwrap(),
        [rep("rep1"), None, None, None],
        "only the visit that existed then had a rep then"
    );
    assert_eq!(
        doc.record_strs(Collection::Visits, &ids, "rep", None).unwrap(),
        [rep("rep2"), rep("rep1"), rep("rep1"), None],
        "a deleted record keeps its fields"
    );
    assert!(
        doc.record_strs(Collection::Leads, &ids, "rep", None).is_err(),
        "an account document holds no leads"
    );
}

#[test]
fn the_fields_an_apply_gives_the_records_it_creates_read_as_automerge_reads_them() {
    let (mut server, account) = account_doc();
    let kept = visit(&account);
    server.upsert(&kept).unwrap();
    let mut device = replica(&mut server);
    let before = server.heads();
    // On the device: a new visit; one whose rep then changes; one created then deleted; an edit of
    // a visit the server held already.
    let new = visit(&account);
    device.upsert(&new).unwrap();
    let moved = visit(&account);
    device.upsert(&moved).unwrap();
    device.upsert(&VisitReport { rep: "rep2".into(), ..moved.clone() }).unwrap();
    let gone = visit(&account);
    device.upsert(&gone).unwrap();
    device.delete(Collection::Visits, &gone.id).unwrap();
    device.upsert(&VisitReport { rep: "rep3".into(), ..kept.clone() }).unwrap();
    server.apply_upload(&device.save_after(&before)).unwrap();

    assert!(
        server.fields_given_by_last_apply() >= 6,
        "the created visits' account and rep, from the patches"
    );
    let ids = [kept.id.as_str(), new.id.as_str(), moved.id.as_str(), gone.id.as_str(), "v-nobody"];
    let mut loaded = replica(&mut server);
    for field in ["rep", "account_id"] {
        assert_eq!(
            server.record_strs(Collection::Visits, &ids, field, None).unwrap(),
            loaded.record_strs(Collection::Visits, &ids, field, None).unwrap(),
            "{field}"
        );
    }
    let rep = |r: &str| Some(r.to_owned());
    assert_eq!(
        server.record_strs(Collection::Visits, &ids, "rep", None).unwrap(),
        [rep("rep3"), rep("rep1"), rep("rep2"), rep("rep1"), None]
    );
    assert_eq!(server.check_membership(&before).unwrap().len(), 4);
    // Once the document changes again, nothing is taken from that apply any more.
    server.upsert(&VisitReport { rep: "rep4".into(), ..new.clone() }).unwrap();
    assert_eq!(
        server.record_strs(Collection::Visits, &[new.id.as_str()], "rep", None).unwrap(),
        [rep("rep4")]
    );
}

#[test]
fn a_created_record_of_another_account_is_refused_when_its_changes_are_applied() {
    let (mut server, account) = account_doc();
    let before = server.heads();
    // The account's own history, under another account's id: a visit of that other account.
    let mut forger = Document::load("acc-other", &[&server.save()]).unwrap();
    let mut forged = visit(&account);
    forged.account_id = "acc-other".into();
    forger.upsert(&forged).unwrap();
    server.apply_upload(&forger.save_after(&before)).unwrap();
    assert!(server.fields_given_by_last_apply() > 0);
    let refused = server.check_membership(&before).unwrap_err();
    assert!(refused.to_string().contains("belongs to another account"), "{refused}");
}

#[test]
fn a_snapshot_and_its_increments_load_at_once_as_they_were_written() {
    let (mut doc, account) = account_doc();
    let snapshot = doc.save();
    let visits: Vec<VisitReport> = (0..3).map(|_| visit(&account)).collect();
    let increments: Vec<Vec<u8>> = visits
        .iter()
        .map(|v| {
            doc.upsert(v).unwrap();
            doc.take_unsaved()
        })
        .collect();
    let mut chunks: Vec<&[u8]> = vec![&snapshot];
    chunks.extend(increments.iter().map(Vec::as_slice));

    let mut loaded = Document::load(doc.id(), &chunks).unwrap();
    assert_eq!(loaded.heads(), doc.heads());
    for v in &visits {
        assert_eq!(loaded.get::<VisitReport>(&v.id).unwrap().as_ref(), Some(v));
    }
    // A damaged increment fails the load: its visit is not silently left out.
    let mut damaged = increments[2].clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 0xff;
    chunks[3] = &damaged;
    assert!(Document::load(doc.id(), &chunks).is_err());
}
