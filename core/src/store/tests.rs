use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use tempfile::TempDir;

use super::*;
use crate::doc::ConflictResolution;

pub(crate) fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("tournee.db")).unwrap();
    (dir, store)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn account(store: &Store, name: &str) -> Account {
    let mut a = Account::new(name, AccountKind::Prospect, "rep1");
    a.city = Some("Lyon".into());
    a.postcode = Some("69003".into());
    store.save_account(&a).unwrap()
}

fn visit_on(account: &Account, at: chrono::DateTime<Utc>) -> VisitReport {
    VisitReport::new(&account.id, "rep1", Channel::OnSite, at)
}

#[test]
fn a_logged_visit_is_in_the_timeline_and_the_outbox() {
    let (_dir, store) = temp_store();
    let a = account(&store, "Boulangerie Martin");
    let mut v = visit_on(&a, Utc.with_ymd_and_hms(2026, 5, 4, 9, 0, 0).unwrap());
    v.notes = "Commande de farine".into();
    v.order_amount_cents = 50_000;
    v.order_margin_cents = 10_000;
    store.save_visit(&v).unwrap();

    let detail = store.account_detail(&a.id).unwrap();
    assert_eq!(detail.timeline, vec![TimelineItem::Visit(v.clone())]);
    assert_eq!(store.visit(&v.id).unwrap(), v);
    assert_eq!(store.outbox().unwrap().len(), 1);
    assert_eq!(store.outbox_count().unwrap(), 2, "account created, then the visit");
}

#[test]
fn a_visit_reads_back_whole_everywhere_though_its_copy_leaves_out_what_its_columns_hold() {
    let (_dir, store) = temp_store();
    let a = account(&store, "Boulangerie Martin");
    let mut v = visit_on(&a, Utc.with_ymd_and_hms(2026, 5, 4, 22, 30, 0).unwrap());
    v.channel = Channel::Video;
    v.utc_offset_minutes = 120; // the 5th, locally
    v.duration_minutes = 45;
    v.objective = Some("Présenter la gamme".into());
    v.notes = "Accueil « cordial »".into();
    v.outcome = Some(Outcome::Progress);
    v.interest = Some(InterestLevel::Medium);
    v.products = vec!["Farine".into(), "Levures".into()];
    v.order_amount_cents = 50_000;
    v.order_margin_cents = 10_000;
    v.next_step = Some("Rappeler".into());
    store.save_visit(&v).unwrap();

    assert_eq!(store.visit(&v.id).unwrap(), v);
    assert_eq!(store.account_detail(&a.id).unwrap().timeline, vec![TimelineItem::Visit(v.clone())]);
    assert_eq!(store.all_records::<VisitReport>(Collection::Visits).unwrap(), vec![v.clone()]);
    let copy: String =
        store.reader().unwrap().query_row("SELECT json FROM visits", [], |r| r.get(0)).unwrap();
    assert!(!copy.contains(&a.id) && !copy.contains("rep1") && !copy.contains("video"), "{copy}");

    let mut planned = visit_on(&a, Utc.with_ymd_and_hms(2026, 5, 12, 8, 0, 0).unwrap());
    planned.status = VisitStatus::Planned;
    planned.objective = Some("Signer le contrat".into());
    store.save_visit(&planned).unwrap();
    let agenda = store.agenda("rep1", day(2026, 5, 12)).unwrap();
    assert_eq!(agenda.visits.iter().map(|a| &a.visit).collect::<Vec<_>>(), [&planned]);
}

#[test]
fn an_account_reads_back_whole_everywhere_though_its_copy_leaves_out_the_revenue_its_row_packs() {
    let (_dir, store) = temp_store();
    let line = |month: u32, family: &str, amount_cents| RevenueFigure {
        month: day(2026, month, 1),
        product_family: family.into(),
        amount_cents,
    };
    let mut client = Account::new("Café du Port", AccountKind::Client, "rep1");
    client.revenue = vec![line(1, "Café", 120_000), line(1, "Thé", 3_000), line(2, "Café", 500)];
    let client = store.save_account(&client).unwrap();
    // A family name past the packing's 255 bytes (200 characters of two bytes each): the packed
    // figures leave its line out, so the copy keeps every line.
    let mut unusual = Account::new("Épicerie", AccountKind::Client, "rep1");
    unusual.revenue = vec![line(1, &"é".repeat(200), 1), line(1, "Café", 2)];
    let unusual = store.save_account(&unusual).unwrap();
    let mut merged = Account::new("Café du Port (doublon)", AccountKind::Client, "rep1");
    merged.revenue = vec![line(3, "Café", 7)];
    let merged = store.save_account(&merged).unwrap();
    // The kept account takes the line it lacked.
    let client = store.merge_accounts(&client.id, &merged.id).unwrap();
    assert_eq!(client.revenue.len(), 4);
    let merged = store.merged_accounts().unwrap().pop().unwrap();

    assert_eq!(store.account(&client.id).unwrap(), client);
    assert_eq!(store.account(&unusual.id).unwrap(), unusual);
    assert_eq!(merged.revenue, vec![line(3, "Café", 7)]);
    let mut all = store.all_records::<Account>(Collection::Accounts).unwrap();
    all.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(all, vec![client.clone(), unusual.clone()]);
    let copy = |id: &str| -> String {
        store
            .reader()
            .unwrap()
            .query_row("SELECT json FROM accounts WHERE id = ?1", [id], |r| r.get(0))
            .unwrap()
    };
    assert!(!copy(&client.id).contains("revenue"), "{}", copy(&client.id));
    assert!(copy(&unusual.id).contains("revenue"));
}

#[test]
fn refused_writes_change_nothing() {
    let (_dir, store) = temp_store();
    let a = account(&store, "Boulangerie Martin");
    let count = store.outbox_count().unwrap();
    let mut v = visit_on(&a, Utc.with_ymd_and_hms(2026, 5, 4, 9, 0, 0).unwrap());
    v.duration_minutes = 10_000;
    match store.save_visit(&v) {
        Err(Error::Invalid(e)) => assert_eq!(e.field, Field::DurationMinutes),
        other => panic!("expected a validation error, got {other:?}"),
    }
    let orphan = visit_on(&Account::new("Ghost", AccountKind::Client, "rep1"), Utc::now());
    assert!(matches!(store.save_visit(&orphan), Err(Error::NotFound { .. })));
    assert_eq!(store.outbox_count().unwrap(), count);
    assert!(store.account_detail(&a.id).unwrap().timeline.is_empty());
}

#[test]
fn the_agenda_holds_planned_visits_of_the_local_day_and_due_follow_ups() {
    let (_dir, store) = temp_store();
    let a = account(&store, "Boulangerie Martin");
    // 23:30 UTC on the 3rd is the 4th in Paris (UTC+2 in May).
    let mut planned = visit_on(&a, Utc.with_ymd_and_hms(2026, 5, 3, 23, 30, 0).unwrap());
    planned.status = VisitStatus::Planned;
    planned.utc_offset_minutes = 120;
    store.save_visit(&planned).unwrap();
    let mut done = visit_on(&a, Utc.with_ymd_and_hms(2026, 5, 4, 8, 0, 0).unwrap());
    done.utc_offset_minutes = 120;
    store.save_visit(&done).unwrap();
    let overdue =
        store.save_follow_up(&FollowUp::new(&a.id, "Relancer le devis", day(2026, 5, 1), "rep1")).unwrap();
    store.save_follow_up(&FollowUp::new(&a.id, "Appeler", day(2026, 5, 9), "rep1")).unwrap();
    let mut finished = FollowUp::new(&a.id, "Envoyer catalogue", day(2026, 5, 2), "rep1");
    finished.done = true;
    store.save_follow_up(&finished).unwrap();
    store.save_follow_up(&FollowUp::new(&a.id, "Pas à moi", day(2026, 5, 2), "rep2")).unwrap();

    let agenda = store.agenda("rep1", day(2026, 5, 4)).unwrap();
    assert_eq!(agenda.visits.iter().map(|v| &v.visit.id).collect::<Vec<_>>(), [&planned.id]);
    assert_eq!(agenda.visits[0].account_name, "Boulangerie Martin");
    assert_eq!(agenda.follow_ups.len(), 1);
    assert_eq!(agenda.follow_ups[0].follow_up, overdue);
    assert!(agenda.follow_ups[0].overdue);
    assert!(store.agenda("rep1", day(2026, 5, 3)).unwrap().visits.is_empty());
}

#[test]
fn a_company_typed_in_capitals_with_a_ligature_is_a_duplicate_and_found() {
    let (_dir, store) = temp_store();
    let first = account(&store, "Le Bœuf Couronné");
    let second = account(&store, "LE BŒUF COURONNÉ");
    let nordic = account(&store, "Ærø Smørrebrød");
    let shouting = account(&store, "ÆRØ SMØRREBRØD");

    let pairs: Vec<(String, String)> = store
        .duplicate_candidates()
        .unwrap()
        .into_iter()
        .map(|c| {
            assert_eq!(c.reasons, [DuplicateReason::NameAndPostcode]);
            (c.first.id, c.second.id)
        })
        .collect();
    let has = |x: &Account, y: &Account| {
        pairs.iter().any(|(a, b)| (a, b) == (&x.id, &y.id) || (a, b) == (&y.id, &x.id))
    };
    assert!(has(&first, &second), "{pairs:?}");
    assert!(has(&nordic, &shouting), "{pairs:?}");
    assert_eq!(pairs.len(), 2);
    assert_eq!(store.similar_accounts("le boeuf couronne", Some("69003"), None, None).unwrap().len(), 2);

    // Search folds as duplicates do: capitals, accents and the ligature typed without its key.
    for typed in ["boeuf", "BŒUF", "bœuf cour", "smorre", "AERO"] {
        assert_eq!(store.search_accounts(typed, 10).unwrap().len(), 2, "{typed}");
    }
}

