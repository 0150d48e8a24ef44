//! The facts of an account's summary row (schema V16): everything the insights read of the
//! account, packed into one blob by the SQL function `summary_facts(...)` when the row is
//! refreshed ([`super::project::SUMMARY_REFRESH`]), and unpacked by [`read`].
//!
//! A team's dashboard reads 50,000 summary rows. Read as twenty columns, each row cost SQLite a
//! decoding step per column and rusqlite a type check and a conversion per column (callgrind of
//! `tournee-bench probe-dashboard`: 8,650 instructions a row, 58 % of the whole dashboard). One
//! blob is one column to decode, then a few varints (postcard, already the format of the
//! projected rows a server sends).

use chrono::{DateTime, NaiveDate};
use rusqlite::functions::Context;
use rusqlite::types::ValueRef;
use serde::{Deserialize, Serialize, Serializer};
use smol_str::SmolStr;

use crate::error::{Error, Result};
use crate::insights::{AccountActivity, AccountFacts, AccountSummary, RevenueFigures};
use crate::model::{AccountKind, NeedHorizon};

/// The packed facts, in the order of the SQL function's arguments. Codes are the model's text
/// codes (`AccountKind::code`...), read back with their parsers: a reordered enum cannot misread
/// them. Days are whole days since 1970-01-01, instants milliseconds.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Facts<'a> {
    name: &'a str,
    kind: &'a str,
    #[serde(borrow)]
    need_horizon: Option<&'a str>,
    #[serde(borrow)]
    segment: Option<&'a str>,
    potential_cents: Option<i64>,
    open_dispute: bool,
    lost: bool,
    #[serde(borrow)]
    merged_into: Option<&'a str>,
    created_at: i64,
    created_at_from_import: bool,
    became_client_on: Option<i64>,
    /// [`RevenueFigures::packed`]
    #[serde(serialize_with = "as_bytes")]
    revenue: &'a [u8],
    contacts_logged: u32,
    contacts_to_win: u32,
    last_contact_on: Option<i64>,
    last_order_on: Option<i64>,
    people: u32,
    next_follow_up_on: Option<i64>,
}

/// Serde writes a `&[u8]` as a sequence of numbers; as bytes it is one copy, and the borrowed
/// `&[u8]` reads it back.
fn as_bytes<S: Serializer>(bytes: &&[u8], serializer: S) -> std::result::Result<S::Ok, S::Error> {
    serializer.serialize_bytes(bytes)
}

/// How many arguments `summary_facts` takes: one per field of [`Facts`].
pub(super) const ARGUMENTS: i32 = 18;

/// The SQL function `summary_facts(name, kind, need_horizon, segment, potential_cents,
/// open_dispute, lost, merged_into, created_at, created_at_from_import, became_client_on, revenue,
/// contacts_logged, contacts_to_win, last_contact_on, last_order_on, people, next_follow_up_on)`:
/// the blob of the summary row's `facts`. An argument of the wrong type fails the write, naming it.
pub(super) fn pack(ctx: &Context) -> rusqlite::Result<Vec<u8>> {
    let args = Args(ctx);
    let facts = Facts {
        name: args.text(0, "name")?,
        kind: args.text(1, "kind")?,
        need_horizon: args.optional_text(2, "need_horizon")?,
        segment: args.optional_text(3, "segment")?,
        potential_cents: args.optional_int(4, "potential_cents")?,
        open_dispute: args.int(5, "open_dispute")? != 0,
        lost: args.int(6, "lost")? != 0,
        merged_into: args.optional_text(7, "merged_into")?,
        created_at: args.int(8, "created_at")?,
        created_at_from_import: args.int(9, "created_at_from_import")? != 0,
        became_client_on: args.optional_int(10, "became_client_on")?,
        revenue: args.blob(11, "revenue")?,
        contacts_logged: args.count(12, "contacts_logged")?,
        contacts_to_win: args.count(13, "contacts_to_win")?,
        last_contact_on: args.optional_int(14, "last_contact_on")?,
        last_order_on: args.optional_int(15, "last_order_on")?,
        people: args.count(16, "people")?,
        next_follow_up_on: args.optional_int(17, "next_follow_up_on")?,
    };
    postcard::to_allocvec(&facts).map_err(|e| failed("the facts", &e.to_string()))
}

fn failed(field: &str, why: &str) -> rusqlite::Error {
    rusqlite::Error::UserFunctionError(format!("summary_facts: {field} {why}").into())
}

