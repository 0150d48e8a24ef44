//! ABC (Pareto) classes of clients by revenue over a period, crossed with potential: the ABC matrix.
//!
//! Revenue of a client over a period = the sum of its revenue figures (`Account::revenue`, all
//! product families) whose month starts inside the period. Figures are monthly, so a period made of
//! whole months counts exactly those months, and consecutive periods never count a month twice.
//!
//! Classes: clients are ranked by revenue, highest first. A client is **A** when the clients ranked
//! strictly before it make less than `abc_a_percent` % of the total (so the client that crosses the
//! line is still A: "the clients making the first 80 %"), **B** when they make less than
//! `abc_b_percent` %, **C** otherwise. With a total of 0 every client is C.
//!
//! Ties: clients with equal revenue always share a class, the one the first of them gets. The result
//! does not depend on the order of the input; lists show equal clients by account id.
//!
//! Potential classes apply the same rule to `Account::potential_cents` among the clients whose
//! potential is known; a client with no potential has no potential class.

use rustc_hash::FxHashMap;

use serde::Serialize;

use super::config::InsightsConfig;
use super::input::{AccountFacts, AccountSummary, InsightsInput};
use super::period::Period;
use crate::model::AccountKind;

/// A Pareto class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum AbcClass {
    A,
    B,
    C,
}

/// One client's place in the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientClass {
    pub account_id: String,
    pub name: String,
    pub revenue_cents: i64,
    pub revenue_class: AbcClass,
    pub potential_cents: Option<i64>,
    pub potential_class: Option<AbcClass>,
}

/// How many clients fall in one cell (revenue class × potential class; `None`: potential unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MatrixCell {
    pub revenue_class: AbcClass,
    pub potential_class: Option<AbcClass>,
    pub clients: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AbcMatrix {
    pub period: Period,
    pub total_revenue_cents: i64,
    /// Every client (kind client, not merged), by revenue, highest first, then by account id.
    pub clients: Vec<ClientClass>,
    /// The 12 cells, revenue A, B, C each with potential A, B, C, unknown: always all of them.
    pub cells: Vec<MatrixCell>,
}

/// Revenue of `account` over `period`: its figures whose month starts in the period.
pub fn revenue_in(account: &AccountFacts, period: Period) -> i64 {
    account.revenue.iter().filter(|f| period.contains(f.month)).map(|f| f.amount_cents).sum()
}

/// The input's clients (kind client, not merged) with their revenue over `period`.
fn client_revenues(input: &InsightsInput, period: Period) -> Vec<(&AccountSummary, i64)> {
    input
        .live_accounts()
        .filter(|s| s.account.kind == AccountKind::Client)
        .map(|s| (s, revenue_in(&s.account, period)))
        .collect()
}

/// The revenue class of each client over `period`, by account id: the part of the matrix a
/// dashboard needs, without a row per client.
pub(super) fn abc_classes<'a>(
    input: &'a InsightsInput,
    period: Period,
    config: &InsightsConfig,
) -> FxHashMap<&'a str, AbcClass> {
    let clients = client_revenues(input, period);
    let revenues: Vec<(&str, i64)> = clients.iter().map(|(s, r)| (s.account.id.as_str(), *r)).collect();
    revenues.iter().map(|r| r.0).zip(pareto(&revenues, config)).collect()
}

