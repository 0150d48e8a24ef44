//! Who may read and write which documents: pure functions, the one place these rules live.

use tournee_core::doc::DocKind;
use tournee_core::sync::api::Role;

/// Every document belongs to one team; only that team's reps and managers read it.
pub fn can_read(role: Role, _kind: DocKind) -> bool {
    matches!(role, Role::Rep | Role::Manager)
}

/// Reps write accounts (with their visits, contacts, follow-ups, opportunities) and leads;
/// objectives are set by managers (the rule lives in the core, which devices share).
pub fn can_write(role: Role, kind: DocKind) -> bool {
    role.writes(kind)
}

/// Reps write their own visit reports only; managers write every report of their team.
pub fn writes_only_own_reports(role: Role) -> bool {
    role == Role::Rep
}

/// A report is the caller's own when it names them before the change (if it existed) and after.
pub fn is_own_report(user_id: &str, rep_before: Option<&str>, rep_after: Option<&str>) -> bool {
    rep_before.is_none_or(|r| r == user_id) && rep_after.is_none_or(|r| r == user_id)
}

/// The kinds `role` reads, for filtering the change index.
pub fn readable_kinds(role: Role) -> Vec<DocKind> {
    DocKind::ALL.into_iter().filter(|k| can_read(role, *k)).collect()
}

/// Document ids are device-made (UUIDs in practice): short, ASCII, no separators to abuse.
pub fn valid_doc_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reps_do_not_set_objectives_and_admins_sync_nothing() {
        assert!(can_write(Role::Rep, DocKind::Account));
        assert!(can_write(Role::Rep, DocKind::Leads));
        assert!(!can_write(Role::Rep, DocKind::Objectives));
        assert!(can_write(Role::Manager, DocKind::Objectives));
        assert!(can_read(Role::Rep, DocKind::Objectives));
        assert!(readable_kinds(Role::Admin).is_empty());
        assert!(DocKind::ALL.iter().all(|k| !can_write(Role::Admin, *k)));
    }

    #[test]
    fn reps_write_only_their_own_reports() {
        assert!(writes_only_own_reports(Role::Rep));
        assert!(!writes_only_own_reports(Role::Manager));
        assert!(is_own_report("julie", None, Some("julie")));
        assert!(is_own_report("julie", Some("julie"), Some("julie")));
        assert!(!is_own_report("julie", None, Some("marc")));
        assert!(!is_own_report("julie", Some("marc"), Some("marc")));
        assert!(!is_own_report("julie", Some("marc"), Some("julie")));
    }

    #[test]
    fn doc_ids_are_bounded() {
        assert!(valid_doc_id("0f8e2c_a-B"));
        assert!(!valid_doc_id(""));
        assert!(!valid_doc_id("a/b"));
        assert!(!valid_doc_id(&"a".repeat(65)));
    }
}
