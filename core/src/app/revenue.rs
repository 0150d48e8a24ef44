//! Importing revenue from the ERP, month after month: each row gives an account's figure for a
//! month and a product family; a file sets the figures it covers and leaves the others as they
//! were, so importing the same file again changes nothing and next month's file adds its month.
//! The figures live in each account's document and reach the team by sync.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::changes::ChangeSet;
use super::import::{ImportOptions, RefusedLine, IMPORT_BATCH};
use super::Session;
use crate::dataio::accounts::{self, ImportColumn, REVENUE_FIELDS};
use crate::dataio::revenue;
use crate::dataio::table::{self, TextEncoding};
use crate::doc::Collection;
use crate::i18n::Lang;
use crate::model::*;
use crate::store::ImportBatch;
use crate::Result;

/// One account's figures in a file: by (month, product family), the sum in cents and the line of
/// its first row.
type FileFigures = BTreeMap<(NaiveDate, String), (i64, u32)>;

/// What a revenue import did, or would do on a dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RevenueReport {
    pub encoding: TextEncoding,
    pub delimiter: String,
    pub columns: Vec<ImportColumn>,
    pub rows: u32,
    /// Accounts whose figures change.
    pub accounts: u32,
    /// Figures (account, month, family) that are new or change.
    pub figures_set: u32,
    /// Figures the file gives as they already were.
    pub figures_unchanged: u32,
    pub refused: Vec<RefusedLine>,
    pub written: bool,
}

