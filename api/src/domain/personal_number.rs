//! Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).

use chrono::{Datelike, NaiveDate, Utc};
use std::fmt;

/// The oldest a person may plausibly be, in years: older numbers are typing mistakes (or another
/// century of someone else's number).
pub const MAX_AGE: u32 = 120;

/// A valid personnummer or samordningsnummer, held as twelve digits `YYYYMMDDNNNN`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PersonalNumber(String);

impl PersonalNumber {
    /// Parses `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN` or `YYMMDD+NNNN` (`+`: 100 years or older),
    /// checking the date (day + 60 for a samordningsnummer) and the Luhn check digit.
    pub fn parse(input: &str) -> Option<PersonalNumber> {
        Self::parse_on(input, Utc::now().date_naive())
    }

    /// As [`PersonalNumber::parse`], with "today" given (for the century of short forms, and for
    /// what is plausible: nobody is born in the future or is over [`MAX_AGE`] years old).
    pub fn parse_on(input: &str, today: NaiveDate) -> Option<PersonalNumber> {
        let number = Self::read(input, today)?;
        let born = number.birth_date()?;
        let plausible = born <= today && today.years_since(born).is_some_and(|age| age <= MAX_AGE);
        plausible.then_some(number)
    }

    /// The date of birth (the day less 60 for a samordningsnummer).
    pub fn birth_date(&self) -> Option<NaiveDate> {
        let (year, month, day) =
            (self.0[..4].parse().ok()?, self.0[4..6].parse().ok()?, self.0[6..8].parse::<u32>().ok()?);
        NaiveDate::from_ymd_opt(year, month, if day > 60 { day - 60 } else { day })
    }

    /// Reads any of the four forms, checking the date and the check digit; the century of a short
    /// form is the latest that does not put the birth after `today`.
    fn read(input: &str, today: NaiveDate) -> Option<PersonalNumber> {
        let s = input.trim();
        if !s.is_ascii() {
            return None;
        }
        let b = s.as_bytes();
        let all_digits = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
        let (year, rest): (i32, &str) = match b.len() {
            13 if b[8] == b'-' && all_digits(&b[..8]) && all_digits(&b[9..]) => (s[..4].parse().ok()?, &s[4..]),
            12 if all_digits(b) => (s[..4].parse().ok()?, &s[4..]),
            11 if (b[6] == b'-' || b[6] == b'+') && all_digits(&b[..6]) && all_digits(&b[7..]) => {
                let yy: i32 = s[..2].parse().ok()?;
                let month: u32 = s[2..4].parse().ok()?;
                let day: u32 = s[4..6].parse().ok()?;
                let day = if day > 60 { day - 60 } else { day };
                // The latest century in which the birth date is not in the future.
                let mut year = (today.year() / 100) * 100 + yy;
                let born = NaiveDate::from_ymd_opt(year, month, day)?;
                if born > today {
                    year -= 100;
                }
                if b[6] == b'+' {
                    year -= 100;
                }
                (year, &s[2..])
            }
            _ => return None,
        };
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if digits.len() != 8 {
            return None;
        }
        // digits = MMDDNNNC
        let month: u32 = digits[0..2].parse().ok()?;
        let raw_day: u32 = digits[2..4].parse().ok()?;
        let day = if raw_day > 60 { raw_day - 60 } else { raw_day };
        let born = NaiveDate::from_ymd_opt(year, month, day)?;
        if born > today || year < 1800 {
            return None;
        }
        let ten = format!("{:02}{}", year % 100, &digits[..]);
        // ten = YYMMDDNNNC
        if !luhn_valid(&ten) {
            return None;
        }
        Some(PersonalNumber(format!("{year:04}{digits}")))
    }

    /// Rebuilds a value read from storage (twelve digits); `None` if it is not valid. What was
    /// plausible when it was stored stays readable as its person grows old.
    pub fn from_stored(twelve: &str) -> Option<PersonalNumber> {
        if twelve.len() == 12 && twelve.bytes().all(|c| c.is_ascii_digit()) {
            Self::read(twelve, NaiveDate::MAX)
        } else {
            None
        }
    }

