//! Proposing groups for an exercise: sizes that differ by at most one, people from the same
//! city kept apart, sectors mixed.

use std::collections::HashMap;

use crate::plan::Participant;

/// Splits `people` into `count` groups (participant ids). Each person goes to one of the
/// smallest groups, which keeps sizes within one of each other; among those, to one without
/// anyone from the same city if there is such a group, then to the one with fewest people of
/// the same sector. The biggest delegations are placed first, while there is most room.
pub fn propose_groups(people: &[&Participant], count: usize) -> Vec<Vec<String>> {
    let count = count.clamp(1, people.len().max(1));
    // A city however it was typed (`jeju`, `Jeju`).
    let city: HashMap<&str, String> = people
        .iter()
        .map(|p| (p.id.as_str(), super::place_key(&p.city)))
        .collect();
    let city_of = |p: &Participant| city[p.id.as_str()].as_str();
    let mut city_size: HashMap<&str, usize> = HashMap::new();
    for p in people {
        *city_size.entry(city_of(p)).or_default() += 1;
    }
    let mut order: Vec<&Participant> = people.to_vec();
    order.sort_by(|a, b| {
        city_size[city_of(b)]
            .cmp(&city_size[city_of(a)])
            .then_with(|| city_of(a).cmp(city_of(b)))
            .then_with(|| a.sector.cmp(&b.sector))
    });
    let mut groups: Vec<Vec<&Participant>> = vec![Vec::new(); count];
    for person in order {
        let smallest = groups.iter().map(Vec::len).min().unwrap_or(0);
        let best = (0..count)
            .filter(|g| groups[*g].len() == smallest)
            .min_by_key(|g| {
                let same_city = groups[*g]
                    .iter()
                    .filter(|m| city_of(m) == city_of(person))
                    .count();
                let same_sector = groups[*g]
                    .iter()
                    .filter(|m| m.sector == person.sector)
                    .count();
                (same_city, same_sector, *g)
            })
            .unwrap_or(0);
        groups[best].push(person);
    }
    groups
        .into_iter()
        .map(|g| g.into_iter().map(|p| p.id.clone()).collect())
        .collect()
}