impl Session {
    /// Imports an ERP's revenue export (`bytes` as read from disk), reporting in `lang`; the
    /// options are the client file's (mappings, dry run, skip refused lines).
    pub fn import_revenue(&self, bytes: &[u8], options: &ImportOptions, lang: Lang) -> Result<RevenueReport> {
        let table = table::read(bytes)?;
        let columns =
            accounts::columns_of(&table.headers, &options.mappings, REVENUE_FIELDS, REVENUE_FIELDS)?;
        let numbers = if table.delimiter == ';' { Lang::Fr } else { Lang::En };
        let known = self.store().accounts_by_external_ref()?;
        let mut refused = Vec::new();
        let mut refuse = |line: u32, e: ValidationError| {
            let text = e.message(lang);
            refused.push(RefusedLine { line, field: e.field, reason: e.reason, text });
        };
        // Per account: the figures of the file by (month, family), summed, and the first line of each.
        let mut sums: BTreeMap<String, FileFigures> = BTreeMap::new();
        let mut ids: HashMap<String, String> = HashMap::new();
        for row in &table.rows {
            let line = match revenue::revenue_line(row, &columns, numbers) {
                Ok(line) => line,
                Err(e) => {
                    refuse(row.line, e);
                    continue;
                }
            };
            let account_id = match ids.get(&line.reference) {
                Some(id) => id.clone(),
                None => match self.account_of(&known, &line.reference)? {
                    Some(id) => {
                        ids.insert(line.reference.clone(), id.clone());
                        id
                    }
                    None => {
                        let reason = Reason::NoSuchAccount { reference: line.reference.clone() };
                        refuse(row.line, ValidationError::new(Field::ExternalRef, reason));
                        continue;
                    }
                },
            };
            let key = (line.figure.month, line.figure.product_family);
            let entry = sums.entry(account_id).or_default().entry(key).or_insert((0, line.line));
            entry.0 = entry.0.saturating_add(line.figure.amount_cents);
        }
        let (mut figures_set, mut figures_unchanged) = (0u32, 0u32);
        let mut updated = Vec::new();
        for (account_id, figures) in sums {
            let mut account = self.store().account(&account_id)?;
            let mut changed = false;
            for ((month, family), (cents, line)) in figures {
                let at = account.revenue.iter().position(|f| f.month == month && f.product_family == family);
                match at {
                    Some(at) if account.revenue[at].amount_cents == cents => figures_unchanged += 1,
                    Some(at) => {
                        account.revenue[at].amount_cents = cents;
                        figures_set += 1;
                        changed = true;
                    }
                    None => {
                        account.revenue.push(RevenueFigure {
                            month,
                            product_family: family,
                            amount_cents: cents,
                        });
                        figures_set += 1;
                        changed = true;
                    }
                }
                // A sum past the limits, or more figures than an account keeps.
                if let Err(e) = account.validate() {
                    refuse(line, e);
                    changed = false;
                    break;
                }
            }
            if changed {
                updated.push(account);
            }
        }
        refused.sort_by_key(|r| r.line);
        let write = !options.dry_run && (refused.is_empty() || options.skip_refused);
        if write {
            for chunk in updated.chunks(IMPORT_BATCH) {
                let batch = ImportBatch { updated: chunk.to_vec(), ..ImportBatch::default() };
                let mut touched = ChangeSet::default();
                for account in chunk {
                    touched.add_record(Collection::Accounts, &account.id);
                }
                self.wrote(self.store().import_batch(&batch), |()| touched)?;
            }
        }
        Ok(RevenueReport {
            encoding: table.encoding,
            delimiter: table.delimiter.to_string(),
            columns,
            rows: u32::try_from(table.rows.len()).unwrap_or(u32::MAX),
            accounts: u32::try_from(updated.len()).unwrap_or(u32::MAX),
            figures_set,
            figures_unchanged,
            refused,
            written: write,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::session;

    const CLIENTS: &[u8] = include_bytes!("../../../tests/vectors/import/clients-fr-windows1252.csv");
    const JANUARY: &[u8] = include_bytes!("../../../tests/vectors/import/revenue-2026-01.csv");

    fn month(m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, 1).unwrap()
    }

    fn figures(session: &Session, reference: &str) -> Vec<(NaiveDate, String, i64)> {
        let id = session.store().accounts_by_external_ref().unwrap()[reference].clone();
        let mut out: Vec<_> = session
            .store()
            .account(&id)
            .unwrap()
            .revenue
            .into_iter()
            .map(|f| (f.month, f.product_family, f.amount_cents))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_monthly_file_sets_its_figures_again_and_again_and_leaves_the_others() {
        let (_dir, session, _) = session();
        session.import_accounts(CLIENTS, &ImportOptions::default(), Lang::Fr).unwrap();
        let dry = ImportOptions { dry_run: true, ..ImportOptions::default() };
        let report = session.import_revenue(JANUARY, &dry, Lang::Fr).unwrap();
        assert_eq!((report.accounts, report.figures_set, report.written), (2, 3, false));
        assert_eq!(report.refused, vec![]);
        assert_eq!(figures(&session, "C0001"), vec![]);

        let report = session.import_revenue(JANUARY, &ImportOptions::default(), Lang::Fr).unwrap();
        assert!(report.written);
        // Two invoice lines of the same month and family add up.
        assert_eq!(
            figures(&session, "C0001"),
            vec![(month(1), "Farines".into(), 330_000), (month(1), "Levures".into(), 45_050)]
        );
        let outbox = session.outbox_count().unwrap();
        let again = session.import_revenue(JANUARY, &ImportOptions::default(), Lang::Fr).unwrap();
        assert_eq!((again.accounts, again.figures_set, again.figures_unchanged), (0, 0, 3));
        assert_eq!(session.outbox_count().unwrap(), outbox);

        // February's file, with January's flour corrected: the rest stays.
        let february = "Code client;Mois;Famille;CA HT\nC0001;02/2026;Farines;2 000,00\nC0001;01/2026;Farines;3 250,00\nC0003;2026-02;Cafés;99,90\n";
        let report =
            session.import_revenue(february.as_bytes(), &ImportOptions::default(), Lang::Fr).unwrap();
        assert_eq!((report.accounts, report.figures_set), (2, 3));
        assert_eq!(
            figures(&session, "C0001"),
            vec![
                (month(1), "Farines".into(), 325_000),
                (month(1), "Levures".into(), 45_050),
                (month(2), "Farines".into(), 200_000)
            ]
        );
        assert_eq!(figures(&session, "C0002"), vec![(month(1), "Équipement".into(), 1_200_000)]);
    }

    #[test]
    fn an_unknown_account_or_a_bad_figure_is_named_and_nothing_is_written() {
        let (_dir, session, _) = session();
        session.import_accounts(CLIENTS, &ImportOptions::default(), Lang::Fr).unwrap();
        let file = "Code client;Mois;Famille;CA HT\nC0001;2026-01;Farines;100\nC9999;2026-01;Farines;100\nC0002;janvier;Farines;100\nC0002;2026-01;Farines;1.250\n";
        let report = session.import_revenue(file.as_bytes(), &ImportOptions::default(), Lang::En).unwrap();
        assert!(!report.written);
        let refused: Vec<(u32, Field)> = report.refused.iter().map(|r| (r.line, r.field)).collect();
        assert_eq!(
            refused,
            [(3, Field::ExternalRef), (4, Field::RevenueMonth), (5, Field::RevenueAmountCents)]
        );
        assert_eq!(
            report.refused[0].text,
            "External reference: no account on this device has the reference \"C9999\" (import the client file first)"
        );
        assert_eq!(figures(&session, "C0001"), vec![]);
        let skip = ImportOptions { skip_refused: true, ..ImportOptions::default() };
        session.import_revenue(file.as_bytes(), &skip, Lang::En).unwrap();
        assert_eq!(figures(&session, "C0001"), vec![(month(1), "Farines".into(), 10_000)]);
    }
}