/// The arguments of one call of `summary_facts`, read by type.
struct Args<'c, 'a>(&'c Context<'a>);

impl<'c> Args<'c, '_> {
    fn optional_text(&self, i: usize, field: &str) -> rusqlite::Result<Option<&'c str>> {
        match self.0.get_raw(i) {
            ValueRef::Null => Ok(None),
            ValueRef::Text(bytes) => {
                std::str::from_utf8(bytes).map(Some).map_err(|_| failed(field, "is not UTF-8"))
            }
            _ => Err(failed(field, "is not text")),
        }
    }

    fn text(&self, i: usize, field: &str) -> rusqlite::Result<&'c str> {
        self.optional_text(i, field)?.ok_or_else(|| failed(field, "is missing"))
    }

    fn optional_int(&self, i: usize, field: &str) -> rusqlite::Result<Option<i64>> {
        match self.0.get_raw(i) {
            ValueRef::Null => Ok(None),
            ValueRef::Integer(n) => Ok(Some(n)),
            _ => Err(failed(field, "is not an integer")),
        }
    }

    fn int(&self, i: usize, field: &str) -> rusqlite::Result<i64> {
        self.optional_int(i, field)?.ok_or_else(|| failed(field, "is missing"))
    }

    fn count(&self, i: usize, field: &str) -> rusqlite::Result<u32> {
        u32::try_from(self.int(i, field)?).map_err(|_| failed(field, "is out of range"))
    }

    fn blob(&self, i: usize, field: &str) -> rusqlite::Result<&'c [u8]> {
        match self.0.get_raw(i) {
            ValueRef::Blob(bytes) => Ok(bytes),
            _ => Err(failed(field, "is not a blob")),
        }
    }
}

/// A day kept as whole days since 1970-01-01.
fn epoch_day(days: Option<i64>) -> Option<NaiveDate> {
    DateTime::from_timestamp(days? * 86_400, 0).map(|t| t.date_naive())
}

