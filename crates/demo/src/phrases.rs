//! The words of a case timeline: event titles and notes in the team's
//! language, and the procedural steps of each legal system.
//!
//! Notes never carry identifying details; they read like the short lines a
//! caseworker types after a visit or a hearing.

use chrono::NaiveDate;
use lantern_domain::vocab::IntakeSource;

use crate::offices::{Jurisdiction, Lang};

/// Titles and notes that do not depend on the legal system.
pub(crate) struct Common {
    pub intake: [&'static str; 8],
    pub screening: &'static [&'static str],
    pub service: &'static [&'static str],
    /// Services only a child receives.
    pub service_child: &'static [&'static str],
    pub note: &'static [&'static str],
    pub to_follow_up: &'static str,
    pub closed: &'static str,
    pub closed_referred: &'static str,
    pub repatriation: &'static str,
    pub notes_intake: &'static [&'static str],
    pub notes_screening: &'static [&'static str],
    pub notes_rescue: &'static [&'static str],
    pub notes_complaint: &'static [&'static str],
    pub notes_court: &'static [&'static str],
    pub notes_service: &'static [&'static str],
    pub notes_referral: &'static [&'static str],
    pub notes_note: &'static [&'static str],
    pub notes_status: &'static [&'static str],
}

impl Common {
    pub fn of(lang: Lang) -> &'static Self {
        match lang {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }

    /// The title of the intake event, which says how the case arrived.
    pub fn intake_title(&self, legal: &Legal, source: IntakeSource, minor: bool) -> &'static str {
        let i = match source {
            IntakeSource::GovernmentReferral if minor => return legal.government_referral[1],
            IntakeSource::GovernmentReferral => return legal.government_referral[0],
            IntakeSource::Hotline => 0,
            IntakeSource::PoliceReferral => 1,
            IntakeSource::NgoReferral => 2,
            IntakeSource::Outreach => 3,
            IntakeSource::CommunityTip => 4,
            IntakeSource::OnlineTip => 5,
            IntakeSource::SelfReferral => 6,
            IntakeSource::FamilyReport => 7,
        };
        self.intake.get(i).copied().unwrap_or_default()
    }
}

static EN: Common = Common {
    intake: [
        "Intake: call to the helpline",
        "Intake: referral from police",
        "Intake: referral from a partner NGO",
        "Intake: identified during outreach",
        "Intake: tip from a community member",
        "Intake: online tip",
        "Intake: survivor came to the office",
        "Intake: family reported a missing relative",
    ],
    screening: &[
        "Screening interview (ILO indicators)",
        "Trafficking screening completed",
        "Initial needs and risk assessment",
    ],
    service: &[
        "Admitted to shelter home",
        "Medical check-up",
        "Counselling session",
        "Trauma-focused therapy started",
        "Enrolled in vocational training",
        "Livelihood support: small business grant",
        "Family assessment home visit",
        "Care plan reviewed",
        "Survivor outcome assessment (ASO)",
    ],
    service_child: &[
        "School re-enrolment",
        "Child protection case conference",
        "Bridge-school classes started",
    ],
    note: &[
        "Case conference",
        "Phone follow-up",
        "Home visit",
        "Risk assessment updated",
        "Safety plan reviewed",
    ],
    to_follow_up: "Case moved to follow-up",
    closed: "Case closed",
    closed_referred: "Case closed and referred",
    repatriation: "Repatriation process initiated",
    notes_intake: &[
        "Initial details recorded; survivor consented to services.",
        "Interpreter arranged for the first interview.",
        "Immediate needs met: food, clothing and medical care.",
    ],
    notes_screening: &[
        "Several strong indicators of trafficking present.",
        "Indicators of deceptive recruitment and debt bondage.",
        "Indicators of coercion at destination; further interview planned.",
    ],
    notes_rescue: &[
        "Rescued together with other victims; all taken to a place of safety.",
        "Medical examination arranged after the rescue.",
        "Case worker present during the operation.",
    ],
    notes_complaint: &[
        "Copy of the complaint obtained for the file.",
        "Police asked for the survivor's statement next week.",
        "Sections added after the lawyer's review.",
    ],
    notes_court: &[
        "Survivor attended with the case worker; next date fixed by the court.",
        "Hearing adjourned; accused not produced.",
        "Defence sought an adjournment; granted.",
        "Survivor testified from behind a screen.",
    ],
    notes_service: &[
        "Survivor engaged well; next session scheduled.",
        "Follow-up appointment booked.",
        "Progress noted against the care plan.",
    ],
    notes_referral: &[
        "Referral letter sent; acknowledgement received.",
        "Hand-over meeting held with the receiving team.",
    ],
    notes_note: &[
        "Survivor reports feeling safe at home.",
        "Family supportive; no threats reported.",
        "Threats reported from a suspect's associate; safety plan updated.",
        "Survivor asked about compensation; lawyer to follow up.",
    ],
    notes_status: &[
        "Care-plan goals reviewed before the change.",
        "Decision agreed at the case conference.",
    ],
};

