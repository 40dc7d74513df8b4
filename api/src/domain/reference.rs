//! An order's human reference, `SES-2026-000123`: made from the year and its counter, and
//! recognised whole in a search (issue 20: looked up by its unique index, not searched as text).

/// The human reference of an order: `SES-2026-000123`.
pub fn reference(year: i32, number: i64) -> String {
    format!("SES-{year}-{number:06}")
}

/// The whole reference a search names (`ses-2026-000123` too), upper-cased, if it is one: the list
/// then finds that order by its unique index instead of searching the text.
pub fn parse_reference(q: &str) -> Option<String> {
    let q = q.trim().to_ascii_uppercase();
    let rest = q.strip_prefix("SES-")?;
    let (year, number) = rest.split_once('-')?;
    let digits =
        |s: &str, min: usize, max: usize| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    (digits(year, 4, 4) && digits(number, 6, 12)).then_some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_reference_is_recognised_in_any_case_and_a_part_is_not() {
        assert_eq!(reference(2026, 123), "SES-2026-000123");
        assert_eq!(parse_reference(" ses-2026-000123 ").as_deref(), Some("SES-2026-000123"));
        assert_eq!(parse_reference("SES-2026-1000000").as_deref(), Some("SES-2026-1000000"));
        for partial in ["SES-2026-00012", "SES-26-000123", "SES-2026-00012x", "2026-000123", "SES-2026-"] {
            assert_eq!(parse_reference(partial), None, "{partial}");
        }
    }
}
