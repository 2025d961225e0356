//! Calendar days in the user's time zone. "Days since the last order", "within the last N
//! days" and the lifecycle's thresholds count dates on the calendar, not 86,400-second
//! periods: across a daylight-saving change a day has 23 or 25 hours, and dividing seconds
//! by 86,400 put a winter order seen from a summer "now" one day short (RFM recency of a
//! 1997–98 data set in America/New_York came out one day low for most customers).
//!
//! Days are numbered since 1970-01-01 on the local calendar. A [`Calendar`] is fixed at one
//! "now" and one zone (the machine's, or any chrono zone for tests), so the boundaries a
//! query needs are worked out once and each event is then only compared with them.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeZone};
use std::sync::Arc;

const DAY: i64 = 86_400;

/// A time zone as the calendar needs it: its offset at a moment, and moments of a local time.
trait Zone: Send + Sync {
    /// Seconds the zone is ahead of UTC at `utc` (unix seconds).
    fn offset(&self, utc: i64) -> i64;
    /// The first moment whose local time is `local` or later (a time skipped by a
    /// daylight-saving change starts when the change happens).
    fn first_at(&self, local: NaiveDateTime) -> i64;
}

impl<Tz: TimeZone + Send + Sync> Zone for Tz {
    fn offset(&self, utc: i64) -> i64 {
        DateTime::from_timestamp(utc, 0).map_or(0, |t| {
            i64::from(
                self.offset_from_utc_datetime(&t.naive_utc())
                    .fix()
                    .local_minus_utc(),
            )
        })
    }

    fn first_at(&self, local: NaiveDateTime) -> i64 {
        let naive = local.and_utc().timestamp();
        match self.from_local_datetime(&local).earliest() {
            Some(t) => t.timestamp(),
            // Skipped: the change happens at the local time of `local` under the offset in
            // force before it, which a day earlier still held.
            None => naive - self.offset(naive - DAY),
        }
    }
}

/// Today and the start of every day, in one zone, as seen at one moment.
#[derive(Clone)]
pub struct Calendar {
    zone: Arc<dyn Zone>,
    now: i64,
    today: i64,
}

impl std::fmt::Debug for Calendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Calendar(now {}, today {})", self.now, self.today)
    }
}

impl Calendar {
    /// The machine's time zone (the `TZ` variable, else the system's setting) at `now`.
    pub fn local(now: i64) -> Self {
        Self::new(chrono::Local, now)
    }

    /// Any zone at `now` (unix seconds).
    pub fn new<Tz: TimeZone + Send + Sync + 'static>(zone: Tz, now: i64) -> Self {
        let zone: Arc<dyn Zone> = Arc::new(zone);
        let today = (now + zone.offset(now)).div_euclid(DAY);
        Calendar { zone, now, today }
    }

    pub fn now(&self) -> i64 {
        self.now
    }

    /// Today's local date, as days since 1970-01-01.
    pub fn today(&self) -> i64 {
        self.today
    }

    /// The local date of a moment, as days since 1970-01-01.
    pub fn day(&self, at: i64) -> i64 {
        (at + self.zone.offset(at)).div_euclid(DAY)
    }

    /// Whole calendar days from the moment's date to today (0 today, 1 yesterday).
    pub fn days_ago(&self, at: i64) -> i64 {
        self.today - self.day(at)
    }

    /// The first moment of local day `day` (days since 1970-01-01).
    pub fn start(&self, day: i64) -> i64 {
        let date = NaiveDate::default() + chrono::Duration::days(day);
        self.zone.first_at(date.and_time(chrono::NaiveTime::MIN))
    }

    /// The first moment that is at most `days` calendar days ago: "within the last `days`
    /// days" is from here to now.
    pub fn since(&self, days: i64) -> i64 {
        self.start(self.today - days.max(0))
    }

    /// The local date and time of a moment, as shown to people.
    pub fn local_time(&self, at: i64) -> NaiveDateTime {
        let local = at + self.zone.offset(at);
        DateTime::from_timestamp(local, 0)
            .unwrap_or_default()
            .naive_utc()
    }

    /// Days ago of many moments through boundaries worked out once: the starts of the last
    /// `horizon` days, searched, instead of one zone lookup per moment.
    pub fn counter(&self, horizon: i64) -> DayCounter<'_> {
        let starts = (0..=horizon.max(0))
            .map(|i| self.start(self.today - i))
            .collect();
        DayCounter {
            calendar: self,
            starts,
            tomorrow: self.start(self.today + 1),
        }
    }
}