static ES: Common = Common {
    intake: [
        "Ingreso: llamada a la línea de ayuda",
        "Ingreso: referencia de la policía",
        "Ingreso: referencia de una organización aliada",
        "Ingreso: identificación en trabajo de calle",
        "Ingreso: aviso de una persona de la comunidad",
        "Ingreso: denuncia en línea",
        "Ingreso: la persona sobreviviente acudió a la oficina",
        "Ingreso: la familia reportó una desaparición",
    ],
    screening: &[
        "Entrevista de identificación (indicadores OIT)",
        "Evaluación de indicadores de trata completada",
        "Evaluación inicial de necesidades y riesgos",
    ],
    service: &[
        "Ingreso a albergue",
        "Revisión médica",
        "Sesión de atención psicológica",
        "Inicio de terapia enfocada en trauma",
        "Inscripción en capacitación laboral",
        "Apoyo para proyecto productivo",
        "Visita domiciliaria de evaluación familiar",
        "Revisión del plan de atención",
        "Evaluación de resultados de la persona sobreviviente (ASO)",
    ],
    service_child: &[
        "Reinscripción escolar",
        "Valoración por la autoridad de protección de la niñez",
        "Inicio de clases de nivelación",
    ],
    note: &[
        "Reunión de caso",
        "Seguimiento telefónico",
        "Visita domiciliaria",
        "Actualización de la evaluación de riesgo",
        "Revisión del plan de seguridad",
    ],
    to_follow_up: "Caso pasa a seguimiento",
    closed: "Caso cerrado",
    closed_referred: "Caso cerrado y referido",
    repatriation: "Inicio del proceso de repatriación",
    notes_intake: &[
        "Datos iniciales registrados; la persona sobreviviente aceptó los servicios.",
        "Se coordinó intérprete para la primera entrevista.",
        "Necesidades inmediatas cubiertas: alimentación, ropa y atención médica.",
    ],
    notes_screening: &[
        "Se identifican varios indicadores fuertes de trata.",
        "Indicadores de captación engañosa y servidumbre por deudas.",
        "Indicadores de coacción en el destino; se programa otra entrevista.",
    ],
    notes_rescue: &[
        "Rescate junto con otras víctimas; todas trasladadas a un lugar seguro.",
        "Se gestionó revisión médica después del rescate.",
        "La trabajadora social estuvo presente en el operativo.",
    ],
    notes_complaint: &[
        "Se obtuvo copia de la denuncia para el expediente.",
        "La Fiscalía citó a la persona sobreviviente para ampliar su declaración.",
        "Se agregaron delitos tras la revisión de la abogada.",
    ],
    notes_court: &[
        "La persona sobreviviente asistió acompañada; el juzgado fijó nueva fecha.",
        "Audiencia suspendida; no se presentó al imputado.",
        "La defensa pidió diferimiento; fue concedido.",
        "Declaración en cámara Gesell.",
    ],
    notes_service: &[
        "Buena participación; se programó la siguiente sesión.",
        "Se agendó cita de seguimiento.",
        "Avances registrados en el plan de atención.",
    ],
    notes_referral: &[
        "Oficio de referencia enviado; se recibió acuse.",
        "Reunión de entrega con el equipo receptor.",
    ],
    notes_note: &[
        "Refiere sentirse segura en casa.",
        "Familia de apoyo; no se reportan amenazas.",
        "Reporta amenazas de un allegado del imputado; se actualizó el plan de seguridad.",
        "Pregunta por la reparación del daño; la abogada dará seguimiento.",
    ],
    notes_status: &[
        "Metas del plan de atención revisadas antes del cambio.",
        "Decisión acordada en la reunión de caso.",
    ],
};

/// The procedure of one legal system. Where a reform changed the statute
/// (India's new criminal codes from 1 July 2024), titles come in two
/// versions and the date of the complaint decides which applies: cases
/// registered before it continue under the old codes.
pub(crate) struct Legal {
    /// For an adult, for a child: child protection is a separate authority.
    pub government_referral: [&'static str; 2],
    pub rescue: &'static [&'static str],
    pub reform: Option<(i32, u32, u32)>,
    /// Before and after the reform.
    pub complaint: [&'static [&'static str]; 2],
    /// Ordered stages of a prosecution, before and after the reform.
    pub court: [&'static [&'static str]; 2],
    pub verdicts: &'static [&'static str],
    pub referral: &'static [&'static str],
    /// Where children are referred.
    pub referral_child: &'static str,
    pub compensation: [&'static str; 2],
}