#[test]
fn search_finds_names_cities_and_contacts_by_prefix_without_accents() {
    let (_dir, store) = temp_store();
    let a = account(&store, "Pâtisserie Hélène");
    let mut b = Account::new("Garage du Centre", AccountKind::Client, "rep1");
    b.city = Some("Villeurbanne".into());
    let b = store.save_account(&b).unwrap();
    store.save_contact(&Contact::new(&b.id, "Jérôme Dupuis")).unwrap();

    let ids =
        |q: &str| store.search_accounts(q, 10).unwrap().into_iter().map(|i| i.id).collect::<Vec<String>>();
    assert_eq!(ids("pat hel"), vec![a.id.clone()]);
    assert_eq!(ids("PATISS"), vec![a.id.clone()]);
    assert_eq!(ids("villeur"), vec![b.id.clone()]);
    assert_eq!(ids("jerome"), vec![b.id.clone()]);
    assert!(ids("boucherie").is_empty());
    assert_eq!(ids("").len(), 2);

    let mut renamed = store.account(&b.id).unwrap();
    renamed.name = "Garage des Alpes".into();
    store.save_account(&renamed).unwrap();
    assert!(ids("centre").is_empty());
    assert_eq!(ids("alpes"), vec![b.id.clone()]);
    store.delete(Collection::Accounts, &b.id).unwrap();
    assert!(ids("alpes").is_empty());
}

#[test]
fn pipeline_and_event_leads() {
    let (_dir, store) = temp_store();
    let a = account(&store, "Boulangerie Martin");
    let open = Opportunity {
        id: new_id(),
        account_id: a.id.clone(),
        title: "Four à pain".into(),
        stage: OpportunityStage::Proposal,
        amount_cents: 2_000_000,
        probability: 40,
        expected_close: day(2026, 6, 30),
        owner: "rep1".into(),
    };
    store.save_opportunity(&open).unwrap();
    store
        .save_opportunity(&Opportunity { id: new_id(), stage: OpportunityStage::Won, ..open.clone() })
        .unwrap();
    let pipeline = store.pipeline(None).unwrap();
    assert_eq!(pipeline.len(), 1);
    assert_eq!(pipeline[0].opportunity, open);
    assert!(store.pipeline(Some("rep2")).unwrap().is_empty());

    let first = store.save_lead(&Lead::new("SIRHA 2027", "Paul Durand", "rep1")).unwrap();
    let second = store.save_lead(&Lead::new("SIRHA 2027", "Léa Petit", "rep1")).unwrap();
    store.save_lead(&Lead::new("Autre salon", "Marc", "rep1")).unwrap();
    let leads = store.event_leads("SIRHA 2027").unwrap();
    assert_eq!(leads.len(), 2);
    assert!(leads.contains(&first) && leads.contains(&second));
    // Both leads of the event went into one capture session document.
    let sessions: i64 = store
        .reader()
        .unwrap()
        .query_row("SELECT count(DISTINCT doc_id) FROM leads WHERE event = 'SIRHA 2027'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions, 1);
}

#[test]
fn a_prospect_becoming_a_client_is_dated() {
    let (_dir, store) = temp_store();
    let mut a = account(&store, "Boulangerie Martin");
    assert_eq!(a.became_client_on, None);
    a.kind = AccountKind::Client;
    let saved = store.save_account(&a).unwrap();
    assert_eq!(saved.became_client_on, Some(Utc::now().date_naive()));
    assert_eq!(store.account(&a.id).unwrap().became_client_on, saved.became_client_on);
}

#[test]
fn a_received_document_is_stored_as_a_zstd_frame_and_loads_after_reopening() {
    let (_d1, phone) = temp_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tournee.db");
    let a = account(&phone, "Boulangerie Martin");
    for i in 0..20 {
        let mut v =
            visit_on(&a, Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap() + chrono::Duration::days(i));
        v.notes = format!("Visite {i} : la gamme de printemps, les délais de livraison, la remise.");
        phone.save_visit(&v).unwrap();
    }
    let sent = phone.outgoing(10).unwrap().remove(0);
    {
        let office = Store::open(&path).unwrap();
        office.apply_remote(&[(sent.doc_id.clone(), sent.changes.clone())]).unwrap();
        let stored: Vec<u8> = office
            .reader()
            .unwrap()
            .query_row("SELECT snapshot FROM documents WHERE doc_id = ?1", [&sent.doc_id], |r| r.get(0))
            .unwrap();
        assert!(crate::compression::is_compressed(&stored));
        assert!(
            stored.len() * 2 < sent.changes.len(),
            "{} stored of {} received",
            stored.len(),
            sent.changes.len()
        );
    }
    // A new process: the document comes from disk, inflated, and takes an edit that merges back.
    let office = Store::open(&path).unwrap();
    let mut edited = office.account(&a.id).unwrap();
    edited.city = Some("Villeurbanne".into());
    office.save_account(&edited).unwrap();
    let back: Vec<(String, Vec<u8>)> =
        office.outgoing(10).unwrap().into_iter().map(|d| (d.doc_id, d.changes)).collect();
    phone.apply_remote(&back).unwrap();
    assert_eq!(phone.account(&a.id).unwrap().city.as_deref(), Some("Villeurbanne"));
    assert_eq!(office.account_detail(&a.id).unwrap().timeline.len(), 20);
}

#[test]
fn documents_survive_reopening_and_compaction() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tournee.db");
    let (a, mut ids) = {
        let store = Store::open(&path).unwrap();
        let a = account(&store, "Boulangerie Martin");
        let mut ids = Vec::new();
        // Enough visits for the increments to outweigh the snapshot several times.
        for i in 0..120 {
            let mut v =
                visit_on(&a, Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap() + chrono::Duration::days(i));
            v.notes = format!("Visite numéro {i}, discussion sur la gamme et les délais de livraison.");
            ids.push(store.save_visit(&v).unwrap().id);
        }
        (a, ids)
    };
    let store = Store::open(&path).unwrap();
    let increments: i64 =
        store.reader().unwrap().query_row("SELECT count(*) FROM doc_increments", [], |r| r.get(0)).unwrap();
    assert!(increments < 100, "compaction folded increments into the snapshot ({increments} left)");
    // Editing after reopening loads the document from disk.
    let mut v = store.visit(&ids[5]).unwrap();
    v.next_step = Some("Rappeler".into());
    store.save_visit(&v).unwrap();
    let mut in_timeline: Vec<String> = store
        .account_detail(&a.id)
        .unwrap()
        .timeline
        .into_iter()
        .map(|item| match item {
            TimelineItem::Visit(v) => v.id,
            TimelineItem::FollowUp(f) => f.id,
        })
        .collect();
    in_timeline.sort();
    ids.sort();
    assert_eq!(in_timeline, ids);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// Two stores standing for two devices, exchanging every outgoing change.
fn sync_pair(a: &Store, b: &Store) {
    for (from, to) in [(a, b), (b, a)] {
        let batch: Vec<(String, Vec<u8>)> =
            from.outgoing(1000).unwrap().into_iter().map(|o| (o.doc_id, o.changes)).collect();
        to.apply_remote(&batch).unwrap();
    }
}

#[test]
fn remote_changes_update_projections_and_conflicts_can_be_settled() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    sync_pair(&phone, &office);
    assert_eq!(office.search_accounts("boulangerie", 5).unwrap().len(), 1);

    let mut on_phone = a.clone();
    on_phone.city = Some("Lyon 3e".into());
    on_phone.segment = Some("artisans".into());
    phone.save_account(&on_phone).unwrap();
    let mut on_office = a.clone();
    on_office.city = Some("Lyon 2e".into());
    on_office.phone = Some("04 78 00 00 00".into());
    office.save_account(&on_office).unwrap();
    let v = phone.save_visit(&visit_on(&a, Utc::now())).unwrap();
    sync_pair(&phone, &office);
    sync_pair(&phone, &office);

    for store in [&phone, &office] {
        let merged = store.account(&a.id).unwrap();
        assert_eq!(merged.segment.as_deref(), Some("artisans"));
        assert_eq!(merged.phone.as_deref(), Some("04 78 00 00 00"));
        assert_eq!(store.visit(&v.id).unwrap(), v);
        let conflicts = store.conflicts().unwrap();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].field, "city");
        assert_eq!(conflicts[0].winner, merged.city.clone().unwrap());
    }
    assert_eq!(phone.account(&a.id).unwrap(), office.account(&a.id).unwrap());

    let conflict = office.conflicts().unwrap().remove(0);
    office.resolve_conflict(&conflict, &ConflictResolution::Keep("Lyon 2e".into())).unwrap();
    assert!(office.conflicts().unwrap().is_empty());
    sync_pair(&phone, &office);
    assert!(phone.conflicts().unwrap().is_empty());
    assert_eq!(phone.account(&a.id).unwrap().city.as_deref(), Some("Lyon 2e"));
}

#[test]
fn a_local_edit_of_a_conflicting_field_settles_it() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    sync_pair(&phone, &office);
    phone.save_account(&Account { city: Some("A".into()), ..a.clone() }).unwrap();
    office.save_account(&Account { city: Some("B".into()), ..a.clone() }).unwrap();
    sync_pair(&phone, &office);
    assert_eq!(phone.conflicts().unwrap().len(), 1);
    phone.save_account(&Account { city: Some("C".into()), ..a.clone() }).unwrap();
    assert!(phone.conflicts().unwrap().is_empty());
}

/// Found by the fault-injected sync rounds (sync-server/tests/faults.rs): the device that deleted
/// a record still listed the record's conflicts, which every other replica had dropped.
#[test]
fn deleting_a_record_settles_its_conflicts_as_on_every_replica() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    let contact = phone.save_contact(&Contact::new(&a.id, "Anne Martin")).unwrap();
    sync_pair(&phone, &office);
    phone.save_contact(&Contact { role: Some("Gérante".into()), ..contact.clone() }).unwrap();
    office.save_contact(&Contact { role: Some("Comptable".into()), ..contact.clone() }).unwrap();
    sync_pair(&phone, &office);
    assert_eq!(phone.conflicts().unwrap().len(), 1);
    assert_eq!(office.conflicts().unwrap(), phone.conflicts().unwrap());

    phone.delete(Collection::Contacts, &contact.id).unwrap();
    assert_eq!(phone.conflicts().unwrap(), vec![], "the record and its conflict are gone");
    sync_pair(&phone, &office);
    assert_eq!(office.conflicts().unwrap(), vec![]);
}

