//! Name tables per culture: given names, family names, nicknames, the
//! handles suspects go by, and the words caseworkers build pseudonyms from.
//!
//! Where a culture writes in its own script the table holds both the native
//! spelling and the usual romanisation, so one person can carry a legal name
//! in one script and an alias in the other, as real files do.

/// One name in its romanised and native-script forms (the same string for
/// cultures written in Latin script).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Name {
    pub latin: &'static str,
    pub native: &'static str,
}

impl Name {
    pub fn in_script(self, native: bool) -> &'static str {
        if native {
            self.native
        } else {
            self.latin
        }
    }

    pub fn has_native_form(self) -> bool {
        self.latin != self.native
    }
}

/// A name with a native-script spelling.
const fn n(latin: &'static str, native: &'static str) -> Name {
    Name { latin, native }
}

/// A name written in Latin script only.
const fn l(latin: &'static str) -> Name {
    Name {
        latin,
        native: latin,
    }
}

// --- Bengali (West Bengal) -------------------------------------------------

pub(crate) static BN_FEMALE: &[Name] = &[
    n("Anita", "অনিতা"),
    n("Rina", "রিনা"),
    n("Mousumi", "মৌসুমী"),
    n("Puja", "পূজা"),
    n("Shampa", "শম্পা"),
    n("Rupa", "রূপা"),
    n("Sathi", "সাথী"),
    n("Mitali", "মিতালী"),
    n("Priyanka", "প্রিয়াঙ্কা"),
    n("Sonali", "সোনালী"),
    n("Tumpa", "টুম্পা"),
    n("Payel", "পায়েল"),
    n("Moumita", "মৌমিতা"),
    n("Jhuma", "ঝুমা"),
    n("Laxmi", "লক্ষ্মী"),
    n("Shilpi", "শিল্পী"),
    n("Keya", "কেয়া"),
    n("Anjali", "অঞ্জলি"),
    n("Sumitra", "সুমিত্রা"),
    n("Parbati", "পার্বতী"),
    n("Champa", "চম্পা"),
    n("Rumki", "রুমকি"),
];

pub(crate) static BN_MALE: &[Name] = &[
    n("Rahul", "রাহুল"),
    n("Sujit", "সুজিত"),
    n("Bapi", "বাপি"),
    n("Subrata", "সুব্রত"),
    n("Tapan", "তপন"),
    n("Biswajit", "বিশ্বজিৎ"),
    n("Rajesh", "রাজেশ"),
    n("Sanjay", "সঞ্জয়"),
    n("Amit", "অমিত"),
    n("Gopal", "গোপাল"),
    n("Shankar", "শঙ্কর"),
    n("Mithun", "মিঠুন"),
    n("Prosenjit", "প্রসেনজিৎ"),
    n("Sukumar", "সুকুমার"),
    n("Nirmal", "নির্মল"),
    n("Raju", "রাজু"),
];

pub(crate) static BN_FAMILY: &[Name] = &[
    n("Das", "দাস"),
    n("Mondal", "মণ্ডল"),
    n("Sardar", "সরদার"),
    n("Halder", "হালদার"),
    n("Naskar", "নস্কর"),
    n("Biswas", "বিশ্বাস"),
    n("Roy", "রায়"),
    n("Ghosh", "ঘোষ"),
    n("Bag", "বাগ"),
    n("Pramanik", "প্রামাণিক"),
    n("Mistri", "মিস্ত্রি"),
    n("Gayen", "গায়েন"),
    n("Purkait", "পুরকাইত"),
    n("Sarkar", "সরকার"),
    n("Laskar", "লস্কর"),
    n("Paik", "পাইক"),
];

// --- Bengali Muslim (Bangladesh and West Bengal) ---------------------------

pub(crate) static BD_FEMALE: &[Name] = &[
    n("Fatema", "ফাতেমা"),
    n("Ayesha", "আয়েশা"),
    n("Rokeya", "রোকেয়া"),
    n("Shirin", "শিরিন"),
    n("Nasima", "নাসিমা"),
    n("Rabeya", "রাবেয়া"),
    n("Sumaiya", "সুমাইয়া"),
    n("Tania", "তানিয়া"),
    n("Mim", "মিম"),
    n("Sabina", "সাবিনা"),
    n("Ruma", "রুমা"),
    n("Lipi", "লিপি"),
    n("Kulsum", "কুলসুম"),
    n("Jesmin", "জেসমিন"),
    n("Rehana", "রেহানা"),
    n("Salma", "সালমা"),
    n("Nasrin", "নাসরিন"),
];

