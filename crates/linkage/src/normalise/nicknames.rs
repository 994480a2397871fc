//! Nicknames, short forms and abbreviations that stand for the same given name.
//! Built in: English, Spanish / Latin American, Filipino, and South Asian
//! abbreviations; organisations add their own groups through the config.

use std::collections::HashMap;

use crate::normalise::text::to_latin;

/// Each group: canonical name first, then names that are used for it.
const BUILT_IN: &[&[&str]] = &[
    // English
    &["william", "bill", "billy", "will", "willy", "liam"],
    &["robert", "bob", "bobby", "rob", "robbie", "bert"],
    &["richard", "rick", "ricky", "dick", "rich"],
    &["james", "jim", "jimmy", "jamie"],
    &["john", "jack", "johnny", "jon"],
    &["michael", "mike", "mick", "mikey"],
    &["christopher", "chris", "kit"],
    &[
        "elizabeth",
        "liz",
        "lizzie",
        "beth",
        "betty",
        "eliza",
        "libby",
    ],
    &["margaret", "maggie", "meg", "peggy", "marge", "greta"],
    &[
        "katherine",
        "kate",
        "kathy",
        "katie",
        "kath",
        "catherine",
        "kat",
    ],
    &["jennifer", "jen", "jenny"],
    &["thomas", "tom", "tommy"],
    &["joseph", "joe", "joey"],
    &["daniel", "dan", "danny"],
    &["anthony", "tony"],
    &["edward", "ed", "eddie", "ted", "ned"],
    &["alexander", "alex", "sandy", "xander"],
    &["alexandra", "alex", "sandra", "sasha"],
    &["patricia", "pat", "patty", "trish"],
    &["rebecca", "becky", "becca"],
    &["samuel", "sam", "sammy"],
    &["benjamin", "ben", "benny"],
    &["nicholas", "nick", "nicky"],
    &["matthew", "matt"],
    &["andrew", "andy", "drew"],
    &["steven", "steve", "stephen"],
    &["susan", "sue", "susie"],
    &["victoria", "vicky", "tori"],
    // Spanish and Latin American
    &["jose", "pepe", "chepe", "pepito", "joselito"],
    &["francisco", "paco", "pancho", "curro", "kiko", "frank"],
    &["guadalupe", "lupe", "lupita"],
    &["jesus", "chucho", "chuy"],
    &["eduardo", "lalo", "edu"],
    &["guillermo", "memo", "guille"],
    &["ignacio", "nacho"],
    &["enrique", "quique", "kike"],
    &["antonio", "tono", "tonio", "tony", "anton"],
    &["concepcion", "concha", "conchita", "chona"],
    &["dolores", "lola", "lolita"],
    &["rosario", "charo", "chayo"],
    &["mercedes", "meche", "merche"],
    &["roberto", "beto", "tito", "robert"],
    &["alberto", "beto", "tito"],
    &["alejandro", "alex", "ale", "jando"],
    &["manuel", "manolo", "manny", "many"],
    &["fernando", "nando", "fer"],
    &["rafael", "rafa", "rafi"],
    &["ramon", "moncho"],
    &["santiago", "santi", "chago"],
    &["gabriela", "gaby", "gabi"],
    &["maria", "ma", "mari", "mary", "maruja"],
    &["isabel", "chabela", "isa", "bel"],
    &["teresa", "tere", "techa"],
    &["carmen", "carmencita", "menchu"],
    &["juan", "juanito", "johnny"],
    &["luis", "lucho", "wicho"],
    &["carlos", "carlitos", "charlie"],
    &["pedro", "perico", "pete"],
    // Filipino
    &["jose", "jojo", "pepe", "joey"],
    &["maria", "ma", "mae", "maricel"],
    &["rodrigo", "digong", "rody"],
    &["ferdinand", "bongbong", "bong", "andy"],
    &["ernesto", "erning", "ernie"],
    &["rosalinda", "linda", "rosa"],
    &["virginia", "virgie", "ginny"],
    &["leonora", "nora", "leonor"],
    &["josefina", "pining", "josie", "fina"],
    &["cristina", "tina", "kristine", "cris"],
    &["mercedita", "ditas", "mercy"],
    &["reynaldo", "rey", "naldo"],
    &["ricardo", "carding", "ricky", "cardo"],
    &["eduardo", "eddie", "edwin"],
    &["florencia", "flor", "florence"],
    // South Asian abbreviations common in registers
    &["mohammad", "md", "mohammed", "muhammad", "mohd", "mohamed"],
    &["sheikh", "sk", "shaikh"],
    &["kumari", "km"],
    &["shrimati", "smt"],
];

/// Maps a Latin name to the groups it belongs to (a name may belong to several:
/// "tony" is both Antonio and Anthony).
#[derive(Debug, Clone, Default)]
pub struct NicknameTable {
    groups_by_name: HashMap<String, Vec<u32>>,
    group_count: u32,
}

impl NicknameTable {
    pub fn built_in() -> Self {
        let mut table = Self::default();
        for group in BUILT_IN {
            table.add_group(group.iter().copied());
        }
        table
    }

    /// Adds one group; names are transliterated so any script may be used.
    pub fn add_group<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let id = self.group_count;
        self.group_count += 1;
        for name in names {
            let latin = to_latin(name).replace(' ', "");
            let ids = self.groups_by_name.entry(latin).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }

    /// Group ids of a Latin word, at most two (enough for the ambiguous cases).
    pub fn groups(&self, latin_word: &str) -> [u32; 2] {
        let mut out = [NO_GROUP; 2];
        if let Some(ids) = self.groups_by_name.get(latin_word) {
            for (slot, id) in out.iter_mut().zip(ids) {
                *slot = *id;
            }
        }
        out
    }
}

pub const NO_GROUP: u32 = u32::MAX;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_overlap_for_shared_nicknames() {
        let table = NicknameTable::built_in();
        let tony = table.groups("tony");
        let antonio = table.groups("antonio");
        assert!(tony.iter().any(|g| *g != NO_GROUP && antonio.contains(g)));
        assert_eq!(table.groups("zzz"), [NO_GROUP; 2]);
    }
}
