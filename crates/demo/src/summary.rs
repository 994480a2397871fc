//! Case summaries: two short sentences in the team's language saying who
//! (in general terms only: never a name or an exact age), how they were
//! recruited, where they were exploited and where the case stands.

use lantern_domain::vocab::{CaseStatus, Gender};

use crate::family::Family;
use crate::offices::Lang;
use crate::rng::{pick, DemoRng};

/// The victims of a case as a summary describes them.
pub(crate) struct Victims {
    pub count: usize,
    /// The gender shared by all victims, or `NonSpecifiedUnknown` when
    /// they differ (a summary then says "two survivors").
    pub gender: Gender,
    /// The age of the youngest at intake.
    pub age: u32,
}

/// Where the (first) victim came from: a locality and, if abroad, the
/// country.
pub(crate) struct Origin<'a> {
    pub locality: &'a str,
    pub country: Option<&'a str>,
}

pub(crate) fn write(
    rng: &mut DemoRng,
    lang: Lang,
    victims: &Victims,
    family: Family,
    origin: Option<&Origin<'_>>,
    city: Option<&str>,
    status: CaseStatus,
) -> String {
    match lang {
        Lang::En => english(rng, victims, family, origin, city, status),
        Lang::Es => spanish(rng, victims, family, origin, city, status),
    }
}

fn english(
    rng: &mut DemoRng,
    victims: &Victims,
    family: Family,
    origin: Option<&Origin<'_>>,
    city: Option<&str>,
    status: CaseStatus,
) -> String {
    let minor = victims.age < 18;
    let who = match (victims.count > 1, victims.gender, minor) {
        (false, Gender::Feminine, true) if victims.age < 13 => "A girl",
        (false, Gender::Feminine, true) => "A teenage girl",
        (false, Gender::Feminine, false) if victims.age <= 25 => "A young woman",
        (false, Gender::Feminine, false) => "A woman",
        (false, Gender::Masculine, true) if victims.age < 13 => "A boy",
        (false, Gender::Masculine, true) => "A teenage boy",
        (false, Gender::Masculine, false) if victims.age <= 25 => "A young man",
        (false, Gender::Masculine, false) => "A man",
        (false, Gender::TransgenderFeminine, true) => "A transgender girl",
        (false, Gender::TransgenderFeminine, false) => "A transgender woman",
        (false, Gender::TransgenderMasculine, _) => "A transgender man",
        (false, _, true) => "A minor",
        (false, _, false) => "A young person",
        (true, Gender::Feminine, true) => "Two girls",
        (true, Gender::Feminine, false) => "Two young women",
        (true, Gender::Masculine, true) => "Two boys",
        (true, Gender::Masculine, false) => "Two young men",
        (true, _, true) => "Two minors",
        (true, _, false) => "Two survivors",
    };
    let method = pick(
        rng,
        match family {
            Family::Sexual => &[
                "a false offer of work in a beauty parlour",
                "a promise of marriage",
                "a relationship begun on social media",
                "a neighbour's offer of a job in the city",
                "an agent promising restaurant work",
                "an offer of a modelling job",
                "a relative's promise of domestic work",
                "a friend's offer of work in a spa",
            ][..],
            Family::Labour => &[
                "an advance paid to the family by a labour contractor",
                "a broker's offer of factory work",
                "an agent's promise of good wages",
                "an offer of work abroad with travel paid",
            ],
            Family::ChildLabour => &[
                "an advance paid to the parents by a contractor",
                "a relative who promised schooling and work in the city",
                "a neighbour's offer of an apprenticeship",
            ],
            Family::Marriage => &[
                "a broker who paid the family",
                "a promise of marriage in another state",
                "a marriage arranged by a relative for money",
            ],
            Family::Domestic => &[
                "a placement agency promising domestic work",
                "a recruiter offering work abroad as a housemaid",
                "an acquaintance offering a live-in job",
            ],
        },
    );
    let what = match family {
        Family::Sexual => "sexually exploited",
        Family::Labour | Family::ChildLabour => "made to work",
        Family::Marriage => "sold into marriage",
        Family::Domestic => "held in domestic servitude",
    };
    let exploited = match city {
        Some("") => format!("{what} online"),
        Some(city) => format!("{what} in {city}"),
        None => what.to_owned(),
    };
    let outcome = pick(
        rng,
        match status {
            CaseStatus::Active => &[
                "Rescued with police; shelter care and legal follow-up are ongoing.",
                "In a shelter; the police investigation is under way.",
                "Living with family; prosecution support is ongoing.",
                "Screening completed; care plan being prepared.",
            ][..],
            CaseStatus::FollowUp => &[
                "Reintegrated with family; follow-up visits and trial support continue.",
                "Living independently after vocational training; follow-up continues.",
            ],
            CaseStatus::Closed => &[
                "Restoration goals met; case closed.",
                "Survivor restored and trial concluded; case closed.",
                "Survivor chose to end services; case closed.",
            ],
            CaseStatus::ClosedReferred if origin.is_some_and(|o| o.country.is_some()) => {
                &["Repatriated and referred to a partner organisation for aftercare."]
            }
            CaseStatus::ClosedReferred => {
                &["Referred to a partner organisation near home for aftercare."]
            }
        },
    );
    let from = match origin {
        Some(Origin {
            locality,
            country: Some(country),
        }) => format!(" from {locality}, {country}"),
        Some(Origin { locality, .. }) => format!(" from {locality}"),
        None => String::new(),
    };
    format!("{who}{from}, recruited through {method}; {exploited}. {outcome}")
}

