# Lantern — español

## Navegación
nav-label = Principal
nav-cases = Casos
nav-new-case = Nuevo caso
footer-note = Lantern guarda registros de personas que pueden estar en peligro. No comparta nada de estas páginas fuera de su equipo.
language-en = English
language-es = Español
pagination-label = Páginas
page-of = Página { $page } de { $pages }

## Acciones
action-sign-in = Iniciar sesión
action-sign-out = Cerrar sesión
action-switch-language = Cambiar idioma
action-search = Buscar
action-clear = Limpiar
action-save = Guardar
action-cancel = Cancelar
action-next = Siguiente
action-previous = Anterior
action-edit-case = Editar caso
action-add-person = Añadir persona
action-add-event = Añadir entrada a la cronología
action-edit-person = Editar persona
action-upload = Subir
action-back-to-cases = Volver a los casos

## Inicio de sesión
login-title = Iniciar sesión en Lantern
login-intro = Expedientes de sobrevivientes de trata. Use la cuenta que le dio su organización.
login-failed = El usuario o la contraseña no son correctos.

## Casos
cases-title = Casos
cases-count = { $count ->
    [one] Un caso
   *[other] { $count } casos
}
cases-count-more = Más de { $count } casos
cases-none = Ningún caso coincide.
search-hint = Referencia del caso o seudónimo
filter-any = Cualquiera
case-heading = Caso
case-new-title = Nuevo caso
case-edit-title = Editar caso
case-people = Personas
case-no-people = Todavía no hay personas registradas en este caso.
case-timeline = Cronología
case-no-events = La cronología está vacía.
case-attachments = Archivos adjuntos
case-no-attachments = No hay archivos adjuntos.
upload-hint = PDF, PNG, JPEG o texto plano, de 10 MiB como máximo.
event-new-title = Nueva entrada de la cronología
form-has-errors = Algunos campos necesitan atención; vea los mensajes debajo de ellos.

## Personas
person-new-title = Añadir una persona al caso
person-edit-title = Editar persona
person-profile = Visible para todo el equipo del caso
person-identity = Datos identificativos
person-identity-hint = Solo el equipo del caso puede ver estos datos.
person-identity-withheld = Los datos identificativos no están disponibles para su función.
person-cases = Casos

## Campos
field-search = Buscar
field-q = Buscar
field-reference = Referencia
field-intake-date = Fecha de ingreso
field-intake-source = Origen
field-status = Estado
field-exploitation-type = Tipo de explotación
field-exploitation-types = Tipos de explotación
field-place-of-recruitment = Lugar de captación
field-place-of-exploitation = Lugar de explotación
field-summary = Resumen
field-office = Oficina
field-owning-office = Oficina
field-team = Equipo del caso
field-people = Personas
field-from = Ingreso desde
field-to = Ingreso hasta
field-role = Papel en el caso
field-pseudonym = Seudónimo
field-gender = Género
field-age-band = Franja de edad
field-legal-name = Nombre legal
field-aliases = Alias y apodos (uno por línea)
field-date-of-birth = Fecha de nacimiento
field-estimated-age = Edad estimada
field-citizenships = Nacionalidades (códigos ISO de país)
field-languages = Idiomas (códigos ISO)
field-phones = Teléfonos (uno por línea)
field-addresses = Direcciones (una por línea)
field-identifying-marks = Señas particulares
field-occurred-on = Fecha
field-event-kind = Tipo de entrada
field-kind = Tipo de entrada
field-title = Título
field-note = Nota
field-file = Archivo
field-username = Usuario
field-password = Contraseña
field-display-name = Nombre visible
field-language = Idioma
field-name = Nombre

## Problemas de validación
problem-required = Este campo es obligatorio.
problem-too-long = Use como máximo { $max } caracteres.
problem-too-short = Use al menos { $min } caracteres.
problem-too-many = Indique como máximo { $max } valores.
problem-invalid-date = Escriba la fecha como AAAA-MM-DD.
problem-date-in-future = La fecha no puede estar en el futuro.
problem-date-too-early = La fecha no puede ser anterior a { $earliest }.
problem-date-range-reversed = La fecha final es anterior a la inicial.
problem-unknown-value = Elija uno de los valores ofrecidos.
problem-invalid-format = Este valor no tiene el formato esperado.
problem-control-characters = Quite los caracteres de control invisibles.
problem-out-of-range = Indique un valor entre { $min } y { $max }.

## Acceso de emergencia
action-break-glass = Abrir completo (acceso de emergencia)
break-glass-title = Acceso de emergencia a un caso
break-glass-intro = Este caso no es de su equipo. Puede abrirlo completo durante una hora si explica por qué. Su motivo y este acceso quedan registrados y los ve la administración.
break-glass-log-title = Accesos de emergencia
break-glass-log-empty = Nadie ha usado el acceso de emergencia.
field-reason = Motivo (al menos 20 caracteres)
field-granted-at = Concedido
field-expires-at = Vence

