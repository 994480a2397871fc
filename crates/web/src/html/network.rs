//! Establishments and vehicles on the case page, and the network drawn on
//! the person page (inline SVG, no script) and exported as GraphML.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lantern_app::entities::CaseEntities;
use lantern_app::AppError;
use lantern_domain::entity::{EntityId, EntityInput};
use lantern_domain::network::{layout, Network, NodeKind, NodeLink};
use lantern_domain::vocab::{EntityKind, EstablishmentKind, Vocabulary};
use lantern_domain::{CaseId, PersonId};

use crate::error::HtmlError;
use crate::extract::{SignedForm, Viewer};
use crate::html::cases::{or_redisplay, parse_id};
use crate::html::{render, vocabulary_choices, Choice, Chrome, FieldErrors};
use crate::i18n::Translator;
use crate::state::AppState;

// ---- Establishments and vehicles ---------------------------------------------

pub struct EntityRow {
    pub id: String,
    pub kind: String,
    pub establishment_kind: String,
    pub name: String,
    pub place: String,
    pub description: String,
}

/// The case page's part about establishments and vehicles: each in full,
/// or only how many of each kind below full sight.
pub struct EntitiesSection {
    pub full: bool,
    pub rows: Vec<EntityRow>,
    pub establishments: usize,
    pub vehicles: usize,
}