/// See [`Calendar::counter`].
pub struct DayCounter<'a> {
    calendar: &'a Calendar,
    /// `starts[i]` is the first moment of the day `i` days before today (falling).
    starts: Vec<i64>,
    tomorrow: i64,
}

impl DayCounter<'_> {
    /// As [`Calendar::days_ago`].
    pub fn days_ago(&self, at: i64) -> i64 {
        match self.starts.last() {
            Some(oldest) if at >= *oldest && at < self.tomorrow => {
                self.starts.partition_point(|s| *s > at) as i64
            }
            _ => self.calendar.days_ago(at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Asia::Shanghai;

    fn at<Tz: TimeZone>(zone: &Tz, y: i32, m: u32, d: u32, h: u32) -> i64 {
        zone.with_ymd_and_hms(y, m, d, h, 0, 0)
            .earliest()
            .expect("exists")
            .timestamp()
    }

    #[test]
    fn a_winter_order_seen_from_summer_in_new_york_is_whole_days_ago() {
        // 1997-03-01 00:00 EST to 1997-06-01 00:00 EDT is 92 days less one hour.
        let now = at(&New_York, 1997, 6, 1, 0);
        let cal = Calendar::new(New_York, now);
        assert_eq!(cal.days_ago(at(&New_York, 1997, 3, 1, 0)), 92);
        assert_eq!(cal.days_ago(at(&New_York, 1997, 5, 31, 23)), 1);
        assert_eq!(cal.days_ago(now), 0);
    }

    #[test]
    fn days_are_counted_across_the_november_change_in_new_york() {
        let now = at(&New_York, 1997, 11, 3, 0);
        let cal = Calendar::new(New_York, now);
        // 1997-10-26 was the change: 1997-10-25 23:00 EDT is eight days and one hour back.
        assert_eq!(cal.days_ago(at(&New_York, 1997, 10, 25, 23)), 9);
        assert_eq!(cal.days_ago(at(&New_York, 1997, 10, 26, 0)), 8);
        assert_eq!(cal.days_ago(at(&New_York, 1997, 11, 2, 23)), 1);
    }

    #[test]
    fn a_day_starts_at_local_midnight_in_shanghai() {
        let now = at(&Shanghai, 2025, 1, 10, 9);
        let cal = Calendar::new(Shanghai, now);
        assert_eq!(cal.since(0), at(&Shanghai, 2025, 1, 10, 0));
        assert_eq!(cal.since(7), at(&Shanghai, 2025, 1, 3, 0));
        assert_eq!(cal.days_ago(at(&Shanghai, 2025, 1, 9, 23)), 1);
        assert_eq!(cal.days_ago(at(&Shanghai, 2025, 1, 10, 0)), 0);
    }

    #[test]
    fn a_day_starts_where_midnight_is_skipped() {
        // Sao Paulo skipped 2018-11-04 00:00-01:00: that day began at 01:00 local.
        let zone = chrono_tz::America::Sao_Paulo;
        let cal = Calendar::new(zone, at(&zone, 2018, 11, 10, 12));
        let day = cal.day(at(&zone, 2018, 11, 4, 1));
        assert_eq!(cal.start(day), at(&zone, 2018, 11, 4, 1));
        assert_eq!(cal.day(cal.start(day) - 1), day - 1);
    }

    #[test]
    fn the_counter_agrees_with_the_calendar_around_both_changes() {
        let now = at(&New_York, 1998, 6, 30, 15);
        let cal = Calendar::new(New_York, now);
        let counter = cal.counter(400);
        let mut t = now - 500 * DAY;
        while t <= now {
            assert_eq!(counter.days_ago(t), cal.days_ago(t), "at {t}");
            t += 1_800;
        }
    }
}