#[test]
fn acknowledged_documents_leave_the_outbox_unless_changed_since() {
    let (_dir, store) = temp_store();
    let a = account(&store, "Boulangerie Martin");
    let sent = store.outgoing(10).unwrap();
    assert_eq!(sent.len(), 1);
    store.save_visit(&visit_on(&a, Utc::now())).unwrap();
    store.acknowledge(&[(sent[0].doc_id.clone(), sent[0].heads.clone())]).unwrap();
    assert_eq!(store.outbox().unwrap().len(), 1, "the visit is still to send");
    let again = store.outgoing(10).unwrap();
    let (_d2, other) = temp_store();
    other.apply_remote(&[(again[0].doc_id.clone(), sent[0].changes.clone())]).unwrap();
    other.apply_remote(&[(again[0].doc_id.clone(), again[0].changes.clone())]).unwrap();
    assert_eq!(other.account_detail(&a.id).unwrap().timeline.len(), 1);
    store.acknowledge(&[(again[0].doc_id.clone(), again[0].heads.clone())]).unwrap();
    assert_eq!(store.outbox_count().unwrap(), 0);
}

/// The increments of `doc_id` written from increment `from` on, concatenated.
fn increments_from(store: &Store, doc_id: &str, from: i64) -> Vec<u8> {
    let side = store.writer().unwrap();
    let mut stmt = side
        .conn
        .prepare("SELECT bytes FROM doc_increments WHERE doc_id = ?1 AND id >= ?2 ORDER BY id")
        .unwrap();
    let rows = stmt.query_map(params![doc_id, from], |r| r.get::<_, Vec<u8>>(0)).unwrap();
    rows.flat_map(Result::unwrap).collect()
}

/// A document received whole is on the server as it came: the first edit made here goes up as its
/// own increment, not with the whole document.
#[test]
fn a_received_document_edited_here_sends_only_the_edit() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    let first = phone.outgoing(10).unwrap().remove(0);
    office.apply_remote(&[(first.doc_id.clone(), first.changes.clone())]).unwrap();
    office.save_visit(&visit_on(&a, Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap())).unwrap();
    let sent = office.outgoing(10).unwrap().remove(0);
    assert_eq!(sent.changes, increments_from(&office, &a.id, 0), "the visit's increment alone");
    phone.apply_remote(&[(sent.doc_id, sent.changes)]).unwrap();
    assert_eq!(phone.account_detail(&a.id).unwrap().timeline.len(), 1);
}

/// What a server sends beside a document on a first sync: its rows, read from its own copy.
fn with_rows(doc_id: &str, bytes: Vec<u8>) -> crate::sync::wire::IncomingDoc {
    let mut doc = Document::load(doc_id, &[&bytes]).unwrap();
    let rows = Some(crate::doc::Projection::read(&mut doc).unwrap().encode().unwrap());
    crate::sync::wire::IncomingDoc { doc_id: doc_id.to_owned(), bytes, rows }
}

/// A document received with its rows is never loaded on arrival; its first edit loads it from the
/// bytes stored beside them, goes up as that increment alone, and reaches the other device.
#[test]
fn a_document_received_with_its_rows_is_shown_then_edited_like_any_other() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    phone.save_visit(&visit_on(&a, Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap())).unwrap();
    let first = phone.outgoing(10).unwrap().remove(0);
    let report = office.apply_received(vec![with_rows(&first.doc_id, first.changes.clone())]).unwrap();
    assert_eq!((report.docs, report.quarantined), (1, 0));
    assert_eq!(office.account_detail(&a.id).unwrap().timeline.len(), 1);
    assert_eq!(office.search_accounts("boul", 10).unwrap().len(), 1, "its search entry is written");
    assert_eq!(office.outbox_count().unwrap(), 0, "what came from the server is not sent back");

    office.save_visit(&visit_on(&a, Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap())).unwrap();
    let sent = office.outgoing(10).unwrap().remove(0);
    assert_eq!(sent.changes, increments_from(&office, &a.id, 0), "the visit's increment alone");
    phone.apply_remote(&[(sent.doc_id, sent.changes)]).unwrap();
    assert_eq!(phone.account_detail(&a.id).unwrap().timeline.len(), 2);
    assert_eq!(phone.document_heads(&a.id).unwrap(), office.document_heads(&a.id).unwrap());
}

/// Rows are checked as a document read here is: rows holding another account's record, rows that
/// do not decode, or bytes beside them that are not whole automerge chunks set the document aside.
#[test]
fn rows_that_do_not_belong_to_their_document_set_it_aside() {
    let (_d1, phone) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    phone.save_visit(&visit_on(&a, Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap())).unwrap();
    let sent = phone.outgoing(10).unwrap().remove(0);
    let good = with_rows(&sent.doc_id, sent.changes.clone());
    let mut projection = crate::doc::Projection::decode(&sent.doc_id, good.rows.as_deref().unwrap()).unwrap();
    projection.rows.visits[0].account_id = "another-account".into();
    let foreign = projection.encode().unwrap();
    let mut truncated = good.clone();
    truncated.bytes.pop();
    let cases = [
        (crate::sync::wire::IncomingDoc { rows: Some(foreign), ..good.clone() }, "another-account"),
        (crate::sync::wire::IncomingDoc { rows: Some(vec![1, 200]), ..good.clone() }, "do not decode"),
        (crate::sync::wire::IncomingDoc { rows: Some(vec![9]), ..good.clone() }, "unknown format"),
        (truncated, "chunk"),
    ];
    for (received, why) in cases {
        let (_d2, office) = temp_store();
        let report = office.apply_received(vec![received]).unwrap();
        assert_eq!((report.docs, report.quarantined), (0, 1), "{why}");
        let reasons: Vec<String> = office.quarantined().unwrap().into_iter().map(|q| q.reason).collect();
        assert!(reasons[0].contains(why), "{why}: {reasons:?}");
        assert!(office.account(&a.id).is_err(), "nothing of the document is shown");
    }
}

#[test]
fn an_upload_sends_the_increments_written_since_the_acknowledgement_as_they_are() {
    let (_dir, phone) = temp_store();
    let (_d2, office) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    let first = phone.outgoing(10).unwrap().remove(0);
    office.apply_remote(&[(first.doc_id.clone(), first.changes.clone())]).unwrap();
    phone.acknowledge(&[(first.doc_id.clone(), first.heads.clone())]).unwrap();
    assert_eq!(phone.outbox_count().unwrap(), 0);
    let last_acked: i64 = phone
        .writer()
        .unwrap()
        .conn
        .query_row("SELECT coalesce(max(id), 0) FROM doc_increments", [], |r| r.get(0))
        .unwrap();

    for hour in [9, 11] {
        phone.save_visit(&visit_on(&a, Utc.with_ymd_and_hms(2026, 11, 2, hour, 0, 0).unwrap())).unwrap();
    }
    let sent = phone.outgoing(10).unwrap().remove(0);
    assert_eq!(sent.changes, increments_from(&phone, &a.id, last_acked + 1), "the two visits' increments");
    let mut heads = phone.document_heads(&a.id).unwrap();
    heads.sort();
    assert_eq!(sent.heads, heads);
    office.apply_remote(&[(sent.doc_id.clone(), sent.changes.clone())]).unwrap();
    assert_eq!(office.account_detail(&a.id).unwrap().timeline.len(), 2);
    let mut office_heads = office.document_heads(&a.id).unwrap();
    office_heads.sort();
    assert_eq!(office_heads, heads, "both replicas hold the same document");
    phone.acknowledge(&[(sent.doc_id.clone(), sent.heads.clone())]).unwrap();
    assert_eq!(phone.outbox_count().unwrap(), 0);

    // Enough visits to compact the document while they wait: the upload computes its changes
    // from the acknowledged heads instead, and the other replica still gets every one.
    for day in 1..=60 {
        let mut visit =
            visit_on(&a, Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap() + chrono::Duration::days(day));
        visit.notes = "Commande de pain, viennoiseries et café pour la semaine. ".repeat(8);
        phone.save_visit(&visit).unwrap();
    }
    let compacted: i64 = phone
        .writer()
        .unwrap()
        .conn
        .query_row("SELECT count(*) FROM outbox WHERE first_increment IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(compacted, 1, "the increments were folded into the snapshot");
    let sent = phone.outgoing(10).unwrap().remove(0);
    office.apply_remote(&[(sent.doc_id.clone(), sent.changes.clone())]).unwrap();
    assert_eq!(office.account_detail(&a.id).unwrap().timeline.len(), 62);
    phone.acknowledge(&[(sent.doc_id.clone(), sent.heads.clone())]).unwrap();
    assert_eq!(phone.outbox_count().unwrap(), 0);
}

#[test]
fn a_received_document_that_cannot_be_applied_is_set_aside_and_the_rest_applies() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    account(&phone, "Boulangerie Martin");
    let good = phone.outgoing(10).unwrap().remove(0);
    let mut trailing = good.changes.clone();
    trailing.extend_from_slice(b"xyz");
    let batch = vec![
        ("bad".to_owned(), b"garbage".to_vec()),
        (good.doc_id.clone(), trailing),
        (good.doc_id.clone(), good.changes.clone()),
    ];
    let report = office.apply_remote(&batch).unwrap();
    assert_eq!((report.docs, report.quarantined), (1, 2));
    assert_eq!(office.search_accounts("", 10).unwrap().len(), 1);
    let aside = office.quarantined().unwrap();
    assert_eq!(aside.len(), 2);
    assert!(aside[0].reason.contains("3 bytes after the last complete chunk"), "{}", aside[0].reason);
    assert_eq!((aside[1].doc_id.as_str(), aside[1].bytes), ("bad", 7));
}