## Errores
error-title = Algo salió mal
error-not-found = Esa página o ese registro no existe, o usted no puede verlo.
error-invalid = La solicitud no es válida.
error-forbidden = Su función no permite hacer esto.
error-unauthenticated = Inicie sesión, por favor.
error-conflict = Ese registro ya existe.
error-internal = El servidor no pudo terminar la solicitud. No se cambió nada.
error-bad-request = No se pudo leer la solicitud.
error-unsupported-media-type = No se acepta este tipo de contenido.
error-payload-too-large = Lo que envió es demasiado grande.
error-csrf = Este formulario caducó. Vuelva atrás, recargue la página e inténtelo de nuevo.
error-too-many-requests = Demasiados intentos. Espere un minuto e inténtelo de nuevo.

## Estado del caso (HTCDS cas_Status)
case-status-Active = Activo
case-status-FollowUp = Seguimiento
case-status-Closed = Cerrado
case-status-ClosedReferred = Cerrado, derivado

## Tipos de explotación (HTCDS vic_TypeOfExploitation)
exploitation-ForcedLabour = Trabajo forzoso
exploitation-SexualExploitation = Explotación sexual
exploitation-ChildLabour = Trabajo infantil
exploitation-ForcedMarriage = Matrimonio forzado
exploitation-Servitude = Servidumbre
exploitation-ForcedMilitaryByNonStateActors = Servicio militar forzado (actores no estatales)
exploitation-OrganRemoval = Extracción de órganos
exploitation-ForcedBegging = Mendicidad forzada
exploitation-ForcedAdoption = Adopción forzada
exploitation-Surrogacy = Gestación subrogada
exploitation-Other = Otro

## Género (HTCDS prs_Gender)
gender-Feminine = Femenino
gender-Masculine = Masculino
gender-TransgenderFeminine = Transgénero femenino
gender-TransgenderMasculine = Transgénero masculino
gender-NonConforming = No conforme
gender-NonSpecifiedUnknown = No especificado / desconocido

## Origen del ingreso
intake-source-Hotline = Línea de ayuda
intake-source-PoliceReferral = Derivación policial
intake-source-NgoReferral = Derivación de una ONG
intake-source-GovernmentReferral = Derivación gubernamental
intake-source-Outreach = Trabajo de calle
intake-source-CommunityTip = Aviso de la comunidad
intake-source-OnlineTip = Aviso en línea
intake-source-SelfReferral = Acudió por sí misma/o
intake-source-FamilyReport = Denuncia de la familia

## Papel en un caso
case-role-Victim = Víctima / sobreviviente
case-role-Suspect = Sospechoso / acusado
case-role-Witness = Testigo
case-role-Guardian = Tutor / familia
case-role-Official = Funcionario

## Franjas de edad
age-band-0-8 = 0–8
age-band-9-17 = 9–17
age-band-18-20 = 18–20
age-band-21-23 = 21–23
age-band-24-26 = 24–26
age-band-27-29 = 27–29
age-band-30-38 = 30–38
age-band-39-47 = 39–47
age-band-48plus = 48 o más
age-band-unknown = Desconocida

## Entradas de la cronología
event-kind-Note = Nota
event-kind-Intake = Ingreso
event-kind-Screening = Evaluación
event-kind-Rescue = Rescate
event-kind-Recruitment = Captación
event-kind-Transit = Traslado
event-kind-Exploitation = Explotación
event-kind-PoliceComplaint = Denuncia policial
event-kind-CourtHearing = Audiencia judicial
event-kind-Service = Servicio
event-kind-Referral = Derivación
event-kind-StatusChange = Cambio de estado

## Funciones de usuario
user-role-admin = Administración
user-role-case_worker = Trabajo social de casos
user-role-investigator = Investigación
user-role-lawyer = Abogacía
user-role-me_analyst = Análisis de M&E
user-role-partner_viewer = Socio (solo lectura)

