//! Lists that also come as CSV: choosing JSON or CSV by `Accept`, and writing RFC 4180 fields.

use crate::error::ApiError;
use actix_web::{HttpRequest, HttpResponse, http::header};
use std::borrow::Cow;

/// What the client accepts, of the two media types a list comes in.
#[derive(Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

/// Picks JSON or CSV by `Accept` (quality values honoured; JSON when absent or `*/*`); 406 when
/// the client accepts neither.
pub fn negotiate(req: &HttpRequest) -> Result<Format, ApiError> {
    let Some(accept) = req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
        return Ok(Format::Json);
    };
    let mut best: Option<(f32, u8, Format)> = None;
    for part in accept.split(',') {
        let mut pieces = part.trim().split(';');
        let range = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
        // Specific ranges win over wildcards at equal quality.
        let (format, specificity) = match range.as_str() {
            "text/csv" => (Format::Csv, 2),
            "application/json" | "application/problem+json" => (Format::Json, 2),
            "application/*" => (Format::Json, 1),
            "text/*" => (Format::Csv, 1),
            "*/*" | "" => (Format::Json, 0),
            _ => continue,
        };
        if q <= 0.0 {
            continue;
        }
        if best.as_ref().is_none_or(|(bq, bs, _)| q > *bq || (q == *bq && specificity > *bs)) {
            best = Some((q, specificity, format));
        }
    }
    best.map(|(_, _, f)| f).ok_or(ApiError::NotAcceptable)
}

/// One CSV field as RFC 4180 says: quoted when it holds a comma, a quote or a line break, with
/// quotes doubled. A value a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return; OWASP "CSV injection") gets a leading `'`, so a name typed by one
/// provider cannot run in the spreadsheet of the support person who opens the export.
pub fn field(value: &str) -> String {
    let value: Cow<str> =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}").into() } else { value.into() };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.into_owned()
    }
}

/// One CSV line (with its CRLF) of the given fields.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = fields.iter().map(|f| field(f.as_ref())).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// A CSV answer to download as `filename`, never cached (it may name people).
pub fn attachment(filename: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn format_for(accept: Option<&str>) -> Result<Format, ApiError> {
        let mut req = TestRequest::default();
        if let Some(a) = accept {
            req = req.insert_header((header::ACCEPT, a));
        }
        negotiate(&req.to_http_request())
    }

    #[test]
    fn json_unless_csv_is_asked_for() {
        assert_eq!(format_for(None).ok(), Some(Format::Json));
        assert_eq!(format_for(Some("*/*")).ok(), Some(Format::Json));
        assert_eq!(format_for(Some("application/json")).ok(), Some(Format::Json));
        assert_eq!(format_for(Some("text/csv")).ok(), Some(Format::Csv));
        assert_eq!(format_for(Some("text/csv, */*;q=0.1")).ok(), Some(Format::Csv));
        assert_eq!(format_for(Some("application/json;q=0.5, text/csv")).ok(), Some(Format::Csv));
        assert_eq!(format_for(Some("text/html,application/xhtml+xml,*/*;q=0.8")).ok(), Some(Format::Json));
        assert!(format_for(Some("application/xml")).is_err());
    }

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(field("Karin Berg"), "Karin Berg");
        assert_eq!(field("Vård & Trygghet i Uppland AB"), "Vård & Trygghet i Uppland AB");
        assert_eq!(field("Berg, Karin"), "\"Berg, Karin\"");
        assert_eq!(field("Karin \"Kajsa\" Berg"), "\"Karin \"\"Kajsa\"\" Berg\"");
        assert_eq!(field("a\nb"), "\"a\nb\"");
        assert_eq!(line(&["a", "b,c"]), "a,\"b,c\"\r\n");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(field("+46 70 123 45 67"), "'+46 70 123 45 67");
        assert_eq!(field("-1+1"), "'-1+1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("Anna-Karin Lind"), "Anna-Karin Lind");
        assert_eq!(field("2026-12-31"), "2026-12-31");
    }
}
