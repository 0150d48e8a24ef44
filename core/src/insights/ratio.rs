//! Exact arithmetic shared by the figures: ratios that are `None` when there is nothing to divide by.

/// `part / whole` in percent; `None` when `whole` is 0 (no base: the ratio means nothing).
pub fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole != 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// `sum / count`; `None` when `count` is 0.
pub fn mean(sum: i64, count: i64) -> Option<f64> {
    (count != 0).then(|| sum as f64 / count as f64)
}

/// `numerator / denominator` rounded to the nearest integer, halves away from zero.
/// `denominator` must be positive.
pub fn round_div(numerator: i128, denominator: i128) -> i64 {
    let half = denominator / 2;
    let rounded =
        if numerator >= 0 { (numerator + half) / denominator } else { (numerator - half) / denominator };
    rounded as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_without_a_base_are_none_and_rounding_is_half_away_from_zero() {
        assert_eq!(percent(1, 0), None);
        assert_eq!(percent(1, 4), Some(25.0));
        assert_eq!(mean(7, 0), None);
        assert_eq!(mean(7, 2), Some(3.5));
        // 5/2 = 2.5 → 3; 7/3 = 2.33 → 2; -5/2 = -2.5 → -3.
        assert_eq!((round_div(5, 2), round_div(7, 3), round_div(-5, 2)), (3, 2, -3));
    }
}
