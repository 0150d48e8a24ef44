//! Importing the client file: a spreadsheet's accounts and contacts read, checked and compared
//! with the device's accounts (by external reference, then the duplicate rules), shown as a dry
//! run, and written in batches of one transaction each only when confirmed. Importing the same file
//! again creates nothing: an account is known by its external reference, a contact by its name on
//! its account.

use std::collections::HashMap;

use super::changes::ChangeSet;
use super::Session;
use crate::dataio::accounts::{self, Draft, ImportColumn, RowContext};
use crate::dataio::table::{self, TextEncoding};
use crate::doc::Collection;
use crate::i18n::Lang;
use crate::model::*;
use crate::store::{AccountListItem, ImportBatch};
use crate::Result;

/// New accounts written per transaction: short enough that the app's own writes wait little
/// between two batches.
pub const IMPORT_BATCH: usize = 250;

/// How to import a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ImportOptions {
    /// Columns the user mapped to fields (or to nothing), before the headers are read.
    pub mappings: Vec<ImportColumn>,
    /// Only say what the import would do.
    pub dry_run: bool,
    /// Write the lines that are fine even when others are refused; else a file with a refused line
    /// writes nothing.
    pub skip_refused: bool,
}

/// An account of the file: created (or to be), or already on the device.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ImportedAccount {
    /// The file line of its first row.
    pub line: u32,
    pub external_ref: String,
    pub account_id: String,
    pub name: String,
    /// Contacts the file adds to it.
    pub new_contacts: u32,
    /// Live accounts it may duplicate by the core's rules (same name and postcode, same
    /// registration number, a contact at the same company email domain); a new account only.
    pub similar_accounts: Vec<AccountListItem>,
}

/// A line of the file that is not imported: which field, why, and the sentence saying it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RefusedLine {
    pub line: u32,
    pub field: Field,
    pub reason: Reason,
    /// "Ligne 12 : Type de compte : « clien » n'est aucune de ces valeurs : …" without the line.
    pub text: String,
}

/// What an import did, or would do on a dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ImportReport {
    pub encoding: TextEncoding,
    /// The separator found: `;`, `,` or a tab.
    pub delimiter: String,
    /// Each column of the file and the field it was read as (`None`: ignored).
    pub columns: Vec<ImportColumn>,
    /// Rows read under the header.
    pub rows: u32,
    pub created: Vec<ImportedAccount>,
    /// Accounts an earlier import (or a merge) already brought, with the contacts added to them.
    pub existing: Vec<ImportedAccount>,
    pub refused: Vec<RefusedLine>,
    /// Whether anything was written: false on a dry run, and when a refused line stopped it.
    pub written: bool,
}

impl ImportReport {
    /// Contacts created (or to be) in all.
    pub fn new_contacts(&self) -> u32 {
        self.created.iter().chain(&self.existing).map(|a| a.new_contacts).sum()
    }
}

/// The plan of one account of the file.
struct Planned {
    summary: ImportedAccount,
    /// The new account, `None` for one already on the device.
    account: Option<Account>,
    contacts: Vec<Contact>,
    /// Contact names it has or will have, folded ([`crate::i18n::fold`]).
    names: Vec<String>,
}

impl Planned {
    fn add_contact(&mut self, contact: Option<Contact>) {
        let Some(mut contact) = contact else { return };
        let name = crate::i18n::fold(contact.name.trim());
        if self.names.contains(&name) {
            return;
        }
        contact.account_id.clone_from(&self.summary.account_id);
        self.names.push(name);
        self.contacts.push(contact);
        self.summary.new_contacts += 1;
    }
}

