//! Places: where people come from (source districts, villages and towns of
//! each culture) and where they were exploited (destinations per office,
//! grouped by the kind of exploitation, including cross-border ones).
//!
//! Source areas are named the way local files name them: district and state
//! in India, municipality and province in the Philippines, and so on. The
//! country is added at formatting time when it differs from the office's.

/// A locality and the larger area it belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Place {
    pub locality: &'static str,
    pub area: &'static str,
}

const fn p(locality: &'static str, area: &'static str) -> Place {
    Place { locality, area }
}

// --- Source areas --------------------------------------------------------------

/// South and North 24 Parganas, Murshidabad, Nadia and the north of the
/// state: the districts anti-trafficking work in Bengal concentrates on.
pub(crate) static WEST_BENGAL: &[Place] = &[
    p("Canning", "South 24 Parganas, West Bengal"),
    p("Basanti", "South 24 Parganas, West Bengal"),
    p("Gosaba", "South 24 Parganas, West Bengal"),
    p("Kakdwip", "South 24 Parganas, West Bengal"),
    p("Diamond Harbour", "South 24 Parganas, West Bengal"),
    p("Jaynagar", "South 24 Parganas, West Bengal"),
    p("Mathurapur", "South 24 Parganas, West Bengal"),
    p("Namkhana", "South 24 Parganas, West Bengal"),
    p("Sandeshkhali", "North 24 Parganas, West Bengal"),
    p("Hasnabad", "North 24 Parganas, West Bengal"),
    p("Bongaon", "North 24 Parganas, West Bengal"),
    p("Krishnanagar", "Nadia, West Bengal"),
    p("Malbazar", "Jalpaiguri, West Bengal"),
    p("Siliguri", "Darjeeling, West Bengal"),
    p("Alipurduar", "Alipurduar, West Bengal"),
];

pub(crate) static WEST_BENGAL_MUSLIM: &[Place] = &[
    p("Domkal", "Murshidabad, West Bengal"),
    p("Jalangi", "Murshidabad, West Bengal"),
    p("Lalgola", "Murshidabad, West Bengal"),
    p("Kaliachak", "Malda, West Bengal"),
    p("Basirhat", "North 24 Parganas, West Bengal"),
    p("Haroa", "North 24 Parganas, West Bengal"),
    p("Deganga", "North 24 Parganas, West Bengal"),
    p("Magrahat", "South 24 Parganas, West Bengal"),
];

pub(crate) static BANGLADESH: &[Place] = &[
    p("Satkhira Sadar", "Satkhira"),
    p("Kalaroa", "Satkhira"),
    p("Sharsha", "Jashore"),
    p("Benapole", "Jashore"),
    p("Narail Sadar", "Narail"),
    p("Mirpur", "Dhaka"),
    p("Keraniganj", "Dhaka"),
    p("Dumuria", "Khulna"),
    p("Teknaf", "Cox's Bazar"),
    p("Chuadanga Sadar", "Chuadanga"),
];

pub(crate) static NEPAL: &[Place] = &[
    p("Melamchi", "Sindhupalchok"),
    p("Chautara", "Sindhupalchok"),
    p("Hetauda", "Makwanpur"),
    p("Bidur", "Nuwakot"),
    p("Dhading Besi", "Dhading"),
    p("Gaur", "Rautahat"),
    p("Birgunj", "Parsa"),
    p("Itahari", "Sunsari"),
    p("Kalanki", "Kathmandu"),
    p("Ilam", "Ilam"),
];

/// Jharkhand, Bihar and Uttar Pradesh supply most of the girls placed in
/// Delhi households, plus the city's own resettlement colonies.
pub(crate) static NORTH_INDIA: &[Place] = &[
    p("Gumla", "Gumla, Jharkhand"),
    p("Simdega", "Simdega, Jharkhand"),
    p("Khunti", "Khunti, Jharkhand"),
    p("Sahebganj", "Sahebganj, Jharkhand"),
    p("Araria", "Araria, Bihar"),
    p("Kishanganj", "Kishanganj, Bihar"),
    p("Katihar", "Katihar, Bihar"),
    p("Sitamarhi", "Sitamarhi, Bihar"),
    p("Bahraich", "Bahraich, Uttar Pradesh"),
    p("Shrawasti", "Shrawasti, Uttar Pradesh"),
    p("Jahangirpuri", "North West Delhi, Delhi"),
    p("Sangam Vihar", "South Delhi, Delhi"),
    p("Mandla", "Mandla, Madhya Pradesh"),
];

