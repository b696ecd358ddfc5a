//! Dates as people in Belgium type them: `30/07/2018`, `30-7-2018`, `30.07.2018`, or ISO `2018-07-30`.

use chrono::NaiveDate;

use crate::validation::Problem;

/// Parses a typed date. Empty input is `Ok(None)`; anything unreadable is `InvalidDate`.
pub fn parse_date(input: &str) -> Result<Option<NaiveDate>, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let invalid = || Problem::InvalidDate {
        value: s.chars().take(40).collect(),
    };
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if s.len() == 10 {
            return Ok(Some(d));
        }
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [d, m, y] = parts[..] else {
        return Err(invalid());
    };
    let num = |p: &str, max_len: usize| -> Option<u32> {
        (!p.is_empty() && p.len() <= max_len && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    match (num(d, 2), num(m, 2), num(y, 4)) {
        (Some(d), Some(m), Some(y)) if y >= 1900 => NaiveDate::from_ymd_opt(y as i32, m, d)
            .map(Some)
            .ok_or_else(invalid),
        _ => Err(invalid()),
    }
}

/// Formats a date the Belgian way: `30/07/2018`.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn belgian_and_iso_forms() {
        for s in [
            "30/07/2018",
            "30-7-2018",
            "30.07.2018",
            "2018-07-30",
            " 30/7/2018 ",
        ] {
            assert_eq!(parse_date(s), Ok(Some(d(2018, 7, 30))), "{s}");
        }
        assert_eq!(parse_date("  "), Ok(None));
    }

    #[test]
    fn nonsense_is_refused() {
        for s in [
            "31/02/2020",
            "2018",
            "30/07/18",
            "a/b/c",
            "1/1/1/1",
            "2018-7-30x",
            "30/07/0099",
        ] {
            assert!(
                matches!(parse_date(s), Err(Problem::InvalidDate { .. })),
                "{s}"
            );
        }
    }

    proptest! {
        #[test]
        fn format_then_parse_is_identity(days in 0i64..80_000) {
            let date = d(1900, 1, 1) + chrono::Duration::days(days);
            prop_assert_eq!(parse_date(&format_date(date)), Ok(Some(date)));
        }

        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = parse_date(&s);
        }
    }
}
