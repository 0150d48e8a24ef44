//! Closed sets of values. Each has a stable snake_case code used in documents, SQL and the CLI.

use serde::{Deserialize, Serialize};

/// Declares a fieldless enum with its stable codes, `code()`, `parse()` and `ALL`.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in documents and SQL.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a stable code; `None` for an unknown one.
            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

coded_enum! {
    /// Where an account stands in the cycle: conquête > fidélisation > reconquête > prescription.
    AccountKind {
        Client = "client",
        Prospect = "prospect",
        FormerClient = "former_client",
        Prescriber = "prescriber",
    }
}

coded_enum! {
    /// How soon a prospect needs what we sell; drives the follow-up cadence.
    NeedHorizon {
        ShortTerm = "short_term",
        MediumLongTerm = "medium_long_term",
        OutOfTarget = "out_of_target",
    }
}

coded_enum! {
    /// Where an account or lead came from.
    LeadSource {
        Field = "field",
        TradeShow = "trade_show",
        Web = "web",
        Referral = "referral",
        InboundCall = "inbound_call",
    }
}

coded_enum! {
    /// How a contact with an account happened.
    Channel {
        OnSite = "on_site",
        Phone = "phone",
        Video = "video",
        TradeShow = "trade_show",
        Email = "email",
    }
}

coded_enum! {
    /// A visit is planned (on the agenda), done (reported) or cancelled.
    VisitStatus {
        Planned = "planned",
        Done = "done",
        Cancelled = "cancelled",
    }
}

coded_enum! {
    /// What a done visit led to.
    Outcome {
        OrderTaken = "order_taken",
        Progress = "progress",
        NoProgress = "no_progress",
        Lost = "lost",
    }
}

coded_enum! {
    /// The interest the account showed, from a visit or a trade-show lead.
    InterestLevel {
        None = "none",
        Low = "low",
        Medium = "medium",
        High = "high",
    }
}

coded_enum! {
    /// Pipeline stage of an opportunity (affaire).
    OpportunityStage {
        Qualification = "qualification",
        Proposal = "proposal",
        Negotiation = "negotiation",
        Won = "won",
        Lost = "lost",
    }
}

coded_enum! {
    /// What an objective counts. Money metrics are in cents.
    Metric {
        Visits = "visits",
        Meetings = "meetings",
        NewAccounts = "new_accounts",
        Revenue = "revenue",
        Margin = "margin",
    }
}

coded_enum! {
    /// A trade-show lead is new until it is qualified into an account or discarded.
    LeadStatus {
        New = "new",
        Qualified = "qualified",
        Discarded = "discarded",
    }
}

coded_enum! {
    /// A field the core checks before a write: a refusal names it (see
    /// [`ValidationError`](super::ValidationError)). Its code is the record field's name, the key
    /// logs and the CLI's options use; a form shows its [`label`](crate::i18n::label).
    Field {
        Id = "id",
        AccountId = "account_id",
        Account = "account",
        Absorbed = "absorbed",
        Rep = "rep",
        Owner = "owner",
        OwnerRep = "owner_rep",
        Name = "name",
        DeviceName = "device_name",
        Title = "title",
        Company = "company",
        Role = "role",
        Email = "email",
        Phone = "phone",
        Address = "address",
        Postcode = "postcode",
        City = "city",
        Website = "website",
        Territory = "territory",
        Segment = "segment",
        RegistrationNumber = "registration_number",
        NeedHorizon = "need_horizon",
        PotentialCents = "potential_cents",
        Notes = "notes",
        Note = "note",
        CreatedAt = "created_at",
        BecameClientOn = "became_client_on",
        Revenue = "revenue",
        #[serde(rename = "revenue.product_family")]
        RevenueProductFamily = "revenue.product_family",
        #[serde(rename = "revenue.month")]
        RevenueMonth = "revenue.month",
        #[serde(rename = "revenue.amount_cents")]
        RevenueAmountCents = "revenue.amount_cents",
        MergedInto = "merged_into",
        /// An account's reference in the system it was imported from.
        ExternalRef = "external_ref",
        Kind = "kind",
        LeadSource = "lead_source",
        /// A contact's fields as an import's columns name them (a form names them plainly).
        #[serde(rename = "contact.name")]
        ContactName = "contact.name",
        #[serde(rename = "contact.role")]
        ContactRole = "contact.role",
        #[serde(rename = "contact.phone")]
        ContactPhone = "contact.phone",
        #[serde(rename = "contact.email")]
        ContactEmail = "contact.email",
        /// A column of an imported file, or the column mapping the user gave.
        Column = "column",
        /// An imported file as a whole.
        File = "file",
        /// A device's time zone (an IANA name).
        TimeZone = "time_zone",
        StartedAt = "started_at",
        UtcOffsetMinutes = "utc_offset_minutes",
        DurationMinutes = "duration_minutes",
        Objective = "objective",
        Products = "products",
        OrderAmountCents = "order_amount_cents",
        OrderMarginCents = "order_margin_cents",
        Status = "status",
        NextStep = "next_step",
        Action = "action",
        DueOn = "due_on",
        DoneAt = "done_at",
        AmountCents = "amount_cents",
        Probability = "probability",
        ExpectedClose = "expected_close",
        PeriodStart = "period_start",
        PeriodEnd = "period_end",
        Period = "period",
        Target = "target",
        Event = "event",
        CapturedAt = "captured_at",
        CapturedBy = "captured_by",
        Resolution = "resolution",
        /// The text of a trade-show badge's QR code.
        Badge = "badge",
        /// The one-time code (or the enrollment link holding it) an admin gives.
        EnrollmentCode = "enrollment_code",
    }
}

impl OpportunityStage {
    /// Won and lost deals are closed; the others are in the open pipeline.
    pub fn is_open(self) -> bool {
        !matches!(self, OpportunityStage::Won | OpportunityStage::Lost)
    }
}

impl Metric {
    /// Revenue and margin targets are amounts in cents; the others are counts.
    pub fn is_money(self) -> bool {
        matches!(self, Metric::Revenue | Metric::Margin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for kind in AccountKind::ALL {
            assert_eq!(AccountKind::parse(kind.code()), Some(*kind));
        }
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.code()), Some(*channel));
        }
        assert_eq!(AccountKind::parse("customer"), None);
        assert_eq!(Channel::parse(""), None);
    }
}
