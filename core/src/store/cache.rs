//! A small least-recently-used cache of loaded documents: the hot accounts of the day stay in memory
//! (a visit logs without re-reading its document), the rest stay on disk.

use std::collections::HashMap;

use crate::doc::Document;

pub(super) struct DocCache {
    capacity: usize,
    tick: u64,
    docs: HashMap<String, (Document, u64)>,
}

impl DocCache {
    pub(super) fn new(capacity: usize) -> Self {
        DocCache { capacity, tick: 0, docs: HashMap::new() }
    }

    pub(super) fn take(&mut self, doc_id: &str) -> Option<Document> {
        self.docs.remove(doc_id).map(|(doc, _)| doc)
    }

    /// Keeps `doc`, evicting the least recently used document when full.
    pub(super) fn put(&mut self, doc: Document) {
        self.tick += 1;
        if self.docs.len() >= self.capacity && !self.docs.contains_key(doc.id()) {
            if let Some(oldest) = self.docs.iter().min_by_key(|(_, (_, t))| *t).map(|(id, _)| id.clone()) {
                self.docs.remove(&oldest);
            }
        }
        self.docs.insert(doc.id().to_owned(), (doc, self.tick));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::DocKind;

    #[test]
    fn evicts_the_least_recently_used() {
        let mut cache = DocCache::new(2);
        for id in ["a", "b"] {
            cache.put(Document::create(id, DocKind::Account).unwrap());
        }
        let a = cache.take("a").unwrap();
        cache.put(a); // a is now the most recent
        cache.put(Document::create("c", DocKind::Account).unwrap());
        assert!(cache.take("b").is_none());
        assert!(cache.take("a").is_some());
        assert!(cache.take("c").is_some());
    }
}
