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

/// A moment as local date and time, `dd/mm/yyyy hh:mm`.
pub fn local_time(at: DateTime<Utc>) -> String {
    let js_at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        at.timestamp_millis() as f64
    ));
    let local = at.naive_utc() - chrono::Duration::minutes(js_at.get_timezone_offset() as i64);
    local.format("%d/%m/%Y %H:%M").to_string()
}
