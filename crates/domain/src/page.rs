//! Pagination shared by every list, bounded so no request can ask the
//! database for an unbounded result.

use serde::Serialize;

pub const DEFAULT_PER_PAGE: u32 = 25;
pub const MAX_PER_PAGE: u32 = 100;
/// Lists count their matches only up to one past this: counting every row
/// of a large result on each page view would cost more than the page.
pub const COUNT_LIMIT: u64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: u32,
    per_page: u32,
}

impl PageRequest {
    /// Clamps out-of-range requests rather than failing: page 0 is page 1,
    /// and an oversized page is the largest allowed.
    pub fn new(page: Option<u32>, per_page: Option<u32>) -> Self {
        Self {
            page: page.unwrap_or(1).clamp(1, 1_000_000),
            per_page: per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE),
        }
    }

    pub fn page(&self) -> u32 {
        self.page
    }

    pub fn per_page(&self) -> u32 {
        self.per_page
    }

    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    pub fn limit(&self) -> u64 {
        u64::from(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::new(None, None)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, request: PageRequest, total: u64) -> Self {
        Self {
            items,
            page: request.page(),
            per_page: request.per_page(),
            total,
        }
    }

    pub fn total_pages(&self) -> u64 {
        self.total.div_ceil(u64::from(self.per_page)).max(1)
    }

    pub fn has_next(&self) -> bool {
        u64::from(self.page) < self.total_pages()
    }

    /// The true total may be larger than `total` (see `COUNT_LIMIT`).
    pub fn total_is_lower_bound(&self) -> bool {
        self.total > COUNT_LIMIT
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            per_page: self.per_page,
            total: self.total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn requests_are_always_within_bounds(page in any::<Option<u32>>(), per in any::<Option<u32>>()) {
            let r = PageRequest::new(page, per);
            prop_assert!(r.page() >= 1);
            prop_assert!((1..=MAX_PER_PAGE).contains(&r.per_page()));
        }
    }

    #[test]
    fn page_arithmetic() {
        let p = Page::new(vec![1, 2], PageRequest::new(Some(2), Some(2)), 5);
        assert_eq!(p.total_pages(), 3);
        assert!(p.has_next());
        assert!(p.has_previous());
    }
}