    /// The twelve digits, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `YYYYMMDD-NNNN`.
    pub fn formatted(&self) -> String {
        format!("{}-{}", &self.0[..8], &self.0[8..])
    }

    /// `YYYYMMDD-****`, for lists.
    pub fn masked(&self) -> String {
        mask_stored(&self.0)
    }

    /// Whether it is a samordningsnummer (day + 60).
    pub fn is_coordination_number(&self) -> bool {
        self.0[6..8].parse::<u32>().is_ok_and(|d| d > 60)
    }
}

/// Masks twelve stored digits as `YYYYMMDD-****`.
pub fn mask_stored(twelve: &str) -> String {
    format!("{}-****", twelve.get(..8).unwrap_or("********"))
}

impl fmt::Debug for PersonalNumber {
    // Never print a whole personal identity number into a log by accident.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonalNumber({})", self.masked())
    }
}

fn luhn_valid(ten: &str) -> bool {
    let sum: u32 = ten
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
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("date")
    }

    #[test]
    fn accepts_the_four_forms() {
        for input in ["19121212-1212", "191212121212", "121212+1212"] {
            assert_eq!(PersonalNumber::parse_on(input, today()).map(|p| p.0), Some("191212121212".into()), "{input}");
        }
        // A short form without '+' is under 100 years old.
        assert_eq!(PersonalNumber::parse_on("811218-9876", today()).map(|p| p.0), Some("198112189876".into()));
    }

    #[test]
    fn short_form_picks_the_century_of_the_past() {
        // 2012-12-12 is in the past, so 121212-1212 is born 2012.
        assert_eq!(PersonalNumber::parse_on("121212-1212", today()).map(|p| p.0), Some("201212121212".into()));
    }

    #[test]
    fn refuses_bad_check_digits_dates_and_shapes() {
        for input in [
            "19121212-1213",
            "19121332-1212",
            "1912121-21212",
            "abcdefgh-ijkl",
            "",
            "20991212-1212",
            "19121212–1212",
            "1212121212",
        ] {
            assert!(PersonalNumber::parse_on(input, today()).is_none(), "{input}");
        }
    }

    /// The form with its last digit replaced by the right check digit.
    fn with_check_digit(form: &str) -> String {
        let digits: String = form.chars().filter(char::is_ascii_digit).collect();
        let nine = if digits.len() == 12 { &digits[2..11] } else { &digits[..9] };
        let c = (0..10).find(|c| luhn_valid(&format!("{nine}{c}"))).expect("a digit");
        format!("{}{c}", &form[..form.len() - 1])
    }

    #[test]
    fn refuses_people_born_in_the_future_or_over_120() {
        for (form, plausible) in [
            ("19051129-0000", true),
            ("19051128-0000", false),
            ("20261128-0000", true),
            ("20261129-0000", false),
            ("061128+0000", true),
            ("051128+0000", false),
            ("800412+2380", false),
            ("18800412-2380", false),
            ("800412-2380", true),
        ] {
            let number = with_check_digit(form);
            assert_eq!(PersonalNumber::parse_on(&number, today()).is_some(), plausible, "{number}");
        }
        // A number stored while plausible stays readable as its person grows old.
        let stored: String = with_check_digit("19051128-0000").chars().filter(char::is_ascii_digit).collect();
        assert!(PersonalNumber::from_stored(&stored).is_some());
    }

    #[test]
    fn accepts_a_coordination_number() {
        // Day 12 + 60 = 72; check digit computed by Luhn over 1212721212 -> C.
        let base = "121272121";
        let c = (0..10).find(|c| luhn_valid(&format!("{base}{c}"))).expect("a digit");
        let input = format!("19121272-121{c}");
        let p = PersonalNumber::parse_on(&input, today()).expect("valid samordningsnummer");
        assert!(p.is_coordination_number());
        assert_eq!(p.masked(), "19121272-****");
    }

    #[test]
    fn masks_and_formats() {
        let p = PersonalNumber::parse_on("19121212-1212", today()).expect("valid");
        assert_eq!(p.formatted(), "19121212-1212");
        assert_eq!(p.masked(), "19121212-****");
        assert_eq!(format!("{p:?}"), "PersonalNumber(19121212-****)");
    }
}
