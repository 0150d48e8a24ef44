//! The client file's rows as accounts and contacts: which column holds which field (by header, in
//! French or English, or as the user maps it), and each row read into an account and its contact,
//! or refused naming the field and why. No store here: the session decides what is new.

use chrono::{NaiveDate, TimeZone, Utc};

use super::table::Row;
use crate::i18n::{label, parse_amount, Coded, Lang};
use crate::model::*;
use crate::sync::api::User;

/// The fields a client file's columns may hold, in the order an export writes them.
pub const ACCOUNT_FIELDS: &[Field] = &[
    Field::ExternalRef,
    Field::Name,
    Field::Kind,
    Field::NeedHorizon,
    Field::OwnerRep,
    Field::Territory,
    Field::Segment,
    Field::LeadSource,
    Field::PotentialCents,
    Field::RegistrationNumber,
    Field::Address,
    Field::Postcode,
    Field::City,
    Field::Phone,
    Field::Website,
    Field::Notes,
    Field::CreatedAt,
    Field::ContactName,
    Field::ContactRole,
    Field::ContactPhone,
    Field::ContactEmail,
];

/// The fields an ERP's revenue export holds: whose, which month, which product family, how much.
pub const REVENUE_FIELDS: &[Field] =
    &[Field::ExternalRef, Field::RevenueMonth, Field::RevenueProductFamily, Field::RevenueAmountCents];

/// A column of the file and the field it holds (`None`: ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ImportColumn {
    pub column: String,
    pub field: Option<Field>,
}

/// Lowercase letters and digits only, accents dropped: "N° SIRET" and "nsiret" read the same.
fn norm(text: &str) -> String {
    crate::i18n::fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Headers spreadsheets give each field, beyond its code and its labels (normalized).
fn synonyms(field: Field) -> &'static [&'static str] {
    match field {
        Field::ExternalRef => &[
            "ref",
            "reference",
            "refclient",
            "codeclient",
            "clientcode",
            "customercode",
            "customerid",
            "customerno",
            "customernumber",
            "customerref",
            "numeroclient",
            "nclient",
            "noclient",
            "numclient",
            "idclient",
            "clientid",
            "codetiers",
            "externalid",
            "accountref",
            "accountnumber",
        ],
        Field::Name => &[
            "nom",
            "raisonsociale",
            "societe",
            "entreprise",
            "company",
            "companyname",
            "client",
            "customer",
            "compte",
            "account",
            "accountname",
            "nomducompte",
            "nomclient",
            "denomination",
        ],
        Field::Kind => &["type", "typedecompte", "statut", "accounttype", "categoriedecompte"],
        Field::NeedHorizon => &["horizon", "besoin", "need"],
        Field::OwnerRep => {
            &["commercial", "owner", "rep", "responsable", "commercialid", "salesrep", "vendeur"]
        }
        Field::Territory => &["zone", "secteur", "territoire", "region"],
        Field::Segment => &["categorie", "category", "activite", "secteurdactivite", "industry"],
        Field::LeadSource => &["source", "origine", "origin", "provenance"],
        Field::PotentialCents => &["potentiel", "potential", "capotentiel", "potentielannuel"],
        Field::RegistrationNumber => &[
            "siret",
            "siren",
            "nsiret",
            "nsiren",
            "numerosiret",
            "numerosiren",
            "tva",
            "ntva",
            "numerotva",
            "tvaintracommunautaire",
            "vat",
            "vatnumber",
            "registration",
            "companynumber",
        ],
        Field::Address => &["adresse", "rue", "adresse1", "address1", "street"],
        Field::Postcode => &["cp", "codepostal", "zip", "zipcode", "postalcode"],
        Field::City => &["ville", "commune", "localite", "town"],
        Field::Phone => &["tel", "telephone", "standard", "telstandard", "phonenumber"],
        Field::Website => &["site", "siteweb", "siteinternet", "web", "url"],
        Field::Notes => {
            &["commentaire", "commentaires", "remarque", "remarques", "comment", "comments", "observations"]
        }
        Field::CreatedAt => &["datedecreation", "creele", "clientdepuis", "created", "createdon", "since"],
        Field::ContactName => &["contact", "nomducontact", "interlocuteur", "contactname", "personne"],
        Field::ContactRole => {
            &["fonction", "poste", "fonctionducontact", "contactrole", "jobtitle", "contacttitle"]
        }
        Field::ContactPhone => {
            &["mobile", "portable", "telcontact", "telephonecontact", "contactphone", "gsm"]
        }
        Field::ContactEmail => &["email", "mail", "courriel", "adressemail", "emailcontact", "contactemail"],
        Field::RevenueMonth => {
            &["mois", "month", "periode", "period", "date", "moisdefacturation", "invoicemonth"]
        }
        Field::RevenueProductFamily => &[
            "famille",
            "familleproduit",
            "famillesdeproduits",
            "gamme",
            "productfamily",
            "family",
            "productline",
            "ligneproduit",
        ],
        Field::RevenueAmountCents => &[
            "ca",
            "caht",
            "chiffredaffaires",
            "chiffredaffaireht",
            "chiffredaffairesht",
            "montant",
            "montantht",
            "revenue",
            "amount",
            "sales",
            "netsales",
        ],
        _ => &[],
    }
}