pub(crate) static MAHARASHTRA: &[Place] = &[
    p("Solapur", "Solapur, Maharashtra"),
    p("Pandharpur", "Solapur, Maharashtra"),
    p("Miraj", "Sangli, Maharashtra"),
    p("Ahmednagar", "Ahmednagar, Maharashtra"),
    p("Beed", "Beed, Maharashtra"),
    p("Latur", "Latur, Maharashtra"),
    p("Malegaon", "Nashik, Maharashtra"),
    p("Bhiwandi", "Thane, Maharashtra"),
    p("Kalyan", "Thane, Maharashtra"),
    p("Dharavi", "Mumbai, Maharashtra"),
    p("Govandi", "Mumbai, Maharashtra"),
    p("Yavatmal", "Yavatmal, Maharashtra"),
    p("Nanded", "Nanded, Maharashtra"),
];

pub(crate) static VISAYAS: &[Place] = &[
    p("Lapu-Lapu City", "Cebu"),
    p("Mandaue City", "Cebu"),
    p("Talisay City", "Cebu"),
    p("Danao City", "Cebu"),
    p("Bantayan", "Cebu"),
    p("Carcar City", "Cebu"),
    p("Toledo City", "Cebu"),
    p("Cordova", "Cebu"),
    p("Tagbilaran City", "Bohol"),
    p("Ubay", "Bohol"),
    p("Dumaguete City", "Negros Oriental"),
    p("Tacloban City", "Leyte"),
    p("Ormoc City", "Leyte"),
    p("Catbalogan City", "Samar"),
    p("Maasin City", "Southern Leyte"),
];

pub(crate) static LUZON: &[Place] = &[
    p("Tondo", "Manila"),
    p("Caloocan City", "Metro Manila"),
    p("Pasay City", "Metro Manila"),
    p("Quezon City", "Metro Manila"),
    p("Malabon City", "Metro Manila"),
    p("Navotas City", "Metro Manila"),
    p("Taguig City", "Metro Manila"),
    p("Angeles City", "Pampanga"),
    p("Olongapo City", "Zambales"),
    p("San Jose del Monte", "Bulacan"),
    p("Malolos City", "Bulacan"),
    p("Naga City", "Camarines Sur"),
    p("Legazpi City", "Albay"),
    p("Lucena City", "Quezon"),
    p("Calamba City", "Laguna"),
    p("Bacoor City", "Cavite"),
];

/// The north and the north-east (Isan), where most Thai victims are from.
pub(crate) static THAILAND: &[Place] = &[
    p("Mae Sai", "Chiang Rai"),
    p("Chiang Saen", "Chiang Rai"),
    p("Fang", "Chiang Mai"),
    p("Mae Sot", "Tak"),
    p("Mueang Udon Thani", "Udon Thani"),
    p("Mueang Nong Khai", "Nong Khai"),
    p("Mueang Nakhon Phanom", "Nakhon Phanom"),
    p("Sawang Daen Din", "Sakon Nakhon"),
    p("Mueang Khon Kaen", "Khon Kaen"),
    p("Kuchinarai", "Kalasin"),
    p("Selaphum", "Roi Et"),
    p("Warin Chamrap", "Ubon Ratchathani"),
    p("Khlong Toei", "Bangkok"),
    p("Chiang Kham", "Phayao"),
    p("Pua", "Nan"),
];

pub(crate) static MYANMAR: &[Place] = &[
    p("Tachileik", "Shan State"),
    p("Kengtung", "Shan State"),
    p("Myawaddy", "Kayin State"),
    p("Hpa-an", "Kayin State"),
    p("Mawlamyine", "Mon State"),
    p("Hlaing Tharyar", "Yangon Region"),
    p("Dawei", "Tanintharyi Region"),
    p("Pathein", "Ayeyarwady Region"),
];