/// The ABC matrix of the input's clients over `period`.
pub fn abc_matrix(input: &InsightsInput, period: Period, config: &InsightsConfig) -> AbcMatrix {
    let clients = client_revenues(input, period);
    let revenues: Vec<(&str, i64)> = clients.iter().map(|(s, r)| (s.account.id.as_str(), *r)).collect();
    let revenue_classes = pareto(&revenues, config);
    let potentials: Vec<(usize, (&str, i64))> = clients
        .iter()
        .enumerate()
        .filter_map(|(i, (s, _))| Some((i, (s.account.id.as_str(), s.account.potential_cents?))))
        .collect();
    let mut potential_classes = vec![None; clients.len()];
    let values: Vec<(&str, i64)> = potentials.iter().map(|p| p.1).collect();
    for ((i, _), class) in potentials.iter().zip(pareto(&values, config)) {
        potential_classes[*i] = Some(class);
    }

    let mut rows: Vec<ClientClass> = clients
        .iter()
        .enumerate()
        .map(|(i, &(s, revenue_cents))| ClientClass {
            account_id: s.account.id.clone(),
            name: s.account.name.to_string(),
            revenue_cents,
            revenue_class: revenue_classes[i],
            potential_cents: s.account.potential_cents,
            potential_class: potential_classes[i],
        })
        .collect();
    rows.sort_by(|a, b| b.revenue_cents.cmp(&a.revenue_cents).then_with(|| a.account_id.cmp(&b.account_id)));

    let classes = [AbcClass::A, AbcClass::B, AbcClass::C];
    let cells = classes
        .iter()
        .flat_map(|&r| classes.iter().map(Some).chain([None]).map(move |p| (r, p.copied())))
        .map(|(revenue_class, potential_class)| MatrixCell {
            revenue_class,
            potential_class,
            clients: rows
                .iter()
                .filter(|c| c.revenue_class == revenue_class && c.potential_class == potential_class)
                .count() as u32,
        })
        .collect();
    AbcMatrix { period, total_revenue_cents: revenues.iter().map(|r| r.1).sum(), clients: rows, cells }
}

