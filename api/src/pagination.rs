//! Keyset pagination: `limit` (1–200, default 50) and an opaque `cursor` naming where the
//! previous page ended. Lists answer `{"items": [...], "next_cursor": "…" | null}`.

use crate::error::ApiError;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;
use std::sync::OnceLock;
use utoipa::IntoParams;

/// The largest page.
pub const MAX_LIMIT: u64 = 200;
/// The page size when none is asked for.
pub const DEFAULT_LIMIT: u64 = 50;
/// The longest cursor: the hex of a signature and a sort key (a name of up to 200 characters and an id).
pub const MAX_CURSOR_CHARS: usize = 2048;

/// Paging parameters of every list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 2048, pattern = "^[0-9a-f]*$")]
    pub cursor: Option<String>,
}

impl PageParams {
    /// The page size, or 400 when out of range.
    pub fn limit(&self) -> Result<u64, ApiError> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            Some(n) => Err(ApiError::InvalidQuery(format!("limit {n} is not within 1–{MAX_LIMIT}"))),
        }
    }

    /// The decoded cursor parts, or 400 when the cursor was not made by us.
    pub fn cursor_parts(&self) -> Result<Option<Vec<String>>, ApiError> {
        self.cursor.as_deref().map(decode_cursor).transpose()
    }
}

/// One page of a list; each list has its own named wire type made by [`list_type!`].
#[derive(Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// Declares the wire type of a list: `{"items": [...], "next_cursor": "…" | null}`.
#[macro_export]
macro_rules! list_type {
    ($name:ident, $item:ty, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Pass as `cursor` to get the next page; null on the last page.
            pub next_cursor: Option<String>,
        }

        impl From<$crate::pagination::Page<$item>> for $name {
            fn from(page: $crate::pagination::Page<$item>) -> Self {
                $name { items: page.items, next_cursor: page.next_cursor }
            }
        }
    };
}

/// The key cursors are signed with: set once at start-up from the server's secret (so every
/// replica issues and accepts the same cursors), else one chosen at random for this process.
static CURSOR_KEY: OnceLock<[u8; 32]> = OnceLock::new();
/// Bytes of the signature a cursor carries (HMAC-SHA256, truncated: forging one is 2^-128 a try).
const SIGNATURE_BYTES: usize = 16;

/// Derives the cursor key from the server's secret; the first call wins (start-up makes it).
pub fn init_cursor_key(secret: &[u8]) {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(b"sesam cursor key v1");
    let _ = CURSOR_KEY.set(mac.finalize().into_bytes().into());
}

fn cursor_key() -> &'static [u8; 32] {
    CURSOR_KEY.get_or_init(|| {
        let mut key = [0u8; 32];
        // Without an operating-system random source nothing else would work either.
        getrandom::fill(&mut key).expect("random bytes for the cursor key");
        key
    })
}

fn signature(payload: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(cursor_key()).expect("HMAC takes a key of any length");
    mac.update(payload);
    mac
}

