//! Lists that also come as CSV: choosing JSON or CSV by `Accept`, writing RFC 4180 fields, and
//! streaming an export a page at a time.

use crate::error::ApiError;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, http::header, web::Bytes};
use futures_util::stream::{self, Stream};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Select};
use std::{borrow::Cow, collections::HashMap, sync::Arc};
use uuid::Uuid;

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
    download(filename).body(body)
}

/// A CSV answer to download as `filename`, sent as `chunks` come: see [`export`].
pub fn streamed(filename: &str, chunks: impl Stream<Item = Result<Bytes, ApiError>> + 'static) -> HttpResponse {
    download(filename).streaming(chunks)
}

/// The headers of every CSV download, so a streamed one looks as a whole one does.
fn download(filename: &str) -> HttpResponseBuilder {
    let mut builder = HttpResponse::Ok();
    builder
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
        .insert_header((header::CACHE_CONTROL, "no-store"));
    builder
}

/// Rows read per query of a streamed export: the server holds one page, whatever the export's size.
pub const EXPORT_PAGE_ROWS: usize = 500;

/// One page of an export: its CSV lines, and where the next page starts (none after the last).
pub struct ExportPage<K> {
    pub lines: String,
    pub next: Option<K>,
}

/// An export being streamed: how it reads a page, and what comes next. Each page is a query of its
/// own through the pool: an export never holds a connection while the client reads (16 downloads
/// at once on a pool of 8 made the others wait past the pool's timeout).
struct Export<K, F> {
    db: DatabaseConnection,
    page: F,
    chunk: Option<String>,
    next: Option<K>,
}

impl<K, F> Export<K, F>
where
    F: AsyncFn(&DatabaseConnection, Option<K>) -> Result<ExportPage<K>, ApiError>,
{
    /// The next chunk and the export after it; none when every page is sent.
    async fn step(mut self) -> Result<Option<(Bytes, Self)>, ApiError> {
        loop {
            if let Some(chunk) = self.chunk.take().filter(|c| !c.is_empty()) {
                return Ok(Some((Bytes::from(chunk), self)));
            }
            let Some(after) = self.next.take() else { return Ok(None) };
            let page = (self.page)(&self.db, Some(after)).await?;
            (self.chunk, self.next) = (Some(page.lines), page.next);
        }
    }

    /// [`Export::step`], with a failure logged: it ends the stream, so the client's download is cut short.
    async fn logged_step(self) -> Result<Option<(Bytes, Self)>, ApiError> {
        self.step().await.inspect_err(|e| log::error!("CSV export cut short: {e}"))
    }
}

/// Streams `header` and each page `page` reads, a chunk a page; the first is read now, so its error is a normal answer.
pub async fn export<K, F>(
    db: &DatabaseConnection,
    header: &[&str],
    page: F,
) -> Result<impl Stream<Item = Result<Bytes, ApiError>> + 'static + use<K, F>, ApiError>
where
    K: 'static,
    F: AsyncFn(&DatabaseConnection, Option<K>) -> Result<ExportPage<K>, ApiError> + 'static,
{
    let first = page(db, None).await?;
    let chunk = Some(line(header) + &first.lines);
    Ok(stream::try_unfold(Export { db: db.clone(), page, chunk, next: first.next }, Export::logged_step))
}

/// Where an export is: the ids of every row it sends, in its order, and how many are sent.
#[derive(Clone)]
pub struct Sent {
    ids: Arc<[Uuid]>,
    done: usize,
}

/// The next page of the rows `query` finds, in its order. The first call reads the ids of them all
/// (16 bytes a row, one query: the search and the sort run once, not once a page); each page then
/// reads its rows by primary key. A row changed in between is sent as it is then; one removed is left out.
pub async fn page_by_ids<E, C>(
    db: &impl ConnectionTrait,
    query: &Select<E>,
    id: C,
    after: Option<Sent>,
    id_of: impl Fn(&E::Model) -> Uuid,
) -> Result<(Vec<E::Model>, Option<Sent>), ApiError>
where
    E: EntityTrait,
    C: ColumnTrait,
{
    let sent = match after {
        Some(sent) => sent,
        None => {
            let ids: Vec<Uuid> = query.clone().select_only().column(id).into_tuple().all(db).await?;
            Sent { ids: ids.into(), done: 0 }
        }
    };
    let end = (sent.done + EXPORT_PAGE_ROWS).min(sent.ids.len());
    let wanted = &sent.ids[sent.done..end];
    let mut rows =
        if wanted.is_empty() { Vec::new() } else { E::find().filter(id.is_in(wanted.iter().copied())).all(db).await? };
    let position: HashMap<Uuid, usize> = wanted.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    rows.sort_by_key(|row| position.get(&id_of(row)).copied().unwrap_or(usize::MAX));
    let next = (end < sent.ids.len()).then(|| Sent { ids: sent.ids.clone(), done: end });
    Ok((rows, next))
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

    /// The chunks an export of `pages` sends (a page's number is the key of the next), errors as `Err(())`.
    async fn chunks_of(pages: &'static [Result<&'static str, ()>]) -> Result<Vec<Result<String, ()>>, ApiError> {
        use futures_util::StreamExt;
        let db = crate::db::connect("sqlite::memory:", 1).await.expect("connect");
        let read = async |_: &DatabaseConnection, after: Option<usize>| {
            let n = after.unwrap_or(0);
            let lines = pages[n].map_err(|()| ApiError::internal("the database went away"))?;
            Ok(ExportPage { lines: lines.to_owned(), next: (n + 1 < pages.len()).then_some(n + 1) })
        };
        let chunks = export(&db, &["n"], read).await?;
        let chunks: Vec<_> = chunks.collect().await;
        Ok(chunks.into_iter().map(|c| c.map(|b| String::from_utf8_lossy(&b).into_owned()).map_err(|_| ())).collect())
    }

    #[tokio::test]
    async fn an_export_is_the_header_then_a_chunk_a_page() {
        let chunks = chunks_of(&[Ok("1\r\n2\r\n"), Ok("3\r\n"), Ok("")]).await.expect("streamed");
        assert_eq!(chunks, vec![Ok("n\r\n1\r\n2\r\n".to_owned()), Ok("3\r\n".to_owned())], "no empty chunk");
        let empty = chunks_of(&[Ok("")]).await.expect("streamed");
        assert_eq!(empty, vec![Ok("n\r\n".to_owned())], "the header alone");
    }

    #[tokio::test]
    async fn a_failure_before_streaming_is_an_answer_and_after_it_cuts_the_stream() {
        assert!(chunks_of(&[Err(())]).await.is_err(), "the first page is read before answering");
        let cut = chunks_of(&[Ok("1\r\n"), Err(()), Ok("2\r\n")]).await.expect("streamed");
        assert_eq!(cut, vec![Ok("n\r\n1\r\n".to_owned()), Err(())], "an error, then nothing more");
    }
}
