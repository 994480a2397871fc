//! The network around a person: the cases they take part in, the other
//! people, establishments and vehicles of those cases, people sharing a
//! phone number or an address with them, and the cases an establishment
//! or vehicle ties together, found through blind-index digests (no
//! plaintext in any query).
//!
//! Need-to-know: the network is drawn for those who see the person in full,
//! and holds only what the actor sees in full. A case the actor may not see
//! in full, and a person none of whose cases they see in full, never enter
//! it, nor does anything reached only through them; the walk goes on from
//! what remains. Nothing tells how much was left out (see
//! docs/security.md).

use std::collections::{HashMap, VecDeque};

use lantern_domain::entity::CaseEntity;
use lantern_domain::network::{Network, Node, NodeKind, NodeLink};
use lantern_domain::vocab::{CaseRole, EntityKind};
use lantern_domain::{CaseId, PersonId};

use crate::policy::{require, sight, Action, Sight};
use crate::{Actor, App, AppError};

/// How many steps from the person the walk reaches: the person's cases
/// (1), what those cases hold (2), the other cases an establishment,
/// vehicle or person of theirs appears in (3), and what those hold (4).
/// Put another way: at most two cases away.
pub const MAX_STEPS: u32 = 4;

/// Something the walk still has to look around.
enum Pending {
    Person(PersonId),
    Case(CaseId),
    /// An establishment or vehicle: its digest, and its place's with the
    /// place as written.
    Entity {
        kind: EntityKind,
        digest: Vec<u8>,
        place: Option<(Vec<u8>, String)>,
    },
}

fn key(tag: u8, bytes: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(bytes.len() + 1);
    key.push(tag);
    key.extend_from_slice(bytes);
    key
}

fn person_key(id: PersonId) -> Vec<u8> {
    key(b'p', id.as_uuid().as_bytes())
}

fn case_key(id: CaseId) -> Vec<u8> {
    key(b'c', id.as_uuid().as_bytes())
}

fn entity_key(kind: EntityKind, digest: &[u8]) -> Vec<u8> {
    let tag = match kind {
        EntityKind::Establishment => b'e',
        EntityKind::Vehicle => b'v',
    };
    key(tag, digest)
}

fn entity_node_kind(kind: EntityKind) -> NodeKind {
    match kind {
        EntityKind::Establishment => NodeKind::Establishment,
        EntityKind::Vehicle => NodeKind::Vehicle,
    }
}

/// One walk: the actor, what is known about their sight, the network so
/// far and the records read (for the audit entry).
struct Walk<'a> {
    app: &'a App,
    actor: &'a Actor,
    cases: HashMap<CaseId, bool>,
    people: HashMap<PersonId, bool>,
    network: Network,
    queue: VecDeque<(usize, Pending)>,
    read: Vec<String>,
}

