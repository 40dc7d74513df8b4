//! PostgreSQL's `COPY … FROM STDIN` text format, written by hand for speed: one line per row,
//! tab-separated, `\N` for NULL, backslash escapes in text.

use super::synth::{DAY_MS, HoldingRow, OrderRow, person};
use uuid::Uuid;

/// A table the bulk load fills, in the order it fills them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Orders,
    OrderUnits,
    OrderHistory,
    Holdings,
    HoldingUnits,
}

impl Table {
    pub const ALL: [Table; 5] =
        [Table::Orders, Table::OrderUnits, Table::OrderHistory, Table::Holdings, Table::HoldingUnits];

    pub fn name(self) -> &'static str {
        match self {
            Table::Orders => "orders",
            Table::OrderUnits => "order_units",
            Table::OrderHistory => "order_history",
            Table::Holdings => "holdings",
            Table::HoldingUnits => "holding_units",
        }
    }

    /// What the progress bar calls it.
    pub fn label(self) -> &'static str {
        match self {
            Table::Orders => "orders",
            Table::OrderUnits => "order units",
            Table::OrderHistory => "order history",
            Table::Holdings => "holdings",
            Table::HoldingUnits => "holding units",
        }
    }

    pub fn copy_statement(self) -> String {
        let columns = match self {
            Table::Orders => {
                "id, reference, kind, status, provider_id, permission_id, system_id, first_name, last_name, \
                 personal_number, email, phone, lifecare_title, profession, expert_user, valid_to, comment, \
                 search_text, created_by, created_at, updated_at, submitted_by, submitted_at, taken_by, taken_at, \
                 completed_by, completed_at, account_name, reject_reason, return_question, version"
            }
            Table::OrderUnits => "order_id, unit_id",
            Table::OrderHistory => "id, order_id, at, actor_id, action, from_status, to_status, note",
            Table::Holdings => {
                "id, provider_id, permission_id, system_id, first_name, last_name, personal_number, email, \
                 search_text, since, valid_to, source_order_id, latest_order_id, ended_at, ended_by, \
                 ended_by_order_id, notice_sent_at, expiry_handled_at, expiry_order_id, created_at, updated_at"
            }
            Table::HoldingUnits => "holding_id, unit_id",
        };
        format!("COPY {} ({columns}) FROM STDIN", self.name())
    }
}

/// Appends rows to a buffer in COPY text format.
pub struct Writer<'a> {
    buf: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Writer<'a> {
    pub fn row(buf: &'a mut Vec<u8>) -> Writer<'a> {
        Writer { buf, first: true }
    }

    fn sep(&mut self) {
        if !self.first {
            self.buf.push(b'\t');
        }
        self.first = false;
    }

    pub fn null(&mut self) -> &mut Self {
        self.sep();
        self.buf.extend_from_slice(b"\\N");
        self
    }

    pub fn uuid(&mut self, id: Uuid) -> &mut Self {
        self.sep();
        let mut tmp = [0u8; uuid::fmt::Hyphenated::LENGTH];
        self.buf.extend_from_slice(id.hyphenated().encode_lower(&mut tmp).as_bytes());
        self
    }

    pub fn opt_uuid(&mut self, id: Option<Uuid>) -> &mut Self {
        match id {
            Some(id) => self.uuid(id),
            None => self.null(),
        }
    }

    pub fn text(&mut self, s: &str) -> &mut Self {
        self.sep();
        for &b in s.as_bytes() {
            match b {
                b'\\' => self.buf.extend_from_slice(b"\\\\"),
                b'\t' => self.buf.extend_from_slice(b"\\t"),
                b'\n' => self.buf.extend_from_slice(b"\\n"),
                b'\r' => self.buf.extend_from_slice(b"\\r"),
                _ => self.buf.push(b),
            }
        }
        self
    }

    pub fn opt_text(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.text(s),
            None => self.null(),
        }
    }

    pub fn bool(&mut self, v: bool) -> &mut Self {
        self.sep();
        self.buf.push(if v { b't' } else { b'f' });
        self
    }

    pub fn int(&mut self, v: i64) -> &mut Self {
        self.sep();
        self.buf.extend_from_slice(v.to_string().as_bytes());
        self
    }

    /// A `timestamptz` from Unix milliseconds: `YYYY-MM-DD HH:MM:SS.mmm+00`.
    pub fn ts(&mut self, ms: i64) -> &mut Self {
        self.sep();
        let days = ms.div_euclid(DAY_MS);
        let rest = ms.rem_euclid(DAY_MS);
        push_date(self.buf, days);
        let (h, m, s, milli) = (rest / 3_600_000, rest / 60_000 % 60, rest / 1_000 % 60, rest % 1_000);
        self.buf.push(b' ');
        push_digits(self.buf, h, 2);
        self.buf.push(b':');
        push_digits(self.buf, m, 2);
        self.buf.push(b':');
        push_digits(self.buf, s, 2);
        self.buf.push(b'.');
        push_digits(self.buf, milli, 3);
        self.buf.extend_from_slice(b"+00");
        self
    }

    pub fn opt_ts(&mut self, ms: Option<i64>) -> &mut Self {
        match ms {
            Some(ms) => self.ts(ms),
            None => self.null(),
        }
    }

    /// A `date` from days since 1970-01-01.
    pub fn opt_date(&mut self, days: Option<i32>) -> &mut Self {
        match days {
            Some(d) => {
                self.sep();
                push_date(self.buf, i64::from(d));
                self
            }
            None => self.null(),
        }
    }

    pub fn end(&mut self) {
        self.buf.push(b'\n');
    }
}