pub(crate) static LAOS: &[Place] = &[
    p("Kaysone Phomvihane", "Savannakhet"),
    p("Pakse", "Champasak"),
    p("Houayxay", "Bokeo"),
    p("Sikhottabong", "Vientiane Capital"),
    p("Thakhek", "Khammouane"),
    p("Paksan", "Bolikhamxay"),
];

/// Tlaxcala (Tenancingo and its neighbours) is the best-documented source of
/// pimping networks; the south supplies migrants and indigenous girls.
pub(crate) static MEXICO: &[Place] = &[
    p("Tenancingo", "Tlaxcala"),
    p("San Pablo del Monte", "Tlaxcala"),
    p("Apizaco", "Tlaxcala"),
    p("Puebla", "Puebla"),
    p("Tehuacán", "Puebla"),
    p("Oaxaca de Juárez", "Oaxaca"),
    p("Juchitán", "Oaxaca"),
    p("Tapachula", "Chiapas"),
    p("San Cristóbal de las Casas", "Chiapas"),
    p("Ecatepec", "Estado de México"),
    p("Nezahualcóyotl", "Estado de México"),
    p("Iztapalapa", "Ciudad de México"),
    p("Veracruz", "Veracruz"),
    p("Acapulco", "Guerrero"),
    p("Chilpancingo", "Guerrero"),
    p("Pachuca", "Hidalgo"),
];

pub(crate) static GUATEMALA: &[Place] = &[
    p("Quetzaltenango", "Quetzaltenango"),
    p("Huehuetenango", "Huehuetenango"),
    p("San Marcos", "San Marcos"),
    p("Cobán", "Alta Verapaz"),
    p("Escuintla", "Escuintla"),
    p("Tecún Umán", "San Marcos"),
    p("Retalhuleu", "Retalhuleu"),
    p("Mixco", "Guatemala"),
    p("Villa Nueva", "Guatemala"),
    p("Chichicastenango", "Quiché"),
    p("Santa Cruz del Quiché", "Quiché"),
    p("Puerto Barrios", "Izabal"),
    p("Flores", "Petén"),
    p("Totonicapán", "Totonicapán"),
];

pub(crate) static HONDURAS: &[Place] = &[
    p("San Pedro Sula", "Cortés"),
    p("Choloma", "Cortés"),
    p("Tegucigalpa", "Francisco Morazán"),
    p("La Ceiba", "Atlántida"),
    p("Choluteca", "Choluteca"),
    p("Comayagua", "Comayagua"),
];

pub(crate) static EL_SALVADOR: &[Place] = &[
    p("San Miguel", "San Miguel"),
    p("Santa Ana", "Santa Ana"),
    p("Soyapango", "San Salvador"),
    p("Usulután", "Usulután"),
    p("Ahuachapán", "Ahuachapán"),
    p("La Unión", "La Unión"),
];

// --- Places of exploitation -------------------------------------------------------

/// A place of exploitation: the kind of venue (may be empty) and the city or
/// country (empty for online exploitation). Kept apart so a case summary can
/// name the city without repeating the venue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Site {
    pub venue: &'static str,
    pub city: &'static str,
}

impl Site {
    /// The place as a case file writes it: "Sonagachi, Kolkata".
    pub fn label(self) -> String {
        match (self.venue.is_empty(), self.city.is_empty()) {
            (true, _) => self.city.to_owned(),
            (false, true) => self.venue.to_owned(),
            (false, false) => format!("{}, {}", self.venue, self.city),
        }
    }
}

const fn s(venue: &'static str, city: &'static str) -> Site {
    Site { venue, city }
}

/// Where an office's cases were exploited, by the kind of exploitation.
pub(crate) struct Sites {
    pub sexual: &'static [Site],
    pub labour: &'static [Site],
    pub marriage: &'static [Site],
    pub domestic: &'static [Site],
}