impl Legal {
    pub fn of(jurisdiction: Jurisdiction) -> &'static Self {
        match jurisdiction {
            Jurisdiction::India => &INDIA,
            Jurisdiction::Philippines => &PHILIPPINES,
            Jurisdiction::Thailand => &THAILAND,
            Jurisdiction::Mexico => &MEXICO,
            Jurisdiction::Guatemala => &GUATEMALA,
        }
    }

    /// 0 before the reform, 1 from it on (or when there was none).
    pub fn era(&self, on: NaiveDate) -> usize {
        match self
            .reform
            .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
        {
            Some(reform) if on < reform => 0,
            _ => 1,
        }
    }
}

static INDIA: Legal = Legal {
    government_referral: [
        "Intake: referral from the Women and Child Development Department",
        "Intake: referral from the Child Welfare Committee",
    ],
    rescue: &[
        "Rescue operation with AHTU and local police",
        "Rescue with police; survivor taken to a place of safety",
        "Interception at railway station with RPF",
        "Interception at the border with SSB",
    ],
    reform: Some((2024, 7, 1)),
    complaint: [
        &[
            "FIR registered under IPC s.370 and ITPA",
            "FIR registered under IPC s.370A, s.372 and ITPA",
            "Complaint lodged at the local police station",
        ],
        &[
            "FIR registered under BNS s.143 and ITPA",
            "FIR registered under BNS s.143, s.144 and ITPA",
            "Complaint lodged at the local police station",
        ],
    ],
    court: [
        &[
            "Survivor's statement before magistrate (s.164 CrPC)",
            "Chargesheet filed",
            "Bail application of accused opposed",
            "Charges framed",
            "Trial: examination-in-chief of survivor",
            "Trial: cross-examination of survivor",
            "Trial: prosecution witnesses examined",
            "Final arguments",
        ],
        &[
            "Survivor's statement before magistrate (s.183 BNSS)",
            "Chargesheet filed",
            "Bail application of accused opposed",
            "Charges framed",
            "Trial: examination-in-chief of survivor",
            "Trial: cross-examination of survivor",
            "Trial: prosecution witnesses examined",
            "Final arguments",
        ],
    ],
    verdicts: &[
        "Judgment: accused convicted",
        "Judgment: accused convicted; victim compensation recommended",
        "Judgment: accused acquitted",
    ],
    referral: &[
        "Referred to partner NGO near home district for aftercare",
        "Referred to District Legal Services Authority for compensation",
        "Referred to One Stop Centre",
    ],
    referral_child: "Referred to Child Welfare Committee",
    compensation: [
        "Victim compensation application filed (s.357A CrPC)",
        "Victim compensation application filed (s.396 BNSS)",
    ],
};

static PHILIPPINES: Legal = Legal {
    government_referral: ["Intake: referral from DSWD", "Intake: referral from DSWD"],
    rescue: &[
        "Rescue operation with PNP-WCPC",
        "Rescue operation with NBI-AHTRAD",
        "Interception at the port with PCG and IACAT",
        "Entrapment and rescue operation with PNP",
    ],
    reform: None,
    complaint: [
        &[
            "Complaint filed for violation of RA 9208 as amended",
            "Inquest proceedings at the prosecutor's office",
        ],
        &[
            "Complaint filed for violation of RA 9208 as amended",
            "Inquest proceedings at the prosecutor's office",
        ],
    ],
    court: [
        &[
            "Preliminary investigation",
            "Information filed in court",
            "Arraignment",
            "Pre-trial conference",
            "Trial: direct examination of survivor",
            "Trial: cross-examination of survivor",
            "Trial: defence evidence",
        ],
        &[
            "Preliminary investigation",
            "Information filed in court",
            "Arraignment",
            "Pre-trial conference",
            "Trial: direct examination of survivor",
            "Trial: cross-examination of survivor",
            "Trial: defence evidence",
        ],
    ],
    verdicts: &[
        "Decision: conviction for qualified trafficking",
        "Decision: conviction for trafficking in persons",
        "Decision: accused acquitted",
    ],
    referral: &[
        "Referred to DSWD for aftercare",
        "Referred to a partner shelter",
        "Referred to the Public Attorney's Office",
    ],
    referral_child: "Referred to DSWD for child protection",
    compensation: [
        "Claim filed with the DOJ Board of Claims",
        "Claim filed with the DOJ Board of Claims",
    ],
};

