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

use std::collections::{HashMap, HashSet, VecDeque};

use lantern_domain::entity::{CaseEntity, EntityId};
use lantern_domain::network::{Network, Node, NodeKind, NodeLink};
use lantern_domain::vocab::{CaseRole, EntityKind};
use lantern_domain::{CaseId, PersonId};
use lantern_storage::{CaseAccess, StoredEntity, StoredPerson};

use crate::policy::{require, sight, Action, Sight};
use crate::{Actor, App, AppError};

/// How many steps from the person the walk reaches: the person's cases
/// (1), what those cases hold (2), the other cases an establishment,
/// vehicle or person of theirs appears in (3), and what those hold (4).
/// Put another way: at most two cases away.
pub const MAX_STEPS: u32 = 4;

/// Something the walk still has to look around.
enum Pending {
    /// A person, with their record as read when they were admitted.
    Person(Box<StoredPerson>),
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

/// A phone number or address of a person, with its digest.
struct Shared {
    kind: NodeKind,
    digest: Vec<u8>,
    label: String,
}

/// What one wave of the walk needs, read from storage in a few batched
/// queries rather than a few per node: the walk goes breadth-first, and
/// every item queued when a wave starts is looked around with what the
/// wave read.
#[derive(Default)]
struct Wave {
    /// Each person's cases the actor sees in full, newest intake first.
    person_cases: HashMap<PersonId, Vec<CaseId>>,
    /// Each person's phone numbers, then addresses.
    shared: HashMap<PersonId, Vec<Shared>>,
    /// Each case's participants, in case-file order.
    participants: HashMap<CaseId, Vec<(CaseRole, StoredPerson)>>,
    /// Each case's establishments and vehicles, oldest first.
    case_entities: HashMap<CaseId, Vec<EntityId>>,
    /// People holding a phone or place digest, by digest.
    digest_people: HashMap<Vec<u8>, Vec<PersonId>>,
    /// Entities holding a name, plate or place digest, by digest.
    digest_entities: HashMap<Vec<u8>, Vec<(EntityKind, CaseId, EntityId)>>,
    /// Records of people the wave may admit through a shared digest.
    people: HashMap<PersonId, StoredPerson>,
}

/// One walk: the actor, what is known about their sight, the network so
/// far and the records read (for the audit entry).
struct Walk<'a> {
    app: &'a App,
    actor: &'a Actor,
    cases: HashMap<CaseId, bool>,
    people: HashMap<PersonId, bool>,
    /// Case references, for the cases seen in full.
    references: HashMap<CaseId, String>,
    /// Entities of cases seen in full, as read, until first needed.
    sealed: HashMap<EntityId, StoredEntity>,
    /// Entities opened, once each.
    entities: HashMap<EntityId, CaseEntity>,
    network: Network,
    queue: VecDeque<(usize, Pending)>,
    read: Vec<String>,
}

