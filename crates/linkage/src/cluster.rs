//! Grouping matched pairs into people: connected components with a
//! deterministic numbering (clusters numbered by their first record).

use crate::block::PairSpace;

/// Union–find with path halving and union by size.
struct DisjointSets {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        Self {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grandparent = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grandparent;
            x = grandparent;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32) {
        let (mut ra, mut rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        if self.size[ra as usize] < self.size[rb as usize] {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb as usize] = ra;
        self.size[ra as usize] += self.size[rb as usize];
    }
}

/// Cluster number of every record (0-based, in order of each cluster's first
/// record), and the number of clusters. Records in no pair are their own cluster.
pub fn connected_components(
    records: usize,
    pairs: impl IntoIterator<Item = (u32, u32)>,
) -> (Vec<u32>, usize) {
    let mut sets = DisjointSets::new(records);
    for (a, b) in pairs {
        sets.union(a, b);
    }
    let mut number_of_root = vec![u32::MAX; records];
    let mut cluster = vec![0u32; records];
    let mut next = 0u32;
    for record in 0..records as u32 {
        let root = sets.find(record) as usize;
        if number_of_root[root] == u32::MAX {
            number_of_root[root] = next;
            next += 1;
        }
        cluster[record as usize] = number_of_root[root];
    }
    (cluster, next as usize)
}

/// Largest component whose members are all compared with one another. A
/// person is rarely recorded more than a few dozen times; a bigger component
/// is a chain of namesakes, and pairing it in full would cost quadratically.
pub const MAX_COMPONENT_TO_COMPLETE: usize = 32;

/// Pairs of the task's space in the same component of `matched` that are not
/// matched themselves, for components of at most `max_size` records.
///
/// Blocking misses pairs whose keys all differ (a new name spelling, a new
/// phone and no birth date), but when both records match a third, the pair
/// is worth comparing: this is the second round of candidates.
pub fn unmatched_pairs_in_components(
    space: PairSpace,
    records: usize,
    matched: &[(u32, u32)],
    max_size: usize,
) -> Vec<(u32, u32)> {
    let (cluster, count) = connected_components(records, matched.iter().copied());
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); count];
    let mut in_pair = vec![false; records];
    for &(a, b) in matched {
        in_pair[a as usize] = true;
        in_pair[b as usize] = true;
    }
    for (record, &c) in cluster.iter().enumerate() {
        if in_pair[record] {
            members[c as usize].push(record as u32);
        }
    }
    let mut known: Vec<(u32, u32)> = matched.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
    known.sort_unstable();
    let mut out = Vec::new();
    for group in members
        .iter()
        .filter(|g| g.len() > 2 && g.len() <= max_size)
    {
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                if space.admits(a, b) && known.binary_search(&(a, b)).is_err() {
                    out.push((a, b));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_missing_from_small_components_are_listed_once() {
        // 0-1-2 is a chain (0,2 unmatched); 3-4 is complete; 5..=9 a star
        // too big for a cap of 4.
        let matched = [(0, 1), (1, 2), (3, 4), (5, 6), (5, 7), (5, 8), (5, 9)];
        let space = PairSpace::Dedupe { records: 10 };
        assert_eq!(
            unmatched_pairs_in_components(space, 10, &matched, 4),
            vec![(0, 2)]
        );
        let star = unmatched_pairs_in_components(space, 10, &matched, 5);
        assert_eq!(star.len(), 1 + 6);
        assert!(star.contains(&(6, 9)));
    }

    #[test]
    fn a_linkage_pairs_only_across_its_two_sides() {
        // Records 0 and 1 on the left both matched 2 on the right.
        let space = PairSpace::Link { left: 2, right: 1 };
        assert!(unmatched_pairs_in_components(space, 3, &[(0, 2), (1, 2)], 8).is_empty());
    }

    #[test]
    fn components_are_numbered_by_first_record() {
        let (cluster, count) = connected_components(6, [(4, 5), (0, 3), (3, 5)]);
        assert_eq!(cluster, vec![0, 1, 2, 0, 0, 0]);
        assert_eq!(count, 3);
    }
}