/// The field of `fields` that `text` names (its code, its label in either language, or a usual
/// header); `Some(None)` for "ignore this column" (`-`, `ignore`, `ignorer`).
pub fn field_named(text: &str, fields: &[Field]) -> Option<Option<Field>> {
    let n = norm(text);
    if text.trim() == "-" || n == "ignore" || n == "ignorer" {
        return Some(None);
    }
    if n.is_empty() {
        return None;
    }
    fields
        .iter()
        .copied()
        .find(|f| {
            norm(f.code()) == n
                || norm(&label(*f, Lang::En)) == n
                || norm(&label(*f, Lang::Fr)) == n
                || synonyms(*f).contains(&n.as_str())
        })
        .map(Some)
}

/// Every field an import may map a column to.
fn importable() -> Vec<Field> {
    let mut all = ACCOUNT_FIELDS.to_vec();
    all.extend(REVENUE_FIELDS.iter().filter(|f| !ACCOUNT_FIELDS.contains(f)));
    all
}

/// A `COLUMN=FIELD` mapping the user gave, read against the file's headers.
pub fn parse_mapping(text: &str) -> Result<ImportColumn, ValidationError> {
    let fields = importable();
    let accepted = || fields.iter().map(|f| f.code()).collect::<Vec<_>>().join(", ");
    let Some((column, field)) = text.rsplit_once('=') else {
        let reason = Reason::UnknownValue { text: text.to_owned(), accepted: accepted() };
        return Err(ValidationError::new(Field::Column, reason));
    };
    match field_named(field, &fields) {
        Some(field) => Ok(ImportColumn { column: column.trim().to_owned(), field }),
        None => {
            let accepted = accepted();
            let reason = Reason::UnknownValue { text: field.trim().to_owned(), accepted };
            Err(ValidationError::new(Field::Column, reason))
        }
    }
}

/// Which account field each header holds: the user's mappings first, then the headers as named. A
/// field two columns would hold goes to the first; a file with no column for the account's name or
/// its external reference is refused.
pub fn columns(headers: &[String], mappings: &[ImportColumn]) -> Result<Vec<ImportColumn>, ValidationError> {
    columns_of(headers, mappings, ACCOUNT_FIELDS, &[Field::Name, Field::ExternalRef])
}