impl Walk<'_> {
    async fn sees_case(&mut self, case: CaseId) -> Result<bool, AppError> {
        if let Some(full) = self.cases.get(&case) {
            return Ok(*full);
        }
        let full = match self
            .app
            .storage
            .case_access(case, self.actor.id(), self.app.now())
            .await?
        {
            Some(access) => sight(self.actor, &access) == Sight::Full,
            None => false,
        };
        self.cases.insert(case, full);
        Ok(full)
    }

    async fn sees_person(&mut self, person: PersonId) -> Result<bool, AppError> {
        if let Some(full) = self.people.get(&person) {
            return Ok(*full);
        }
        let full = self
            .app
            .storage
            .person_access(person, self.actor.id(), self.app.now())
            .await?
            .iter()
            .any(|access| sight(self.actor, access) == Sight::Full);
        self.people.insert(person, full);
        Ok(full)
    }

    fn depth(&self, index: usize) -> u32 {
        self.network.nodes()[index].depth
    }

    /// Adds a node linked to `from`, queueing it to be walked from.
    fn reach(
        &mut self,
        from: usize,
        key: &[u8],
        node: Node,
        then: Option<Pending>,
    ) -> Option<usize> {
        let known = self.network.index_of(key).is_some();
        let index = self.network.add_node(key, node)?;
        self.network.add_edge(from, index);
        if let (false, Some(pending)) = (known, then) {
            self.queue.push_back((index, pending));
        }
        Some(index)
    }

    async fn add_person(
        &mut self,
        from: usize,
        person: PersonId,
        role: Option<CaseRole>,
    ) -> Result<Option<usize>, AppError> {
        let suspect = role == Some(CaseRole::Suspect);
        if let Some(index) = self.network.index_of(&person_key(person)) {
            self.network.add_edge(from, index);
            if suspect {
                self.network.mark_suspect(index);
            }
            return Ok(Some(index));
        }
        let Some(stored) = self.app.storage.get_person(person).await? else {
            return Ok(None);
        };
        let node = Node {
            kind: NodeKind::Person,
            label: stored.profile.pseudonym,
            depth: self.depth(from) + 1,
            link: Some(NodeLink::Person(person)),
            suspect,
        };
        self.read.push(format!("person:{person}"));
        Ok(self.reach(
            from,
            &person_key(person),
            node,
            Some(Pending::Person(person)),
        ))
    }

    fn add_case(&mut self, from: usize, case: CaseId, reference: String) -> Option<usize> {
        let node = Node {
            kind: NodeKind::Case,
            label: reference,
            depth: self.depth(from) + 1,
            link: Some(NodeLink::Case(case)),
            suspect: false,
        };
        if self.network.index_of(&case_key(case)).is_none() {
            self.read.push(format!("case:{case}"));
        }
        self.reach(from, &case_key(case), node, Some(Pending::Case(case)))
    }

    /// An opened establishment or vehicle of a visible case.
    fn add_entity(&mut self, from: usize, entity: &CaseEntity) -> Option<usize> {
        let identity = entity.identity.as_ref()?.expose();
        let digest = self.app.identity.entity_digest(entity.kind, identity)?;
        let place = identity.place.as_deref().and_then(|p| {
            self.app
                .identity
                .place_digest(p)
                .map(|digest| (digest, p.to_owned()))
        });
        self.read.push(format!(
            "{}:{}",
            entity_node_kind(entity.kind).code(),
            entity.id
        ));
        let node = Node {
            kind: entity_node_kind(entity.kind),
            label: identity.name.clone(),
            depth: self.depth(from) + 1,
            link: None,
            suspect: false,
        };
        let pending = Pending::Entity {
            kind: entity.kind,
            digest: digest.clone(),
            place,
        };
        self.reach(from, &entity_key(entity.kind, &digest), node, Some(pending))
    }

    /// A phone number or place another visible record shares with the one
    /// at `from`: the shared node, then the others holding it.
    async fn add_shared(
        &mut self,
        from: usize,
        kind: NodeKind,
        digest: &[u8],
        label: &str,
    ) -> Result<(), AppError> {
        let mut people = Vec::new();
        for (_, person) in self
            .app
            .storage
            .persons_with_digests(&[digest.to_vec()])
            .await?
        {
            if self.network.index_of(&person_key(person)) != Some(from)
                && self.sees_person(person).await?
            {
                people.push(person);
            }
        }
        let mut entities = Vec::new();
        if kind == NodeKind::Place {
            for (_, stored) in self
                .app
                .storage
                .entities_with_digests(&[digest.to_vec()])
                .await?
            {
                if !self.sees_case(stored.case_id).await? {
                    continue;
                }
                let entity = self.app.open_entity(stored)?;
                let own = entity.identity.as_ref().and_then(|i| {
                    self.app
                        .identity
                        .entity_digest(entity.kind, i.expose())
                        .map(|d| entity_key(entity.kind, &d))
                });
                if own.and_then(|k| self.network.index_of(&k)) != Some(from) {
                    entities.push(entity);
                }
            }
        }
        if people.is_empty() && entities.is_empty() {
            return Ok(());
        }
        let tag = if kind == NodeKind::Phone { b't' } else { b'l' };
        let node = Node {
            kind,
            label: label.to_owned(),
            depth: self.depth(from) + 1,
            link: None,
            suspect: false,
        };
        let Some(shared) = self.reach(from, &key(tag, digest), node, None) else {
            return Ok(());
        };
        if self.depth(shared) >= MAX_STEPS {
            return Ok(());
        }
        for person in people {
            self.add_person(shared, person, None).await?;
        }
        for entity in &entities {
            self.add_entity(shared, entity);
        }
        Ok(())
    }

    async fn expand_person(&mut self, at: usize, person: PersonId) -> Result<(), AppError> {
        for (case, _role) in self.app.storage.person_cases(person).await? {
            if self.sees_case(case.id).await? {
                self.add_case(at, case.id, case.reference.to_string());
            }
        }
        let Some(stored) = self.app.storage.get_person(person).await? else {
            return Ok(());
        };
        let Some(identity) =
            self.app
                .identity
                .open(stored.id, &stored.identity, stored.data_key.as_deref())?
        else {
            return Ok(());
        };
        let identity = identity.expose();
        for phone in &identity.phones {
            if let Some(digest) = self.app.identity.phone_digest(phone) {
                self.add_shared(at, NodeKind::Phone, &digest, phone).await?;
            }
        }
        for address in &identity.addresses {
            if let Some(digest) = self.app.identity.place_digest(address) {
                self.add_shared(at, NodeKind::Place, &digest, address)
                    .await?;
            }
        }
        Ok(())
    }

    async fn expand_case(&mut self, at: usize, case: CaseId) -> Result<(), AppError> {
        let Some(file) = self.app.storage.case_file(case).await? else {
            return Ok(());
        };
        // Suspects first, so they are the last to be left out at the cap.
        let mut participants: Vec<(PersonId, CaseRole)> = file
            .participants
            .iter()
            .map(|p| (p.person.id, p.role))
            .collect();
        participants.sort_by_key(|(_, role)| *role != CaseRole::Suspect);
        for (person, role) in participants {
            self.add_person(at, person, Some(role)).await?;
        }
        for stored in self.app.storage.case_entities(case).await? {
            let entity = self.app.open_entity(stored)?;
            self.add_entity(at, &entity);
        }
        Ok(())
    }

    async fn expand_entity(
        &mut self,
        at: usize,
        kind: EntityKind,
        digest: Vec<u8>,
        place: Option<(Vec<u8>, String)>,
    ) -> Result<(), AppError> {
        for (_, stored) in self.app.storage.entities_with_digests(&[digest]).await? {
            if stored.kind == kind && self.sees_case(stored.case_id).await? {
                if let Some(case) = self.app.storage.get_case(stored.case_id).await? {
                    self.add_case(at, case.case.id, case.case.reference.to_string());
                }
            }
        }
        if let Some((digest, label)) = place {
            self.add_shared(at, NodeKind::Place, &digest, &label)
                .await?;
        }
        Ok(())
    }
}

