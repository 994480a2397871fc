//! A network of people, cases, establishments, vehicles, phone numbers and
//! places around one person, and its drawing: a bounded graph built node by
//! node (the application decides what may enter it) and a deterministic
//! concentric layout.

use std::collections::HashMap;

use crate::{CaseId, PersonId};

/// Nodes no network grows beyond, so the drawing stays readable and the
/// walk bounded.
pub const MAX_NODES: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Person,
    Case,
    Establishment,
    Vehicle,
    Phone,
    Place,
}

impl NodeKind {
    pub const ALL: [NodeKind; 6] = [
        NodeKind::Person,
        NodeKind::Case,
        NodeKind::Establishment,
        NodeKind::Vehicle,
        NodeKind::Phone,
        NodeKind::Place,
    ];

    /// A stable code, for exports and message ids.
    pub fn code(self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Case => "case",
            NodeKind::Establishment => "establishment",
            NodeKind::Vehicle => "vehicle",
            NodeKind::Phone => "phone",
            NodeKind::Place => "place",
        }
    }
}

/// Which record page a node opens, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeLink {
    Person(PersonId),
    Case(CaseId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// What the drawing writes beside the node: a pseudonym, a case
    /// reference, an establishment's name, a plate, a number, an address.
    pub label: String,
    /// Steps from the person the network is drawn around.
    pub depth: u32,
    pub link: Option<NodeLink>,
    /// A person who is a suspect in a case of the network.
    pub suspect: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
}

/// A bounded graph. Nodes are told apart by a key the builder chooses (a
/// record id, a blind-index digest) that never leaves this value.
#[derive(Debug, Clone, Default)]
pub struct Network {
    nodes: Vec<Node>,
    keys: HashMap<Vec<u8>, usize>,
    edges: Vec<Edge>,
    /// A node was refused because the network was full.
    capped: bool,
}

impl Network {
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    pub fn capped(&self) -> bool {
        self.capped
    }

    pub fn index_of(&self, key: &[u8]) -> Option<usize> {
        self.keys.get(key).copied()
    }

    /// Adds a node, or finds the one with this key; `None` (and the network
    /// marked as capped) when it is full.
    pub fn add_node(&mut self, key: &[u8], node: Node) -> Option<usize> {
        if let Some(index) = self.index_of(key) {
            return Some(index);
        }
        if self.nodes.len() >= MAX_NODES {
            self.capped = true;
            return None;
        }
        self.nodes.push(node);
        let index = self.nodes.len() - 1;
        self.keys.insert(key.to_vec(), index);
        Some(index)
    }

    /// Marks a person node as a suspect (reached again through a case
    /// where they are one).
    pub fn mark_suspect(&mut self, index: usize) {
        if let Some(node) = self.nodes.get_mut(index) {
            node.suspect = node.kind == NodeKind::Person;
        }
    }

    /// Links two nodes once, whichever way round.
    pub fn add_edge(&mut self, a: usize, b: usize) {
        if a == b || a >= self.nodes.len() || b >= self.nodes.len() {
            return;
        }
        let (from, to) = (a.min(b), a.max(b));
        if !self.edges.iter().any(|e| e.from == from && e.to == to) {
            self.edges.push(Edge { from, to });
        }
    }
}

/// Where each node is drawn, in a square of `size` units.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub size: f64,
    /// Indexed like the network's nodes.
    pub positions: Vec<(f64, f64)>,
    /// Whether a node's label goes above it rather than below: alternating
    /// along each ring, so neighbours' labels do not run into each other.
    pub label_above: Vec<bool>,
}

/// Least distance between rings of the layout.
pub const RING_STEP: f64 = 120.0;
/// Least distance along a ring between neighbouring nodes: a crowded ring
/// is drawn wider.
pub const MIN_ARC: f64 = 60.0;
/// Room left around the outer ring for labels.
pub const MARGIN: f64 = 130.0;