/// Which of `fields` each header holds, as [`columns`] says; each of `required` must be held.
pub fn columns_of(
    headers: &[String],
    mappings: &[ImportColumn],
    known: &[Field],
    required: &[Field],
) -> Result<Vec<ImportColumn>, ValidationError> {
    let mut fields: Vec<Option<Option<Field>>> = vec![None; headers.len()];
    for mapping in mappings {
        let at = headers
            .iter()
            .position(|h| h.trim() == mapping.column)
            .or_else(|| headers.iter().position(|h| norm(h) == norm(&mapping.column)))
            .ok_or_else(|| {
                let reason = Reason::NoSuchColumn { column: mapping.column.clone() };
                ValidationError::new(Field::Column, reason)
            })?;
        fields[at] = Some(mapping.field);
    }
    let mut taken: Vec<Field> = fields.iter().flatten().flatten().copied().collect();
    let mut out = Vec::with_capacity(headers.len());
    for (header, mapped) in headers.iter().zip(fields) {
        let field = match mapped {
            Some(field) => field,
            None => field_named(header, known).flatten().filter(|f| !taken.contains(f)),
        };
        if let Some(f) = field {
            taken.push(f);
        }
        out.push(ImportColumn { column: header.clone(), field });
    }
    for required in required {
        if !taken.contains(required) {
            return Err(ValidationError::new(*required, Reason::NoColumn));
        }
    }
    Ok(out)
}

/// What every row is read with.
#[derive(Debug, Clone)]
pub struct RowContext {
    /// The owner of an account whose row names none: the importing user.
    pub default_owner: String,
    /// The team's people as this device last received them: a row names its owner by id or by
    /// name (a spreadsheet has names). Empty before the first sync; the cell is then taken as an id.
    pub team: Vec<User>,
    /// The kind of an account whose row names none: a client file lists clients.
    pub default_kind: AccountKind,
    /// How the file writes decimals: French (`1 250,50`) when `;` separates its fields.
    pub numbers: Lang,
    /// The language refusals list accepted values in.
    pub lang: Lang,
}

/// One row read: its account (a fresh id, which the session keeps only for a new account) and the
/// contact it names, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub line: u32,
    pub account: Account,
    pub contact: Option<Contact>,
}

impl Draft {
    pub fn external_ref(&self) -> &str {
        self.account.external_ref.as_deref().unwrap_or_default()
    }
}

/// Reads one row, or says which field refuses it and why.
pub fn draft(row: &Row, columns: &[ImportColumn], ctx: &RowContext) -> Result<Draft, ValidationError> {
    let get = |field: Field| -> Option<&str> {
        columns.iter().position(|c| c.field == Some(field)).map(|at| row.cell(at)).filter(|v| !v.is_empty())
    };
    let opt = |field: Field| get(field).map(str::to_owned);
    let external_ref =
        get(Field::ExternalRef).ok_or_else(|| ValidationError::new(Field::ExternalRef, Reason::Required))?;
    let name = get(Field::Name).ok_or_else(|| ValidationError::new(Field::Name, Reason::Required))?;
    let kind = match get(Field::Kind) {
        Some(text) => coded(Field::Kind, text, ctx.lang, AccountKind::parse_synonym)?,
        None => ctx.default_kind,
    };
    let owner = match get(Field::OwnerRep) {
        Some(text) => owner(text, &ctx.team)?,
        None => ctx.default_owner.clone(),
    };
    let mut account = Account::new(name, kind, owner);
    account.external_ref = Some(external_ref.to_owned());
    account.need_horizon = get(Field::NeedHorizon)
        .map(|text| coded(Field::NeedHorizon, text, ctx.lang, |_| None))
        .transpose()?;
    account.lead_source =
        get(Field::LeadSource).map(|text| coded(Field::LeadSource, text, ctx.lang, |_| None)).transpose()?;
    account.potential_cents = get(Field::PotentialCents)
        .map(|text| parse_amount(Field::PotentialCents, text, ctx.numbers))
        .transpose()?;
    account.territory = opt(Field::Territory);
    account.segment = opt(Field::Segment);
    account.registration_number = opt(Field::RegistrationNumber);
    account.address = opt(Field::Address);
    account.postcode = opt(Field::Postcode);
    account.city = opt(Field::City);
    account.phone = opt(Field::Phone);
    account.website = opt(Field::Website);
    account.notes = opt(Field::Notes).unwrap_or_default();
    match get(Field::CreatedAt) {
        Some(text) => {
            let day = parse_day(text).ok_or_else(|| {
                ValidationError::new(Field::CreatedAt, Reason::NotADate { text: text.to_owned() })
            })?;
            account.created_at = Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default());
        }
        None => account.created_at_from_import = true,
    }
    account.validate()?;

    let contact_fields = [Field::ContactRole, Field::ContactPhone, Field::ContactEmail];
    let contact = match get(Field::ContactName) {
        None if contact_fields.iter().any(|f| get(*f).is_some()) => {
            return Err(ValidationError::new(Field::ContactName, Reason::Required));
        }
        None => None,
        Some(name) => {
            let mut contact = Contact::new(&account.id, name);
            contact.role = opt(Field::ContactRole);
            contact.phone = opt(Field::ContactPhone);
            contact.email = opt(Field::ContactEmail);
            contact.validate().map_err(|e| {
                let field = match e.field {
                    Field::Name => Field::ContactName,
                    Field::Role => Field::ContactRole,
                    Field::Phone => Field::ContactPhone,
                    Field::Email => Field::ContactEmail,
                    other => other,
                };
                ValidationError::new(field, e.reason)
            })?;
            Some(contact)
        }
    };
    Ok(Draft { line: row.line, account, contact })
}

