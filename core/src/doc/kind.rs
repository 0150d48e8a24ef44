use serde::{Deserialize, Serialize};

/// The kinds of document, each with the collections it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// One account with its contacts, visit reports, follow-ups and opportunities.
    Account,
    /// Objectives set by one manager's device.
    Objectives,
    /// Leads captured at one event on one device.
    Leads,
}

/// A collection of records inside a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    Accounts,
    Contacts,
    Visits,
    FollowUps,
    Opportunities,
    Objectives,
    Leads,
}

impl DocKind {
    pub const ALL: [DocKind; 3] = [DocKind::Account, DocKind::Objectives, DocKind::Leads];

    pub fn code(self) -> &'static str {
        match self {
            DocKind::Account => "account",
            DocKind::Objectives => "objectives",
            DocKind::Leads => "leads",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn collections(self) -> &'static [Collection] {
        use Collection::*;
        match self {
            DocKind::Account => &[Accounts, Contacts, Visits, FollowUps, Opportunities],
            DocKind::Objectives => &[Objectives],
            DocKind::Leads => &[Leads],
        }
    }
}

impl Collection {
    pub const ALL: [Collection; 7] = [
        Collection::Accounts,
        Collection::Contacts,
        Collection::Visits,
        Collection::FollowUps,
        Collection::Opportunities,
        Collection::Objectives,
        Collection::Leads,
    ];

    /// The key of the collection's map in the document, and its name in conflicts and errors.
    pub fn key(self) -> &'static str {
        match self {
            Collection::Accounts => "accounts",
            Collection::Contacts => "contacts",
            Collection::Visits => "visits",
            Collection::FollowUps => "follow_ups",
            Collection::Opportunities => "opportunities",
            Collection::Objectives => "objectives",
            Collection::Leads => "leads",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }

    pub fn doc_kind(self) -> DocKind {
        match self {
            Collection::Objectives => DocKind::Objectives,
            Collection::Leads => DocKind::Leads,
            _ => DocKind::Account,
        }
    }
}