/// Concentric rings by depth: the person in the middle, each ring ordered
/// by the mean angle of its neighbours on the ring inside it and turned so
/// that nodes sit as near those angles as they can (edges stay short and
/// rarely cross), ties broken by kind and label. A ring is at least
/// `RING_STEP` outside the one before and wide enough for `MIN_ARC`
/// between neighbours. The same network always gives the same drawing.
pub fn layout(network: &Network) -> Layout {
    let nodes = network.nodes();
    let max_depth = nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    let mut radii = Vec::with_capacity(max_depth as usize + 1);
    let mut radius: f64 = 0.0;
    for depth in 0..=max_depth {
        let count = nodes.iter().filter(|n| n.depth == depth).count() as f64;
        if depth > 0 {
            radius = (radius + RING_STEP).max(count * MIN_ARC / std::f64::consts::TAU);
        }
        radii.push(radius);
    }
    let size = 2.0 * (radius + MARGIN);
    let centre = size / 2.0;
    let mut angles: Vec<Option<f64>> = vec![None; nodes.len()];
    let mut positions = vec![(centre, centre); nodes.len()];
    let mut label_above = vec![false; nodes.len()];
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for edge in network.edges() {
        neighbours[edge.from].push(edge.to);
        neighbours[edge.to].push(edge.from);
    }
    for (depth, radius) in (0..=max_depth).zip(radii) {
        let mut ring: Vec<(Option<f64>, usize)> = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.depth == depth)
            .map(|(i, _)| {
                let inner: Vec<f64> = neighbours[i]
                    .iter()
                    .filter(|&&j| nodes[j].depth < depth)
                    .filter_map(|&j| angles[j])
                    .collect();
                let mean = (!inner.is_empty()).then(|| circular_mean(&inner));
                (mean, i)
            })
            .collect();
        ring.sort_by(|(a, i), (b, j)| {
            a.unwrap_or(0.0)
                .total_cmp(&b.unwrap_or(0.0))
                .then(nodes[*i].kind.cmp(&nodes[*j].kind))
                .then(nodes[*i].label.cmp(&nodes[*j].label))
                .then(i.cmp(j))
        });
        let step = std::f64::consts::TAU / ring.len().max(1) as f64;
        // The turn that brings the ring's nodes nearest their targets.
        let shifts: Vec<f64> = ring
            .iter()
            .enumerate()
            .filter_map(|(slot, (mean, _))| mean.map(|m| m - step * slot as f64))
            .collect();
        let offset = if shifts.is_empty() {
            f64::from(depth) * 0.35
        } else {
            circular_mean(&shifts)
        };
        for (slot, (_, index)) in ring.into_iter().enumerate() {
            let angle = offset + step * slot as f64;
            angles[index] = Some(angle);
            label_above[index] = slot % 2 == 1;
            positions[index] = if depth == 0 {
                (centre, centre)
            } else {
                (
                    round(centre + radius * angle.cos()),
                    round(centre + radius * angle.sin()),
                )
            };
        }
    }
    Layout {
        size,
        positions,
        label_above,
    }
}

/// The mean of angles on the circle (so 350° and 10° average to 0°).
fn circular_mean(angles: &[f64]) -> f64 {
    let (sin, cos) = angles
        .iter()
        .fold((0.0, 0.0), |(s, c), a| (s + a.sin(), c + a.cos()));
    sin.atan2(cos)
}