/// The id of the person a cell names by id or by name (ignoring case, accents and punctuation);
/// one the team does not have is refused listing who it has.
fn owner(text: &str, team: &[User]) -> Result<String, ValidationError> {
    if team.is_empty() {
        return Ok(text.to_owned());
    }
    let n = norm(text);
    if let Some(person) = team.iter().find(|p| p.id == text || norm(&p.name) == n) {
        return Ok(person.id.clone());
    }
    let accepted = team.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
    Err(ValidationError::new(Field::OwnerRep, Reason::UnknownValue { text: text.to_owned(), accepted }))
}

/// A coded value written as its code or its label in either language (or a usual synonym).
fn coded<T: Coded>(
    field: Field,
    text: &str,
    lang: Lang,
    synonym: fn(&str) -> Option<T>,
) -> Result<T, ValidationError> {
    let n = norm(text);
    T::all()
        .iter()
        .copied()
        .find(|v| norm(v.code()) == n || norm(&label(*v, Lang::En)) == n || norm(&label(*v, Lang::Fr)) == n)
        .or_else(|| synonym(&n))
        .ok_or_else(|| {
            let accepted = T::all().iter().map(|v| label(*v, lang)).collect::<Vec<_>>().join(", ");
            ValidationError::new(field, Reason::UnknownValue { text: text.to_owned(), accepted })
        })
}

impl AccountKind {
    /// Other words for a kind, normalized as [`norm`] does.
    fn parse_synonym(n: &str) -> Option<AccountKind> {
        match n {
            "customer" | "actif" | "active" => Some(AccountKind::Client),
            "prospectclient" | "lead" => Some(AccountKind::Prospect),
            "ancien" | "exclient" | "formercustomer" | "inactif" | "inactive" => {
                Some(AccountKind::FormerClient)
            }
            "apporteur" | "apporteurdaffaires" | "referrer" => Some(AccountKind::Prescriber),
            _ => None,
        }
    }
}