impl Session {
    /// Imports the accounts and contacts of a CSV file (`bytes` as read from disk), reporting in
    /// `lang`. A file that cannot be imported at all (no header, no column for the name or the
    /// external reference, a mapping naming no column) is refused naming the field.
    pub fn import_accounts(&self, bytes: &[u8], options: &ImportOptions, lang: Lang) -> Result<ImportReport> {
        let table = table::read(bytes)?;
        let columns = accounts::columns(&table.headers, &options.mappings)?;
        let ctx = RowContext {
            default_owner: self.me().to_owned(),
            team: self.team_members()?,
            default_kind: AccountKind::Client,
            numbers: if table.delimiter == ';' { Lang::Fr } else { Lang::En },
            lang,
        };
        let known = self.store().accounts_by_external_ref()?;
        let mut plans: Vec<Planned> = Vec::new();
        let mut by_ref: HashMap<String, usize> = HashMap::new();
        let mut refused = Vec::new();
        for row in &table.rows {
            let draft = match accounts::draft(row, &columns, &ctx) {
                Ok(draft) => draft,
                Err(e) => {
                    let text = e.message(lang);
                    refused.push(RefusedLine { line: row.line, field: e.field, reason: e.reason, text });
                    continue;
                }
            };
            let reference = draft.external_ref().to_owned();
            if let Some(&at) = by_ref.get(&reference) {
                plans[at].add_contact(draft.contact);
                continue;
            }
            let plan = match self.account_of(&known, &reference)? {
                Some(account_id) => self.existing_plan(&draft, &account_id)?,
                None => self.new_plan(&draft)?,
            };
            by_ref.insert(reference, plans.len());
            plans.push(plan);
            let last = plans.len() - 1;
            plans[last].add_contact(draft.contact);
        }
        let write = !options.dry_run && (refused.is_empty() || options.skip_refused);
        if write {
            self.write_plans(&plans)?;
        }
        let (mut created, mut existing) = (Vec::new(), Vec::new());
        for plan in plans {
            if plan.account.is_some() {
                created.push(plan.summary);
            } else {
                existing.push(plan.summary);
            }
        }
        Ok(ImportReport {
            encoding: table.encoding,
            delimiter: table.delimiter.to_string(),
            columns,
            rows: u32::try_from(table.rows.len()).unwrap_or(u32::MAX),
            created,
            existing,
            refused,
            written: write,
        })
    }