impl EntitiesSection {
    pub fn new(t: &Translator, listed: &CaseEntities) -> Self {
        let rows = if listed.full {
            listed
                .entities
                .iter()
                .filter_map(|e| {
                    let identity = e.identity.as_ref()?.expose();
                    Some(EntityRow {
                        id: e.id.to_string(),
                        kind: t.label(e.kind),
                        establishment_kind: e
                            .establishment_kind
                            .map(|k| t.label(k))
                            .unwrap_or_default(),
                        name: identity.name.clone(),
                        place: identity.place.clone().unwrap_or_default(),
                        description: identity.description.clone().unwrap_or_default(),
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        Self {
            full: listed.full,
            rows,
            establishments: listed.count(EntityKind::Establishment),
            vehicles: listed.count(EntityKind::Vehicle),
        }
    }
}

#[derive(Template)]
#[template(path = "cases/entity_form.html")]
struct EntityFormPage {
    chrome: Chrome,
    case_id: String,
    /// Where the form posts: the case's entities, or the one being edited.
    action: String,
    title: String,
    reference: String,
    input: EntityInput,
    errors: FieldErrors,
    kinds: Vec<Choice>,
    establishment_kinds: Vec<Choice>,
}

/// The form for a new entity (`editing` is `None`) or an existing one.
async fn entity_form(
    state: &AppState,
    viewer: &Viewer,
    case_id: CaseId,
    editing: Option<EntityId>,
    input: EntityInput,
    errors: FieldErrors,
) -> Result<Response, HtmlError> {
    let case = state
        .app
        .case_for_additions(&viewer.actor, case_id)
        .await
        .map_err(viewer.fail())?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let t = &viewer.t;
    let mut establishment_kinds = vec![Choice {
        value: String::new(),
        label: t.t("entity-no-establishment-kind"),
        selected: input.establishment_kind.is_empty(),
    }];
    establishment_kinds.extend(vocabulary_choices::<EstablishmentKind>(
        t,
        std::slice::from_ref(&input.establishment_kind),
    ));
    let (action, title) = match editing {
        Some(entity) => (
            format!("/cases/{case_id}/entities/{entity}"),
            t.t("entity-edit-title"),
        ),
        None => (
            format!("/cases/{case_id}/entities"),
            t.t("entity-new-title"),
        ),
    };
    let page = EntityFormPage {
        chrome: Chrome::for_viewer(viewer),
        case_id: case_id.to_string(),
        action,
        title,
        reference: case.reference.to_string(),
        kinds: vocabulary_choices::<EntityKind>(t, std::slice::from_ref(&input.kind)),
        establishment_kinds,
        input,
        errors,
    };
    Ok(render(status, &page))
}

pub async fn new_entity_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: CaseId = parse_id(&id).map_err(viewer.fail())?;
    lantern_app::policy::require(&viewer.actor, lantern_app::policy::Action::EditCases)
        .map_err(viewer.fail())?;
    let input = EntityInput {
        kind: EntityKind::Establishment.code().to_owned(),
        ..EntityInput::default()
    };
    entity_form(&state, &viewer, id, None, input, FieldErrors::none()).await
}

pub async fn create_entity(
    State(state): State<AppState>,
    Path(id): Path<String>,
    SignedForm(viewer, input): SignedForm<EntityInput>,
) -> Result<Response, HtmlError> {
    let id: CaseId = parse_id(&id).map_err(viewer.fail())?;
    or_redisplay!(
        state.app.add_case_entity(&viewer.actor, id, &input).await,
        viewer,
        |errors| entity_form(&state, &viewer, id, None, input.clone(), errors)
    );
    Ok(Redirect::to(&format!("/cases/{id}#entities")).into_response())
}

fn entity_ids(viewer: &Viewer, case: &str, entity: &str) -> Result<(CaseId, EntityId), HtmlError> {
    Ok((
        parse_id(case).map_err(viewer.fail())?,
        parse_id(entity).map_err(viewer.fail())?,
    ))
}

pub async fn edit_entity_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((case, entity)): Path<(String, String)>,
) -> Result<Response, HtmlError> {
    let (case, entity) = entity_ids(&viewer, &case, &entity)?;
    let current = state
        .app
        .case_entity_for_edit(&viewer.actor, case, entity)
        .await
        .map_err(viewer.fail())?;
    // Erased details cannot be edited back into existence.
    let identity = current
        .identity
        .as_ref()
        .ok_or(AppError::NotFound("entity"))
        .map_err(viewer.fail())?
        .expose();
    let input = EntityInput {
        kind: current.kind.code().to_owned(),
        establishment_kind: current
            .establishment_kind
            .map(|k| k.code().to_owned())
            .unwrap_or_default(),
        name: identity.name.clone(),
        place: identity.place.clone().unwrap_or_default(),
        description: identity.description.clone().unwrap_or_default(),
    };
    entity_form(
        &state,
        &viewer,
        case,
        Some(entity),
        input,
        FieldErrors::none(),
    )
    .await
}

pub async fn update_entity(
    State(state): State<AppState>,
    Path((case, entity)): Path<(String, String)>,
    SignedForm(viewer, input): SignedForm<EntityInput>,
) -> Result<Response, HtmlError> {
    let (case, entity) = entity_ids(&viewer, &case, &entity)?;
    or_redisplay!(
        state
            .app
            .update_case_entity(&viewer.actor, case, entity, &input)
            .await,
        viewer,
        |errors| entity_form(&state, &viewer, case, Some(entity), input.clone(), errors)
    );
    Ok(Redirect::to(&format!("/cases/{case}#entities")).into_response())
}

pub async fn remove_entity(
    State(state): State<AppState>,
    Path((case, entity)): Path<(String, String)>,
    SignedForm(viewer, _): SignedForm<crate::html::duplicates::EmptyForm>,
) -> Result<Response, HtmlError> {
    let (case, entity) = entity_ids(&viewer, &case, &entity)?;
    state
        .app
        .remove_case_entity(&viewer.actor, case, entity)
        .await
        .map_err(viewer.fail())?;
    Ok(Redirect::to(&format!("/cases/{case}#entities")).into_response())
}

// ---- The network as SVG --------------------------------------------------------

/// Labels longer than this are cut in the drawing (the full text is in the
/// node's tooltip and the list below it).
const LABEL_CHARS: usize = 22;

pub struct DrawnNode {
    pub x: String,
    pub y: String,
    pub label_y: String,
    pub kind: &'static str,
    pub circle: bool,
    pub points: String,
    pub label: String,
    pub title: String,
    pub href: Option<String>,
    pub suspect: bool,
}

pub struct DrawnEdge {
    pub x1: String,
    pub y1: String,
    pub x2: String,
    pub y2: String,
}

pub struct ListedLink {
    pub from: String,
    pub to: String,
}

pub struct LegendEntry {
    pub kind: &'static str,
    pub label: String,
    pub circle: bool,
    pub points: String,
}

/// Everything the person page needs to draw a network.
pub struct NetworkDrawing {
    pub size: String,
    pub nodes: Vec<DrawnNode>,
    pub edges: Vec<DrawnEdge>,
    pub links: Vec<ListedLink>,
    pub legend: Vec<LegendEntry>,
    pub capped: bool,
    pub export_href: String,
}

fn number(value: f64) -> String {
    format!("{value:.1}")
}

/// The outline of a node of this kind centred on (x, y); `None` for a
/// circle (people). Each kind has its own shape, so the drawing reads
/// without colour.
fn shape_points(kind: NodeKind, x: f64, y: f64) -> Option<String> {
    let corners: Vec<(f64, f64)> = match kind {
        NodeKind::Person => return None,
        NodeKind::Case => vec![(-9.0, -9.0), (9.0, -9.0), (9.0, 9.0), (-9.0, 9.0)],
        NodeKind::Establishment => vec![(0.0, -12.0), (12.0, 0.0), (0.0, 12.0), (-12.0, 0.0)],
        NodeKind::Vehicle => vec![(0.0, -11.0), (11.0, 8.0), (-11.0, 8.0)],
        NodeKind::Phone | NodeKind::Place => {
            let sides = if kind == NodeKind::Phone { 6 } else { 5 };
            (0..sides)
                .map(|i| {
                    let angle = std::f64::consts::TAU * f64::from(i) / f64::from(sides)
                        - std::f64::consts::FRAC_PI_2;
                    (10.0 * angle.cos(), 10.0 * angle.sin())
                })
                .collect()
        }
    };
    Some(
        corners
            .iter()
            .map(|(dx, dy)| format!("{},{}", number(x + dx), number(y + dy)))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn kind_label(t: &Translator, kind: NodeKind) -> String {
    match kind {
        NodeKind::Person => t.t("network-kind-person"),
        NodeKind::Case => t.t("network-kind-case"),
        NodeKind::Establishment => t.t("network-kind-establishment"),
        NodeKind::Vehicle => t.t("network-kind-vehicle"),
        NodeKind::Phone => t.t("network-kind-phone"),
        NodeKind::Place => t.t("network-kind-place"),
    }
}

fn shortened(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{cut}…")
    }
}

fn href(link: Option<NodeLink>) -> Option<String> {
    link.map(|link| match link {
        NodeLink::Person(id) => format!("/people/{id}"),
        NodeLink::Case(id) => format!("/cases/{id}"),
    })
}

impl NetworkDrawing {
    pub fn new(t: &Translator, person: PersonId, network: &Network) -> Self {
        let drawn = layout(network);
        let nodes: Vec<DrawnNode> = network
            .nodes()
            .iter()
            .zip(drawn.positions.iter().zip(&drawn.label_above))
            .map(|(node, (&(x, y), &above))| {
                let points = shape_points(node.kind, x, y);
                DrawnNode {
                    x: number(x),
                    y: number(y),
                    label_y: number(if above { y - 16.0 } else { y + 24.0 }),
                    kind: node.kind.code(),
                    circle: points.is_none(),
                    points: points.unwrap_or_default(),
                    label: shortened(&node.label),
                    title: format!("{}: {}", kind_label(t, node.kind), node.label),
                    href: href(node.link),
                    suspect: node.suspect,
                }
            })
            .collect();
        let edges = network
            .edges()
            .iter()
            .map(|e| {
                let (x1, y1) = drawn.positions[e.from];
                let (x2, y2) = drawn.positions[e.to];
                DrawnEdge {
                    x1: number(x1),
                    y1: number(y1),
                    x2: number(x2),
                    y2: number(y2),
                }
            })
            .collect();
        let links = network
            .edges()
            .iter()
            .map(|e| ListedLink {
                from: nodes[e.from].title.clone(),
                to: nodes[e.to].title.clone(),
            })
            .collect();
        let legend = NodeKind::ALL
            .iter()
            .map(|&kind| {
                let points = shape_points(kind, 12.0, 12.0);
                LegendEntry {
                    kind: kind.code(),
                    label: kind_label(t, kind),
                    circle: points.is_none(),
                    points: points.unwrap_or_default(),
                }
            })
            .collect();
        Self {
            size: number(drawn.size),
            nodes,
            edges,
            links,
            legend,
            capped: network.capped(),
            export_href: format!("/people/{person}/network.graphml"),
        }
    }
}

// ---- GraphML export --------------------------------------------------------------

/// Text as XML character data or attribute value: the five special
/// characters escaped, and characters XML 1.0 does not allow dropped.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The network as a GraphML document: one node per record with its kind,
/// label, depth and whether it is a suspect; undirected edges.
pub fn graphml(network: &Network) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n\
         <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n\
         <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n\
         <key id=\"depth\" for=\"node\" attr.name=\"depth\" attr.type=\"int\"/>\n\
         <key id=\"suspect\" for=\"node\" attr.name=\"suspect\" attr.type=\"boolean\"><default>false</default></key>\n\
         <graph id=\"network\" edgedefault=\"undirected\">\n",
    );
    for (index, node) in network.nodes().iter().enumerate() {
        out.push_str(&format!(
            "<node id=\"n{index}\"><data key=\"kind\">{}</data><data key=\"label\">{}</data><data key=\"depth\">{}</data>{}</node>\n",
            node.kind.code(),
            xml_text(&node.label),
            node.depth,
            if node.suspect {
                "<data key=\"suspect\">true</data>"
            } else {
                ""
            },
        ));
    }
    for (index, edge) in network.edges().iter().enumerate() {
        out.push_str(&format!(
            "<edge id=\"e{index}\" source=\"n{}\" target=\"n{}\"/>\n",
            edge.from, edge.to
        ));
    }
    out.push_str("</graph>\n</graphml>\n");
    out
}

/// `GET /people/{id}/network.graphml`: the network as a download, after a
/// recent password.
pub async fn download_graphml(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: PersonId = parse_id(&id).map_err(viewer.fail())?;
    match state.app.export_person_network(&viewer.actor, id).await {
        Ok(network) => Ok((
            [
                (CONTENT_TYPE, "application/graphml+xml; charset=utf-8"),
                (
                    CONTENT_DISPOSITION,
                    "attachment; filename=\"network.graphml\"",
                ),
                (CACHE_CONTROL, "no-store"),
            ],
            graphml(&network),
        )
            .into_response()),
        Err(AppError::ReauthenticationRequired) => Ok(crate::html::account::reauthenticate_then(
            &format!("/people/{id}/network.graphml"),
        )),
        Err(other) => Err(viewer.fail()(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lantern_domain::network::Node;

    fn node(kind: NodeKind, label: &str, depth: u32, suspect: bool) -> Node {
        Node {
            kind,
            label: label.into(),
            depth,
            link: None,
            suspect,
        }
    }

    fn sample() -> Network {
        let mut network = Network::default();
        let labels = [
            (NodeKind::Person, "Rupa <\"&'> Mondal", 0, false),
            (NodeKind::Case, "KOL-2026-000001", 1, false),
            (NodeKind::Person, "Boss\u{1}Man", 2, true),
            (NodeKind::Establishment, "Golden Lotus & Spa", 2, false),
            (NodeKind::Vehicle, "MH 12 AB 1234", 2, false),
            (NodeKind::Phone, "+91 98300 00000", 3, false),
            (NodeKind::Place, "12 Sonagachi Lane", 3, false),
        ];
        for (i, (kind, label, depth, suspect)) in labels.into_iter().enumerate() {
            network.add_node(&[i as u8], node(kind, label, depth, suspect));
        }
        for (a, b) in [(0, 1), (1, 2), (1, 3), (1, 4), (2, 5), (3, 6)] {
            network.add_edge(a, b);
        }
        network
    }

    #[test]
    fn graphml_parses_back_with_every_node_edge_and_attribute() {
        let network = sample();
        let text = graphml(&network);
        let document = roxmltree::Document::parse(&text).expect("well-formed XML");
        let root = document.root_element();
        assert_eq!(root.tag_name().name(), "graphml");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://graphml.graphdrawing.org/xmlns")
        );
        let keys: Vec<&str> = root
            .children()
            .filter(|n| n.has_tag_name("key"))
            .filter_map(|n| n.attribute("attr.name"))
            .collect();
        assert_eq!(keys, ["kind", "label", "depth", "suspect"]);
        let graph = root
            .children()
            .find(|n| n.has_tag_name("graph"))
            .expect("a graph");
        assert_eq!(graph.attribute("edgedefault"), Some("undirected"));
        let data = |node: roxmltree::Node, key: &str| {
            node.children()
                .find(|d| d.has_tag_name("data") && d.attribute("key") == Some(key))
                .and_then(|d| d.text())
                .map(str::to_owned)
        };
        let nodes: Vec<_> = graph
            .children()
            .filter(|n| n.has_tag_name("node"))
            .collect();
        assert_eq!(nodes.len(), network.nodes().len());
        for (parsed, original) in nodes.iter().zip(network.nodes()) {
            assert_eq!(data(*parsed, "kind").as_deref(), Some(original.kind.code()));
            let expected: String = original.label.chars().filter(|c| *c >= ' ').collect();
            assert_eq!(data(*parsed, "label"), Some(expected));
            assert_eq!(data(*parsed, "depth"), Some(original.depth.to_string()));
            assert_eq!(
                data(*parsed, "suspect").is_some(),
                original.suspect,
                "suspects are marked"
            );
        }
        let ids: Vec<&str> = nodes.iter().filter_map(|n| n.attribute("id")).collect();
        let edges: Vec<(String, String)> = graph
            .children()
            .filter(|n| n.has_tag_name("edge"))
            .map(|e| {
                (
                    e.attribute("source").unwrap_or("").to_owned(),
                    e.attribute("target").unwrap_or("").to_owned(),
                )
            })
            .collect();
        assert_eq!(edges.len(), network.edges().len());
        for ((source, target), original) in edges.iter().zip(network.edges()) {
            assert!(ids.contains(&source.as_str()) && ids.contains(&target.as_str()));
            assert_eq!(source, &format!("n{}", original.from));
            assert_eq!(target, &format!("n{}", original.to));
        }
    }

    #[test]
    fn every_kind_has_its_own_shape_and_labels_are_shortened() {
        let shapes: Vec<Option<String>> = NodeKind::ALL
            .iter()
            .map(|&k| shape_points(k, 0.0, 0.0))
            .collect();
        for (i, a) in shapes.iter().enumerate() {
            for b in &shapes[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(shortened("short"), "short");
        let long = shortened(&"x".repeat(40));
        assert_eq!(long.chars().count(), LABEL_CHARS);
        assert!(long.ends_with('…'));
    }
}