## Accounts: second factor, password, re-authentication, API tokens
nav-account = Cuenta
nav-users = Usuarios
code-title = Introduzca su código
code-intro = Abra su aplicación de autenticación e introduzca el código de seis dígitos que muestra para Lantern.
code-recovery-hint = ¿Sin teléfono? Introduzca uno de sus códigos de recuperación; cada uno sirve una sola vez.
field-code = Código
action-verify = Continuar
enrol-title = Configurar el inicio de sesión en dos pasos
enrol-required = Su rol puede ver quiénes son las personas sobrevivientes, así que su cuenta necesita un segundo paso al iniciar sesión antes de continuar.
enrol-intro = Añada esta clave a una aplicación de autenticación en su teléfono (escríbala o pegue el enlace) e introduzca el código que muestra la aplicación.
enrol-secret = Clave para su aplicación de autenticación
enrol-uri = O añada la cuenta con este enlace:
enrol-recovery = Códigos de recuperación
enrol-recovery-hint = Anótelos y guárdelos en un lugar seguro, lejos de su teléfono. Cada uno sirve una vez en lugar de un código. Solo se muestran ahora.
action-confirm = Confirmar
account-title = Su cuenta
account-two-factor = Inicio de sesión en dos pasos
account-two-factor-on = Activado
account-two-factor-off = Sin configurar: configúrelo ahora
account-recovery-left = { $count ->
    [one] queda un código de recuperación
   *[other] quedan { $count } códigos de recuperación
}
password-title = Cambiar la contraseña
password-intro = Tras el cambio, se cierran todas las demás sesiones de su cuenta.
field-current-password = Contraseña actual
field-new-password = Contraseña nueva
reauth-title = Confirme su contraseña
reauth-intro = Esta acción requiere de nuevo su contraseña.
reauth-needed-hint = Se le pedirá la contraseña si no la ha introducido en los últimos cinco minutos.
tokens-title = Tokens de API
tokens-shown-once = Copie este token ahora: solo se muestra una vez.
tokens-none = No tiene tokens de API.
tokens-created = Creado
tokens-revoked = Revocado
tokens-new = Token nuevo
field-scope = Acceso
scope-read = Solo lectura
scope-read_write = Lectura y escritura
action-create-token = Crear token
action-revoke = Revocar
users-title = Usuarios
field-user-role = Rol
field-state = Estado
user-state-active = Activa
user-state-disabled = Desactivada
action-change-role = Cambiar rol
sessions-title = Sesiones
sessions-none = No hay sesiones abiertas.
sessions-created = Inicio de sesión
sessions-last-seen = Última actividad
action-end-session = Cerrar
action-end-all-sessions = Cerrar todas las sesiones
problem-common-password = Esta contraseña es demasiado común. Elija una frase más larga que otros no adivinarían.
problem-wrong-code = Ese código no es correcto, ha caducado o ya se usó.
problem-wrong-password = Esa no es su contraseña actual.
error-second-factor-required = Introduzca el código de su aplicación de autenticación.
error-enrolment-required = Configure primero el inicio de sesión en dos pasos.
error-reauthentication-required = Introduzca primero su contraseña de nuevo.
error-too-many-attempts = Demasiados intentos fallidos para esta cuenta. Espere { $seconds } segundos y vuelva a intentarlo.

## Registro de auditoría
audit-title = Registro de auditoría
audit-empty = Ninguna entrada coincide.
field-record = Id del registro
field-action = Acción
field-from-date = Desde
field-to-date = Hasta
field-when = Cuándo
field-fields = Campos
field-client = Dirección del cliente

## Borrado
person-identity-erased = Los datos identificativos de esta persona fueron borrados.
field-erasure-reason = Motivo para borrar los datos identificativos (al menos 20 caracteres)
action-erase-person = Borrar los datos identificativos para siempre