pub(crate) static BD_FEMALE_FAMILY: &[Name] = &[
    n("Akter", "আক্তার"),
    n("Khatun", "খাতুন"),
    n("Begum", "বেগম"),
    n("Sultana", "সুলতানা"),
    n("Parvin", "পারভীন"),
    n("Bibi", "বিবি"),
];

pub(crate) static BD_MALE: &[Name] = &[
    n("Rahim", "রহিম"),
    n("Karim", "করিম"),
    n("Jamal", "জামাল"),
    n("Hasan", "হাসান"),
    n("Rubel", "রুবেল"),
    n("Shahin", "শাহীন"),
    n("Monir", "মনির"),
    n("Sohel", "সোহেল"),
    n("Alamgir", "আলমগীর"),
    n("Habib", "হাবিব"),
    n("Kabir", "কবির"),
    n("Rafiq", "রফিক"),
    n("Jahangir", "জাহাঙ্গীর"),
];

pub(crate) static BD_MALE_FAMILY: &[Name] = &[
    n("Hossain", "হোসেন"),
    n("Rahman", "রহমান"),
    n("Islam", "ইসলাম"),
    n("Uddin", "উদ্দিন"),
    n("Ali", "আলী"),
    n("Sheikh", "শেখ"),
    n("Mia", "মিয়া"),
    n("Molla", "মোল্লা"),
    n("Howlader", "হাওলাদার"),
];

pub(crate) static BN_NICK_FEMALE: &[Name] = &[
    n("Mithu", "মিঠু"),
    n("Pinki", "পিঙ্কি"),
    n("Munni", "মুন্নি"),
    n("Bulti", "বুলটি"),
    l("Rinku"),
    l("Tuktuki"),
    l("Moni"),
];

pub(crate) static BN_NICK_MALE: &[Name] = &[
    n("Bablu", "বাবলু"),
    n("Tutul", "টুটুল"),
    l("Pintu"),
    l("Montu"),
    l("Khokon"),
];

/// What suspects are called by victims: "Mashi" (aunt) is how brothel
/// keepers in Bengal are commonly addressed.
pub(crate) static BN_HANDLE_FEMALE: &[Name] =
    &[n("Mashi", "মাসি"), n("Boudi", "বৌদি"), l("Didi"), l("Aunty")];

pub(crate) static BN_HANDLE_MALE: &[Name] = &[n("Dada", "দাদা"), l("Bhai"), l("Mama"), l("Boss")];

// --- Hindi (Delhi and its source states) ------------------------------------

pub(crate) static HI_FEMALE: &[Name] = &[
    n("Sunita", "सुनीता"),
    n("Pooja", "पूजा"),
    n("Rekha", "रेखा"),
    n("Kavita", "कविता"),
    n("Neha", "नेहा"),
    n("Anjali", "अंजलि"),
    n("Priya", "प्रिया"),
    n("Suman", "सुमन"),
    n("Radha", "राधा"),
    n("Geeta", "गीता"),
    n("Meena", "मीना"),
    n("Asha", "आशा"),
    n("Rani", "रानी"),
    n("Seema", "सीमा"),
    n("Komal", "कोमल"),
    n("Nisha", "निशा"),
    n("Khushi", "खुशी"),
    n("Sapna", "सपना"),
    n("Kajal", "काजल"),
    n("Sonam", "सोनम"),
    n("Mamta", "ममता"),
];

pub(crate) static HI_MALE: &[Name] = &[
    n("Ramesh", "रमेश"),
    n("Suresh", "सुरेश"),
    n("Rajesh", "राजेश"),
    n("Vijay", "विजय"),
    n("Sunil", "सुनील"),
    n("Manoj", "मनोज"),
    n("Ravi", "रवि"),
    n("Ajay", "अजय"),
    n("Deepak", "दीपक"),
    n("Anil", "अनिल"),
    n("Sanjay", "संजय"),
    n("Mukesh", "मुकेश"),
    n("Dinesh", "दिनेश"),
    n("Pankaj", "पंकज"),
    n("Rakesh", "राकेश"),
];

pub(crate) static HI_FEMALE_FAMILY: &[Name] = &[
    n("Kumari", "कुमारी"),
    n("Devi", "देवी"),
    n("Oraon", "उरांव"),
    n("Munda", "मुंडा"),
    n("Yadav", "यादव"),
    n("Paswan", "पासवान"),
    n("Mahto", "महतो"),
    n("Singh", "सिंह"),
    n("Sharma", "शर्मा"),
    n("Verma", "वर्मा"),
    n("Gupta", "गुप्ता"),
];