impl Walk<'_> {
    fn sees_case(&self, case: CaseId) -> bool {
        self.cases.get(&case).copied().unwrap_or(false)
    }

    fn sees_person(&self, person: PersonId) -> bool {
        self.people.get(&person).copied().unwrap_or(false)
    }

    fn depth(&self, index: usize) -> u32 {
        self.network.nodes()[index].depth
    }

    /// Records the actor's sight of cases they stand to as `access` says.
    fn learn_cases<'c>(&mut self, access: impl IntoIterator<Item = &'c CaseAccess>) {
        for access in access {
            let full = sight(self.actor, access) == Sight::Full;
            self.cases.insert(access.case_id, full);
        }
    }

    /// Asks storage, in one query each, whatever the items of a wave need
    /// and the walk does not know yet.
    async fn read_wave(&mut self, items: &[(usize, Pending)]) -> Result<Wave, AppError> {
        let storage = &self.app.storage;
        let (user, now) = (self.actor.id(), self.app.now());
        let mut wave = Wave::default();
        let mut people = Vec::new();
        let mut cases = Vec::new();
        let mut entity_digests = Vec::new();
        let mut person_digests = Vec::new();
        for (_, pending) in items {
            match pending {
                Pending::Person(stored) => {
                    people.push(stored.id);
                    let shared = self.shared_of(stored)?;
                    for item in &shared {
                        person_digests.push(item.digest.clone());
                        if item.kind == NodeKind::Place {
                            entity_digests.push(item.digest.clone());
                        }
                    }
                    wave.shared.insert(stored.id, shared);
                }
                Pending::Case(case) => cases.push(*case),
                Pending::Entity { digest, place, .. } => {
                    entity_digests.push(digest.clone());
                    if let Some((place, _)) = place {
                        entity_digests.push(place.clone());
                        person_digests.push(place.clone());
                    }
                }
            }
        }
        for digests in [&mut entity_digests, &mut person_digests] {
            digests.sort_unstable();
            digests.dedup();
        }
        let (access, participants, case_entities, by_entity_digest, by_person_digest) = tokio::try_join!(
            storage.people_access(&people, user, now),
            storage.cases_participants(&cases),
            storage.cases_entities(&cases),
            storage.entities_with_digests(&entity_digests),
            storage.persons_with_digests(&person_digests),
        )?;

        // The cases of the people looked around, and the sight of each.
        self.learn_cases(access.iter().map(|(_, access)| access));
        for (person, access) in &access {
            wave.person_cases
                .entry(*person)
                .or_default()
                .push(access.case_id);
        }
        for (case, participant) in participants {
            wave.participants
                .entry(case)
                .or_default()
                .push((participant.role, participant.person));
        }
        let mut stored_entities: Vec<StoredEntity> = case_entities;
        for entity in &stored_entities {
            wave.case_entities
                .entry(entity.case_id)
                .or_default()
                .push(entity.id);
        }
        for (digest, entity) in by_entity_digest {
            wave.digest_entities.entry(digest).or_default().push((
                entity.kind,
                entity.case_id,
                entity.id,
            ));
            stored_entities.push(entity);
        }
        for (digest, person) in by_person_digest {
            wave.digest_people.entry(digest).or_default().push(person);
        }

        // The sight of every case and person reached that is not known yet.
        let unknown_cases: Vec<CaseId> = stored_entities
            .iter()
            .map(|entity| entity.case_id)
            .filter(|case| !self.cases.contains_key(case))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let unknown_people: Vec<PersonId> = wave
            .digest_people
            .values()
            .flatten()
            .copied()
            .filter(|person| !self.people.contains_key(person))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let (case_access, person_access) = tokio::try_join!(
            storage.cases_access(&unknown_cases, user, now),
            storage.people_access(&unknown_people, user, now),
        )?;
        self.learn_cases(&case_access);
        // Unknown cases that do not exist (removed meanwhile) are not seen.
        for case in unknown_cases {
            self.cases.entry(case).or_insert(false);
        }
        self.learn_cases(person_access.iter().map(|(_, access)| access));
        for person in &unknown_people {
            let full = person_access
                .iter()
                .any(|(p, access)| p == person && sight(self.actor, access) == Sight::Full);
            self.people.insert(*person, full);
        }

        // What may be shown of what is seen: case references, the records
        // of people who may join, and entities (opened when first needed).
        let mut referenced: Vec<CaseId> = wave
            .person_cases
            .values()
            .flatten()
            .chain(
                wave.digest_entities
                    .values()
                    .flatten()
                    .map(|(_, case, _)| case),
            )
            .copied()
            .filter(|case| self.sees_case(*case) && !self.references.contains_key(case))
            .collect();
        referenced.sort_unstable_by_key(|case| case.as_uuid());
        referenced.dedup();
        let joining: Vec<PersonId> = wave
            .digest_people
            .values()
            .flatten()
            .copied()
            .filter(|person| {
                self.sees_person(*person) && self.network.index_of(&person_key(*person)).is_none()
            })
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let (summaries, records) = tokio::try_join!(
            storage.case_summaries(&referenced),
            storage.get_people(&joining),
        )?;
        let mut intake = HashMap::new();
        for summary in summaries {
            intake.insert(summary.id, summary.intake_date);
            self.references
                .insert(summary.id, summary.reference.to_string());
        }
        for cases in wave.person_cases.values_mut() {
            cases.retain(|case| self.sees_case(*case));
            cases.sort_by_key(|case| std::cmp::Reverse(intake.get(case).copied()));
        }
        wave.people = records.into_iter().map(|p| (p.id, p)).collect();
        for stored in stored_entities {
            if self.sees_case(stored.case_id) && !self.entities.contains_key(&stored.id) {
                self.sealed.insert(stored.id, stored);
            }
        }
        Ok(wave)
    }

    /// A person's phone numbers and addresses with their digests, from the
    /// opened identity (none once erased).
    fn shared_of(&self, stored: &StoredPerson) -> Result<Vec<Shared>, AppError> {
        let codec = &self.app.identity;
        let Some(identity) = codec.open(stored.id, &stored.identity, stored.data_key.as_deref())?
        else {
            return Ok(Vec::new());
        };
        let identity = identity.expose();
        let phones = identity.phones.iter().filter_map(|phone| {
            codec.phone_digest(phone).map(|digest| Shared {
                kind: NodeKind::Phone,
                digest,
                label: phone.clone(),
            })
        });
        let places = identity.addresses.iter().filter_map(|address| {
            codec.place_digest(address).map(|digest| Shared {
                kind: NodeKind::Place,
                digest,
                label: address.clone(),
            })
        });
        Ok(phones.chain(places).collect())
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

    fn add_person(
        &mut self,
        from: usize,
        stored: &StoredPerson,
        role: Option<CaseRole>,
    ) -> Option<usize> {
        let person = stored.id;
        let suspect = role == Some(CaseRole::Suspect);
        if let Some(index) = self.network.index_of(&person_key(person)) {
            self.network.add_edge(from, index);
            if suspect {
                self.network.mark_suspect(index);
            }
            return Some(index);
        }
        let node = Node {
            kind: NodeKind::Person,
            label: stored.profile.pseudonym.clone(),
            depth: self.depth(from) + 1,
            link: Some(NodeLink::Person(person)),
            suspect,
        };
        self.read.push(format!("person:{person}"));
        self.reach(
            from,
            &person_key(person),
            node,
            Some(Pending::Person(Box::new(stored.clone()))),
        )
    }

    fn add_case(&mut self, from: usize, case: CaseId) -> Option<usize> {
        let reference = self.references.get(&case)?.clone();
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

    /// Opens an entity of a case seen in full the first time it is needed.
    fn open_once(&mut self, entity: EntityId) -> Result<(), AppError> {
        if let Some(stored) = self.sealed.remove(&entity) {
            let opened = self.app.open_entity(stored)?;
            self.entities.insert(entity, opened);
        }
        Ok(())
    }

    /// An opened establishment or vehicle of a visible case.
    fn add_entity(&mut self, from: usize, entity: EntityId) -> Option<usize> {
        let entity = self.entities.get(&entity)?;
        let identity = entity.identity.as_ref()?.expose();
        let digest = self.app.identity.entity_digest(entity.kind, identity)?;
        let place = identity.place.as_deref().and_then(|p| {
            self.app
                .identity
                .place_digest(p)
                .map(|digest| (digest, p.to_owned()))
        });
        let (kind, label) = (entity.kind, identity.name.clone());
        self.read
            .push(format!("{}:{}", entity_node_kind(kind).code(), entity.id));
        let node = Node {
            kind: entity_node_kind(kind),
            label,
            depth: self.depth(from) + 1,
            link: None,
            suspect: false,
        };
        let pending = Pending::Entity {
            kind,
            digest: digest.clone(),
            place,
        };
        self.reach(from, &entity_key(kind, &digest), node, Some(pending))
    }

    /// The key of the node an opened entity is drawn as.
    fn entity_node_key(&self, entity: EntityId) -> Option<Vec<u8>> {
        let entity = self.entities.get(&entity)?;
        let identity = entity.identity.as_ref()?.expose();
        self.app
            .identity
            .entity_digest(entity.kind, identity)
            .map(|digest| entity_key(entity.kind, &digest))
    }

    /// A phone number or place another visible record shares with the one
    /// at `from`: the shared node, then the others holding it.
    fn add_shared(
        &mut self,
        wave: &Wave,
        from: usize,
        kind: NodeKind,
        digest: &[u8],
        label: &str,
    ) -> Result<(), AppError> {
        let people: Vec<PersonId> = wave
            .digest_people
            .get(digest)
            .into_iter()
            .flatten()
            .copied()
            .filter(|person| {
                self.network.index_of(&person_key(*person)) != Some(from)
                    && self.sees_person(*person)
            })
            .collect();
        let mut entities = Vec::new();
        if kind == NodeKind::Place {
            for (_, case, entity) in wave.digest_entities.get(digest).into_iter().flatten() {
                if !self.sees_case(*case) {
                    continue;
                }
                self.open_once(*entity)?;
                let own = self.entity_node_key(*entity);
                if own.and_then(|k| self.network.index_of(&k)) != Some(from) {
                    entities.push(*entity);
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
            if let Some(index) = self.network.index_of(&person_key(person)) {
                self.network.add_edge(shared, index);
            } else if let Some(stored) = wave.people.get(&person) {
                self.add_person(shared, stored, None);
            }
        }
        for entity in entities {
            self.add_entity(shared, entity);
        }
        Ok(())
    }

    fn expand_person(&mut self, wave: &Wave, at: usize, person: PersonId) -> Result<(), AppError> {
        for case in wave.person_cases.get(&person).into_iter().flatten() {
            self.add_case(at, *case);
        }
        for shared in wave.shared.get(&person).into_iter().flatten() {
            self.add_shared(wave, at, shared.kind, &shared.digest, &shared.label)?;
        }
        Ok(())
    }

    fn expand_case(&mut self, wave: &Wave, at: usize, case: CaseId) -> Result<(), AppError> {
        // Suspects first, so they are the last to be left out at the cap.
        let mut participants: Vec<&(CaseRole, StoredPerson)> =
            wave.participants.get(&case).into_iter().flatten().collect();
        participants.sort_by_key(|(role, _)| *role != CaseRole::Suspect);
        for (role, person) in participants {
            self.add_person(at, person, Some(*role));
        }
        for entity in wave.case_entities.get(&case).into_iter().flatten() {
            self.open_once(*entity)?;
            self.add_entity(at, *entity);
        }
        Ok(())
    }

    fn expand_entity(
        &mut self,
        wave: &Wave,
        at: usize,
        kind: EntityKind,
        digest: &[u8],
        place: Option<&(Vec<u8>, String)>,
    ) -> Result<(), AppError> {
        for (matched, case, _) in wave.digest_entities.get(digest).into_iter().flatten() {
            if *matched == kind && self.sees_case(*case) {
                self.add_case(at, *case);
            }
        }
        if let Some((digest, label)) = place {
            self.add_shared(wave, at, NodeKind::Place, digest, label)?;
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
            references: HashMap::new(),
            sealed: HashMap::new(),
            entities: HashMap::new(),
            network: Network::default(),
            queue: VecDeque::new(),
            read: vec![format!("person:{person}")],
        };
        let root = Node {
            kind: NodeKind::Person,
            label: stored.profile.pseudonym.clone(),
            depth: 0,
            link: Some(NodeLink::Person(person)),
            suspect: false,
        };
        if let Some(index) = walk.network.add_node(&person_key(person), root) {
            walk.queue
                .push_back((index, Pending::Person(Box::new(stored))));
        }
        while !walk.queue.is_empty() {
            let queued: Vec<(usize, Pending)> = walk.queue.drain(..).collect();
            let items: Vec<(usize, Pending)> = queued
                .into_iter()
                .filter(|(at, _)| walk.depth(*at) < MAX_STEPS)
                .collect();
            let wave = walk.read_wave(&items).await?;
            for (at, pending) in &items {
                match pending {
                    Pending::Person(stored) => walk.expand_person(&wave, *at, stored.id)?,
                    Pending::Case(case) => walk.expand_case(&wave, *at, *case)?,
                    Pending::Entity {
                        kind,
                        digest,
                        place,
                    } => walk.expand_entity(&wave, *at, *kind, digest, place.as_ref())?,
                }
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