## Gobierno: permisos, consentimiento, conservación
nav-permissions = Permisos
nav-retention = Conservación
permissions-title = Qué puede hacer cada rol
permissions-hint = Los cambios se aplican a todas las cuentas del rol de inmediato (en otros servidores, en diez segundos). Se le pedirá de nuevo su contraseña.
permissions-fixed = Las celdas sin casilla son fijas: solo la administración gestiona cuentas, y los roles que nunca ven identidades no pueden editar casos ni usar el acceso de emergencia.
field-permission = Permiso
permission-read_cases = Leer los casos de su ámbito
permission-edit_cases = Crear y editar casos, personas, cronología y archivos
permission-break_glass = Acceso de emergencia a otros casos
permission-manage_users = Gestionar cuentas y ajustes
problem-fixed = Este ajuste es fijo y no se puede cambiar.
consent-title = Consentimiento
consent-none-recorded = Sin registrar (sin consentimiento)
consent-new-title = Registrar una decisión de consentimiento
consent-informed-hint = Un consentimiento solo vale si se informó a la persona de para qué se recogen los datos y de que puede retirarlo.
action-record-consent = Registrar una decisión de consentimiento
field-consent-purpose = Finalidad
field-consent-decision = Decisión
field-consent-given-by = Otorgado por
field-consent-informed = Se informó a la persona de
field-decided-on = Fecha de la decisión
consent-purpose-services = Recibir servicios
consent-purpose-sharing = Compartir con otras organizaciones
consent-purpose-data_use = Uso de datos no identificativos para investigación
consent-decision-granted = Otorgado
consent-decision-refused = Rechazado
consent-decision-withdrawn = Retirado
consent-giver-person = La persona
consent-giver-guardian = Un tutor (con el asentimiento del niño o niña)
consent-informed-purpose = La finalidad de la recogida de datos
consent-informed-data_use = Cómo se usarán los datos
consent-informed-research = El uso de datos no identificativos para investigación
consent-informed-access_right = El derecho a ver sus datos
consent-informed-storage_period = Cuánto tiempo se conservan los datos
consent-informed-withdrawal = Cómo retirar el consentimiento
retention-title = Cuánto tiempo se conservan los registros
retention-hint = Días que se conserva un registro después de que todos sus casos se cerraran sin más cambios. Déjelo en blanco para conservarlo hasta que alguien lo borre. El borrado destruye la clave del registro: no se puede deshacer. Una tarea diaria aplica la política.
retention-keep = conservar
retention-due = Pendientes de borrado ahora:
retention-due-identities = Identidades de personas:
retention-due-attachments = Archivos:
retention-due-case-texts = Texto libre de casos (resúmenes, cronología, nombres de archivo):
retention-due-entities = Establecimientos y vehículos:
retention-range = Intervalo permitido, en días:
retained-record-person_identity = Identidades de personas con todos sus casos cerrados
retained-record-attachment = Archivos de casos cerrados
## Establecimientos, vehículos y la vista de red
case-entities = Establecimientos y vehículos
case-no-entities = No hay establecimientos ni vehículos registrados.
action-add-entity = Añadir un establecimiento o vehículo
entity-new-title = Nuevo establecimiento o vehículo
entity-edit-title = Editar establecimiento o vehículo
action-edit-entity = Editar
action-remove-entity = Quitar
entity-no-establishment-kind = — (vehículos)
field-entity-kind = Tipo
field-establishment-kind = Tipo de establecimiento
field-entity-name = Nombre o matrícula
field-entity-place = Dirección o lugar
field-entity-description = Descripción
entity-kind-establishment = Establecimiento
entity-kind-vehicle = Vehículo
establishment-kind-brothel = Burdel
establishment-kind-massage_parlour = Salón de masajes
establishment-kind-hotel = Hotel o pensión
establishment-kind-bar = Bar, club o restaurante
establishment-kind-placement_agency = Agencia de colocación o reclutamiento
establishment-kind-online = En línea (web, aplicación o redes sociales)
establishment-kind-other = Otro
network-title = Red
network-need-to-know = Casos, personas, establecimientos, vehículos, teléfonos y lugares vinculados a esta persona, hasta dos casos de distancia. Muestra solo los registros que usted puede ver completos; se omiten los vínculos a través de cualquier otro registro.
network-capped = La red se cortó en 60 registros: se muestran los más cercanos.
network-suspect = Persona sospechosa (borde grueso)
network-links = Todos los vínculos en una lista
network-kind-person = Persona
network-kind-case = Caso
network-kind-establishment = Establecimiento
network-kind-vehicle = Vehículo
network-kind-phone = Teléfono
network-kind-place = Lugar
action-export-network = Descargar como GraphML (pide de nuevo su contraseña)
## Posibles duplicados
nav-duplicates = Posibles duplicados
error-possible-duplicates = Es posible que esta persona ya esté registrada.
duplicates-heading = Es posible que esta persona ya esté registrada
duplicates-intro = Entre las personas que usted puede ver completas, estas podrían ser la misma persona. No se guardó nada. Añada a la persona existente a este caso, o confirme abajo que es una persona nueva.
duplicates-probability = Coincidencia
duplicates-reasons = Motivos
duplicates-add-existing = Añadir a esta persona al caso
duplicates-confirm-new = Lo comprobé: es una persona nueva
duplicate-reason-given-name-same = mismo nombre
duplicate-reason-given-name-similar = nombre parecido
duplicate-reason-family-name-same = mismo apellido
duplicate-reason-family-name-similar = apellido parecido
duplicate-reason-date-of-birth-matches = la fecha de nacimiento coincide
duplicate-reason-date-of-birth-close = fecha de nacimiento o edad cercana
duplicate-reason-same-phone = mismo teléfono
duplicate-reason-address-similar = dirección parecida
duplicates-queue-title = Posibles duplicados entre casos
duplicates-queue-intro = Pares de registros que probablemente describen a la misma persona, primero los que afectan a un sospechoso. Fusionar pasa los casos de un registro al otro y se puede deshacer.
duplicates-status = Estado de la revisión
duplicates-status-pending = Por revisar
duplicates-status-merged = Fusionados
duplicates-status-dismissed = No son la misma persona
duplicates-queue-empty = No hay pares aquí.
duplicates-first = Primer registro
duplicates-second = Segundo registro
duplicates-involves-suspect = afecta a un sospechoso
duplicates-merge-keep-first = Fusionar, conservar el primero
duplicates-merge-keep-second = Fusionar, conservar el segundo
duplicates-dismiss = No son la misma persona
duplicates-unmerge = Deshacer la fusión