pub(crate) static HI_MALE_FAMILY: &[Name] = &[
    n("Kumar", "कुमार"),
    n("Singh", "सिंह"),
    n("Yadav", "यादव"),
    n("Sharma", "शर्मा"),
    n("Verma", "वर्मा"),
    n("Gupta", "गुप्ता"),
    n("Prasad", "प्रसाद"),
    n("Paswan", "पासवान"),
    n("Mishra", "मिश्रा"),
    n("Chauhan", "चौहान"),
    n("Oraon", "उरांव"),
    n("Munda", "मुंडा"),
    n("Mahto", "महतो"),
    n("Mandal", "मंडल"),
];

pub(crate) static HI_NICK_FEMALE: &[Name] = &[
    n("Munni", "मुन्नी"),
    n("Guddi", "गुड्डी"),
    l("Pinky"),
    l("Chhoti"),
    l("Rinki"),
];

pub(crate) static HI_NICK_MALE: &[Name] = &[
    n("Pappu", "पप्पू"),
    n("Guddu", "गुड्डू"),
    n("Bablu", "बबलू"),
    l("Chhotu"),
    l("Munna"),
    l("Raju"),
];

pub(crate) static HI_HANDLE_FEMALE: &[Name] =
    &[l("Aunty"), l("Madam"), n("Didi", "दीदी"), l("Mausi")];

pub(crate) static HI_HANDLE_MALE: &[Name] = &[
    n("Bhaiya", "भैया"),
    l("Seth"),
    l("Chacha"),
    l("Pappu Bhai"),
    l("Thekedar"),
];

// --- Marathi (Maharashtra) --------------------------------------------------

pub(crate) static MR_FEMALE: &[Name] = &[
    n("Pooja", "पूजा"),
    n("Sneha", "स्नेहा"),
    n("Ashwini", "अश्विनी"),
    n("Priyanka", "प्रियांका"),
    n("Manisha", "मनीषा"),
    n("Savita", "सविता"),
    n("Vaishali", "वैशाली"),
    n("Kajal", "काजल"),
    n("Rupali", "रुपाली"),
    n("Pallavi", "पल्लवी"),
    n("Jyoti", "ज्योती"),
    n("Sonali", "सोनाली"),
    n("Swati", "स्वाती"),
    n("Aarti", "आरती"),
    n("Shital", "शीतल"),
];

pub(crate) static MR_MALE: &[Name] = &[
    n("Ganesh", "गणेश"),
    n("Santosh", "संतोष"),
    n("Sachin", "सचिन"),
    n("Mahesh", "महेश"),
    n("Rahul", "राहुल"),
    n("Sandeep", "संदीप"),
    n("Vinod", "विनोद"),
    n("Prakash", "प्रकाश"),
    n("Nitin", "नितीन"),
    n("Sunil", "सुनील"),
    n("Amol", "अमोल"),
    n("Vishal", "विशाल"),
    n("Tukaram", "तुकाराम"),
];

pub(crate) static MR_FAMILY: &[Name] = &[
    n("Patil", "पाटील"),
    n("Jadhav", "जाधव"),
    n("Pawar", "पवार"),
    n("Shinde", "शिंदे"),
    n("More", "मोरे"),
    n("Kamble", "कांबळे"),
    n("Gaikwad", "गायकवाड"),
    n("Chavan", "चव्हाण"),
    n("Kale", "काळे"),
    n("Salunkhe", "साळुंखे"),
    n("Bhosale", "भोसले"),
    n("Waghmare", "वाघमारे"),
    n("Sonawane", "सोनवणे"),
    n("Mane", "माने"),
];

pub(crate) static MR_NICK_FEMALE: &[Name] = &[l("Chhakuli"), l("Pinky"), l("Sonu"), l("Bebi")];

pub(crate) static MR_NICK_MALE: &[Name] = &[l("Bandya"), l("Pintya"), l("Sonya"), l("Bablya")];

pub(crate) static MR_HANDLE_FEMALE: &[Name] = &[
    n("Akka", "अक्का"),
    n("Mavshi", "मावशी"),
    l("Tai"),
    l("Aunty"),
];

pub(crate) static MR_HANDLE_MALE: &[Name] =
    &[n("Bhau", "भाऊ"), n("Dada", "दादा"), l("Anna"), l("Seth")];

// --- Nepali ------------------------------------------------------------------

