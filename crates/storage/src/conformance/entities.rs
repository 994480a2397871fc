//! Establishments and vehicles of cases, and records found by digests.

use lantern_domain::entity::EntityId;
use lantern_domain::vocab::{CaseRole, CaseStatus, EntityKind, EstablishmentKind};
use lantern_domain::{CaseId, PersonId};

use super::{at, audited, date, details, new_case, office, person};
use crate::*;

fn entity(case: CaseId, kind: EntityKind, lookups: Vec<Vec<u8>>) -> StoredEntity {
    StoredEntity {
        id: EntityId::random(),
        case_id: case,
        kind,
        establishment_kind: (kind == EntityKind::Establishment)
            .then_some(EstablishmentKind::MassageParlour),
        identity: SealedIdentity(vec![7, 7, 7]),
        data_key: Some(vec![5; 77]),
        lookups,
        created_by: None,
        created_at: at(4),
    }
}

pub(super) async fn case_entities_and_digest_links(store: &dyn Storage) {
    let o = office("ENT");
    store.insert_office(&o).await.expect("office");
    let first = new_case(
        store,
        details(o.id, date(2026, 3, 1), CaseStatus::Active, &[]),
    )
    .await;
    let second = new_case(
        store,
        details(o.id, date(2026, 3, 2), CaseStatus::Active, &[]),
    )
    .await;
    let shared_name = vec![61; 32];
    let place = vec![62; 32];
    let parlour = entity(
        first.id,
        EntityKind::Establishment,
        vec![shared_name.clone(), place.clone()],
    );
    let mut vehicle = entity(first.id, EntityKind::Vehicle, vec![vec![63; 32]]);
    vehicle.created_at = at(5);
    let same_parlour = entity(
        second.id,
        EntityKind::Establishment,
        vec![shared_name.clone()],
    );
    let before = store.audit_entries(0, 100_000).await.expect("audit").len();
    for e in [&parlour, &vehicle, &same_parlour] {
        store
            .insert_case_entity(e, &audited())
            .await
            .expect("entity");
    }
    assert_eq!(
        store.audit_entries(0, 100_000).await.expect("audit").len(),
        before + 3,
        "each write carries its audit entry"
    );

    // A case lists its own entities, oldest first, as written.
    let listed = store.case_entities(first.id).await.expect("list");
    let mut expected = parlour.clone();
    expected.lookups = Vec::new();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0], expected);
    assert_eq!(listed[1].kind, EntityKind::Vehicle);
    assert_eq!(listed[1].establishment_kind, None);
    assert!(store
        .case_entities(CaseId::random())
        .await
        .expect("none")
        .is_empty());

    // The same name in two cases is found through its digest alone.
    let found = store
        .entities_with_digests(&[shared_name.clone(), vec![99; 32]])
        .await
        .expect("digests");
    let mut ids: Vec<EntityId> = found.iter().map(|(_, e)| e.id).collect();
    ids.sort_by_key(|id| id.as_uuid());
    let mut want = vec![parlour.id, same_parlour.id];
    want.sort_by_key(|id| id.as_uuid());
    assert_eq!(ids, want);
    assert!(found.iter().all(|(d, _)| *d == shared_name));
    let by_place = store
        .entities_with_digests(std::slice::from_ref(&place))
        .await
        .expect("place");
    assert_eq!(by_place.len(), 1);
    assert_eq!(by_place[0].1.id, parlour.id);
    assert_eq!(by_place[0].1.data_key, Some(vec![5; 77]));
    assert!(store
        .entities_with_digests(&[])
        .await
        .expect("empty")
        .is_empty());

    // An entity's data key takes part in key rotation like any other.
    let keys = store.data_keys_after(None, 100_000).await.expect("keys");
    assert!(keys.iter().any(|k| k.owner == vehicle.id.as_uuid()));

    // People are found by their digests, with the digest that matched.
    let mut a = person(o.id, "Digest A");
    a.lookups = vec![vec![64; 32], place.clone()];
    let mut b = person(o.id, "Digest B");
    b.lookups = vec![vec![64; 32]];
    for (p, case) in [(&a, first.id), (&b, second.id)] {
        store
            .insert_person_in_case(p, case, CaseRole::Suspect, &audited())
            .await
            .expect("person");
    }
    let found = store
        .persons_with_digests(&[vec![64; 32], place.clone()])
        .await
        .expect("persons");
    assert_eq!(found.len(), 3);
    assert!(found.contains(&(vec![64; 32], a.id)));
    assert!(found.contains(&(vec![64; 32], b.id)));
    assert!(found.contains(&(place.clone(), a.id)));
    assert!(found.windows(2).all(|w| w[0].0 <= w[1].0));

    // Many cases' entities, participants and summaries, and many people,
    // each in one call.
    let both = [first.id, second.id, CaseId::random()];
    let entities = store.cases_entities(&both).await.expect("entities");
    let of = |case: CaseId| -> Vec<EntityId> {
        entities
            .iter()
            .filter(|e| e.case_id == case)
            .map(|e| e.id)
            .collect()
    };
    assert_eq!(of(first.id), vec![parlour.id, vehicle.id], "oldest first");
    assert_eq!(of(second.id), vec![same_parlour.id]);
    assert_eq!(entities.len(), 3);
    let victim = person(o.id, "Digest C");
    store
        .insert_person_in_case(&victim, first.id, CaseRole::Victim, &audited())
        .await
        .expect("victim");
    let participants = store.cases_participants(&both).await.expect("participants");
    for case in [first.id, second.id] {
        let file = store.case_file(case).await.expect("file").expect("exists");
        let batched: Vec<&Participant> = participants
            .iter()
            .filter(|(c, _)| *c == case)
            .map(|(_, p)| p)
            .collect();
        assert_eq!(
            batched,
            file.participants.iter().collect::<Vec<_>>(),
            "in case-file order"
        );
    }
    assert_eq!(participants.len(), 3);
    let mut people: Vec<PersonId> = store
        .get_people(&[a.id, b.id, PersonId::random()])
        .await
        .expect("people")
        .into_iter()
        .map(|p| p.id)
        .collect();
    people.sort_by_key(|p| p.as_uuid());
    let mut want = vec![a.id, b.id];
    want.sort_by_key(|p| p.as_uuid());
    assert_eq!(people, want);
    let mut summaries: Vec<(CaseId, String)> = store
        .case_summaries(&both)
        .await
        .expect("summaries")
        .into_iter()
        .map(|s| (s.id, s.reference.to_string()))
        .collect();
    summaries.sort_by_key(|(id, _)| id.as_uuid());
    let mut want = vec![
        (first.id, first.reference.to_string()),
        (second.id, second.reference.to_string()),
    ];
    want.sort_by_key(|(id, _)| id.as_uuid());
    assert_eq!(summaries, want);
    assert!(store.cases_entities(&[]).await.expect("none").is_empty());
    assert!(store
        .cases_participants(&[])
        .await
        .expect("none")
        .is_empty());
    assert!(store.get_people(&[]).await.expect("none").is_empty());
    assert!(store.case_summaries(&[]).await.expect("none").is_empty());

    // An entity of a missing case is refused and leaves nothing.
    let orphan = entity(CaseId::random(), EntityKind::Vehicle, vec![vec![65; 32]]);
    assert!(matches!(
        store.insert_case_entity(&orphan, &audited()).await,
        Err(StorageError::MissingReference(_))
    ));
    assert!(store
        .entities_with_digests(&[vec![65; 32]])
        .await
        .expect("orphan")
        .is_empty());

    edits_removal_and_erasure(store, &o).await;
    reindexing_replaces_entity_digests(store, &o).await;
}