impl App {
    /// The network around a person, for those who see the person in full
    /// (others: `Forbidden`, or `NotFound` when they may not see the person
    /// at all). Reading it is audited with every record it shows.
    pub async fn person_network(
        &self,
        actor: &Actor,
        person: PersonId,
    ) -> Result<Network, AppError> {
        self.walk_network(actor, person, false).await
    }

    /// The network for export (GraphML): as [`App::person_network`], and
    /// the password must have been entered in the last few minutes.
    pub async fn export_person_network(
        &self,
        actor: &Actor,
        person: PersonId,
    ) -> Result<Network, AppError> {
        self.walk_network(actor, person, true).await
    }

    async fn walk_network(
        &self,
        actor: &Actor,
        person: PersonId,
        export: bool,
    ) -> Result<Network, AppError> {
        require(actor, Action::ReadCases)?;
        let (person_sight, _) = self.person_sight(actor, person).await?;
        if person_sight != Sight::Full {
            return Err(AppError::Forbidden);
        }
        // Asked only of those who could see it: the question itself
        // reveals nothing to anyone else.
        if export {
            self.require_recent_auth(actor)?;
        }
        let stored = self
            .storage
            .get_person(person)
            .await?
            .ok_or(AppError::NotFound("person"))?;
        let mut walk = Walk {
            app: self,
            actor,
            cases: HashMap::new(),
            people: HashMap::from([(person, true)]),
            network: Network::default(),
            queue: VecDeque::new(),
            read: vec![format!("person:{person}")],
        };
        let root = Node {
            kind: NodeKind::Person,
            label: stored.profile.pseudonym,
            depth: 0,
            link: Some(NodeLink::Person(person)),
            suspect: false,
        };
        if let Some(index) = walk.network.add_node(&person_key(person), root) {
            walk.queue.push_back((index, Pending::Person(person)));
        }
        while let Some((at, pending)) = walk.queue.pop_front() {
            if walk.depth(at) >= MAX_STEPS {
                continue;
            }
            match pending {
                Pending::Person(p) => walk.expand_person(at, p).await?,
                Pending::Case(c) => walk.expand_case(at, c).await?,
                Pending::Entity {
                    kind,
                    digest,
                    place,
                } => walk.expand_entity(at, kind, digest, place).await?,
            }
        }
        let fields: Vec<&str> = walk.read.iter().map(String::as_str).collect();
        self.audit_read(
            actor,
            if export {
                "person.export-network"
            } else {
                "person.view-network"
            },
            "person",
            person.as_uuid(),
            &fields,
        )
        .await?;
        Ok(walk.network)
    }
}
