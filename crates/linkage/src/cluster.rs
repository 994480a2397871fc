//! Grouping matched pairs into people: connected components with a
//! deterministic numbering (clusters numbered by their first record).

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_numbered_by_first_record() {
        let (cluster, count) = connected_components(6, [(4, 5), (0, 3), (3, 5)]);
        assert_eq!(cluster, vec![0, 1, 2, 0, 0, 0]);
        assert_eq!(count, 3);
    }
}
