//! The local calendar and clock, from the browser (which knows this computer's time zone and its
//! summer time). The domain takes "today" as an argument; the UI gets it here.

use chrono::{DateTime, NaiveDate, Utc};

/// Today's local date.
pub fn today() -> Option<NaiveDate> {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// `at` in this computer's time zone.
fn local(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    let js_at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        at.timestamp_millis() as f64
    ));
    at.naive_utc() - chrono::Duration::minutes(js_at.get_timezone_offset() as i64)
}

/// Day and time, e.g. `28/11/2026 20:15`.
pub fn local_time(at: DateTime<Utc>) -> String {
    local(at).format("%d/%m/%Y %H:%M").to_string()
}

/// The time of day to the second (e.g. the last live exchange).
pub fn local_clock(at: DateTime<Utc>) -> String {
    local(at).format("%H:%M:%S").to_string()
}