async fn reindexing_replaces_entity_digests(store: &dyn Storage, o: &lantern_domain::user::Office) {
    let case = new_case(
        store,
        details(o.id, date(2026, 3, 9), CaseStatus::Active, &[]),
    )
    .await;
    let digest = |n: u8| vec![n; 31].into_iter().chain([0xe2]).collect::<Vec<u8>>();
    let mut ours = Vec::new();
    for kind in [
        EntityKind::Establishment,
        EntityKind::Vehicle,
        EntityKind::Vehicle,
    ] {
        let e = entity(case.id, kind, vec![digest(1)]);
        store
            .insert_case_entity(&e, &audited())
            .await
            .expect("entity");
        ours.push(e);
    }
    ours.sort_by_key(|e| e.id.as_uuid());
    // Paging in id order, from the start and after a cursor, each entity
    // read back whole.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store.entities_after(after, 2).await.expect("page");
        assert!(page.len() <= 2);
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        seen.extend(page);
    }
    assert!(seen
        .windows(2)
        .all(|w| w[0].id.as_uuid() < w[1].id.as_uuid()));
    let read: Vec<StoredEntity> = seen
        .into_iter()
        .filter(|e| ours.iter().any(|o| o.id == e.id))
        .collect();
    let expected: Vec<StoredEntity> = ours
        .iter()
        .map(|e| StoredEntity {
            lookups: Vec::new(),
            ..e.clone()
        })
        .collect();
    assert_eq!(read, expected);
    // Replacing: the old digest goes, the new ones come, others untouched;
    // an entity that no longer exists is skipped; twice is the same.
    let lookups = vec![
        (ours[0].id, vec![digest(2), digest(3)]),
        (ours[1].id, Vec::new()),
        (EntityId::random(), vec![digest(2)]),
    ];
    for _ in 0..2 {
        store
            .replace_entity_lookups(&lookups)
            .await
            .expect("replace");
    }
    let holders = |n: u8| async move {
        store
            .entities_with_digests(&[digest(n)])
            .await
            .expect("holders")
            .into_iter()
            .map(|(_, e)| e.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(holders(1).await, vec![ours[2].id]);
    assert_eq!(holders(2).await, vec![ours[0].id]);
    assert_eq!(holders(3).await, vec![ours[0].id]);
    store
        .replace_entity_lookups(&[])
        .await
        .expect("nothing to do");
}

async fn edits_removal_and_erasure(store: &dyn Storage, o: &lantern_domain::user::Office) {
    let open = new_case(
        store,
        details(o.id, date(2026, 3, 3), CaseStatus::Active, &[]),
    )
    .await;
    let closing = new_case(
        store,
        details(o.id, date(2026, 3, 4), CaseStatus::Active, &[]),
    )
    .await;
    let old_name = vec![71; 32];
    let bar = entity(open.id, EntityKind::Establishment, vec![old_name.clone()]);
    store
        .insert_case_entity(&bar, &audited())
        .await
        .expect("bar");

    // An edit replaces the sealed text, key and digests, keeps kind and case.
    let new_name = vec![72; 32];
    let edited = StoredEntity {
        establishment_kind: Some(EstablishmentKind::Bar),
        identity: SealedIdentity(vec![8, 8]),
        data_key: Some(vec![6; 77]),
        lookups: vec![new_name.clone()],
        ..bar.clone()
    };
    let before = store.audit_entries(0, 100_000).await.expect("audit").len();
    store
        .update_case_entity(&edited, &audited())
        .await
        .expect("edit");
    let read = store
        .get_case_entity(bar.id)
        .await
        .expect("get")
        .expect("there");
    assert_eq!(
        read,
        StoredEntity {
            lookups: Vec::new(),
            ..edited.clone()
        }
    );
    assert!(store
        .entities_with_digests(std::slice::from_ref(&old_name))
        .await
        .expect("old")
        .is_empty());
    assert_eq!(
        store
            .entities_with_digests(std::slice::from_ref(&new_name))
            .await
            .expect("new")
            .len(),
        1
    );
    let missing = StoredEntity {
        id: EntityId::random(),
        ..edited.clone()
    };
    assert!(matches!(
        store.update_case_entity(&missing, &audited()).await,
        Err(StorageError::NotFound(_))
    ));
    assert_eq!(
        store.audit_entries(0, 100_000).await.expect("audit").len(),
        before + 1,
        "the edit carried its entry; the failed one appended none"
    );

    // Removal takes the row, its key and its digests.
    store
        .delete_case_entity(bar.id, &audited())
        .await
        .expect("remove");
    assert_eq!(store.get_case_entity(bar.id).await.expect("get"), None);
    assert!(store
        .entities_with_digests(std::slice::from_ref(&new_name))
        .await
        .expect("gone")
        .is_empty());
    let keys = store.data_keys_after(None, 100_000).await.expect("keys");
    assert!(keys.iter().all(|k| k.owner != bar.id.as_uuid()));
    assert!(matches!(
        store.delete_case_entity(bar.id, &audited()).await,
        Err(StorageError::NotFound(_))
    ));

    // Entities of a case closed long enough are due; erasure destroys the
    // key and digests and keeps the kind.
    let plate = vec![73; 32];
    let van = entity(closing.id, EntityKind::Vehicle, vec![plate.clone()]);
    let open_van = entity(open.id, EntityKind::Vehicle, vec![vec![74; 32]]);
    for e in [&van, &open_van] {
        store.insert_case_entity(e, &audited()).await.expect("van");
    }
    let closed = details(o.id, date(2026, 3, 4), CaseStatus::Closed, &[]);
    store
        .update_case(closing.id, &closed, None, at(6), &audited())
        .await
        .expect("close");
    let due = |cutoff| async move {
        store
            .entities_due_for_erasure(cutoff, 100_000)
            .await
            .expect("due")
    };
    assert!(
        !due(at(6)).await.contains(&van.id),
        "not closed long enough"
    );
    let now_due = due(at(20)).await;
    assert!(now_due.contains(&van.id));
    assert!(!now_due.contains(&open_van.id), "its case is open");
    store
        .erase_entity_identity(van.id, &audited())
        .await
        .expect("erase");
    let erased = store
        .get_case_entity(van.id)
        .await
        .expect("get")
        .expect("kept");
    assert_eq!(erased.kind, EntityKind::Vehicle);
    assert_eq!(erased.data_key, None);
    assert!(erased.identity.0.is_empty());
    assert!(store
        .entities_with_digests(&[plate])
        .await
        .expect("digests")
        .is_empty());
    assert!(!due(at(20)).await.contains(&van.id), "erased once");
    assert!(matches!(
        store.erase_entity_identity(van.id, &audited()).await,
        Err(StorageError::NotFound(_))
    ));
}