#[test]
fn a_bad_document_after_good_ones_leaves_them_applied_once_and_their_documents_usable() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    let known = account(&phone, "Boulangerie Martin");
    let first = phone.outgoing(10).unwrap().remove(0);
    office.apply_remote(&[(first.doc_id.clone(), first.changes.clone())]).unwrap();
    phone.acknowledge(&[(first.doc_id.clone(), first.heads.clone())]).unwrap();
    // A visit on the account the office holds (and caches), and a new account, then garbage: the
    // batch's first pass writes the two good ones before the third fails and all is rolled back.
    let visit = phone.save_visit(&visit_on(&known, Utc::now())).unwrap();
    let new = account(&phone, "Fromagerie Roux");
    let mut batch: Vec<(String, Vec<u8>)> =
        phone.outgoing(10).unwrap().into_iter().map(|d| (d.doc_id, d.changes)).collect();
    assert_eq!(batch.len(), 2);
    batch.push(("bad".to_owned(), b"garbage".to_vec()));
    let report = office.apply_remote(&batch).unwrap();
    assert_eq!((report.docs, report.quarantined), (2, 1));
    assert_eq!(office.visit(&visit.id).unwrap(), visit);
    assert_eq!(office.account_detail(&known.id).unwrap().timeline.len(), 1, "the visit, once");
    assert_eq!(office.search_accounts("", 10).unwrap().len(), 2);
    assert_eq!(office.account(&new.id).unwrap().name, "Fromagerie Roux");
    // The documents the rolled back pass had loaded are the committed ones: an edit here goes on
    // from the visit, and the phone merges it.
    let mut edited = office.account(&known.id).unwrap();
    edited.city = Some("Villeurbanne".into());
    office.save_account(&edited).unwrap();
    let back = office.outgoing(10).unwrap();
    let back: Vec<(String, Vec<u8>)> = back.into_iter().map(|d| (d.doc_id, d.changes)).collect();
    phone.apply_remote(&back).unwrap();
    assert_eq!(phone.account(&known.id).unwrap().city.as_deref(), Some("Villeurbanne"));
    assert_eq!(phone.visit(&visit.id).unwrap(), visit);
}

#[test]
fn a_copy_of_a_document_under_another_id_is_set_aside() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    phone.save_visit(&VisitReport::new(&a.id, "julie", Channel::OnSite, Utc::now())).unwrap();
    phone.save_lead(&Lead::new("Salon", "Paul", "julie")).unwrap();
    let sent = phone.outgoing(10).unwrap();
    let batch: Vec<(String, Vec<u8>)> = sent.iter().map(|d| (d.doc_id.clone(), d.changes.clone())).collect();
    assert_eq!(office.apply_remote(&batch).unwrap().docs, 2);
    // The same bytes under new ids: the account document names another account, and the lead
    // already lives in its own session.
    let copies: Vec<(String, Vec<u8>)> =
        sent.iter().map(|d| (format!("{}x", d.doc_id), d.changes.clone())).collect();
    let report = office.apply_remote(&copies).unwrap();
    assert_eq!((report.docs, report.quarantined), (0, 2));
    let reasons: Vec<String> = office.quarantined().unwrap().into_iter().map(|q| q.reason).collect();
    assert!(reasons.iter().any(|r| r.contains("belongs to another account")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("already lives in document")), "{reasons:?}");
    assert_eq!(office.account_detail(&a.id).unwrap().timeline.len(), 1);
}

/// A received document's rows are inserted without looking each record up first: the insert
/// itself finds a record another document holds, whether that document came earlier in the same
/// batch or before, and a record the copy deleted is still looked up.
#[test]
fn a_record_held_by_two_new_documents_is_refused_in_the_second_whatever_the_batch() {
    use automerge::{transaction::Transactable, ReadDoc, ROOT};
    let (_d1, phone) = temp_store();
    phone.save_lead(&Lead::new("Salon", "Paul", "julie")).unwrap();
    let sent = phone.outgoing(10).unwrap().remove(0);
    let original = (sent.doc_id.clone(), sent.changes.clone());
    let copy = (format!("{}x", sent.doc_id), sent.changes.clone());
    let deleted_copy = {
        let mut raw = automerge::AutoCommit::load(&sent.changes).unwrap();
        let (_, leads) = raw.get(ROOT, "leads").unwrap().unwrap();
        let lead = raw.keys(&leads).next().unwrap();
        let (_, record) = raw.get(&leads, &lead).unwrap().unwrap();
        raw.put(&record, "deleted_rev", "r9").unwrap();
        (format!("{}y", sent.doc_id), raw.save())
    };
    // In one batch: the original applies, its copies are set aside.
    let (_d2, office) = temp_store();
    let report = office.apply_remote(&[original.clone(), copy.clone(), deleted_copy.clone()]).unwrap();
    assert_eq!((report.docs, report.quarantined), (1, 2));
    let reasons: Vec<String> = office.quarantined().unwrap().into_iter().map(|q| q.reason).collect();
    assert!(
        reasons.iter().all(|r| r.contains(&format!("already lives in document {}", sent.doc_id))),
        "{reasons:?}"
    );
    // In batches of their own, the same.
    let (_d3, office) = temp_store();
    office.apply_remote(&[original]).unwrap();
    for copy in [copy, deleted_copy] {
        let report = office.apply_remote(&[copy]).unwrap();
        assert_eq!((report.docs, report.quarantined), (0, 1));
    }
    assert_eq!(
        office.event_leads("Salon").unwrap().len(),
        1,
        "the lead is shown once, from its own document"
    );
}

/// A sync prepares a page's new documents while it writes the last page (`Store::prepare_job`):
/// a document that the last page brought in the meantime is merged, not inserted a second time.
#[test]
fn a_document_prepared_as_new_but_received_meanwhile_is_merged() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    let first = phone.outgoing(10).unwrap().remove(0);
    phone.acknowledge(&[(first.doc_id.clone(), first.heads.clone())]).unwrap();
    let visit = phone.save_visit(&VisitReport::new(&a.id, "julie", Channel::OnSite, Utc::now())).unwrap();
    let bytes = phone.export_document(&first.doc_id).unwrap();
    let whole = crate::sync::wire::IncomingDoc { doc_id: first.doc_id.clone(), bytes, rows: None };
    // The next page's batch is prepared while the office does not hold the account yet...
    let next = vec![whole];
    let job = office.prepare_job(Arc::new(vec![next.clone()])).unwrap();
    job.work_on(2);
    let prepared = job.finish().pop().unwrap();
    // ...then the last page's write brings the account, without the visit.
    office.apply_remote(&[(first.doc_id.clone(), first.changes.clone())]).unwrap();
    let report = office.apply_prepared(&next, prepared, false).unwrap();
    assert_eq!((report.docs, report.quarantined), (1, 0));
    assert_eq!(office.visit(&visit.id).unwrap(), visit);
    assert_eq!(office.account_detail(&a.id).unwrap().timeline.len(), 1);
    assert_eq!(office.document_heads(&a.id).unwrap(), phone.document_heads(&a.id).unwrap());
}

/// A document received whole is checked record by record as it is read (`Rows::read_checked`):
/// a record of another account, even deleted, or a record of a collection its kind does not hold,
/// sets the document aside as `Document::check_membership` would, and nothing of it is shown.
#[test]
fn a_received_document_holding_a_record_it_should_not_is_set_aside_whole() {
    use automerge::{transaction::Transactable, ObjType, ReadDoc, ROOT};
    let (_d1, phone) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    phone.save_visit(&VisitReport::new(&a.id, "julie", Channel::OnSite, Utc::now())).unwrap();
    let sent = phone.outgoing(10).unwrap().remove(0);
    let tampered = |map: &str, account_id: &str, deleted: bool| {
        let mut raw = automerge::AutoCommit::load(&sent.changes).unwrap();
        let map = match raw.get(ROOT, map).unwrap() {
            Some((_, id)) => id,
            None => raw.put_object(ROOT, map, ObjType::Map).unwrap(),
        };
        let record = raw.put_object(&map, "slipped-in", ObjType::Map).unwrap();
        raw.put(&record, "account_id", account_id).unwrap();
        if deleted {
            raw.put(&record, "deleted_rev", "r1").unwrap();
        }
        raw.save()
    };
    for (bytes, why) in [
        (tampered("visits", "another-account", false), "belongs to another account"),
        (tampered("visits", "another-account", true), "belongs to another account"),
        (tampered("leads", &a.id, false), "holds no leads"),
    ] {
        let (_d2, office) = temp_store();
        let report = office.apply_remote(&[(sent.doc_id.clone(), bytes)]).unwrap();
        assert_eq!((report.docs, report.quarantined), (0, 1), "{why}");
        let reasons: Vec<String> = office.quarantined().unwrap().into_iter().map(|q| q.reason).collect();
        assert!(reasons[0].contains(why), "{reasons:?}");
        assert!(office.account(&a.id).is_err(), "nothing of the document is shown");
    }
    // Untouched, the same document applies.
    let (_d3, office) = temp_store();
    assert_eq!(office.apply_remote(&[(sent.doc_id.clone(), sent.changes.clone())]).unwrap().docs, 1);
    assert_eq!(office.account_detail(&a.id).unwrap().timeline.len(), 1);
}