pub(crate) static NE_FEMALE: &[Name] = &[
    n("Sita", "सीता"),
    n("Gita", "गीता"),
    n("Sarita", "सरिता"),
    n("Kabita", "कबिता"),
    n("Sunita", "सुनिता"),
    n("Maya", "माया"),
    n("Laxmi", "लक्ष्मी"),
    n("Anita", "अनिता"),
    n("Pabitra", "पवित्रा"),
    n("Susmita", "सुस्मिता"),
    n("Bimala", "बिमला"),
    n("Sabina", "सबिना"),
    n("Samjhana", "सम्झना"),
    n("Menuka", "मेनुका"),
];

pub(crate) static NE_MALE: &[Name] = &[
    n("Ram", "राम"),
    n("Hari", "हरि"),
    n("Krishna", "कृष्ण"),
    n("Bikash", "विकास"),
    n("Suman", "सुमन"),
    n("Dipak", "दीपक"),
    n("Ramesh", "रमेश"),
    n("Santosh", "सन्तोष"),
    n("Bishnu", "विष्णु"),
    n("Prakash", "प्रकाश"),
    n("Pemba", "पेम्बा"),
    n("Binod", "विनोद"),
];

pub(crate) static NE_FAMILY: &[Name] = &[
    n("Tamang", "तामाङ"),
    n("Shrestha", "श्रेष्ठ"),
    n("Gurung", "गुरुङ"),
    n("Magar", "मगर"),
    n("Rai", "राई"),
    n("Lama", "लामा"),
    n("Thapa", "थापा"),
    n("Sherpa", "शेर्पा"),
    n("Karki", "कार्की"),
    n("Bhandari", "भण्डारी"),
    n("Pariyar", "परियार"),
    n("Bishwakarma", "विश्वकर्मा"),
    n("Sunuwar", "सुनुवार"),
    n("Ghising", "घिसिङ"),
];

pub(crate) static NE_NICK_FEMALE: &[Name] = &[l("Kanchhi"), l("Maili"), l("Saili"), l("Nani")];

pub(crate) static NE_NICK_MALE: &[Name] = &[l("Kanchha"), l("Maila"), l("Saila"), l("Babu")];

pub(crate) static NE_HANDLE_FEMALE: &[Name] = &[n("Didi", "दिदी"), l("Aunty"), l("Sahuni")];

pub(crate) static NE_HANDLE_MALE: &[Name] = &[n("Dai", "दाइ"), l("Sahuji"), l("Sir")];

// --- Filipino ----------------------------------------------------------------

pub(crate) static PH_FEMALE: &[Name] = &[
    l("Mary Joy"),
    l("Jenny"),
    l("Rowena"),
    l("Jessa"),
    l("Kristine"),
    l("Angelica"),
    l("Rhea"),
    l("Lovely"),
    l("Princess"),
    l("Jonalyn"),
    l("Analyn"),
    l("Rosalie"),
    l("Liezl"),
    l("Shiela Mae"),
    l("Cherry Mae"),
    l("April"),
    l("Janelle"),
    l("Nicole"),
    l("Daisy"),
    l("Aiza"),
    l("Maricel"),
];

pub(crate) static PH_MALE: &[Name] = &[
    l("Rodel"),
    l("Arnel"),
    l("Joel"),
    l("Ronaldo"),
    l("Mark"),
    l("John Paul"),
    l("Jerome"),
    l("Rogelio"),
    l("Dante"),
    l("Efren"),
    l("Romeo"),
    l("Jomar"),
    l("Ariel"),
    l("Noel"),
    l("Reynaldo"),
    l("Edwin"),
];

pub(crate) static PH_VISAYAS_FAMILY: &[Name] = &[
    l("Cabahug"),
    l("Abellana"),
    l("Ouano"),
    l("Cañete"),
    l("Alcoseba"),
    l("Lapitan"),
    l("Villarin"),
    l("Ybañez"),
    l("Pepito"),
    l("Bacalso"),
    l("Tumulak"),
    l("Bontuyan"),
    l("Escario"),
    l("Dumdum"),
    l("Gabiana"),
    l("Sanchez"),
    l("Dela Cruz"),
];

pub(crate) static PH_LUZON_FAMILY: &[Name] = &[
    l("Dela Cruz"),
    l("Santos"),
    l("Reyes"),
    l("Cruz"),
    l("Bautista"),
    l("Garcia"),
    l("Mendoza"),
    l("Ramos"),
    l("Aquino"),
    l("Villanueva"),
    l("Dizon"),
    l("Manalo"),
    l("Pangilinan"),
    l("Tolentino"),
    l("Soriano"),
    l("De Guzman"),
];