pub(crate) static SITES_KOL: Sites = Sites {
    sexual: &[
        s("Sonagachi", "Kolkata"),
        s("Kalighat", "Kolkata"),
        s("Bowbazar", "Kolkata"),
        s("Khidirpur", "Kolkata"),
        s("Lodge", "Siliguri"),
        s("Hotel", "Digha, Purba Medinipur"),
        s("Chaturbhuj Sthan", "Muzaffarpur, Bihar"),
        s("Kamathipura", "Mumbai"),
        s("Budhwar Peth", "Pune"),
        s("G.B. Road", "Delhi"),
        s("Online (social media and video calls)", ""),
        s("", "Dubai, UAE"),
    ],
    labour: &[
        s("Zari workshop, Metiabruz", "Kolkata"),
        s("Brick kiln", "North 24 Parganas"),
        s("Garment unit", "Tiruppur, Tamil Nadu"),
        s("Construction site", "Bengaluru"),
        s("Bangle workshop", "Jaipur, Rajasthan"),
    ],
    marriage: &[
        s("Village", "Mewat, Haryana"),
        s("Village", "Rohtak, Haryana"),
        s("Village", "Sri Ganganagar, Rajasthan"),
        s("Village", "Meerut, Uttar Pradesh"),
    ],
    domestic: &[
        s("Household, Salt Lake", "Kolkata"),
        s("Household", "Gurugram, Haryana"),
        s("Household", "Muscat, Oman"),
    ],
};

pub(crate) static SITES_MUM: Sites = Sites {
    sexual: &[
        s("Kamathipura", "Mumbai"),
        s("Falkland Road", "Mumbai"),
        s("Dance bar", "Navi Mumbai"),
        s("Lodge", "Bhiwandi, Thane"),
        s("Budhwar Peth", "Pune"),
        s("Spa, Andheri", "Mumbai"),
        s("Hotel, Calangute", "Goa"),
        s("Online (social media and video calls)", ""),
        s("", "Dubai, UAE"),
        s("", "Muscat, Oman"),
    ],
    labour: &[
        s("Zari workshop, Madanpura", "Mumbai"),
        s("Leather unit, Dharavi", "Mumbai"),
        s("Brick kiln", "Palghar"),
        s("Fishing trawler", "Ratnagiri"),
        s("Hotel kitchen", "Thane"),
    ],
    marriage: &[
        s("Village", "Jhunjhunu, Rajasthan"),
        s("Village", "Bhiwani, Haryana"),
        s("Village", "Jalna, Maharashtra"),
    ],
    domestic: &[
        s("Household, Bandra", "Mumbai"),
        s("Household", "Pune"),
        s("Household", "Riyadh, Saudi Arabia"),
    ],
};

pub(crate) static SITES_DEL: Sites = Sites {
    sexual: &[
        s("G.B. Road", "Delhi"),
        s("Hotel, Paharganj", "Delhi"),
        s("Spa", "Gurugram, Haryana"),
        s("Flat, Mahipalpur", "Delhi"),
        s("Hotel", "Meerut, Uttar Pradesh"),
        s("Online (social media and video calls)", ""),
        s("", "Dubai, UAE"),
    ],
    labour: &[
        s("Zari workshop, Seelampur", "Delhi"),
        s("Bag factory, Gandhi Nagar", "Delhi"),
        s("Bangle workshop", "Jaipur, Rajasthan"),
        s("Roadside eatery on NH-44", "Sonipat, Haryana"),
        s("Construction site", "Noida, Uttar Pradesh"),
        s("Traffic junctions (begging)", "Delhi"),
    ],
    marriage: &[
        s("Village", "Mewat, Haryana"),
        s("Village", "Jind, Haryana"),
        s("Village", "Alwar, Rajasthan"),
        s("Village", "Bulandshahr, Uttar Pradesh"),
    ],
    domestic: &[
        s("Household, Vasant Kunj", "Delhi"),
        s("Household", "Gurugram, Haryana"),
        s("Household", "Noida, Uttar Pradesh"),
        s("Placement agency, Shakurpur", "Delhi"),
    ],
};

