//! Translation catalogues (Fluent). Every string a person reads comes from
//! here; templates never hold prose.

use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use lantern_domain::validation::Problem;
use lantern_domain::vocab::Vocabulary;
use unic_langid::LanguageIdentifier;

/// Catalogues compiled into the binary: (language, Fluent source).
const CATALOGUES: &[(&str, &str)] = &[
    ("en", include_str!("../locales/en.ftl")),
    ("es", include_str!("../locales/es.ftl")),
];

pub const DEFAULT_LANGUAGE: &str = "en";

#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("catalogue {0} does not parse")]
    Syntax(&'static str),
    #[error("catalogue {0} has a bad language tag")]
    LanguageTag(&'static str),
    #[error("catalogue {0} defines a message twice")]
    Duplicate(&'static str),
}

pub struct Catalogues {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

impl Catalogues {
    pub fn load() -> Result<Self, CatalogueError> {
        let mut bundles = HashMap::new();
        for (lang, source) in CATALOGUES {
            let resource = FluentResource::try_new((*source).to_owned())
                .map_err(|_| CatalogueError::Syntax(lang))?;
            let id: LanguageIdentifier = lang
                .parse()
                .map_err(|_| CatalogueError::LanguageTag(lang))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Isolation marks would show up as stray characters in form
            // values and page titles.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|_| CatalogueError::Duplicate(lang))?;
            bundles.insert(*lang, bundle);
        }
        Ok(Self { bundles })
    }

    pub fn languages(&self) -> impl Iterator<Item = &'static str> + '_ {
        CATALOGUES.iter().map(|(lang, _)| *lang)
    }

    pub fn has_message(&self, lang: &str, id: &str) -> bool {
        self.bundles.get(lang).is_some_and(|b| b.has_message(id))
    }

    /// All message ids of one language, for completeness checks.
    pub fn message_ids(&self, lang: &str) -> Vec<String> {
        let source = CATALOGUES
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, s)| *s)
            .unwrap_or("");
        source
            .lines()
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
            .filter(|id| {
                !id.is_empty()
                    && !id.starts_with('#')
                    && !id.starts_with(' ')
                    && !id.starts_with('.')
            })
            .map(str::to_owned)
            .collect()
    }

    fn format(&self, lang: &str, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = self
            .bundles
            .get(lang)
            .filter(|b| b.has_message(id))
            .or_else(|| self.bundles.get(DEFAULT_LANGUAGE));
        let Some(bundle) = bundle else {
            return id.to_owned();
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

/// The catalogue of one request's language.
#[derive(Clone)]
pub struct Translator {
    catalogues: Arc<Catalogues>,
    lang: &'static str,
}

impl Translator {
    pub fn new(catalogues: Arc<Catalogues>, lang: &str) -> Self {
        let lang = catalogues
            .languages()
            .find(|l| *l == lang)
            .unwrap_or(DEFAULT_LANGUAGE);
        Self { catalogues, lang }
    }

    pub fn lang(&self) -> &'static str {
        self.lang
    }

    pub fn t(&self, id: &str) -> String {
        self.catalogues.format(self.lang, id, None)
    }

    pub fn t_with(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.catalogues.format(self.lang, id, Some(&fluent_args))
    }

    pub fn label<V: Vocabulary>(&self, value: V) -> String {
        self.t(&value.message_id())
    }

    /// A validation problem as a sentence, in the request's language.
    pub fn problem(&self, problem: &Problem) -> String {
        let id = format!("problem-{}", problem.code());
        match problem {
            Problem::TooLong { max } | Problem::TooMany { max } => {
                self.t_with(&id, &[("max", FluentValue::from(*max))])
            }
            Problem::TooShort { min } => self.t_with(&id, &[("min", FluentValue::from(*min))]),
            Problem::DateTooEarly { earliest } => {
                self.t_with(&id, &[("earliest", FluentValue::from(earliest.as_str()))])
            }
            Problem::OutOfRange { min, max } => self.t_with(
                &id,
                &[
                    ("min", FluentValue::from(*min)),
                    ("max", FluentValue::from(*max)),
                ],
            ),
            _ => self.t(&id),
        }
    }
}

/// Picks the best supported language from an `Accept-Language` header,
/// honouring quality values.
pub fn negotiate(accept_language: Option<&str>, supported: &[&'static str]) -> &'static str {
    let Some(header) = accept_language else {
        return DEFAULT_LANGUAGE;
    };
    let mut ranked: Vec<(f32, &'static str)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            let quality = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next()?;
            let lang = supported.iter().find(|s| **s == primary)?;
            (quality > 0.0).then_some((quality, *lang))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map(|(_, l)| *l).unwrap_or(DEFAULT_LANGUAGE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lantern_domain::vocab::*;
    use proptest::prelude::*;

    fn every_vocabulary_id() -> Vec<String> {
        fn ids<V: Vocabulary>() -> Vec<String> {
            V::ALL.iter().map(|v| v.message_id()).collect()
        }
        [
            ids::<CaseStatus>(),
            ids::<ExploitationType>(),
            ids::<Gender>(),
            ids::<IntakeSource>(),
            ids::<CaseRole>(),
            ids::<AgeBand>(),
            ids::<EventKind>(),
            ids::<UserRole>(),
            ids::<Permission>(),
            ids::<ConsentPurpose>(),
            ids::<ConsentDecision>(),
            ids::<ConsentGiver>(),
            ids::<ConsentInformed>(),
            ids::<RetainedRecord>(),
            ids::<lantern_domain::vocab::EntityKind>(),
            ids::<lantern_domain::vocab::EstablishmentKind>(),
        ]
        .concat()
    }

    #[test]
    fn catalogues_parse_and_every_language_is_complete() {
        let catalogues = Catalogues::load().unwrap();
        let english = catalogues.message_ids("en");
        assert!(english.len() > 100);
        for lang in catalogues.languages().filter(|l| *l != "en") {
            let missing: Vec<_> = english
                .iter()
                .filter(|id| !catalogues.has_message(lang, id))
                .collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let extra: Vec<_> = catalogues
                .message_ids(lang)
                .into_iter()
                .filter(|id| !catalogues.has_message("en", id))
                .collect();
            assert!(extra.is_empty(), "{lang} has unknown {extra:?}");
        }
    }

    #[test]
    fn every_vocabulary_value_and_problem_has_a_label() {
        let catalogues = Catalogues::load().unwrap();
        let problems = [
            "required",
            "too-long",
            "too-short",
            "too-many",
            "invalid-date",
            "date-in-future",
            "date-too-early",
            "date-range-reversed",
            "unknown-value",
            "invalid-format",
            "control-characters",
            "out-of-range",
            "common-password",
            "wrong-code",
            "wrong-password",
            "fixed",
        ];
        let ids = every_vocabulary_id()
            .into_iter()
            .chain(problems.iter().map(|p| format!("problem-{p}")))
            .chain(
                lantern_domain::duplicate::MatchReason::ALL
                    .iter()
                    .map(|r| r.message_id()),
            )
            .chain(
                lantern_app::retention::Erased::ALL
                    .iter()
                    .map(|kind| format!("retention-due-{}", kind.code())),
            );
        for id in ids {
            for lang in ["en", "es"] {
                assert!(catalogues.has_message(lang, &id), "{lang} lacks {id}");
            }
        }
    }

    #[test]
    fn every_message_used_by_templates_and_code_exists() {
        let catalogues = Catalogues::load().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = Vec::new();
        for dir in [
            "templates",
            "templates/cases",
            "templates/people",
            "templates/account",
            "templates/admin",
            "src",
            "src/html",
            "src/api",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_file() {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for part in text.split("t(\"").skip(1) {
                        if let Some(id) = part.split('"').next() {
                            let plain = id
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                            if plain && !id.is_empty() && !id.ends_with('-') {
                                used.push(id.to_owned());
                            }
                        }
                    }
                }
            }
        }
        assert!(used.len() > 50, "found {} uses", used.len());
        for id in used {
            assert!(catalogues.has_message("en", &id), "missing message {id}");
        }
    }

    #[test]
    fn problems_are_formatted_with_their_arguments() {
        let catalogues = Arc::new(Catalogues::load().unwrap());
        let es = Translator::new(catalogues.clone(), "es");
        assert!(es.problem(&Problem::TooLong { max: 80 }).contains("80"));
        let en = Translator::new(catalogues, "xx");
        assert_eq!(en.lang(), "en");
    }

    #[test]
    fn accept_language_is_negotiated_by_quality() {
        let supported = ["en", "es"];
        assert_eq!(negotiate(Some("es-MX,es;q=0.9,en;q=0.8"), &supported), "es");
        assert_eq!(negotiate(Some("fr, en;q=0.5, es;q=0.7"), &supported), "es");
        assert_eq!(negotiate(Some("fr"), &supported), "en");
        assert_eq!(negotiate(None, &supported), "en");
        assert_eq!(negotiate(Some("es;q=0"), &supported), "en");
    }

    proptest! {
        #[test]
        fn negotiation_never_panics(header in any::<String>()) {
            let lang = negotiate(Some(&header), &["en", "es"]);
            prop_assert!(lang == "en" || lang == "es");
        }
    }
}