/// A day as spreadsheets write it: `2026-03-31`, `31/03/2026` or `31.03.2026`.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    // A spreadsheet may add a time of day: "31/03/2026 00:00".
    let text = text.split_whitespace().next().unwrap_or(text);
    ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    fn ctx() -> RowContext {
        RowContext {
            default_owner: "manager1".into(),
            team: Vec::new(),
            default_kind: AccountKind::Client,
            numbers: Lang::Fr,
            lang: Lang::Fr,
        }
    }

    #[test]
    fn french_and_english_headers_find_their_fields() {
        let cols = columns(
            &headers(&[
                "Code client",
                "Raison sociale",
                "N° SIRET",
                "CP",
                "Ville",
                "Interlocuteur",
                "E-mail",
                "Divers",
            ]),
            &[],
        )
        .unwrap();
        let fields: Vec<Option<Field>> = cols.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![
                Some(Field::ExternalRef),
                Some(Field::Name),
                Some(Field::RegistrationNumber),
                Some(Field::Postcode),
                Some(Field::City),
                Some(Field::ContactName),
                Some(Field::ContactEmail),
                None
            ]
        );
        let cols = columns(&headers(&["Customer ID", "Company", "Postal code", "Potential"]), &[]).unwrap();
        assert_eq!(cols[3].field, Some(Field::PotentialCents));
        // The labels an export writes read back as their fields.
        let labels: Vec<String> = ACCOUNT_FIELDS.iter().map(|f| label(*f, Lang::Fr)).collect();
        let cols = columns(&labels, &[]).unwrap();
        assert_eq!(cols.iter().map(|c| c.field.unwrap()).collect::<Vec<_>>(), ACCOUNT_FIELDS);
    }

    #[test]
    fn a_mapping_wins_and_a_missing_column_is_named() {
        let map = parse_mapping("Divers=notes").unwrap();
        let cols = columns(&headers(&["Code client", "Nom", "Divers"]), &[map]).unwrap();
        assert_eq!(cols[2].field, Some(Field::Notes));
        let ignore = parse_mapping("Nom=-").unwrap();
        let err = columns(&headers(&["Code client", "Nom"]), &[ignore]).unwrap_err();
        assert_eq!((err.field, err.reason), (Field::Name, Reason::NoColumn));
        let err = columns(&headers(&["Nom"]), &[]).unwrap_err();
        assert_eq!(err.field, Field::ExternalRef);
        let wrong = parse_mapping("Compte=whatever").unwrap_err();
        assert_eq!(wrong.field, Field::Column);
        let absent = columns(&headers(&["Code client", "Nom"]), &[parse_mapping("Zone=territory").unwrap()]);
        assert_eq!(absent.unwrap_err().reason, Reason::NoSuchColumn { column: "Zone".into() });
    }

    #[test]
    fn a_row_becomes_an_account_and_its_contact_or_names_what_is_wrong() {
        let cols = columns(
            &headers(&["Code client", "Nom", "Type", "Potentiel", "Contact", "Email", "Créé le"]),
            &[],
        )
        .unwrap();
        let row = |cells: &[&str]| Row { line: 7, cells: cells.iter().map(|c| (*c).to_owned()).collect() };
        let d = draft(
            &row(&[
                "C001",
                "Boulangerie Martin",
                "Prospect",
                "12 500,50",
                "Anne Roux",
                "anne@martin.fr",
                "15/01/2024",
            ]),
            &cols,
            &ctx(),
        )
        .unwrap();
        assert_eq!(d.external_ref(), "C001");
        assert_eq!(d.account.kind, AccountKind::Prospect);
        assert_eq!(d.account.potential_cents, Some(1_250_050));
        assert_eq!(d.account.owner_rep, "manager1");
        assert_eq!(d.account.created_at.date_naive(), NaiveDate::from_ymd_opt(2024, 1, 15).unwrap());
        let contact = d.contact.unwrap();
        assert_eq!((contact.account_id, contact.email.as_deref()), (d.account.id, Some("anne@martin.fr")));

        let no_contact = draft(&row(&["C002", "Garage", "", "", "", "", ""]), &cols, &ctx()).unwrap();
        assert_eq!((no_contact.account.kind, no_contact.contact), (AccountKind::Client, None));

        let refused = |cells: &[&str]| draft(&row(cells), &cols, &ctx()).unwrap_err();
        let e = refused(&["C003", "Garage", "clien", "", "", "", ""]);
        assert_eq!(e.field, Field::Kind);
        assert_eq!(e.message(Lang::Fr), "Type de compte : « clien » n'est aucune de ces valeurs : client, prospect, ancien client, prescripteur");
        assert_eq!(refused(&["C003", "Garage", "", "1.250", "", "", ""]).field, Field::PotentialCents);
        assert_eq!(refused(&["C003", "Garage", "", "", "Luc", "luc@", ""]).field, Field::ContactEmail);
        assert_eq!(refused(&["C003", "Garage", "", "", "", "luc@garage.fr", ""]).field, Field::ContactName);
        assert_eq!(refused(&["", "Garage", "", "", "", "", ""]).field, Field::ExternalRef);
        assert_eq!(refused(&["C003", " ", "", "", "", "", ""]).field, Field::Name);
        assert_eq!(refused(&["C003", "Garage", "", "", "", "", "31/02/2024"]).field, Field::CreatedAt);
    }
}