#[test]
fn duplicates_are_found_and_merged_keeping_both_histories() {
    let (_d1, phone) = temp_store();
    let (_d2, tablet) = temp_store();
    // Two reps create the same company offline.
    let mut first = Account::new("Boulangerie Martin SARL", AccountKind::Prospect, "rep1");
    first.postcode = Some("69003".into());
    let first = phone.save_account(&first).unwrap();
    let v1 = phone.save_visit(&visit_on(&first, Utc::now())).unwrap();
    let mut second = Account::new("boulangerie martin", AccountKind::Prospect, "rep2");
    second.postcode = Some("69003".into());
    second.phone = Some("04 78 11 22 33".into());
    second.registration_number = Some("732 829 320 00074".into());
    let second = tablet.save_account(&second).unwrap();
    let v2 = tablet.save_visit(&VisitReport::new(&second.id, "rep2", Channel::Phone, Utc::now())).unwrap();
    let mut third = Account::new("Martin et fils", AccountKind::Client, "rep1");
    third.registration_number = Some("732829320".into());
    let third = phone.save_account(&third).unwrap();
    sync_pair(&phone, &tablet);

    let candidates = phone.duplicate_candidates().unwrap();
    let pair = |x: &str, y: &str| {
        candidates
            .iter()
            .find(|c| (c.first.id == x && c.second.id == y) || (c.first.id == y && c.second.id == x))
    };
    assert_eq!(pair(&first.id, &second.id).unwrap().reasons, [DuplicateReason::NameAndPostcode]);
    assert_eq!(pair(&second.id, &third.id).unwrap().reasons, [DuplicateReason::RegistrationNumber]);
    assert!(pair(&first.id, &third.id).is_none());
    assert_eq!(phone.similar_accounts("BOULANGERIE MARTIN", Some("69003"), None, None).unwrap().len(), 2);

    let kept = phone.merge_accounts(&first.id, &second.id).unwrap();
    assert_eq!(kept.phone.as_deref(), Some("04 78 11 22 33"), "details the kept account lacked are taken");
    let detail = phone.account_detail(&first.id).unwrap();
    assert_eq!(detail.merged_from, vec![second.id.clone()]);
    let visit_ids: Vec<_> = detail
        .timeline
        .iter()
        .filter_map(|i| match i {
            TimelineItem::Visit(v) => Some(v.id.clone()),
            _ => None,
        })
        .collect();
    assert!(visit_ids.contains(&v1.id) && visit_ids.contains(&v2.id));
    assert_eq!(phone.search_accounts("boulangerie", 10).unwrap().len(), 1);
    assert!(phone
        .duplicate_candidates()
        .unwrap()
        .iter()
        .all(|c| c.first.id != second.id && c.second.id != second.id));

    // The other device, offline during the merge, logs another visit on the duplicate.
    let late = tablet.save_visit(&VisitReport::new(&second.id, "rep2", Channel::Email, Utc::now())).unwrap();
    sync_pair(&phone, &tablet);
    for store in [&phone, &tablet] {
        let detail = store.account_detail(&first.id).unwrap();
        assert!(detail.timeline.contains(&TimelineItem::Visit(late.clone())));
    }
    // New records for the merged-away account go to the kept one.
    let redirected =
        tablet.save_visit(&VisitReport::new(&second.id, "rep2", Channel::Phone, Utc::now())).unwrap();
    assert_eq!(redirected.account_id, first.id);
    let (visit, next) = tablet
        .log_visit(
            &VisitReport::new(&second.id, "rep2", Channel::Phone, Utc::now()),
            Some(&FollowUp::new(&second.id, "Rappeler", Utc::now().date_naive(), "rep2")),
        )
        .unwrap();
    assert_eq!(
        (visit.account_id.as_str(), next.unwrap().account_id.as_str()),
        (first.id.as_str(), first.id.as_str())
    );
    assert!(matches!(phone.merge_accounts(&first.id, &second.id), Err(Error::Invalid(_))));
}

#[test]
fn a_deleted_visit_edited_elsewhere_is_reported_then_restored() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    let v = phone.save_visit(&visit_on(&a, Utc::now())).unwrap();
    sync_pair(&phone, &office);
    office.delete(Collection::Visits, &v.id).unwrap();
    let edited = phone.save_visit(&VisitReport { next_step: Some("Devis".into()), ..v.clone() }).unwrap();
    sync_pair(&phone, &office);
    for store in [&phone, &office] {
        assert!(store.account_detail(&a.id).unwrap().timeline.is_empty());
        let conflicts = store.conflicts().unwrap();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].record_id, v.id);
    }
    office.resolve_conflict(&office.conflicts().unwrap()[0], &ConflictResolution::Restore).unwrap();
    sync_pair(&phone, &office);
    assert_eq!(phone.visit(&v.id).unwrap(), edited);
    assert!(phone.conflicts().unwrap().is_empty());
}