    /// The account a reference stands for: one imported with it, or (as an export of this app
    /// gives an account with no external reference) the account of that id.
    pub(super) fn account_of(
        &self,
        known: &HashMap<String, String>,
        reference: &str,
    ) -> Result<Option<String>> {
        if let Some(id) = known.get(reference) {
            return Ok(Some(id.clone()));
        }
        match self.store().account(reference) {
            Ok(account) => Ok(Some(account.merged_into.unwrap_or(account.id))),
            Err(crate::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn new_plan(&self, draft: &Draft) -> Result<Planned> {
        let a = &draft.account;
        let email = draft.contact.as_ref().and_then(|c| c.email.as_deref());
        let similar_accounts = self.store().similar_accounts(
            &a.name,
            a.postcode.as_deref(),
            email,
            a.registration_number.as_deref(),
        )?;
        Ok(Planned {
            summary: ImportedAccount {
                line: draft.line,
                external_ref: draft.external_ref().to_owned(),
                account_id: a.id.clone(),
                name: a.name.clone(),
                new_contacts: 0,
                similar_accounts,
            },
            account: Some(a.clone()),
            contacts: Vec::new(),
            names: Vec::new(),
        })
    }

    fn existing_plan(&self, draft: &Draft, account_id: &str) -> Result<Planned> {
        let account = self.store().account(account_id)?;
        let names =
            self.store().contact_names(account_id)?.iter().map(|n| crate::i18n::fold(n.trim())).collect();
        Ok(Planned {
            summary: ImportedAccount {
                line: draft.line,
                external_ref: draft.external_ref().to_owned(),
                account_id: account.id,
                name: account.name,
                new_contacts: 0,
                similar_accounts: Vec::new(),
            },
            account: None,
            contacts: Vec::new(),
            names,
        })
    }

    /// Writes the plans in batches of [`IMPORT_BATCH`] accounts, each one transaction, announced
    /// as it lands. A batch that fails stops the import; the batches before it stay, and running
    /// the import again completes it without creating them twice.
    fn write_plans(&self, plans: &[Planned]) -> Result<()> {
        let writes: Vec<&Planned> =
            plans.iter().filter(|p| p.account.is_some() || !p.contacts.is_empty()).collect();
        for chunk in writes.chunks(IMPORT_BATCH) {
            let mut batch = ImportBatch::default();
            let mut touched = ChangeSet::default();
            for plan in chunk {
                match &plan.account {
                    Some(account) => {
                        batch.accounts.push((account.clone(), plan.contacts.clone()));
                        touched.add_record(Collection::Accounts, &account.id);
                    }
                    None => batch.contacts.extend(plan.contacts.iter().cloned()),
                }
                if !plan.contacts.is_empty() {
                    touched.add_record(Collection::Contacts, &plan.summary.account_id);
                }
            }
            self.wrote(self.store().import_batch(&batch), |()| touched)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::{know_team, session};

    const FRENCH: &[u8] = include_bytes!("../../../tests/vectors/import/clients-fr-windows1252.csv");
    const ENGLISH: &[u8] = include_bytes!("../../../tests/vectors/import/clients-en-utf8-bom.csv");
    const BAD: &[u8] = include_bytes!("../../../tests/vectors/import/clients-bad-lines.csv");

    fn dry() -> ImportOptions {
        ImportOptions { dry_run: true, ..ImportOptions::default() }
    }

    /// Every file of the device's data directory, with its bytes.
    fn files(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut out: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        out.sort();
        out
    }

    fn by_ref(session: &Session, reference: &str) -> Account {
        let id = session.store().accounts_by_external_ref().unwrap()[reference].clone();
        session.store().account(&id).unwrap()
    }

    #[test]
    fn a_french_windows_1252_export_is_shown_then_imported_then_imports_nothing_again() {
        let (dir, session, seen) = session();
        let before = files(dir.path());
        let report = session.import_accounts(FRENCH, &dry(), Lang::Fr).unwrap();
        assert_eq!(files(dir.path()), before, "a dry run writes nothing");
        assert!(seen.lock().unwrap().is_empty());
        assert_eq!(
            (report.encoding, report.delimiter.as_str(), report.rows),
            (TextEncoding::Windows1252, ";", 5)
        );
        assert!(!report.written);
        assert_eq!(report.refused, vec![]);
        let refs: Vec<&str> = report.created.iter().map(|a| a.external_ref.as_str()).collect();
        assert_eq!(refs, ["C0001", "C0002", "C0003", "C0004"]);
        assert_eq!(report.created.iter().map(|a| a.new_contacts).collect::<Vec<_>>(), [2, 1, 0, 1]);
        assert_eq!(report.created[1].line, 4, "the line the row starts on");
        let fields: Vec<Option<Field>> = report.columns.iter().map(|c| c.field).collect();
        assert_eq!(fields[8], Some(Field::RegistrationNumber));
        assert_eq!(fields[12], Some(Field::ContactEmail));

        let report = session.import_accounts(FRENCH, &ImportOptions::default(), Lang::Fr).unwrap();
        assert!(report.written);
        assert_eq!(report.created.len(), 4);
        let lefevre = by_ref(&session, "C0001");
        assert_eq!(lefevre.name, "Boulangerie Pâtissière Lefèvre");
        assert_eq!((lefevre.kind, lefevre.potential_cents), (AccountKind::Client, Some(1_250_050)));
        assert_eq!(lefevre.became_client_on, None, "a client of long standing, not won today");
        let detail = session.account_detail(&lefevre.id).unwrap();
        let mut names: Vec<&str> = detail.contacts.iter().map(|c| c.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["Jérôme Lefèvre", "Élodie Lefèvre"]);
        let sera = by_ref(&session, "C0002");
        assert_eq!(sera.name, "Société d'Équipement Rhône; Alpes");
        assert_eq!(sera.notes, "Rappeler en mars;\nbesoin à court terme");
        assert_eq!(sera.potential_cents, Some(300_000));
        let cafe = by_ref(&session, "C0003");
        assert_eq!((cafe.kind, cafe.owner_rep.as_str()), (AccountKind::FormerClient, "rep1"));
        assert_eq!(cafe.potential_cents, Some(85_000));
        let garage = by_ref(&session, "C0004");
        assert_eq!((garage.kind, garage.owner_rep.as_str()), (AccountKind::Prescriber, "rep2"));
        assert_eq!(garage.notes, "€ apporteur");
        let outbox = session.outbox_count().unwrap();
        assert_eq!(outbox, 4, "one document a new account, sent at the next sync");
        assert!(seen.lock().unwrap().iter().any(|c| c.collections.contains(&Collection::Accounts)));

        let again = session.import_accounts(FRENCH, &ImportOptions::default(), Lang::Fr).unwrap();
        assert_eq!(again.created, vec![]);
        assert_eq!(again.existing.len(), 4);
        assert_eq!(again.new_contacts(), 0);
        assert_eq!(session.outbox_count().unwrap(), outbox, "nothing written twice");
        assert_eq!(session.search_accounts("", 100).unwrap().len(), 4);
    }

    #[test]
    fn an_excel_utf8_file_with_a_byte_order_mark_and_english_headers() {
        let (_dir, session, _) = session();
        let report = session.import_accounts(ENGLISH, &ImportOptions::default(), Lang::En).unwrap();
        assert_eq!((report.encoding, report.delimiter.as_str()), (TextEncoding::Utf8WithBom, ","));
        assert_eq!(
            report.columns[0].field,
            Some(Field::ExternalRef),
            "the byte order mark is not in the header"
        );
        assert_eq!(report.refused, vec![]);
        assert_eq!(report.created.len(), 3);
        let acme = by_ref(&session, "US-100");
        assert_eq!((acme.kind, acme.potential_cents), (AccountKind::Client, Some(2_500_075)));
        assert_eq!(by_ref(&session, "US-101").name, "Zoë's Café");
        let smith = by_ref(&session, "US-102");
        assert_eq!((smith.name.as_str(), smith.kind), ("Smith, Wesson & Sons", AccountKind::FormerClient));
    }

    #[test]
    fn each_bad_line_is_named_and_a_file_with_one_writes_nothing_unless_told() {
        let (dir, session, _) = session();
        let before = files(dir.path());
        let report = session.import_accounts(BAD, &ImportOptions::default(), Lang::Fr).unwrap();
        assert!(!report.written);
        assert_eq!(files(dir.path()), before, "a refused import leaves the store byte for byte");
        let refused: Vec<(u32, Field)> = report.refused.iter().map(|l| (l.line, l.field)).collect();
        assert_eq!(
            refused,
            [
                (3, Field::Kind),
                (4, Field::Name),
                (5, Field::PotentialCents),
                (6, Field::ContactEmail),
                (7, Field::ExternalRef),
                (8, Field::Phone),
                (9, Field::ContactName),
            ]
        );
        assert_eq!(report.refused[2].reason, Reason::AmbiguousAmount { text: "1.250".into() });
        assert_eq!(report.refused[3].text, "E-mail du contact : n'est pas une adresse e-mail");
        assert_eq!(report.created.len(), 1);

        let report = session.import_accounts(BAD, &dry(), Lang::En).unwrap();
        assert_eq!(report.refused[4].text, "External reference: is required");
        assert_eq!(files(dir.path()), before);

        let skip = ImportOptions { skip_refused: true, ..ImportOptions::default() };
        let report = session.import_accounts(BAD, &skip, Lang::Fr).unwrap();
        assert!(report.written);
        assert_eq!(by_ref(&session, "B001").potential_cents, Some(420_000));
        assert_eq!(session.search_accounts("", 100).unwrap().len(), 1);
    }

    #[test]
    fn a_file_that_cannot_be_imported_names_the_field_and_a_mapping_fixes_it() {
        let (_dir, session, _) = session();
        let file = "Numéro;Société;Divers\nN1;Boulangerie Martin;livrer tôt\n".as_bytes();
        let err = session.import_accounts(file, &dry(), Lang::Fr).unwrap_err();
        assert!(
            matches!(&err, crate::Error::Invalid(v) if v.field == Field::ExternalRef && v.reason == Reason::NoColumn)
        );
        let mappings = vec![
            accounts::parse_mapping("Numéro=external_ref").unwrap(),
            accounts::parse_mapping("Divers=notes").unwrap(),
        ];
        let report = session
            .import_accounts(file, &ImportOptions { mappings, ..ImportOptions::default() }, Lang::Fr)
            .unwrap();
        assert_eq!(by_ref(&session, "N1").notes, "livrer tôt");
        assert_eq!(report.created.len(), 1);
        let missing = vec![accounts::parse_mapping("Zone=territory").unwrap()];
        let err = session
            .import_accounts(file, &ImportOptions { mappings: missing, ..dry() }, Lang::Fr)
            .unwrap_err();
        assert!(matches!(&err, crate::Error::Invalid(v) if v.field == Field::Column));
        let err = session.import_accounts(b"", &dry(), Lang::Fr).unwrap_err();
        assert!(matches!(&err, crate::Error::Invalid(v) if v.reason == Reason::EmptyFile));
    }

    #[test]
    fn an_account_already_on_the_device_is_shown_as_a_possible_duplicate() {
        let (_dir, session, _) = session();
        let mut typed = session.new_account("Boulangerie Patissiere Lefevre", AccountKind::Client);
        typed.postcode = Some("69003".into());
        let typed = session.save_account(&typed).unwrap();
        let report = session.import_accounts(FRENCH, &dry(), Lang::Fr).unwrap();
        let similar: Vec<&str> = report.created[0].similar_accounts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(similar, [typed.id.as_str()]);
        assert!(report.created[1..].iter().all(|a| a.similar_accounts.is_empty()));
    }

    #[test]
    fn a_merged_account_is_not_imported_again_and_a_new_contact_row_lands_on_the_survivor() {
        let (_dir, session, _) = session();
        session.import_accounts(ENGLISH, &ImportOptions::default(), Lang::En).unwrap();
        let acme = by_ref(&session, "US-100");
        let kept = session.save_account(&session.new_account("ACME Bakery", AccountKind::Client)).unwrap();
        session.store().merge_accounts(&kept.id, &acme.id).unwrap();
        let more = "\u{feff}Customer ID,Company,Contact name\nUS-100,Acme Bakery Supplies,John Roe\nUS-100,Acme Bakery Supplies,Jane Doe\n";
        let report = session.import_accounts(more.as_bytes(), &ImportOptions::default(), Lang::En).unwrap();
        assert_eq!(report.created, vec![]);
        assert_eq!(report.existing[0].account_id, kept.id);
        assert_eq!(report.existing[0].new_contacts, 1, "Jane Doe was imported already");
        let names: Vec<String> =
            session.account_detail(&kept.id).unwrap().contacts.into_iter().map(|c| c.name).collect();
        assert!(names.contains(&"John Roe".to_owned()), "{names:?}");
    }

    #[test]
    fn a_spreadsheet_names_owners_by_name_once_the_team_is_known() {
        let (_dir, session, _) = session();
        know_team(&session, &[("rep1", "Alice Martin"), ("rep2", "Éric Lefèvre")]);
        let file = "Code client;Raison sociale;Commercial\nK1;Café Lyon;alice MARTIN\nK2;Garage Voiron;Eric Lefevre\nK3;Bar Nantes;rep2\nK4;Hôtel Brest;Paul Durand\n";
        let report = session.import_accounts(file.as_bytes(), &ImportOptions::default(), Lang::Fr).unwrap();
        assert_eq!(report.refused.len(), 1);
        assert_eq!((report.refused[0].line, report.refused[0].field), (5, Field::OwnerRep));
        assert_eq!(
            report.refused[0].reason,
            Reason::UnknownValue {
                text: "Paul Durand".into(),
                accepted: "Alice Martin, Éric Lefèvre".into()
            }
        );
        assert!(!report.written, "one refused line writes nothing unless told");
        let skip = ImportOptions { skip_refused: true, ..ImportOptions::default() };
        session.import_accounts(file.as_bytes(), &skip, Lang::Fr).unwrap();
        let owners: Vec<String> = ["K1", "K2", "K3"].iter().map(|r| by_ref(&session, r).owner_rep).collect();
        assert_eq!(owners, ["rep1", "rep2", "rep2"]);
    }

    /// The week a client file is imported, the dashboard counts as new accounts the ones the rep
    /// opened and the ones the file says were created that week, not the whole file.
    #[test]
    fn an_imported_client_file_is_not_the_weeks_new_accounts() {
        use crate::insights::{IndicatorKey, Period, Scope};
        use chrono::{NaiveDate, Utc};
        let (_dir, session, _) = session();
        let today = Utc::now().date_naive();
        let file = format!(
            "Code client;Raison sociale;Date de création\nK1;Café Lyon;\nK2;Garage Voiron;\nK3;Bar Nantes;{}\nK4;Hôtel Brest;15/01/2024\n",
            today.format("%d/%m/%Y")
        );
        session.import_accounts(file.as_bytes(), &ImportOptions::default(), Lang::Fr).unwrap();
        let undated = by_ref(&session, "K1");
        assert!(undated.created_at_from_import);
        assert_eq!(undated.created_at.date_naive(), today, "known since the import");
        assert!(!by_ref(&session, "K3").created_at_from_import);
        session.save_account(&session.new_account("Fromagerie Roux", AccountKind::Prospect)).unwrap();

        let kpis = session.kpis(&Scope::Team, Period::week_of(today), today).unwrap();
        assert_eq!(kpis.new_accounts, 2, "Fromagerie Roux, and Bar Nantes created today by the file");
        let dashboard = session.weekly_dashboard(&Scope::Team, today, today).unwrap();
        let new_accounts = dashboard.indicators.iter().find(|i| i.key == IndicatorKey::NewAccounts).unwrap();
        assert_eq!(new_accounts.value, Some(2.0));
        let jan_2024 = NaiveDate::from_ymd_opt(2024, 1, 15).unwrap();
        assert_eq!(session.kpis(&Scope::Team, Period::week_of(jan_2024), today).unwrap().new_accounts, 1);
    }
}