pub(crate) static SITES_CEB: Sites = Sites {
    sexual: &[
        s("Online sexual exploitation, livestreamed from home", ""),
        s(
            "Online sexual exploitation, livestreamed from a rented room",
            "",
        ),
        s("Bar", "Mandaue City"),
        s("KTV bar", "Cebu City"),
        s("Lodge near Colon Street", "Cebu City"),
        s("Resort", "Lapu-Lapu City"),
        s("Bar, Malate", "Manila"),
        s("", "Kota Kinabalu, Malaysia"),
        s("", "Kuala Lumpur, Malaysia"),
    ],
    labour: &[
        s("Fishing vessel", "Bantayan, Cebu"),
        s("Sugarcane plantation", "Negros Occidental"),
        s("Construction site", "Cebu City"),
        s("Scam compound", "Myawaddy, Myanmar"),
    ],
    marriage: &[s("", "Guangdong, China"), s("", "Fujian, China")],
    domestic: &[
        s("Household", "Cebu City"),
        s("Household", "Riyadh, Saudi Arabia"),
        s("Household", "Kuwait City, Kuwait"),
    ],
};

pub(crate) static SITES_MNL: Sites = Sites {
    sexual: &[
        s("Online sexual exploitation, livestreamed from home", ""),
        s("Bar", "Pasay City"),
        s("Bar on Fields Avenue", "Angeles City"),
        s("KTV bar", "Quezon City"),
        s("Massage parlour", "Makati City"),
        s("Bar", "Olongapo City"),
        s("", "Tokyo, Japan"),
        s("", "Kuala Lumpur, Malaysia"),
        s("", "Dubai, UAE"),
    ],
    labour: &[
        s("Fishing vessel", "Navotas City"),
        s("Garment sweatshop", "Valenzuela City"),
        s("Scam compound", "Myawaddy, Myanmar"),
        s("Scam compound", "Sihanoukville, Cambodia"),
        s("Construction site", "Taguig City"),
    ],
    marriage: &[s("", "Hebei, China"), s("", "Guangdong, China")],
    domestic: &[
        s("Household", "Makati City"),
        s("Household", "Riyadh, Saudi Arabia"),
        s("Household", "Dubai, UAE"),
        s("Household", "Kuwait City, Kuwait"),
    ],
};

pub(crate) static SITES_BKK: Sites = Sites {
    sexual: &[
        s("Soi Nana", "Bangkok"),
        s("Patpong", "Bangkok"),
        s("Karaoke bar", "Pattaya"),
        s("Massage parlour, Huai Khwang", "Bangkok"),
        s("Bar, Patong", "Phuket"),
        s("Karaoke bar", "Sungai Kolok, Narathiwat"),
        s("Online (social media and video calls)", ""),
        s("", "Tokyo, Japan"),
        s("", "Kuala Lumpur, Malaysia"),
        s("", "Manama, Bahrain"),
    ],
    labour: &[
        s("Fishing boat", "Songkhla"),
        s("Seafood processing plant", "Samut Sakhon"),
        s("Fishing boat", "Ranong"),
        s("Rubber plantation", "Surat Thani"),
        s("Scam compound", "Myawaddy, Myanmar"),
        s("Garment factory", "Mae Sot, Tak"),
        s("Street selling and begging", "Bangkok"),
    ],
    marriage: &[s("", "Jiangsu, China"), s("Village", "Udon Thani")],
    domestic: &[
        s("Household", "Bangkok"),
        s("Household", "Chiang Mai"),
        s("Household", "Hong Kong"),
    ],
};

pub(crate) static SITES_CDMX: Sites = Sites {
    sexual: &[
        s("La Merced", "Ciudad de México"),
        s("Calzada de Tlalpan", "Ciudad de México"),
        s("Bar", "Cancún, Quintana Roo"),
        s("Zona Norte", "Tijuana, Baja California"),
        s("Bar", "Ciudad Juárez, Chihuahua"),
        s("Hotel", "Guadalajara, Jalisco"),
        s("Bar", "Tapachula, Chiapas"),
        s("Explotación en línea (redes sociales)", ""),
        s("", "Nueva York, Estados Unidos"),
        s("", "Houston, Estados Unidos"),
        s("", "Atlanta, Estados Unidos"),
    ],
    labour: &[
        s("Campo agrícola", "San Quintín, Baja California"),
        s("Campo agrícola", "Culiacán, Sinaloa"),
        s("Taller textil", "Ciudad de México"),
        s("Obra de construcción", "Monterrey, Nuevo León"),
        s(
            "Venta ambulante y mendicidad, Centro Histórico",
            "Ciudad de México",
        ),
    ],
    marriage: &[
        s("Comunidad", "Metlatónoc, Guerrero"),
        s("Comunidad", "Cochoapa el Grande, Guerrero"),
    ],
    domestic: &[
        s("Casa particular, Polanco", "Ciudad de México"),
        s("Casa particular", "Monterrey, Nuevo León"),
        s("Casa particular", "Guadalajara, Jalisco"),
    ],
};