#[test]
fn the_store_is_shared_across_threads() {
    let (_dir, store) = temp_store();
    let store = std::sync::Arc::new(store);
    let a = account(&store, "Boulangerie Martin");
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let store = store.clone();
            let a = a.clone();
            std::thread::spawn(move || {
                for i in 0..10 {
                    let mut v = visit_on(&a, Utc::now());
                    v.notes = format!("thread {t} visit {i}");
                    store.save_visit(&v).unwrap();
                    store.search_accounts("boul", 5).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(store.account_detail(&a.id).unwrap().timeline.len(), 40);
}

#[test]
fn a_dashboard_read_while_a_sync_applies_sees_one_moment() {
    use crate::insights::{Period, Scope};
    let at = Utc.with_ymd_and_hms(2026, 5, 5, 9, 0, 0).unwrap();
    let week = Period::week_of(day(2026, 5, 6));
    // The team's work, made on a rep's phone: new accounts, each with a visit and a next step.
    let (_d1, phone) = temp_store();
    for i in 0..40 {
        let a = account(&phone, &format!("Client {i}"));
        phone.save_visit(&visit_on(&a, at)).unwrap();
        phone.save_follow_up(&FollowUp::new(&a.id, "Rappeler", day(2026, 5, 7), "rep1")).unwrap();
    }
    let docs: Vec<(String, Vec<u8>)> =
        phone.outgoing(1000).unwrap().into_iter().map(|o| (o.doc_id, o.changes)).collect();
    assert_eq!(docs.len(), 40, "one document per account");

    // The manager's device receives it one account at a time while the dashboard reads: the two
    // connections it reads with read accounts, visits and follow-ups apart.
    let (_d2, office) = temp_store();
    let office = std::sync::Arc::new(office);
    let sync = {
        let office = office.clone();
        std::thread::spawn(move || {
            for doc in docs {
                office.apply_remote(&[doc]).unwrap();
            }
        })
    };
    let mut reads = 0;
    while !sync.is_finished() || reads == 0 {
        let input = office.insights_input(&Scope::Team, week).unwrap();
        let accounts: std::collections::HashSet<&str> =
            input.accounts.iter().map(|s| s.account.id.as_str()).collect();
        let of_visits = input.visits.iter().map(|v| v.account_id.as_str());
        let of_follow_ups = input.follow_ups.iter().map(|f| f.account_id.as_str());
        for id in of_visits.chain(of_follow_ups) {
            assert!(accounts.contains(id), "a record read without its account");
        }
        assert_eq!((input.visits.len(), input.follow_ups.len()), (accounts.len(), accounts.len()));
        reads += 1;
    }
    sync.join().unwrap();
    let input = office.insights_input(&Scope::Team, week).unwrap();
    assert_eq!((input.accounts.len(), input.visits.len(), input.follow_ups.len()), (40, 40, 40));
}

#[test]
fn the_insights_read_the_window_s_visits_as_saved() {
    use crate::insights::{Period, Scope, VisitFacts};
    let (_dir, store) = temp_store();
    let p = account(&store, "Boulangerie Martin");
    let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2026, 5, d, h, 0, 0).unwrap();
    let mut saved = Vec::new();
    for (i, (started, offset, channel, status)) in [
        (at(4, 9), 120, Channel::OnSite, VisitStatus::Done),
        (at(5, 14), 0, Channel::Video, VisitStatus::Planned),
        // 23:30 UTC on Sunday 10 May is Monday 11 May in Paris: out of the week.
        (Utc.with_ymd_and_hms(2026, 5, 10, 23, 30, 0).unwrap(), 120, Channel::Phone, VisitStatus::Done),
        // 22:00 UTC on Sunday 3 May is Sunday in Bogotá, out of the week; Monday in Paris, in it.
        (Utc.with_ymd_and_hms(2026, 5, 3, 22, 0, 0).unwrap(), -300, Channel::Email, VisitStatus::Done),
        (Utc.with_ymd_and_hms(2026, 5, 3, 22, 0, 0).unwrap(), 120, Channel::Email, VisitStatus::Cancelled),
    ]
    .into_iter()
    .enumerate()
    {
        let mut v = visit_on(&p, started);
        (v.utc_offset_minutes, v.channel, v.status) = (offset, channel, status);
        v.duration_minutes = 10 + i as u32;
        if status == VisitStatus::Done {
            (v.order_amount_cents, v.order_margin_cents) = (1_000 * i as i64, 7 * i as i64);
        }
        saved.push(store.save_visit(&v).unwrap());
    }
    let week = Period::week_of(day(2026, 5, 6));
    let key = |v: &VisitFacts| (v.local_day, v.duration_minutes);
    let mut expected: Vec<VisitFacts> =
        saved.iter().map(VisitFacts::from).filter(|v| week.contains(v.local_day)).collect();
    expected.sort_by_key(key);
    assert_eq!(expected.len(), 3);
    for scope in [Scope::Team, Scope::Rep("rep1".into())] {
        let mut read = store.insights_input(&scope, week).unwrap().visits;
        read.sort_by_key(key);
        assert_eq!(read, expected, "{scope:?}");
    }
    assert!(store.insights_input(&Scope::Rep("rep2".into()), week).unwrap().visits.is_empty());
}

#[test]
fn the_weekly_dashboard_is_computed_from_the_projections() {
    use crate::insights::{dashboard_window, weekly_dashboard, IndicatorKey, InsightsConfig, Period, Scope};
    let (_dir, store) = temp_store();
    let p = account(&store, "Boulangerie Martin"); // owned by rep1
    let q = store.save_account(&Account::new("Garage du Centre", AccountKind::Client, "rep2")).unwrap();
    let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2026, 5, d, h, 0, 0).unwrap();
    // rep1: three done visits this week (one with a 500.00 order), one planned, one done last week.
    for (d, order) in [(4, 0), (5, 50_000), (7, 0)] {
        let mut v = visit_on(&p, at(d, 9));
        v.order_amount_cents = order;
        v.order_margin_cents = order / 5;
        store.save_visit(&v).unwrap();
    }
    let mut planned = visit_on(&p, at(8, 9));
    planned.status = VisitStatus::Planned;
    store.save_visit(&planned).unwrap();
    store.save_visit(&visit_on(&p, Utc.with_ymd_and_hms(2026, 4, 27, 9, 0, 0).unwrap())).unwrap();
    store.save_visit(&visit_on(&p, Utc.with_ymd_and_hms(2026, 4, 29, 9, 0, 0).unwrap())).unwrap();
    // rep2: two done visits this week on their own account.
    for d in [5, 6] {
        store.save_visit(&VisitReport::new(&q.id, "rep2", Channel::OnSite, at(d, 10))).unwrap();
    }
    let action =
        store.save_follow_up(&FollowUp::new(&p.id, "Envoyer le devis", day(2026, 5, 6), "rep1")).unwrap();

    let week = Period::week_of(day(2026, 5, 6));
    let today = day(2026, 5, 8);
    let config = InsightsConfig::default();
    let value = |scope: &Scope, key: IndicatorKey| {
        let input = store.insights_input(scope, dashboard_window(week)).unwrap();
        let dashboard = weekly_dashboard(&input, scope, week, today, &config);
        let indicator = dashboard.indicators.iter().find(|i| i.key == key).unwrap().clone();
        (indicator.value, indicator.previous, dashboard)
    };
    let rep1 = Scope::Rep("rep1".into());
    // Visits: 3 done this week; last week 1 (29 April) + the one dated 27 April = 2.
    let (visits, previous, dashboard) = value(&rep1, IndicatorKey::Visits);
    assert_eq!((visits, previous), (Some(3.0), Some(2.0)));
    assert_eq!(value(&rep1, IndicatorKey::Revenue).0, Some(50_000.0));
    assert_eq!(value(&rep1, IndicatorKey::Orders).0, Some(1.0));
    assert_eq!(dashboard.actions_due.iter().map(|a| &a.follow_up_id).collect::<Vec<_>>(), [&action.id]);
    // The team: rep1's 3 and rep2's 2.
    assert_eq!(value(&Scope::Team, IndicatorKey::Visits).0, Some(5.0));

    let input = store.insights_input(&rep1, dashboard_window(week)).unwrap();
    assert_eq!(input.accounts.len(), 1);
    let activity = &input.accounts[0].activity;
    assert_eq!(
        activity.contacts_logged, 5,
        "3 this week and 2 the week before; the planned one is no contact"
    );
    assert_eq!(activity.last_contact_on, Some(day(2026, 5, 7)));
    assert_eq!(activity.last_order_on, Some(day(2026, 5, 5)));
    assert_eq!(activity.next_follow_up_on, Some(day(2026, 5, 6)));

    // The follow-ups are read by column: an edited action shows as edited, for a rep and the team.
    let due = &dashboard.actions_due[0];
    assert_eq!((due.action.as_str(), due.due_on, due.overdue), ("Envoyer le devis", day(2026, 5, 6), true));
    store.save_follow_up(&FollowUp { action: "Relancer pour le devis".into(), ..action.clone() }).unwrap();
    for scope in [rep1, Scope::Team] {
        let (_, _, dashboard) = value(&scope, IndicatorKey::Visits);
        let actions: Vec<&str> = dashboard.actions_due.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(actions, ["Relancer pour le devis"], "{scope:?}");
    }
}

#[test]
fn on_a_reps_device_only_their_own_reports_are_written() {
    let (_d1, office) = temp_store();
    let (_d2, phone) = temp_store();
    let a = account(&office, "Boulangerie Martin");
    let theirs = office.save_visit(&VisitReport::new(&a.id, "rep2", Channel::Phone, Utc::now())).unwrap();
    sync_pair(&office, &phone);
    // Before enrollment the device writes for anyone (a demo); who it acts for is read again once
    // enrolled, not kept from before.
    phone.save_visit(&VisitReport::new(&a.id, "rep2", Channel::Phone, Utc::now())).unwrap();
    phone.set_sync_value(sync_keys::ROLE, b"rep").unwrap();
    phone.set_sync_value(sync_keys::USER, b"rep1").unwrap();

    let mine = phone.save_visit(&visit_on(&a, Utc::now())).unwrap();
    phone.save_visit(&VisitReport { notes: "Bon accueil".into(), ..mine.clone() }).unwrap();
    let refused = [
        phone.save_visit(&VisitReport::new(&a.id, "rep2", Channel::Phone, Utc::now())),
        phone.save_visit(&VisitReport { notes: "modifié".into(), ..theirs.clone() }),
        phone.save_visit(&VisitReport { rep: "rep1".into(), ..theirs.clone() }),
    ];
    for outcome in refused {
        match outcome {
            Err(Error::Invalid(e)) => assert_eq!(e.field, Field::Rep),
            other => panic!("expected a refusal naming rep, got {other:?}"),
        }
    }
    assert!(matches!(phone.delete(Collection::Visits, &theirs.id), Err(Error::Invalid(_))));
    phone.delete(Collection::Visits, &mine.id).unwrap();
    assert_eq!(phone.visit(&theirs.id).unwrap(), theirs);
}

#[test]
fn a_visit_and_its_next_step_are_logged_together_or_not_at_all() {
    let (_d, store) = temp_store();
    let a = account(&store, "Boulangerie Martin");
    let visit = visit_on(&a, Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap());
    let next = FollowUp::new(&a.id, "Envoyer le devis", day(2026, 3, 9), "rep1");

    // A bad follow-up keeps the visit out too.
    let bad = FollowUp { action: String::new(), ..next.clone() };
    let err = store.log_visit(&visit, Some(&bad)).unwrap_err();
    assert!(matches!(err, Error::Invalid(ref v) if v.field == Field::Action), "{err}");
    let other = account(&store, "Cave Lebrun");
    let elsewhere = FollowUp { account_id: other.id.clone(), ..next.clone() };
    assert!(store.log_visit(&visit, Some(&elsewhere)).is_err());
    assert!(store.account_detail(&a.id).unwrap().timeline.is_empty());
    assert_eq!(store.outbox_count().unwrap(), 2, "only the two accounts wait to be sent");

    let (logged, follow_up) = store.log_visit(&visit, Some(&next)).unwrap();
    assert_eq!(logged.id, visit.id);
    assert_eq!(follow_up.unwrap().due_on, day(2026, 3, 9));
    let detail = store.account_detail(&a.id).unwrap();
    assert_eq!(detail.timeline.len(), 2, "the visit and its follow-up");
    // One write for both: the outbox counts one more change, not two.
    assert_eq!(store.outbox_count().unwrap(), 3);
    assert_eq!(store.log_visit(&visit_on(&a, Utc::now()), None).unwrap().1, None);
}

#[test]
fn the_insights_see_each_account_as_it_is_now_on_every_replica() {
    use crate::insights::{AccountFacts, Period, Scope};
    let (_d1, office) = temp_store();
    let (_d2, phone) = temp_store();
    let mut kept = account(&office, "Boulangerie Martin");
    kept.kind = AccountKind::Client;
    kept.segment = Some("Boulangerie".into());
    kept.revenue = vec![RevenueFigure {
        month: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        product_family: "Farine".into(),
        amount_cents: 120_000,
    }];
    let kept = office.save_account(&kept).unwrap();
    let absorbed = account(&office, "Boulangerie Martin SARL");
    let gone = account(&office, "Café du Port");
    office.delete(Collection::Accounts, &gone.id).unwrap();
    office.merge_accounts(&kept.id, &absorbed.id).unwrap();
    // A new owner for the kept account, edited on the phone after a sync.
    sync_pair(&office, &phone);
    let mut moved = phone.account(&kept.id).unwrap();
    moved.owner_rep = "rep2".into();
    phone.save_account(&moved).unwrap();
    sync_pair(&office, &phone);

    let window = Period::week_of(NaiveDate::from_ymd_opt(2026, 5, 6).unwrap());
    for store in [&office, &phone] {
        let facts = |scope: &Scope| -> Vec<AccountFacts> {
            let mut facts: Vec<AccountFacts> = store
                .insights_input(scope, window)
                .unwrap()
                .accounts
                .into_iter()
                .map(|s| s.account)
                .collect();
            facts.sort_by(|a, b| a.name.cmp(&b.name));
            facts
        };
        let expected: Vec<AccountFacts> =
            [&kept.id, &absorbed.id].map(|id| AccountFacts::from(&store.account(id).unwrap())).into();
        assert_eq!(facts(&Scope::Team), expected, "the deleted account is gone, the others as stored");
        assert_eq!(expected[0].owner_rep, "rep2");
        assert_eq!(expected[0].revenue.iter().map(|f| f.amount_cents).collect::<Vec<_>>(), [120_000]);
        assert_eq!(expected[1].merged_into.as_deref(), Some(kept.id.as_str()));
        assert_eq!(facts(&Scope::Rep("rep2".into())), expected[..1]);
        assert_eq!(facts(&Scope::Rep("rep1".into())), expected[1..]);
    }
}

/// How many times the statements of `conn` were parsed again after their first preparation.
fn reprepares(conn: &rusqlite::Connection) -> i32 {
    let mut total = 0;
    // SAFETY: the handle is the open connection's; sqlite3_next_stmt walks its own statements, read
    // only, while the connection is borrowed and nothing else runs on it.
    unsafe {
        let db = conn.handle();
        let mut stmt = rusqlite::ffi::sqlite3_next_stmt(db, std::ptr::null_mut());
        while !stmt.is_null() {
            total += rusqlite::ffi::sqlite3_stmt_status(stmt, rusqlite::ffi::SQLITE_STMTSTATUS_REPREPARE, 0);
            stmt = rusqlite::ffi::sqlite3_next_stmt(db, stmt);
        }
    }
    total
}

#[test]
fn logging_visits_plans_each_statement_once() {
    let (_d, store) = temp_store();
    let accounts = [account(&store, "Boulangerie Martin"), account(&store, "Café du Port")];
    for i in 0..6 {
        let visit = VisitReport::new(&accounts[i % 2].id, "rep1", Channel::Phone, Utc::now());
        store.save_visit(&visit).unwrap();
    }
    assert_eq!(reprepares(&store.writer().unwrap().conn), 0, "a cached statement was planned again");
}

/// The search entries of a batch wait in a table of their own before they are written at once:
/// each batch's must go, and only once, whatever order the accounts came in.
#[test]
fn a_batch_of_received_accounts_is_searchable_once_each_then_as_renamed() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    let accounts: Vec<Account> = (0..30).map(|i| account(&phone, &format!("Fromagerie {i:02}"))).collect();
    sync_pair(&phone, &office);
    assert_eq!(office.search_accounts("fromagerie", 100).unwrap().len(), 30);

    let mut renamed = accounts[7].clone();
    renamed.name = "Crèmerie du Port".into();
    phone.save_account(&renamed).unwrap();
    account(&phone, "Fromagerie 30");
    sync_pair(&phone, &office);
    assert_eq!(office.search_accounts("fromagerie", 100).unwrap().len(), 30, "one left, one came");
    assert_eq!(office.search_accounts("cremerie", 100).unwrap().len(), 1);
    let mut here = accounts[3].clone();
    here.name = "Épicerie Fine".into();
    office.save_account(&here).unwrap();
    assert_eq!(office.search_accounts("epicerie", 100).unwrap().len(), 1);
    assert_eq!(office.search_accounts("fromagerie", 100).unwrap().len(), 29);
    // The full-text index agrees with its own content, entry for entry.
    office
        .writer()
        .unwrap()
        .conn
        .execute("INSERT INTO accounts_fts (accounts_fts) VALUES ('integrity-check')", [])
        .unwrap();
}

