//! Lists that also come as CSV: choosing JSON or CSV by `Accept`, writing RFC 4180 fields, and
//! streaming an export a page at a time.

use crate::{error::ApiError, pagination::PersonKey};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, http::header, web::Bytes};
use futures_util::stream::{self, Stream};
use sea_orm::{
    AccessMode, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseExecutor, DatabaseTransaction, EntityTrait,
    IsolationLevel, QueryFilter, QuerySelect, Select, TransactionTrait,
};
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
pub const EXPORT_PAGE_ROWS: u64 = 500;

/// One page of an export: its CSV lines, and the key the next page starts after (none after the last).
pub struct ExportPage<K> {
    pub lines: String,
    pub next: Option<K>,
}

/// Where an export reads: a snapshot on PostgreSQL; on SQLite the pool (a transaction would hold its one connection).
enum Reader {
    Snapshot(DatabaseTransaction),
    Pool(DatabaseConnection),
}

impl Reader {
    /// A REPEATABLE READ, READ ONLY transaction on PostgreSQL, so every page sees the same data.
    async fn open(db: &DatabaseConnection) -> Result<Reader, ApiError> {
        if !crate::db::is_postgres(db) {
            return Ok(Reader::Pool(db.clone()));
        }
        let txn = db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?;
        Ok(Reader::Snapshot(txn))
    }

    /// What the page reader queries through.
    fn executor(&self) -> DatabaseExecutor<'_> {
        match self {
            Reader::Snapshot(txn) => DatabaseExecutor::Transaction(txn),
            Reader::Pool(db) => DatabaseExecutor::Connection(db),
        }
    }

    /// Ends the snapshot (nothing was written, so committing ends it as a rollback would).
    async fn close(self) -> Result<(), ApiError> {
        if let Reader::Snapshot(txn) = self {
            txn.commit().await?;
        }
        Ok(())
    }
}

/// An export being streamed: where it reads, how it reads a page, and what comes next.
struct Export<K, F> {
    reader: Reader,
    page: F,
    chunk: Option<String>,
    next: Option<K>,
}

impl<K, F> Export<K, F>
where
    F: AsyncFn(&DatabaseExecutor<'_>, Option<K>) -> Result<ExportPage<K>, ApiError>,
{
    /// The next chunk and the export after it; none when every page is sent and the snapshot ended.
    async fn step(mut self) -> Result<Option<(Bytes, Self)>, ApiError> {
        loop {
            if let Some(chunk) = self.chunk.take().filter(|c| !c.is_empty()) {
                return Ok(Some((Bytes::from(chunk), self)));
            }
            let Some(after) = self.next.take() else {
                self.reader.close().await?;
                return Ok(None);
            };
            let page = (self.page)(&self.reader.executor(), Some(after)).await?;
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
    F: AsyncFn(&DatabaseExecutor<'_>, Option<K>) -> Result<ExportPage<K>, ApiError> + 'static,
{
    let reader = Reader::open(db).await?;
    let first = page(&reader.executor(), None).await?;
    let chunk = Some(line(header) + &first.lines);
    Ok(stream::try_unfold(Export { reader, page, chunk, next: first.next }, Export::logged_step))
}

/// A page of people (sorted by the `columns` last name, first name, id) after `after`; the next key when it is full.
pub async fn people_page<E, C>(
    db: &impl ConnectionTrait,
    query: &Select<E>,
    columns: (C, C, C),
    after: Option<PersonKey>,
    key: impl Fn(&E::Model) -> PersonKey,
) -> Result<(Vec<E::Model>, Option<PersonKey>), ApiError>
where
    E: EntityTrait,
    C: ColumnTrait,
{
    let mut query = query.clone();
    if let Some(after) = after {
        query = query.filter(after.after(columns.0, columns.1, columns.2));
    }
    let rows = query.limit(EXPORT_PAGE_ROWS).all(db).await?;
    let next = if rows.len() as u64 == EXPORT_PAGE_ROWS { rows.last().map(key) } else { None };
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
        let read = async |_: &DatabaseExecutor<'_>, after: Option<usize>| {
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