/// The summary of account `id`, owned by `owner_rep`, from the `facts` of its summary row. Damaged
/// facts fail the read, naming the account and what does not read.
pub(super) fn read(id: String, owner_rep: SmolStr, facts: &[u8]) -> Result<AccountSummary> {
    let unreadable =
        |what: &str| Error::schema("account_summary", format!("unreadable {what} of account {id}"));
    let Ok((facts, [])) = postcard::take_from_bytes::<Facts>(facts) else { return Err(unreadable("facts")) };
    let account = AccountFacts {
        name: SmolStr::new(facts.name),
        kind: AccountKind::parse(facts.kind).ok_or_else(|| unreadable("kind"))?,
        need_horizon: match facts.need_horizon {
            Some(code) => Some(NeedHorizon::parse(code).ok_or_else(|| unreadable("need_horizon"))?),
            None => None,
        },
        segment: facts.segment.map(SmolStr::new),
        owner_rep,
        potential_cents: facts.potential_cents,
        open_dispute: facts.open_dispute,
        lost: facts.lost,
        merged_into: facts.merged_into.map(str::to_owned),
        created_at: DateTime::from_timestamp_millis(facts.created_at)
            .ok_or_else(|| unreadable("created_at"))?,
        created_at_from_import: facts.created_at_from_import,
        became_client_on: epoch_day(facts.became_client_on),
        revenue: RevenueFigures::from_packed(facts.revenue).ok_or_else(|| unreadable("revenue"))?,
        id,
    };
    let activity = AccountActivity {
        contacts_logged: facts.contacts_logged,
        contacts_to_win: facts.contacts_to_win,
        last_contact_on: epoch_day(facts.last_contact_on),
        last_order_on: epoch_day(facts.last_order_on),
        people: facts.people,
        next_follow_up_on: epoch_day(facts.next_follow_up_on),
    };
    Ok(AccountSummary { account, activity })
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use crate::insights::{AccountFacts, Period, Scope};
    use crate::model::{
        Account, AccountKind, Channel, Contact, FollowUp, NeedHorizon, RevenueFigure, VisitReport,
    };
    use crate::store::tests::temp_store;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_fact_of_an_account_and_its_activity_reads_back_from_its_summary() {
        let (_d, store) = temp_store();
        let mut prospect = Account::new("Épicerie des Halles", AccountKind::Prospect, "rep1");
        prospect.need_horizon = Some(NeedHorizon::ShortTerm);
        prospect.segment = Some("Épicerie fine".into());
        prospect.potential_cents = Some(2_500_000);
        prospect.open_dispute = true;
        prospect.created_at_from_import = true;
        let prospect = store.save_account(&prospect).unwrap();
        let mut client = Account::new("Boulangerie Roux", AccountKind::Client, "rep2");
        client.lost = true;
        client.became_client_on = Some(day(2026, 3, 2));
        client.revenue = vec![RevenueFigure {
            month: day(2026, 3, 1),
            product_family: "Café".into(),
            amount_cents: 98_000,
        }];
        let client = store.save_account(&client).unwrap();
        // Two done contacts, one before the account became a client and one with an order after.
        let visit = |channel, day: u32, month: u32| {
            VisitReport::new(
                &client.id,
                "rep2",
                channel,
                Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0).unwrap(),
            )
        };
        store.save_visit(&VisitReport { duration_minutes: 10, ..visit(Channel::Phone, 27, 2) }).unwrap();
        store
            .save_visit(&VisitReport { order_amount_cents: 40_000, ..visit(Channel::OnSite, 8, 4) })
            .unwrap();
        store.save_contact(&Contact::new(&client.id, "Mme Roux")).unwrap();
        store.save_follow_up(&FollowUp::new(&client.id, "Relancer", day(2026, 5, 4), "rep2")).unwrap();

        let absorbed = store
            .save_account(&Account::new("Épicerie des Halles SARL", AccountKind::Prospect, "rep1"))
            .unwrap();
        store.merge_accounts(&prospect.id, &absorbed.id).unwrap();

        let input = store.insights_input(&Scope::Team, Period::week_of(day(2026, 5, 6))).unwrap();
        for saved in [&prospect, &client, &absorbed] {
            let read = input.accounts.iter().find(|s| s.account.id == saved.id).unwrap();
            assert_eq!(read.account, AccountFacts::from(&store.account(&saved.id).unwrap()));
        }
        let merged = input.accounts.iter().find(|s| s.account.id == absorbed.id).unwrap();
        assert_eq!(merged.account.merged_into.as_deref(), Some(prospect.id.as_str()));
        let read = input.accounts.iter().find(|s| s.account.id == client.id).unwrap();
        let activity = &read.activity;
        assert_eq!((activity.contacts_logged, activity.contacts_to_win, activity.people), (2, 1, 1));
        assert_eq!(activity.last_contact_on, Some(day(2026, 4, 8)));
        assert_eq!(activity.last_order_on, Some(day(2026, 4, 8)));
        assert_eq!(activity.next_follow_up_on, Some(day(2026, 5, 4)));
    }

    #[test]
    fn a_fact_of_the_wrong_type_fails_the_write_naming_it_and_damaged_facts_fail_the_read() {
        let (_d, store) = temp_store();
        let account =
            store.save_account(&Account::new("Café du Port", AccountKind::Prospect, "rep1")).unwrap();
        let writer = store.writer().unwrap();
        let refused = writer
            .conn
            .query_row(
                "SELECT summary_facts('n', 'prospect', NULL, NULL, NULL, 0, 0, NULL, 'yesterday', 0, NULL, x'',
                     0, 0, NULL, NULL, 0, NULL)",
                [],
                |r| r.get::<_, Vec<u8>>(0),
            )
            .unwrap_err();
        assert!(refused.to_string().contains("created_at is not an integer"), "{refused}");
        let refused = writer
            .conn
            .query_row(
                "SELECT summary_facts('n', 'prospect', NULL, NULL, NULL, 0, 0, NULL, 0, 0, NULL, x'',
                     -1, 0, NULL, NULL, 0, NULL)",
                [],
                |r| r.get::<_, Vec<u8>>(0),
            )
            .unwrap_err();
        assert!(refused.to_string().contains("contacts_logged is out of range"), "{refused}");
        // Facts cut short: the dashboard says which account does not read, rather than skipping it.
        writer
            .conn
            .execute(
                "UPDATE account_summary SET facts = substr(facts, 1, 3) WHERE account_id = ?1",
                [&account.id],
            )
            .unwrap();
        drop(writer);
        let failed = store.insights_input(&Scope::Team, Period::week_of(day(2026, 5, 6))).unwrap_err();
        assert!(failed.to_string().contains(&account.id), "{failed}");
    }
}