static THAILAND: Legal = Legal {
    government_referral: ["Intake: referral from MSDHS", "Intake: referral from MSDHS"],
    rescue: &[
        "Raid with ATPD and provincial police",
        "Rescue with DSI",
        "Interception at the border checkpoint",
        "Rescue with the TICAC task force",
    ],
    reform: None,
    complaint: [
        &[
            "Complaint filed under the Anti-Trafficking in Persons Act B.E. 2551",
            "Statement given to ATPD investigators",
        ],
        &[
            "Complaint filed under the Anti-Trafficking in Persons Act B.E. 2551",
            "Statement given to ATPD investigators",
        ],
    ],
    court: [
        &[
            "Public prosecutor accepts the case file",
            "Pre-trial deposition of survivor",
            "Court hearing: prosecution witnesses",
            "Court hearing: defence witnesses",
        ],
        &[
            "Public prosecutor accepts the case file",
            "Pre-trial deposition of survivor",
            "Court hearing: prosecution witnesses",
            "Court hearing: defence witnesses",
        ],
    ],
    verdicts: &[
        "Judgment: conviction under the Anti-Trafficking in Persons Act",
        "Judgment: conviction; compensation ordered",
        "Judgment: acquittal",
    ],
    referral: &[
        "Referred to MSDHS protection shelter",
        "Referred to a partner NGO for aftercare",
    ],
    referral_child: "Referred to the Children and Youth Protection Office",
    compensation: [
        "Compensation claim filed with the Rights and Liberties Protection Department",
        "Compensation claim filed with the Rights and Liberties Protection Department",
    ],
};

static MEXICO: Legal = Legal {
    government_referral: [
        "Ingreso: referencia de la CEAV",
        "Ingreso: referencia del DIF",
    ],
    rescue: &[
        "Operativo de rescate con la Fiscalía",
        "Rescate con la policía de investigación",
        "Operativo interinstitucional en bares",
        "Localización tras Alerta Amber",
    ],
    reform: None,
    complaint: [
        &[
            "Denuncia ante la Fiscalía Especializada en Trata de Personas",
            "Denuncia presentada ante el Ministerio Público",
        ],
        &[
            "Denuncia ante la Fiscalía Especializada en Trata de Personas",
            "Denuncia presentada ante el Ministerio Público",
        ],
    ],
    court: [
        &[
            "Audiencia inicial: formulación de imputación",
            "Vinculación a proceso",
            "Audiencia intermedia",
            "Juicio oral: declaración de la víctima",
            "Juicio oral: alegatos de clausura",
        ],
        &[
            "Audiencia inicial: formulación de imputación",
            "Vinculación a proceso",
            "Audiencia intermedia",
            "Juicio oral: declaración de la víctima",
            "Juicio oral: alegatos de clausura",
        ],
    ],
    verdicts: &[
        "Sentencia condenatoria",
        "Sentencia condenatoria con reparación del daño",
        "Sentencia absolutoria",
    ],
    referral: &[
        "Canalización al DIF",
        "Canalización a la CEAV",
        "Canalización a un refugio especializado",
    ],
    referral_child: "Canalización a la Procuraduría de Protección de Niñas, Niños y Adolescentes",
    compensation: [
        "Solicitud de reparación del daño ante la CEAV",
        "Solicitud de reparación del daño ante la CEAV",
    ],
};

static GUATEMALA: Legal = Legal {
    government_referral: [
        "Ingreso: referencia de la SVET",
        "Ingreso: referencia de la PGN",
    ],
    rescue: &[
        "Allanamiento y rescate con el Ministerio Público y la PNC",
        "Rescate con la PGN",
        "Operativo en frontera con la PNC",
        "Localización tras Alerta Alba-Keneth",
    ],
    reform: None,
    complaint: [
        &[
            "Denuncia ante la Fiscalía contra la Trata de Personas",
            "Denuncia presentada ante el Ministerio Público",
        ],
        &[
            "Denuncia ante la Fiscalía contra la Trata de Personas",
            "Denuncia presentada ante el Ministerio Público",
        ],
    ],
    court: [
        &[
            "Audiencia de primera declaración",
            "Auto de procesamiento",
            "Anticipo de prueba en cámara Gesell",
            "Audiencia de etapa intermedia",
            "Debate oral y público",
        ],
        &[
            "Audiencia de primera declaración",
            "Auto de procesamiento",
            "Anticipo de prueba en cámara Gesell",
            "Audiencia de etapa intermedia",
            "Debate oral y público",
        ],
    ],
    verdicts: &[
        "Sentencia condenatoria",
        "Sentencia condenatoria con reparación digna",
        "Sentencia absolutoria",
    ],
    referral: &["Remisión a un albergue especializado", "Remisión a la SVET"],
    referral_child: "Remisión a la PGN para medidas de protección",
    compensation: [
        "Solicitud de reparación digna",
        "Solicitud de reparación digna",
    ],
};