/// Pareto classes of `values` (id, amount) under the module's rules, in the order of `values`.
fn pareto(values: &[(&str, i64)], config: &InsightsConfig) -> Vec<AbcClass> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_unstable_by(|&a, &b| values[b].1.cmp(&values[a].1).then_with(|| values[a].0.cmp(values[b].0)));
    let total: i128 = values.iter().map(|v| i128::from(v.1)).sum();
    let class_after = |before: i128| {
        if total <= 0 {
            AbcClass::C
        } else if before * 100 < i128::from(config.abc_a_percent) * total {
            AbcClass::A
        } else if before * 100 < i128::from(config.abc_b_percent) * total {
            AbcClass::B
        } else {
            AbcClass::C
        }
    };
    let mut classes = vec![AbcClass::C; values.len()];
    let (mut before, mut class, mut previous) = (0i128, AbcClass::C, None);
    for i in order {
        let amount = values[i].1;
        if previous != Some(amount) {
            class = class_after(before);
            previous = Some(amount);
        }
        classes[i] = class;
        before += i128::from(amount);
    }
    classes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::testkit::{client_with_revenue, day};

    fn year_2025() -> Period {
        Period::custom(day(2025, 1, 1), day(2025, 12, 31)).unwrap()
    }

    /// Clients with one figure each in June 2025.
    fn input(revenues: &[(&str, i64)]) -> InsightsInput {
        let accounts = revenues
            .iter()
            .map(|&(id, amount)| client_with_revenue(id, &[(day(2025, 6, 1), "bread", amount)]));
        InsightsInput { accounts: accounts.collect(), ..Default::default() }
    }

    fn classes(matrix: &AbcMatrix) -> Vec<(&str, AbcClass)> {
        matrix.clients.iter().map(|c| (c.account_id.as_str(), c.revenue_class)).collect()
    }

    #[test]
    fn no_clients_and_a_single_client() {
        let matrix = abc_matrix(&InsightsInput::default(), year_2025(), &InsightsConfig::default());
        assert!(matrix.clients.is_empty() && matrix.total_revenue_cents == 0);
        assert_eq!(matrix.cells.len(), 12);
        assert!(matrix.cells.iter().all(|c| c.clients == 0));
        // One client makes 100 % of revenue: nothing ranks before it (0 % < 80 %), so it is A.
        let matrix = abc_matrix(&input(&[("solo", 500)]), year_2025(), &InsightsConfig::default());
        assert_eq!(classes(&matrix), [("solo", AbcClass::A)]);
    }

    #[test]
    fn pareto_classes_with_the_crossing_client_in_the_better_class() {
        // Total 1000. Before each: a 0 % → A; b 600 = 60 % → A; c 850 = 85 % → B; d 950 = 95 % → C
        // (not below 95); e 990 → C.
        let matrix = abc_matrix(
            &input(&[("e", 10), ("c", 100), ("a", 600), ("d", 40), ("b", 250)]),
            year_2025(),
            &InsightsConfig::default(),
        );
        use AbcClass::*;
        assert_eq!(classes(&matrix), [("a", A), ("b", A), ("c", B), ("d", C), ("e", C)]);
        assert_eq!(matrix.total_revenue_cents, 1000);
    }

    #[test]
    fn ties_at_a_boundary_share_the_better_class_whatever_the_input_order() {
        use AbcClass::*;
        // Total 100. x: before 0 → A. y and z both 15: y (first by id) has 70 % before → A, and z,
        // equal to y, shares A although 85 % ranks before it.
        for order in [[("x", 70), ("y", 15), ("z", 15)], [("z", 15), ("y", 15), ("x", 70)]] {
            let matrix = abc_matrix(&input(&order), year_2025(), &InsightsConfig::default());
            assert_eq!(classes(&matrix), [("x", A), ("y", A), ("z", A)]);
        }
        // Exactly on the line: 50 + 30 = 80 % before c, not below 80 % → B; d ties with c → B.
        let matrix = abc_matrix(
            &input(&[("a", 50), ("b", 30), ("c", 10), ("d", 10)]),
            year_2025(),
            &Default::default(),
        );
        assert_eq!(classes(&matrix), [("a", A), ("b", A), ("c", B), ("d", B)]);
        // All zero: no revenue to share, everyone is C.
        let matrix = abc_matrix(&input(&[("a", 0), ("b", 0)]), year_2025(), &Default::default());
        assert_eq!(classes(&matrix), [("a", C), ("b", C)]);
    }

    #[test]
    fn revenue_counts_the_months_starting_in_the_period_and_thresholds_are_configurable() {
        let a = client_with_revenue(
            "a",
            &[
                (day(2024, 12, 1), "bread", 1_000),
                (day(2025, 1, 1), "bread", 30),
                (day(2025, 12, 1), "cake", 20),
            ],
        );
        let b = client_with_revenue("b", &[(day(2025, 3, 1), "cake", 50)]);
        let input = InsightsInput { accounts: vec![a, b], ..Default::default() };
        // 2025 only: a = 30 + 20 = 50 (December 2024 is outside), b = 50: a tie, both A.
        let matrix = abc_matrix(&input, year_2025(), &InsightsConfig::default());
        assert_eq!(classes(&matrix), [("a", AbcClass::A), ("b", AbcClass::A)]);
        assert_eq!(matrix.total_revenue_cents, 100);
        // Over Q1 only, a = 30, b = 50, total 80; with A = first 40 %: b has 0 before → A,
        // a has 50 / 80 = 62.5 % before → B (below 95 %).
        let config = InsightsConfig { abc_a_percent: 40, ..Default::default() };
        let q1 = Period::quarter_of(day(2025, 2, 1));
        assert_eq!(classes(&abc_matrix(&input, q1, &config)), [("b", AbcClass::A), ("a", AbcClass::B)]);
    }

    #[test]
    fn the_matrix_crosses_revenue_with_potential() {
        use AbcClass::*;
        let mut accounts = input(&[("a", 80), ("b", 15), ("c", 5)]).accounts;
        // Potentials: a 10, b 90, c unknown. Among known (total 100): b 0 → A, a 90 % → B.
        accounts[0].account.potential_cents = Some(10);
        accounts[1].account.potential_cents = Some(90);
        let input = InsightsInput { accounts, ..Default::default() };
        let matrix = abc_matrix(&input, year_2025(), &InsightsConfig::default());
        // Revenue: a 0 → A, b 80 % → B, c 95 % → C.
        let rows: Vec<_> = matrix.clients.iter().map(|c| (c.revenue_class, c.potential_class)).collect();
        assert_eq!(rows, [(A, Some(B)), (B, Some(A)), (C, None)]);
        let cell =
            |r, p| matrix.cells.iter().find(|c| c.revenue_class == r && c.potential_class == p).unwrap();
        assert_eq!((cell(A, Some(B)).clients, cell(B, Some(A)).clients, cell(C, None).clients), (1, 1, 1));
        assert_eq!(matrix.cells.iter().map(|c| c.clients).sum::<u32>(), 3);
    }
}