/// One decimal place: enough for a drawing, and stable across platforms.
fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(kind: NodeKind, label: &str, depth: u32) -> Node {
        Node {
            kind,
            label: label.into(),
            depth,
            link: None,
            suspect: false,
        }
    }

    /// A person, three cases, and many suspects per case.
    fn sample(suspects_per_case: usize) -> Network {
        let mut network = Network::default();
        let root = network
            .add_node(b"root", node(NodeKind::Person, "Root", 0))
            .unwrap();
        for c in 0..3 {
            let Some(case) = network.add_node(
                format!("case{c}").as_bytes(),
                node(NodeKind::Case, &format!("C-{c}"), 1),
            ) else {
                continue;
            };
            network.add_edge(root, case);
            for s in 0..suspects_per_case {
                if let Some(p) = network.add_node(
                    format!("p{c}-{s}").as_bytes(),
                    node(NodeKind::Person, &format!("S{c}-{s}"), 2),
                ) {
                    network.add_edge(case, p);
                }
            }
        }
        network
    }

    #[test]
    fn nodes_are_found_by_key_and_edges_kept_once() {
        let mut network = Network::default();
        let a = network
            .add_node(b"a", node(NodeKind::Person, "A", 0))
            .unwrap();
        let b = network
            .add_node(b"b", node(NodeKind::Case, "B", 1))
            .unwrap();
        assert_eq!(
            network.add_node(b"a", node(NodeKind::Phone, "other", 3)),
            Some(a)
        );
        network.add_edge(a, b);
        network.add_edge(b, a);
        network.add_edge(a, a);
        network.add_edge(a, 99);
        assert_eq!(network.nodes().len(), 2);
        assert_eq!(network.edges(), &[Edge { from: 0, to: 1 }]);
    }

    #[test]
    fn the_network_stops_at_the_node_cap_and_says_so() {
        let small = sample(5);
        assert_eq!(small.nodes().len(), 1 + 3 + 15);
        assert!(!small.capped());
        let big = sample(40);
        assert_eq!(big.nodes().len(), MAX_NODES);
        assert!(big.capped());
        assert!(big.edges().iter().all(|e| e.to < MAX_NODES));
    }

    #[test]
    fn the_layout_is_deterministic_centred_and_ringed_by_depth() {
        let network = sample(19);
        assert_eq!(network.nodes().len(), MAX_NODES);
        let first = layout(&network);
        assert_eq!(first, layout(&network));
        let centre = first.size / 2.0;
        assert_eq!(first.positions[0], (centre, centre));
        let radius_of = |(x, y): (f64, f64)| ((x - centre).powi(2) + (y - centre).powi(2)).sqrt();
        let mut radii = std::collections::BTreeMap::new();
        for (node, &position) in network.nodes().iter().zip(&first.positions) {
            let radius = radius_of(position);
            let ring = radii.entry(node.depth).or_insert(radius);
            assert!((*ring - radius).abs() < 0.2, "one radius per depth");
            assert!(position.0 >= MARGIN - 0.2 && position.0 <= first.size - MARGIN + 0.2);
            assert!(position.1 >= MARGIN - 0.2 && position.1 <= first.size - MARGIN + 0.2);
        }
        let radii: Vec<f64> = radii.into_values().collect();
        assert!(radii.windows(2).all(|w| w[1] >= w[0] + RING_STEP - 0.2));
        // Nodes keep their distance, even on the crowded outer ring.
        for (i, a) in first.positions.iter().enumerate() {
            for b in &first.positions[i + 1..] {
                let gap = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                assert!(gap > MIN_ARC * 0.9, "{a:?} and {b:?} are too close");
            }
        }
        // Labels alternate above and below along a ring.
        let above = first.label_above.iter().filter(|a| **a).count();
        assert!(above > 20 && above < 40);
    }

    #[test]
    fn a_ring_follows_the_order_of_the_ring_inside_it() {
        let network = sample(2);
        let drawn = layout(&network);
        let centre = drawn.size / 2.0;
        let angle = |i: usize| {
            let (x, y) = drawn.positions[i];
            (y - centre)
                .atan2(x - centre)
                .rem_euclid(std::f64::consts::TAU)
        };
        // Suspects of the same case sit next to each other on the outer ring.
        let mut outer: Vec<usize> = (0..network.nodes().len())
            .filter(|&i| network.nodes()[i].depth == 2)
            .collect();
        outer.sort_by(|&a, &b| angle(a).total_cmp(&angle(b)));
        let cases: Vec<char> = outer
            .iter()
            .map(|&i| network.nodes()[i].label.chars().nth(1).unwrap_or('?'))
            .collect();
        let changes = cases.windows(2).filter(|w| w[0] != w[1]).count();
        assert!(changes <= 3, "suspects are grouped by case: {cases:?}");
    }
}