/// Makes an opaque cursor from the sort key of the last item: the key, signed, in hex, so that a
/// cursor the server did not issue is refused before any of it reaches a query.
pub fn encode_cursor(parts: &[&str]) -> String {
    let payload = parts.join("\u{1f}");
    let tag = signature(payload.as_bytes()).finalize().into_bytes();
    let mut out = String::with_capacity(2 * (SIGNATURE_BYTES + payload.len()));
    for b in tag[..SIGNATURE_BYTES].iter().chain(payload.as_bytes()) {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Reads a cursor made by [`encode_cursor`]; 400 `invalid_query` for any other.
pub fn decode_cursor(cursor: &str) -> Result<Vec<String>, ApiError> {
    let bad = || ApiError::InvalidQuery("cursor is not one this API made".into());
    // Only hex digits: anything else (say, a multi-byte character) is refused before it is sliced.
    if !cursor.len().is_multiple_of(2)
        || cursor.len() > MAX_CURSOR_CHARS
        || cursor.len() < 2 * SIGNATURE_BYTES
        || !cursor.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return Err(bad());
    }
    let bytes = cursor
        .as_bytes()
        .chunks(2)
        .map(|pair| std::str::from_utf8(pair).ok().and_then(|hex| u8::from_str_radix(hex, 16).ok()))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(bad)?;
    let (tag, payload) = bytes.split_at(SIGNATURE_BYTES);
    signature(payload).verify_truncated_left(tag).map_err(|_| bad())?;
    let text = String::from_utf8(payload.to_vec()).map_err(|_| bad())?;
    Ok(text.split('\u{1f}').map(str::to_owned).collect())
}

/// Splits one extra fetched row off a page: fetch `limit + 1`, and this tells whether there is more.
pub fn finish_page<M, T>(
    mut rows: Vec<M>,
    limit: u64,
    cursor_of: impl Fn(&M) -> String,
    to_dto: impl FnMut(M) -> T,
) -> Page<T> {
    let has_more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let next_cursor = if has_more { rows.last().map(&cursor_of) } else { None };
    Page { items: rows.into_iter().map(to_dto).collect(), next_cursor }
}

/// The condition "after the cursor" for lists sorted by `(name, id)` ascending.
pub fn after_name_and_id<C: sea_orm::ColumnTrait>(
    name: C,
    id: C,
    parts: Option<Vec<String>>,
) -> Result<Option<sea_orm::Condition>, ApiError> {
    use sea_orm::Condition;
    let Some(parts) = parts else { return Ok(None) };
    let [last_name, last_id] = parts.as_slice() else { return Err(not_our_cursor()) };
    let last_id = uuid::Uuid::parse_str(last_id).map_err(|_| not_our_cursor())?;
    Ok(Some(
        Condition::any()
            .add(name.gt(last_name.clone()))
            .add(Condition::all().add(name.eq(last_name.clone())).add(id.gt(last_id))),
    ))
}

/// The condition "after the cursor" for lists of people sorted by `(last name, first name, id)`
/// ascending (holdings, expert users); their cursor is [`encode_cursor`] of those three.
pub fn after_person_and_id<C: sea_orm::ColumnTrait>(
    last_name: C,
    first_name: C,
    id: C,
    parts: Option<Vec<String>>,
) -> Result<Option<sea_orm::Condition>, ApiError> {
    let Some(parts) = parts else { return Ok(None) };
    let [last, first, last_id] = parts.as_slice() else { return Err(not_our_cursor()) };
    let last_id = uuid::Uuid::parse_str(last_id).map_err(|_| not_our_cursor())?;
    let key = PersonKey { last_name: last.clone(), first_name: first.clone(), id: last_id };
    Ok(Some(key.after(last_name, first_name, id)))
}

/// Where a list of people sorted by `(last name, first name, id)` stopped: the sort key of its last row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonKey {
    pub last_name: String,
    pub first_name: String,
    pub id: uuid::Uuid,
}

impl PersonKey {
    /// The condition "sorts after this key", for the three columns of the sort.
    pub fn after<C: sea_orm::ColumnTrait>(&self, last_name: C, first_name: C, id: C) -> sea_orm::Condition {
        use sea_orm::Condition;
        let (last, first) = (&self.last_name, &self.first_name);
        Condition::any()
            .add(last_name.gt(last.clone()))
            .add(Condition::all().add(last_name.eq(last.clone())).add(first_name.gt(first.clone())))
            .add(Condition::all().add(last_name.eq(last.clone())).add(first_name.eq(first.clone())).add(id.gt(self.id)))
    }
}

fn not_our_cursor() -> ApiError {
    ApiError::InvalidQuery("cursor is not one this API made".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let c = encode_cursor(&["Boende Linden", "0190c2a4-6f5e-7000-8000-000000000001"]);
        assert_eq!(decode_cursor(&c).expect("ok"), vec!["Boende Linden", "0190c2a4-6f5e-7000-8000-000000000001"]);
        assert!(decode_cursor("zz").is_err());
        assert!(decode_cursor("abc").is_err());
        // Not made by the server: a sort key without its signature, or with another one.
        assert!(decode_cursor(&"ab".repeat(20)).is_err());
        let mut forged = c.clone();
        forged.replace_range(0..2, if &c[0..2] == "00" { "01" } else { "00" });
        assert!(decode_cursor(&forged).is_err());
        // Found by fuzzing: a multi-byte character used to panic when sliced.
        assert!(decode_cursor("\u{9129e}").is_err());
        assert!(decode_cursor("a\u{e5}").is_err());
        assert!(decode_cursor("+0").is_err());
        let long_name = "å".repeat(200);
        let c = encode_cursor(&[&long_name, "0190c2a4-6f5e-7000-8000-000000000001"]);
        assert!(c.len() <= MAX_CURSOR_CHARS);
        assert_eq!(decode_cursor(&c).expect("ok")[0], long_name);
    }

    #[test]
    fn limits_are_bounded() {
        assert_eq!(PageParams::default().limit().ok(), Some(50));
        assert!(PageParams { limit: Some(201), cursor: None }.limit().is_err());
        assert!(PageParams { limit: Some(0), cursor: None }.limit().is_err());
    }
}