fn spanish(
    rng: &mut DemoRng,
    victims: &Victims,
    family: Family,
    origin: Option<&Origin<'_>>,
    city: Option<&str>,
    status: CaseStatus,
) -> String {
    let minor = victims.age < 18;
    let plural = victims.count > 1;
    // Spanish participles agree with the subject; "persona" is feminine.
    let (who, feminine) = match (plural, victims.gender, minor) {
        (false, Gender::Feminine, true) if victims.age < 13 => ("Una niña", true),
        (false, Gender::Feminine, true) => ("Una adolescente", true),
        (false, Gender::Feminine, false) if victims.age <= 25 => ("Una mujer joven", true),
        (false, Gender::Feminine, false) => ("Una mujer", true),
        (false, Gender::Masculine, true) if victims.age < 13 => ("Un niño", false),
        (false, Gender::Masculine, true) => ("Un adolescente", false),
        (false, Gender::Masculine, false) => ("Un hombre joven", false),
        (false, Gender::TransgenderFeminine, true) => ("Una adolescente trans", true),
        (false, Gender::TransgenderFeminine, false) => ("Una mujer trans", true),
        (false, Gender::TransgenderMasculine, _) => ("Un hombre trans", false),
        (false, _, _) => ("Una persona joven", true),
        (true, Gender::Feminine, true) => ("Dos adolescentes", true),
        (true, Gender::Feminine, false) => ("Dos mujeres jóvenes", true),
        (true, Gender::Masculine, true) => ("Dos adolescentes", false),
        (true, Gender::Masculine, false) => ("Dos hombres jóvenes", false),
        (true, _, _) => ("Dos personas", true),
    };
    let ending = match (feminine, plural) {
        (true, false) => "a",
        (false, false) => "o",
        (true, true) => "as",
        (false, true) => "os",
    };
    let method = pick(
        rng,
        match family {
            Family::Sexual => &[
                "una falsa oferta de trabajo como mesera",
                "una relación de noviazgo con un enganchador",
                "una oferta de empleo en redes sociales",
                "la promesa de un trabajo en Estados Unidos",
                "un familiar que ofreció trabajo en la ciudad",
                "una falsa oferta de trabajo como modelo",
            ][..],
            Family::Labour => &[
                "un adelanto pagado a la familia por un contratista",
                "una oferta de trabajo agrícola con buen salario",
                "un enganchador que prometió empleo en la ciudad",
            ],
            Family::ChildLabour => &[
                "un adelanto pagado a los padres por un contratista",
                "un familiar que prometió estudios y trabajo en la ciudad",
            ],
            Family::Marriage => &[
                "un arreglo matrimonial pactado por la familia a cambio de dinero",
                "una promesa de matrimonio",
            ],
            Family::Domestic => &[
                "una agencia que prometió trabajo doméstico",
                "una conocida que ofreció empleo de planta en una casa",
            ],
        },
    );
    let (participle, what) = match family {
        Family::Sexual => ("explotad", "sexualmente"),
        Family::Labour | Family::ChildLabour => ("obligad", "a trabajar"),
        Family::Marriage => ("forzad", "a casarse"),
        Family::Domestic => ("sometid", "a servidumbre doméstica"),
    };
    let exploited = match city {
        Some("") => format!("{participle}{ending} {what} en línea"),
        Some(city) => format!("{participle}{ending} {what} en {city}"),
        None => format!("{participle}{ending} {what}"),
    };
    let outcome = pick(
        rng,
        match status {
            CaseStatus::Active => &[
                "Rescate con la policía; atención en albergue y acompañamiento legal en curso.",
                "En albergue; la investigación de la Fiscalía está en curso.",
                "Vive con su familia; acompañamiento en el proceso penal en curso.",
            ][..],
            CaseStatus::FollowUp => &[
                "Reintegración familiar; continúan las visitas de seguimiento y el apoyo en juicio.",
                "Vive de forma independiente tras capacitación laboral; continúa el seguimiento.",
            ],
            CaseStatus::Closed => &[
                "Se cumplieron las metas del plan de restauración; caso cerrado.",
                "Proceso penal concluido y metas cumplidas; caso cerrado.",
                "La persona sobreviviente decidió concluir los servicios; caso cerrado.",
            ],
            CaseStatus::ClosedReferred if origin.is_some_and(|o| o.country.is_some()) => &[
                "Repatriación y referencia a una organización aliada para seguimiento.",
            ],
            CaseStatus::ClosedReferred => &[
                "Referencia a una organización aliada cercana a su comunidad.",
            ],
        },
    );
    let from = match origin {
        Some(Origin {
            locality,
            country: Some(country),
        }) => format!(" de {locality}, {country}"),
        Some(Origin { locality, .. }) => format!(" de {locality}"),
        None => String::new(),
    };
    format!("{who}{from}, captad{ending} mediante {method}; {exploited}. {outcome}")
}