pub(crate) static SITES_GUA: Sites = Sites {
    sexual: &[
        s("Zona 1", "Ciudad de Guatemala"),
        s("Bar", "Tecún Umán, San Marcos"),
        s("Cantina", "Coatepeque, Quetzaltenango"),
        s("Bar", "Puerto Barrios, Izabal"),
        s("Bar", "Escuintla"),
        s("Explotación en línea (redes sociales)", ""),
        s("", "Tapachula, México"),
        s("", "Ciudad de México, México"),
        s("", "Houston, Estados Unidos"),
    ],
    labour: &[
        s("Finca de café", "Alta Verapaz"),
        s("Finca bananera", "Izabal"),
        s("Maquila", "Villa Nueva"),
        s("Campo agrícola", "Chiapas, México"),
        s("Mendicidad forzada, Zona 1", "Ciudad de Guatemala"),
    ],
    marriage: &[
        s("Comunidad", "Huehuetenango"),
        s("Comunidad", "Alta Verapaz"),
    ],
    domestic: &[
        s("Casa particular, Zona 10", "Ciudad de Guatemala"),
        s("Casa particular", "Ciudad de México, México"),
    ],
};

// --- Officials' posts ------------------------------------------------------------------

pub(crate) static POSTS_KOL: &[&str] = &[
    "Anti-Human Trafficking Unit, Baruipur Police District",
    "Anti-Human Trafficking Unit, Kolkata Police",
    "Child Welfare Committee, South 24 Parganas",
    "Child Welfare Committee, North 24 Parganas",
    "District Child Protection Unit, South 24 Parganas",
];

pub(crate) static POSTS_MUM: &[&str] = &[
    "Anti-Human Trafficking Unit, Mumbai Police",
    "Social Service Branch, Mumbai Police",
    "Child Welfare Committee, Mumbai City",
    "Anti-Human Trafficking Unit, Thane Police",
];

pub(crate) static POSTS_DEL: &[&str] = &[
    "Anti-Human Trafficking Unit, Crime Branch, Delhi Police",
    "Child Welfare Committee, North West Delhi",
    "Delhi Commission for Women",
    "Labour Department, Government of NCT of Delhi",
];

pub(crate) static POSTS_CEB: &[&str] = &[
    "Women and Children Protection Desk, Cebu City Police Office",
    "NBI Central Visayas Regional Office",
    "DSWD Field Office VII",
    "Office of the City Prosecutor, Lapu-Lapu City",
];

pub(crate) static POSTS_MNL: &[&str] = &[
    "PNP Women and Children Protection Center",
    "NBI Anti-Human Trafficking Division",
    "DSWD National Capital Region",
    "Bureau of Immigration, NAIA Terminal 3",
];

pub(crate) static POSTS_BKK: &[&str] = &[
    "Anti-Trafficking in Persons Division, Royal Thai Police",
    "Department of Special Investigation",
    "Ministry of Social Development and Human Security, Bangkok",
    "Thailand Internet Crimes Against Children Task Force",
];

pub(crate) static POSTS_CDMX: &[&str] = &[
    "Fiscalía Especializada en Trata de Personas, FGJ Ciudad de México",
    "FEVIMTRA, Fiscalía General de la República",
    "DIF Ciudad de México",
    "Instituto Nacional de Migración, Ciudad de México",
];

pub(crate) static POSTS_GUA: &[&str] = &[
    "Fiscalía contra la Trata de Personas, Ministerio Público",
    "Procuraduría General de la Nación, Unidad de Rescate",
    "Secretaría contra la Violencia Sexual, Explotación y Trata de Personas",
    "Policía Nacional Civil, DIPANDA",
];