pub(crate) static PH_NICK_FEMALE: &[Name] = &[
    l("Tin"),
    l("Jen"),
    l("Bea"),
    l("Len"),
    l("Bing"),
    l("Weng"),
    l("Neneng"),
    l("Inday"),
];

pub(crate) static PH_NICK_MALE: &[Name] =
    &[l("Jun-Jun"), l("Bong"), l("Dodong"), l("Totoy"), l("Jojo")];

pub(crate) static PH_HANDLE_FEMALE: &[Name] = &[l("Mamasan"), l("Mommy"), l("Ate"), l("Madam")];

pub(crate) static PH_HANDLE_MALE: &[Name] =
    &[l("Boss"), l("Kuya"), l("Tisoy"), l("Pare"), l("Sir")];

// --- Thai --------------------------------------------------------------------

pub(crate) static TH_FEMALE: &[Name] = &[
    n("Siriporn", "ศิริพร"),
    n("Kanokwan", "กนกวรรณ"),
    n("Nattaya", "ณัฐยา"),
    n("Sukanya", "สุกัญญา"),
    n("Pornthip", "พรทิพย์"),
    n("Wilaiwan", "วิไลวรรณ"),
    n("Jintana", "จินตนา"),
    n("Ratchanee", "รัชนี"),
    n("Supaporn", "สุภาพร"),
    n("Araya", "อารยา"),
    n("Duangjai", "ดวงใจ"),
    n("Nongnuch", "นงนุช"),
    n("Pimchanok", "พิมพ์ชนก"),
    n("Wanpen", "วันเพ็ญ"),
    n("Thidarat", "ธิดารัตน์"),
    n("Sasithorn", "ศศิธร"),
    n("Chutima", "ชุติมา"),
];

pub(crate) static TH_MALE: &[Name] = &[
    n("Somchai", "สมชาย"),
    n("Somsak", "สมศักดิ์"),
    n("Prasert", "ประเสริฐ"),
    n("Surachai", "สุรชัย"),
    n("Anan", "อนันต์"),
    n("Wichai", "วิชัย"),
    n("Thanawat", "ธนวัฒน์"),
    n("Kittisak", "กิตติศักดิ์"),
    n("Sombat", "สมบัติ"),
    n("Chaiwat", "ชัยวัฒน์"),
    n("Narong", "ณรงค์"),
    n("Pichit", "พิชิต"),
    n("Sakda", "ศักดา"),
];

pub(crate) static TH_FAMILY: &[Name] = &[
    n("Srisuk", "ศรีสุข"),
    n("Wongsa", "วงศ์สา"),
    n("Boonma", "บุญมา"),
    n("Chaiyasit", "ชัยสิทธิ์"),
    n("Saetang", "แซ่ตั้ง"),
    n("Thongdee", "ทองดี"),
    n("Kaewmanee", "แก้วมณี"),
    n("Sukjai", "สุขใจ"),
    n("Phromma", "พรหมมา"),
    n("Rattanakul", "รัตนกุล"),
    n("Saengthong", "แสงทอง"),
    n("Panyadee", "ปัญญาดี"),
    n("Chanthara", "จันทรา"),
    n("Yodkaew", "ยอดแก้ว"),
    n("Meesuk", "มีสุข"),
];

/// Thai nicknames are what everyone uses day to day.
pub(crate) static TH_NICK_FEMALE: &[Name] = &[
    n("Nok", "นก"),
    n("Ploy", "พลอย"),
    n("Fon", "ฝน"),
    n("Noi", "น้อย"),
    n("Pim", "พิม"),
    n("Joy", "จอย"),
    n("Ning", "หนิง"),
    n("Nam", "น้ำ"),
    n("Aom", "ออม"),
    n("Pui", "ปุ้ย"),
];

pub(crate) static TH_NICK_MALE: &[Name] = &[
    n("Lek", "เล็ก"),
    n("Daeng", "แดง"),
    n("Ton", "ต้น"),
    n("Boy", "บอย"),
    n("Ek", "เอก"),
    n("Golf", "กอล์ฟ"),
];

pub(crate) static TH_HANDLE_FEMALE: &[Name] = &[n("Jae", "เจ๊"), n("Mae", "แม่"), l("Mamasan")];

pub(crate) static TH_HANDLE_MALE: &[Name] = &[n("Sia", "เสี่ย"), n("Hia", "เฮีย"), l("Boss")];

// --- Burmese (names have no family part) -------------------------------------

