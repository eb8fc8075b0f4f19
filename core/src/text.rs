//! [`Text`]: the string fields of events, shared with the body instead of copied.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// A string field of an event. It dereferences to `str`, compares, hashes and prints like one.
///
/// A JSON string without escapes is a range of the batch's one shared copy of the body (no
/// allocation, no copy); one with escapes holds its decoded text. Cloning is cheap either way.
#[derive(Clone)]
pub struct Text {
    source: Arc<str>,
    start: usize,
    end: usize,
}

impl Text {
    /// The text as a `str`.
    pub fn as_str(&self) -> &str {
        self.source.get(self.start..self.end).unwrap_or_default()
    }

    /// Where this text stands in its source.
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Where this text stands in the source of `other`, when both are ranges of one allocation.
    pub(crate) fn range_in(&self, other: &Text) -> Option<std::ops::Range<usize>> {
        Arc::ptr_eq(&self.source, &other.source).then_some(self.start..self.end)
    }

    /// A range of this text's source, relative to the text: `range` must lie within `self`
    /// (else the result is an empty text).
    pub(crate) fn slice(&self, range: std::ops::Range<usize>) -> Text {
        Text::shared(&self.source, self.start + range.start, self.start + range.end)
    }

    /// A range of `source`; byte offsets at char boundaries (else the text is empty: the
    /// reader only makes ranges of whole JSON strings).
    pub(crate) fn shared(source: &Arc<str>, start: usize, end: usize) -> Text {
        if source.get(start..end).is_some() {
            Text {
                source: Arc::clone(source),
                start,
                end,
            }
        } else {
            Text::from("")
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::from(Arc::<str>::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::from(Arc::<str>::from(s))
    }
}

impl From<Arc<str>> for Text {
    fn from(source: Arc<str>) -> Text {
        let end = source.len();
        Text { source, start: 0, end }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, like `str`, so width and alignment flags apply.
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_and_owned_texts_behave_like_str() {
        let body: Arc<str> = Arc::from("[\"héllo\"]");
        let shared = Text::shared(&body, 2, 8);
        assert_eq!(shared, "héllo");
        assert_eq!(shared, Text::from("héllo".to_owned()));
        assert_eq!(
            format!("{shared} {shared:?} [{shared:>7}]"),
            "héllo \"héllo\" [  héllo]"
        );
        assert_eq!(shared.len(), 6);
        // A range that is not at char boundaries cannot be made; it gives an empty text.
        assert_eq!(Text::shared(&body, 4, 8), "");
    }
}