fn push_digits(buf: &mut Vec<u8>, mut v: i64, width: usize) {
    let mut tmp = [b'0'; 8];
    for i in (0..width).rev() {
        tmp[i] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    buf.extend_from_slice(&tmp[..width]);
}

/// `YYYY-MM-DD` of a day number (Howard Hinnant's civil-from-days).
fn push_date(buf: &mut Vec<u8>, days: i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    push_digits(buf, y, 4);
    buf.push(b'-');
    push_digits(buf, m, 2);
    buf.push(b'-');
    push_digits(buf, d, 2);
}

/// Appends the rows `table` has for one order.
pub fn order_rows(table: Table, o: &OrderRow<'_>, providers: &[super::synth::Provider], buf: &mut Vec<u8>) {
    match table {
        Table::Orders => {
            Writer::row(buf)
                .uuid(o.id)
                .text(&o.reference)
                .text(o.kind.as_str())
                .text(o.status.as_str())
                .uuid(providers[o.provider].id)
                .uuid(o.permission.id)
                .uuid(o.permission.system_id)
                .text(o.first_name)
                .text(o.last_name)
                .text(&o.personal_number)
                .opt_text(o.email.as_deref())
                .opt_text(o.phone.as_deref())
                .opt_text(o.lifecare_title)
                .opt_text(o.profession)
                .bool(o.expert_user)
                .opt_date(o.valid_to)
                .opt_text(o.comment)
                .text(&o.search_text)
                .uuid(o.created_by)
                .ts(o.created_at)
                .ts(o.updated_at)
                .opt_uuid(o.submitted_by)
                .opt_ts(o.submitted_at)
                .opt_uuid(o.taken_by)
                .opt_ts(o.taken_at)
                .opt_uuid(o.completed_by)
                .opt_ts(o.completed_at)
                .opt_text(o.account_name.as_deref())
                .opt_text(o.reject_reason)
                .opt_text(o.return_question)
                .int(i64::from(o.version()))
                .end();
        }
        Table::OrderUnits => {
            for u in &o.units {
                Writer::row(buf).uuid(o.id).uuid(*u).end();
            }
        }
        Table::OrderHistory => {
            for s in &o.history {
                Writer::row(buf)
                    .uuid(s.id)
                    .uuid(o.id)
                    .ts(s.at)
                    .opt_uuid(s.actor)
                    .text(s.action.as_str())
                    .opt_text(s.from.map(|f| f.as_str()))
                    .text(s.to.as_str())
                    .opt_text(s.note)
                    .end();
            }
        }
        Table::Holdings | Table::HoldingUnits => {}
    }
}

/// Appends the rows `table` has for one holding.
pub fn holding_rows(table: Table, h: &HoldingRow, buf: &mut Vec<u8>) {
    match table {
        Table::Holdings => {
            let who = person(h.person);
            Writer::row(buf)
                .uuid(h.id)
                .uuid(h.provider_id)
                .uuid(h.permission_id)
                .uuid(h.system_id)
                .text(who.first_name)
                .text(who.last_name)
                .text(&who.personal_number)
                .opt_text(h.email.as_deref())
                .text(&crate::holdings::effects::search_text(who.first_name, who.last_name, h.email.as_deref()))
                .ts(h.since)
                .opt_date(h.valid_to)
                .uuid(h.source_order_id)
                .uuid(h.latest_order_id)
                .opt_ts(h.ended_at)
                .opt_uuid(h.ended_by)
                .opt_uuid(h.ended_by_order_id)
                .opt_ts(h.notice_sent_at)
                .null()
                .null()
                .ts(h.since)
                .ts(h.updated_at)
                .end();
        }
        Table::HoldingUnits => {
            for u in &h.units {
                Writer::row(buf).uuid(h.id).uuid(*u).end();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_dates_are_written_as_postgresql_reads_them() {
        let mut buf = Vec::new();
        let t = chrono::DateTime::parse_from_rfc3339("2024-02-29T23:59:58.123Z").expect("time").timestamp_millis();
        Writer::row(&mut buf).ts(t).opt_date(Some(19_782)).text("a\tb\\c\nd").null().end();
        assert_eq!(
            String::from_utf8(buf).expect("utf-8"),
            "2024-02-29 23:59:58.123+00\t2024-02-29\ta\\tb\\\\c\\nd\t\\N\n"
        );
        let mut buf = Vec::new();
        Writer::row(&mut buf).ts(0).opt_date(Some(-1)).end();
        assert_eq!(String::from_utf8(buf).expect("utf-8"), "1970-01-01 00:00:00.000+00\t1969-12-31\n");
    }
}
