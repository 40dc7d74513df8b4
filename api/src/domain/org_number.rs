//! Swedish organisation numbers (organisationsnummer).

/// A valid organisation number, held as `NNNNNN-NNNN`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgNumber(String);

impl OrgNumber {
    /// Parses `NNNNNN-NNNN` or `NNNNNNNNNN`, checking the Luhn check digit.
    pub fn parse(input: &str) -> Option<OrgNumber> {
        let s = input.trim();
        let digits: String = match s.len() {
            11 if s.as_bytes()[6] == b'-' => format!("{}{}", &s[..6], &s[7..]),
            10 => s.to_owned(),
            _ => return None,
        };
        if !digits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let sum: u32 = digits
            .bytes()
            .enumerate()
            .map(|(i, c)| {
                let d = u32::from(c - b'0');
                if i % 2 == 0 {
                    let p = d * 2;
                    if p > 9 { p - 9 } else { p }
                } else {
                    d
                }
            })
            .sum();
        sum.is_multiple_of(10).then(|| OrgNumber(format!("{}-{}", &digits[..6], &digits[6..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_and_without_dash() {
        // 556036-0793 is a well-known valid number.
        assert_eq!(OrgNumber::parse("5560360793").map(|o| o.0), Some("556036-0793".into()));
        assert_eq!(OrgNumber::parse("556036-0793").map(|o| o.0), Some("556036-0793".into()));
        assert!(OrgNumber::parse("556036-0794").is_none());
        assert!(OrgNumber::parse("55603-60793").is_none());
    }
}