pub(crate) static MM_FEMALE: &[Name] = &[
    l("Aye Aye Mon"),
    l("Su Su Hlaing"),
    l("Khin Myo Thu"),
    l("Thandar Win"),
    l("May Thu Zar"),
    l("Hnin Wai"),
    l("Ei Mon Kyaw"),
    l("Nang Shwe Yi"),
    l("Phyu Phyu Aung"),
    l("Thin Thin Khaing"),
    l("Zin Mar Oo"),
    l("Moe Moe Aye"),
];

pub(crate) static MM_MALE: &[Name] = &[
    l("Aung Ko Ko"),
    l("Min Htet"),
    l("Zaw Zaw Oo"),
    l("Kyaw Soe"),
    l("Htet Aung"),
    l("Thant Zin"),
    l("Tun Tun"),
    l("Myo Min"),
    l("Sai Lwin"),
    l("Naing Win"),
    l("Hla Win"),
];

pub(crate) static MM_NICK_FEMALE: &[Name] = &[l("Ma Lay"), l("Ma Phyu"), l("Ma Su")];

pub(crate) static MM_NICK_MALE: &[Name] = &[l("Ko Lay"), l("Maung Phyu"), l("Ko Tun")];

pub(crate) static MM_HANDLE_FEMALE: &[Name] = &[l("Daw Daw"), l("Aunty"), l("Ma Gyi")];

pub(crate) static MM_HANDLE_MALE: &[Name] = &[l("Ko Gyi"), l("U Lay"), l("Boss")];

// --- Lao -----------------------------------------------------------------------

pub(crate) static LA_FEMALE: &[Name] = &[
    l("Khamla"),
    l("Phetsamone"),
    l("Vanhna"),
    l("Malaythong"),
    l("Bounmy"),
    l("Chanthaly"),
    l("Sengdao"),
    l("Latsamy"),
    l("Manivanh"),
    l("Noy"),
    l("Keo"),
];

pub(crate) static LA_MALE: &[Name] = &[
    l("Somphone"),
    l("Bounthanh"),
    l("Khamphet"),
    l("Sisavath"),
    l("Vilay"),
    l("Thongchanh"),
    l("Souliya"),
    l("Phoutthasone"),
];

pub(crate) static LA_FAMILY: &[Name] = &[
    l("Phommachanh"),
    l("Sayavong"),
    l("Keomany"),
    l("Vongsa"),
    l("Inthavong"),
    l("Phongsavath"),
    l("Sisouphanh"),
    l("Douangmany"),
    l("Chanthavong"),
    l("Xayavong"),
];

pub(crate) static LA_NICK_FEMALE: &[Name] = &[l("Nang Noy"), l("Ead"), l("Tik")];

pub(crate) static LA_NICK_MALE: &[Name] = &[l("Bee"), l("Toui"), l("Kham")];

pub(crate) static LA_HANDLE_FEMALE: &[Name] = &[l("Euay"), l("Mae Thao"), l("Aunty")];

pub(crate) static LA_HANDLE_MALE: &[Name] = &[l("Ai"), l("Thao"), l("Boss")];

// --- Mexican -------------------------------------------------------------------

pub(crate) static MX_FEMALE: &[Name] = &[
    l("María Guadalupe"),
    l("Ana Karen"),
    l("Juana"),
    l("Rosa María"),
    l("Fernanda"),
    l("Daniela"),
    l("Guadalupe"),
    l("Yesenia"),
    l("Araceli"),
    l("Mariana"),
    l("Itzel"),
    l("Lizbeth"),
    l("Brenda"),
    l("Karla"),
    l("Verónica"),
    l("Alejandra"),
    l("Xóchitl"),
    l("Citlali"),
    l("Dulce María"),
];

pub(crate) static MX_MALE: &[Name] = &[
    l("José Luis"),
    l("Juan Carlos"),
    l("Miguel Ángel"),
    l("Jesús"),
    l("Francisco"),
    l("Alejandro"),
    l("Eduardo"),
    l("Ricardo"),
    l("Fernando"),
    l("Héctor"),
    l("Jorge"),
    l("Arturo"),
    l("Raúl"),
    l("Omar"),
    l("Víctor Manuel"),
    l("Efraín"),
];

pub(crate) static MX_FAMILY: &[Name] = &[
    l("Hernández"),
    l("García"),
    l("Martínez"),
    l("López"),
    l("González"),
    l("Rodríguez"),
    l("Pérez"),
    l("Sánchez"),
    l("Ramírez"),
    l("Cruz"),
    l("Flores"),
    l("Gómez"),
    l("Morales"),
    l("Vázquez"),
    l("Reyes"),
    l("Jiménez"),
    l("Torres"),
    l("Juárez"),
    l("Cuautle"),
    l("Xochihua"),
];

