//! The short description of an account that every list shows, and the "by value" order of lists.

use std::cmp::Ordering;

use chrono::NaiveDate;
use serde::Serialize;

use super::input::AccountSummary;
use crate::model::AccountKind;

/// An account as a line of a list: who, whose, how much it could be worth, when we last saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AccountBrief {
    pub account_id: String,
    pub name: String,
    pub kind: AccountKind,
    pub owner_rep: String,
    /// Estimated yearly potential in cents, if known.
    pub potential_cents: Option<i64>,
    /// Local day of the last done contact (see [`AccountActivity`](super::AccountActivity)).
    pub last_contact_on: Option<NaiveDate>,
    /// Local day of the last done contact with an order.
    pub last_order_on: Option<NaiveDate>,
}

impl AccountBrief {
    pub fn of(summary: &AccountSummary) -> Self {
        let (account, activity) = (&summary.account, &summary.activity);
        AccountBrief {
            account_id: account.id.clone(),
            name: account.name.to_string(),
            kind: account.kind,
            owner_rep: account.owner_rep.to_string(),
            potential_cents: account.potential_cents,
            last_contact_on: activity.last_contact_on,
            last_order_on: activity.last_order_on,
        }
    }
}

/// "Ordered by value": higher potential first (an unknown potential counts as 0), then by account id
/// so that the order is total and the same on every device.
pub fn by_value(a: &AccountBrief, b: &AccountBrief) -> Ordering {
    b.potential_cents
        .unwrap_or(0)
        .cmp(&a.potential_cents.unwrap_or(0))
        .then_with(|| a.account_id.cmp(&b.account_id))
}
