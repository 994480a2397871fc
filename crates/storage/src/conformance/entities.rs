//! Establishments and vehicles of cases, and records found by digests.

use lantern_domain::entity::EntityId;
use lantern_domain::vocab::{CaseRole, CaseStatus, EntityKind, EstablishmentKind};
use lantern_domain::CaseId;

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
}