pub(crate) static MX_NICK_FEMALE: &[Name] = &[
    l("Lupita"),
    l("Lupe"),
    l("Güera"),
    l("Flaca"),
    l("Chiquis"),
    l("Nena"),
];

pub(crate) static MX_NICK_MALE: &[Name] =
    &[l("Chuy"), l("Pancho"), l("Beto"), l("Lalo"), l("Paco")];

/// Recruiters in the Tlaxcala networks are "padrotes"; madams are often
/// just "la señora" or "la madrina".
pub(crate) static MX_HANDLE_FEMALE: &[Name] = &[
    l("La Madrina"),
    l("La Güera"),
    l("La Tía"),
    l("La Jefa"),
    l("La Señora"),
];

pub(crate) static MX_HANDLE_MALE: &[Name] = &[
    l("El Güero"),
    l("El Flaco"),
    l("El Chino"),
    l("El Padrote"),
    l("El Compa"),
    l("El Tigre"),
];

// --- Guatemalan --------------------------------------------------------------------

pub(crate) static GT_FEMALE: &[Name] = &[
    l("María"),
    l("Ana Lucía"),
    l("Rosa"),
    l("Juana"),
    l("Sandra"),
    l("Marta"),
    l("Lesly"),
    l("Heidy"),
    l("Yoselin"),
    l("Glendy"),
    l("Cindy"),
    l("Mayra"),
    l("Ingrid"),
    l("Dulce"),
    l("Blanca"),
    l("Sucely"),
];

pub(crate) static GT_MALE: &[Name] = &[
    l("Carlos"),
    l("José"),
    l("Juan"),
    l("Marvin"),
    l("Byron"),
    l("Edgar"),
    l("Otto"),
    l("Erick"),
    l("Selvin"),
    l("Wilmer"),
    l("Mynor"),
    l("Kevin"),
    l("Rony"),
];

/// Spanish and Maya (K'iche', Q'eqchi', Kaqchikel) surnames side by side.
pub(crate) static GT_FAMILY: &[Name] = &[
    l("Pérez"),
    l("López"),
    l("García"),
    l("Xoc"),
    l("Tzoc"),
    l("Coj"),
    l("Ajú"),
    l("Tum"),
    l("Chávez"),
    l("Morales"),
    l("Cux"),
    l("Ixcoy"),
    l("Caal"),
    l("Choc"),
    l("Pop"),
    l("Tzul"),
    l("Quiej"),
    l("Hernández"),
    l("Ramírez"),
    l("Orellana"),
];

pub(crate) static GT_NICK_FEMALE: &[Name] = &[l("Chiqui"), l("Nena"), l("Canchita"), l("Mari")];

pub(crate) static GT_NICK_MALE: &[Name] = &[l("Chepe"), l("Memo"), l("Canche"), l("Toño")];

pub(crate) static GT_HANDLE_FEMALE: &[Name] = &[l("La Seño"), l("La Tía"), l("Doña"), l("La Jefa")];

pub(crate) static GT_HANDLE_MALE: &[Name] =
    &[l("El Canche"), l("El Chino"), l("Don"), l("El Patrón")];

// --- Honduran and Salvadoran -------------------------------------------------------

pub(crate) static CA_FEMALE: &[Name] = &[
    l("Kenia"),
    l("Dania"),
    l("Nohemí"),
    l("Yolany"),
    l("Dilcia"),
    l("Karla"),
    l("Wendy"),
    l("Jennifer"),
    l("Marisol"),
    l("Sonia"),
    l("Reina"),
    l("Yesica"),
];

pub(crate) static CA_MALE: &[Name] = &[
    l("Wilmer"),
    l("Elvin"),
    l("Nelson"),
    l("Darwin"),
    l("Óscar"),
    l("Santos"),
    l("Mario"),
    l("Denis"),
    l("Josué"),
    l("Walter"),
];

pub(crate) static HN_FAMILY: &[Name] = &[
    l("Martínez"),
    l("Hernández"),
    l("López"),
    l("Rodríguez"),
    l("Mejía"),
    l("Cruz"),
    l("Flores"),
    l("Zelaya"),
    l("Maradiaga"),
    l("Banegas"),
    l("Aguilar"),
];