#[test]
fn the_accounts_summary_refresh_searches_each_table_by_the_account() {
    let (_d, store) = temp_store();
    let side = store.writer().unwrap();
    // The plan of `sql` for the accounts asked for, and how many tables it reads whole (only the
    // list of accounts asked for may be).
    let plan = |sql: &str| -> (Vec<String>, usize) {
        let sql = format!("EXPLAIN QUERY PLAN {}", project::Accounts::These(&[]).scoped(sql));
        let mut plan = side.conn.prepare(&sql).unwrap();
        let steps: Vec<String> =
            plan.query_map([r#"["acc"]"#], |r| r.get(3)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
        let scans = steps.iter().filter(|s| s.starts_with("SCAN") && !s.contains("json_each")).count();
        (steps, scans)
    };
    let (steps, scans) = plan(project::SUMMARY_REFRESH);
    assert_eq!(scans, 0, "a table scanned whole: {steps:#?}");
    // min(due_on) of the account's open follow-ups, from the index that starts with the account.
    assert!(
        steps.iter().any(|s| s.contains("follow_ups_by_account (account_id=? AND done=?)")),
        "{steps:#?}"
    );
    // The owners' update finds the rows by the accounts asked for, too.
    let (steps, scans) = plan(project::SUMMARY_OWNERS);
    assert_eq!(scans, 0, "a table scanned whole: {steps:#?}");
}

#[test]
fn re_projecting_a_document_finds_its_rows_through_an_index() {
    let (_d, store) = temp_store();
    let side = store.writer().unwrap();
    for collection in crate::doc::Collection::ALL {
        let sql = format!("EXPLAIN QUERY PLAN {}", project::document_rows_delete(collection));
        let steps: Vec<String> = side
            .conn
            .prepare(&sql)
            .unwrap()
            .query_map(["doc"], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            steps.iter().all(|s| s.starts_with("SEARCH") && s.contains("INDEX")),
            "{collection:?}: {steps:#?}"
        );
    }
}

#[test]
fn the_people_with_records_own_a_live_account_or_logged_a_visit() {
    let (_d, store) = temp_store();
    let owned =
        |name: &str, rep: &str| store.save_account(&Account::new(name, AccountKind::Client, rep)).unwrap();
    let bakery = owned("Boulangerie Martin", "rep3");
    let cheese = owned("Fromagerie Alpes", "rep1");
    // rep4's only account was merged into another: rep4 no longer owns anything here.
    let twin = owned("Fromagerie des Alpes", "rep4");
    store.merge_accounts(&cheese.id, &twin.id).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 5, 4, 9, 0, 0).unwrap();
    for (account, rep) in [(&bakery, "rep2"), (&cheese, "rep2"), (&bakery, "rep5"), (&cheese, "rep1")] {
        store.save_visit(&VisitReport::new(&account.id, rep, Channel::Phone, at)).unwrap();
    }
    assert_eq!(store.people_with_records().unwrap(), ["rep1", "rep2", "rep3", "rep5"]);

    // A seek per person, never a read of either table or index whole.
    let side = store.writer().unwrap();
    let mut plan =
        side.conn.prepare(&format!("EXPLAIN QUERY PLAN {}", super::queries::PEOPLE_WITH_RECORDS)).unwrap();
    let steps: Vec<String> =
        plan.query_map([], |r| r.get(3)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
    let reads: Vec<&String> =
        steps.iter().filter(|s| s.contains(" accounts ") || s.contains(" visits ")).collect();
    assert_eq!(reads.len(), 2, "{steps:#?}");
    assert!(
        reads
            .iter()
            .all(|s| s.starts_with("SEARCH") && (s.contains("(owner_rep>?)") || s.contains("(rep>?)"))),
        "{steps:#?}"
    );
}

#[test]
fn a_dashboard_reads_the_window_s_visits_from_the_day_index_alone() {
    let (_d, store) = temp_store();
    let side = store.writer().unwrap();
    for rep in [None, Some("rep1")] {
        let sql = format!("EXPLAIN QUERY PLAN {}", super::insights_input::visits_query(rep));
        let mut plan = side.conn.prepare(&sql).unwrap();
        let steps: Vec<String> = plan
            .query_map(params![rep, "2026-11-01", "2026-11-30"], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(steps.len(), 1, "{steps:#?}");
        assert!(
            steps[0].starts_with(
                "SEARCH visits USING COVERING INDEX visits_by_day (local_day>? AND local_day<?)"
            ),
            "{steps:#?}"
        );
    }
}

#[test]
fn a_dashboard_finds_the_ends_of_the_summary_rows_without_reading_them() {
    let (_d, store) = temp_store();
    let side = store.writer().unwrap();
    let mut plan =
        side.conn.prepare(&format!("EXPLAIN QUERY PLAN {}", super::insights_input::SUMMARY_BOUNDS)).unwrap();
    let steps: Vec<String> =
        plan.query_map([], |r| r.get(3)).unwrap().collect::<rusqlite::Result<_>>().unwrap();
    let reads: Vec<&String> = steps.iter().filter(|s| s.contains("account_summary")).collect();
    assert_eq!(reads.len(), 2, "{steps:#?}");
    assert!(reads.iter().all(|s| s.starts_with("SEARCH")), "{steps:#?}");
}

/// SQLite's page limit stands for a full disk: past it every write fails with `SQLITE_FULL`, as
/// when the phone's storage is full. `free_disk` lifts it.
fn fill_disk(store: &Store) {
    let side = store.writer().unwrap();
    let pages: i64 = side.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    let limit = format!("PRAGMA max_page_count = {}", pages + 2);
    side.conn.query_row(&limit, [], |_| Ok(())).unwrap();
}

fn free_disk(store: &Store) {
    store.writer().unwrap().conn.query_row("PRAGMA max_page_count = 1073741823", [], |_| Ok(())).unwrap();
}

fn is_disk_full(e: &Error) -> bool {
    matches!(e, Error::Sql(s) if s.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull))
}

#[test]
fn a_full_disk_refuses_a_visit_clearly_and_keeps_every_visit_saved_before() {
    let (_dir, store) = temp_store();
    let a = account(&store, "Boulangerie Martin");
    fill_disk(&store);
    let mut saved = Vec::new();
    let (refused, error) = loop {
        let mut v = visit_on(&a, Utc.with_ymd_and_hms(2026, 5, 4, 9, 0, 0).unwrap());
        v.notes = "Présentation de la gamme de printemps, commande prévue en juin. ".repeat(20);
        match store.save_visit(&v) {
            Ok(v) => saved.push(v),
            Err(e) => break (v, e),
        }
        assert!(saved.len() < 1_000, "the page limit never filled");
    };
    assert!(is_disk_full(&error), "{error:?}");
    assert_eq!(
        error.message(crate::i18n::Lang::En),
        "The device's storage is full: nothing was saved. Free some space and try again."
    );
    assert!(matches!(store.visit(&refused.id), Err(Error::NotFound { .. })), "no half-written visit");
    for v in &saved {
        assert_eq!(&store.visit(&v.id).unwrap(), v);
    }
    assert_eq!(store.account_detail(&a.id).unwrap().timeline.len(), saved.len());
    assert_eq!(store.integrity_check().unwrap(), "ok");

    free_disk(&store);
    store.save_visit(&refused).unwrap();
    assert_eq!(store.account_detail(&a.id).unwrap().timeline.len(), saved.len() + 1);
}

#[test]
fn a_sync_that_fills_the_disk_applies_nothing_and_applies_everything_once_space_is_freed() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    for i in 0..40 {
        let mut a = Account::new(format!("Client {i}"), AccountKind::Client, "rep1");
        a.notes = "Livraison le mardi matin, quai de déchargement à l'arrière. ".repeat(10);
        phone.save_account(&a).unwrap();
    }
    let batch: Vec<(String, Vec<u8>)> =
        phone.outgoing(1000).unwrap().into_iter().map(|o| (o.doc_id, o.changes)).collect();
    fill_disk(&office);
    let error = office.apply_remote(&batch).unwrap_err();
    assert!(is_disk_full(&error), "{error:?}");
    assert_eq!(office.search_accounts("", 100).unwrap().len(), 0, "nothing half applied");
    assert_eq!(office.quarantined().unwrap().len(), 0, "a full disk sets no document aside");
    assert_eq!(office.integrity_check().unwrap(), "ok");

    free_disk(&office);
    assert_eq!(office.apply_remote(&batch).unwrap().docs, 40);
    assert_eq!(office.search_accounts("", 100).unwrap().len(), 40);
}

/// The secondary indexes of a store, with their definitions.
fn indexes(store: &Store) -> Vec<(String, String)> {
    let conn = store.reader().unwrap();
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap();
    let all = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    all.collect::<rusqlite::Result<_>>().unwrap()
}

/// A week either side of today.
fn this_fortnight() -> crate::insights::Period {
    let today = Utc::now().date_naive();
    crate::insights::Period { start: today - chrono::Days::new(7), end: today + chrono::Days::new(7) }
}

#[test]
fn a_first_sync_reads_alike_without_the_indexes_it_deferred_and_builds_them_back() {
    let (_d1, phone) = temp_store();
    let a = account(&phone, "Boulangerie Martin");
    let v = phone.save_visit(&visit_on(&a, Utc::now())).unwrap();
    let (_d2, office) = temp_store();
    let all = indexes(&office);
    assert!(office.defer_indexes().unwrap());
    let during = indexes(&office);
    assert!(during.len() < all.len(), "{} of {} indexes deferred", all.len() - during.len(), all.len());
    assert!(!during.iter().any(|(name, _)| name == "visits_by_day"), "the dashboard's index waits too");

    sync_pair(&phone, &office);
    assert_eq!(office.account_detail(&a.id).unwrap().timeline.len(), 1);
    assert_eq!(office.visit(&v.id).unwrap(), v);
    // The dashboard a manager opens while the team's data arrives: the visits are there, the
    // account's activity figures and its search entry wait for the end of the sync.
    for scope in [crate::insights::Scope::Team, crate::insights::Scope::Rep("rep1".into())] {
        let input = office.insights_input(&scope, this_fortnight()).unwrap();
        assert_eq!(input.visits.len(), 1);
        assert_eq!(input.accounts.iter().map(|s| s.activity.contacts_logged).sum::<u32>(), 0);
    }
    assert!(office.search_accounts("boulangerie", 5).unwrap().is_empty());

    office.build_deferred_indexes().unwrap();
    assert_eq!(indexes(&office), all);
    assert_eq!(office.search_accounts("boulangerie", 5).unwrap().len(), 1);
    let input = office.insights_input(&crate::insights::Scope::Team, this_fortnight()).unwrap();
    assert_eq!(input.accounts.iter().map(|s| s.activity.contacts_logged).collect::<Vec<_>>(), [1]);
    assert_eq!(office.account_detail(&a.id).unwrap().timeline.len(), 1);
    assert_eq!(office.integrity_check().unwrap(), "ok");
}

#[test]
fn a_first_sync_ends_with_the_summaries_and_search_entries_of_a_sync_that_deferred_nothing() {
    let (_d1, phone) = temp_store();
    let now = Utc::now();
    for i in 0..12_i64 {
        let a = account(&phone, &format!("Garage {i}"));
        for p in 0..i % 3 {
            phone.save_contact(&Contact::new(&a.id, format!("Personne {i}-{p}"))).unwrap();
        }
        for d in 0..i % 4 {
            let mut v = visit_on(&a, now - chrono::Duration::days(d * 3));
            v.order_amount_cents = (d % 2) * 10_000;
            phone.save_visit(&v).unwrap();
        }
        let due = now.date_naive() + chrono::Days::new(i as u64);
        phone.save_follow_up(&FollowUp::new(&a.id, "Rappeler", due, "rep1")).unwrap();
    }
    let (_d2, deferring) = temp_store();
    let (_d3, plain) = temp_store();
    assert!(deferring.defer_indexes().unwrap());
    sync_pair(&phone, &deferring);
    deferring.build_deferred_indexes().unwrap();
    sync_pair(&phone, &plain);

    for scope in [crate::insights::Scope::Team, crate::insights::Scope::Rep("rep1".into())] {
        let input = deferring.insights_input(&scope, this_fortnight()).unwrap();
        assert_eq!(input.accounts.iter().map(|s| s.activity.contacts_logged).sum::<u32>(), 18);
        assert_eq!(input.accounts.iter().map(|s| s.activity.people).sum::<u32>(), 12);
        assert!(input.accounts.iter().all(|s| s.activity.next_follow_up_on.is_some()));
        assert_eq!(input, plain.insights_input(&scope, this_fortnight()).unwrap());
    }
    let found = |store: &Store, text| store.search_accounts(text, 50).unwrap();
    assert_eq!(found(&deferring, "garage").len(), 12);
    assert_eq!(found(&deferring, "personne").len(), 8, "found by a contact's name");
    for text in ["garage", "personne", "lyon"] {
        assert_eq!(found(&deferring, text), found(&plain, text));
    }
}

#[test]
fn a_store_opened_with_indexes_still_deferred_builds_them_first() {
    let (_d1, phone) = temp_store();
    let synced = account(&phone, "Garage Dupont");
    phone.save_visit(&visit_on(&synced, Utc::now())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tournee.db");
    let all = {
        let store = Store::open(&path).unwrap();
        account(&store, "Boulangerie Martin");
        let all = indexes(&store);
        assert!(store.defer_indexes().unwrap());
        sync_pair(&phone, &store);
        all
        // The app stops here, mid-sync.
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(indexes(&store), all);
    let left: i64 =
        store.reader().unwrap().query_row("SELECT count(*) FROM deferred_indexes", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
    assert_eq!(store.search_accounts("martin", 5).unwrap().len(), 1);
    // What the sync had brought is searchable and counted.
    assert_eq!(store.search_accounts("dupont", 5).unwrap().len(), 1);
    let input = store.insights_input(&crate::insights::Scope::Team, this_fortnight()).unwrap();
    let dupont = input.accounts.iter().find(|s| s.account.id == synced.id).unwrap();
    assert_eq!(dupont.activity.contacts_logged, 1);
}

#[test]
fn a_store_already_holding_a_team_keeps_its_indexes() {
    let (_dir, store) = temp_store();
    let batch: Vec<(String, Vec<u8>)> = (0..deferred_indexes::FEW_DOCUMENTS)
        .map(|i| {
            let a = Account::new(format!("Client {i}"), AccountKind::Prospect, "rep1");
            let mut doc = Document::create(&a.id, DocKind::Account).unwrap();
            doc.put(&a).unwrap();
            (a.id.clone(), doc.export())
        })
        .collect();
    store.apply_remote(&batch).unwrap();
    let all = indexes(&store);
    assert!(!store.defer_indexes().unwrap());
    assert_eq!(indexes(&store), all);
}

#[test]
fn a_page_prepared_by_threads_joining_at_any_time_is_prepared_once_and_applies_whole() {
    let (_d1, phone) = temp_store();
    let (_d2, office) = temp_store();
    for i in 0..40 {
        account(&phone, &format!("Client {i}"));
    }
    let sent: Vec<crate::sync::wire::IncomingDoc> = phone
        .outgoing(100)
        .unwrap()
        .into_iter()
        .map(|o| crate::sync::wire::IncomingDoc { doc_id: o.doc_id, bytes: o.changes, rows: None })
        .collect();
    let (first, second) = sent.split_at(25);
    let job = Arc::new(office.prepare_job(Arc::new(vec![first.to_vec(), second.to_vec()])).unwrap());
    // The read-ahead's thread, and a writer that joins while it works and one that comes too late.
    std::thread::scope(|s| {
        let reader = s.spawn(|| job.work_on(1));
        s.spawn(|| job.work());
        reader.join().unwrap();
    });
    job.work();
    let prepared = job.finish();
    assert_eq!(prepared.len(), 2);
    for (batch, ready) in [first, second].into_iter().zip(prepared) {
        assert_eq!(ready.ready(), batch.len());
        let report = office.apply_prepared(batch, ready, false).unwrap();
        assert_eq!((report.docs, report.quarantined), (batch.len(), 0));
    }
    assert_eq!(office.search_accounts("client", 50).unwrap().len(), 40);
}

#[test]
fn a_first_sync_s_held_batches_commit_with_their_cursor_or_before_any_other_write() {
    let (_d1, phone) = temp_store();
    let (dir, office) = temp_store();
    for i in 0..10 {
        account(&phone, &format!("Client {i}"));
    }
    let mut sent: Vec<crate::sync::wire::IncomingDoc> = phone
        .outgoing(100)
        .unwrap()
        .into_iter()
        .map(|o| crate::sync::wire::IncomingDoc { doc_id: o.doc_id, bytes: o.changes, rows: None })
        .collect();
    sent.insert(
        3,
        crate::sync::wire::IncomingDoc { doc_id: "bad".into(), bytes: b"nope".to_vec(), rows: None },
    );
    let batches: Vec<Vec<_>> = sent.chunks(2).map(<[_]>::to_vec).collect();
    let committed = || -> (i64, Option<Vec<u8>>) {
        let conn = rusqlite::Connection::open(dir.path().join("tournee.db")).unwrap();
        let accounts = conn.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0)).unwrap();
        let cursor = conn
            .query_row("SELECT value FROM sync_state WHERE key = 'cursor'", [], |r| r.get(0))
            .optional()
            .unwrap();
        (accounts, cursor)
    };
    let apply_held = |batch: &[crate::sync::wire::IncomingDoc]| {
        let job = office.prepare_job(Arc::new(vec![batch.to_vec()])).unwrap();
        job.work();
        office.apply_prepared(batch, job.finish().pop().unwrap(), true).unwrap()
    };
    assert!(office.defer_indexes().unwrap());

    // The second batch holds a document that does not load: it alone is set aside, and the batch
    // before it stays held.
    assert_eq!(apply_held(&batches[0]).docs, 2);
    let second = apply_held(&batches[1]);
    assert_eq!((second.docs, second.quarantined), (1, 1));
    assert!(!office.save_cursor(b"page 1").unwrap());
    assert_eq!(committed(), (0, None), "held with their cursor");
    // A local write commits what is held, then itself.
    account(&office, "Saisi sur place");
    assert_eq!(committed(), (4, Some(b"page 1".to_vec())));
    assert_eq!(office.quarantined().unwrap().len(), 1);

    for (i, batch) in batches[2..].iter().enumerate() {
        apply_held(batch);
        let saved = office.save_cursor(format!("page {}", i + 2).as_bytes()).unwrap();
        let held = (i + 1) % sync_state::HELD_BATCHES != 0;
        assert_eq!(saved, !held);
        assert_eq!(committed().1.is_some_and(|c| c == format!("page {}", i + 2).as_bytes()), !held);
    }
    office.build_deferred_indexes().unwrap();
    assert_eq!(committed(), (11, Some(b"page 5".to_vec())));
    assert_eq!(office.search_accounts("client", 50).unwrap().len(), 10);
}