pub(crate) static SV_FAMILY: &[Name] = &[
    l("Hernández"),
    l("López"),
    l("Rivas"),
    l("Guardado"),
    l("Portillo"),
    l("Alvarado"),
    l("Menjívar"),
    l("Ayala"),
    l("Argueta"),
    l("Chicas"),
];

pub(crate) static CA_NICK_FEMALE: &[Name] = &[l("Negra"), l("Chiqui"), l("Cipota"), l("Yoli")];

pub(crate) static CA_NICK_MALE: &[Name] = &[l("Chele"), l("Cipote"), l("Chepe"), l("Moncho")];

// --- Pseudonym words -----------------------------------------------------------------
//
// Caseworkers refer to survivors by a non-identifying handle. Each office
// draws from its own list (flowers, birds, stars in the local language and
// often the local script); no word appears in two lists, so a handle plus its
// running number is unique across the whole data set.

pub(crate) static PSEUDONYMS_KOL: &[&str] = &[
    "শিউলি",
    "টগর",
    "জবা",
    "বকুল",
    "দোয়েল",
    "ময়না",
    "শালিক",
    "টিয়া",
    "শুকতারা",
    "পলাশ",
    "কদম",
    "চাঁপা",
    "রজনীগন্ধা",
    "কোকিল",
    "জোনাকি",
    "প্রজাপতি",
    "Shiuli",
    "Doel",
    "Bokul",
    "Jonaki",
    "Shapla",
    "Kokil",
];

pub(crate) static PSEUDONYMS_MUM: &[&str] = &[
    "सायली",
    "जाई",
    "जुई",
    "चाफा",
    "बकुळ",
    "पारिजातक",
    "कोकिळा",
    "साळुंकी",
    "चिमणी",
    "फुलपाखरू",
    "चांदणी",
    "शुक्रतारा",
    "Sayali",
    "Jui",
    "Chafa",
    "Chimani",
    "Chandani",
    "Kamini",
];

pub(crate) static PSEUDONYMS_DEL: &[&str] = &[
    "गुलाब",
    "चमेली",
    "मोगरा",
    "तितली",
    "मैना",
    "कोयल",
    "बुलबुल",
    "सितारा",
    "जुगनू",
    "गेंदा",
    "चकोर",
    "नीलकमल",
    "Titli",
    "Koyal",
    "Sitara",
    "Jugnu",
    "Gulmohar",
    "Chandni",
];

pub(crate) static PSEUDONYMS_CEB: &[&str] = &[
    "Bulak",
    "Bitoon",
    "Langgam",
    "Alibangbang",
    "Kalachuchi",
    "Adlaw",
    "Bulan",
    "Balud",
    "Sampaguita",
    "Santan",
    "Banog",
    "Salampati",
    "Aninipot",
    "Kabulakan",
    "Dagat",
    "Hangin",
];

pub(crate) static PSEUDONYMS_MNL: &[&str] = &[
    "Tala",
    "Bituin",
    "Sinag",
    "Liwayway",
    "Alitaptap",
    "Paruparo",
    "Kalapati",
    "Maya",
    "Ilang-Ilang",
    "Gumamela",
    "Camia",
    "Rosal",
    "Waling-Waling",
    "Amihan",
    "Bahaghari",
    "Hiraya",
];

pub(crate) static PSEUDONYMS_BKK: &[&str] = &[
    "ดอกบัว",
    "มะลิ",
    "กุหลาบ",
    "ดาวเรือง",
    "นกเอี้ยง",
    "นกกระจิบ",
    "ผีเสื้อ",
    "หิ่งห้อย",
    "ราตรี",
    "ลีลาวดี",
    "ทานตะวัน",
    "พิกุล",
    "ชบา",
    "นกแก้ว",
    "Mali",
    "Dao",
    "Fah",
    "Pikul",
];

pub(crate) static PSEUDONYMS_CDMX: &[&str] = &[
    "Colibrí",
    "Girasol",
    "Azucena",
    "Golondrina",
    "Lucero",
    "Estrella",
    "Violeta",
    "Gardenia",
    "Alondra",
    "Paloma",
    "Aurora",
    "Dalia",
    "Cempasúchil",
    "Mariposa",
    "Jacaranda",
    "Luna",
];

pub(crate) static PSEUDONYMS_GUA: &[&str] = &[
    "Monja Blanca",
    "Quetzal",
    "Guacamaya",
    "Tucán",
    "Ceiba",
    "Buganvilia",
    "Lirio",
    "Azahar",
    "Cenzontle",
    "Orquídea",
    "Clavel",
    "Gaviota",
    "Lucerito",
    "Brisa",
    "Magnolia",
    "Torogoz",
];
