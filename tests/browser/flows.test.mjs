// Lantern's page flows in headless Chromium, with JavaScript disabled: the UI
// must work on forms and links alone. Run by scripts/test.sh against a real
// server (SQLite or PostgreSQL) started for the purpose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';

const base = process.env.LANTERN_URL;
const username = process.env.LANTERN_USER;
const password = process.env.LANTERN_PASSWORD;
if (!base || !username || !password) {
  throw new Error('LANTERN_URL, LANTERN_USER and LANTERN_PASSWORD must be set');
}

let browser;
let page;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
});

const today = new Date().toISOString().slice(0, 10);
const pseudonym = `সুরভি ${Date.now() % 100000}`;
const legalName = 'অনিতা দাস';
let caseUrl;
let personUrl;
let reference;

test('a wrong password is refused without saying which part was wrong', async () => {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', 'not the right password');
  await page.click('#sign-in');
  assert.match(await page.textContent('.error'), /username or password is not correct/);
  assert.equal(await page.inputValue('#username'), username);
});

let enrolledSecret;

// RFC 4648 base32, as the enrolment page shows the key.
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

// RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits — what a phone app computes.
function totp(secret, unixSeconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const h = createHmac('sha1', secret).update(counter).digest();
  const o = h[19] & 0x0f;
  const n = (((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1000000;
  return String(n).padStart(6, '0');
}

test('the first sign-in sets up two-step sign-in, then leads to the case list', async () => {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#sign-in');
  // A case worker sees identifying data: a second factor is required.
  await page.waitForURL(`${base}/account/two-factor`);
  await page.goto(`${base}/cases`);
  await page.waitForURL(`${base}/account/two-factor`);
  const secret = base32Decode((await page.textContent('#totp-secret')).trim());
  assert.match(await page.textContent('#totp-uri'), /^otpauth:\/\/totp\/Lantern:/);
  assert.equal(await page.locator('#recovery-codes li').count(), 10);
  await page.fill('#code', '000000' === totp(secret) ? '111111' : '000000');
  await page.click('#confirm-code');
  assert.match(await page.textContent('.error'), /code is not right/);
  // A wrong code shows a new key: read it again.
  const fresh = base32Decode((await page.textContent('#totp-secret')).trim());
  enrolledSecret = fresh;
  await page.fill('#code', totp(fresh));
  await page.click('#confirm-code');
  await page.waitForURL(`${base}/cases`);
  assert.equal(await page.textContent('h1'), 'Cases');
});

test('a case form with a future date is shown again with the problem and what was typed', async () => {
  await page.goto(`${base}/cases/new`);
  await page.fill('#intake_date', '2999-01-01');
  await page.fill('#place_of_recruitment', 'Canning, South 24 Parganas');
  await page.click('#save-case');
  assert.match(await page.textContent('#intake_date-error'), /cannot be in the future/);
  assert.equal(await page.inputValue('#place_of_recruitment'), 'Canning, South 24 Parganas');
});

test('creating a case gives it a reference and opens its page', async () => {
  await page.goto(`${base}/cases/new`);
  await page.fill('#intake_date', today);
  await page.selectOption('#intake_source', 'Hotline');
  await page.check('input[name="exploitation_types"][value="SexualExploitation"]');
  await page.fill('#place_of_recruitment', 'Canning, South 24 Parganas');
  await page.fill('#summary', 'Referred by the district child protection unit.');
  await page.click('#save-case');
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  caseUrl = page.url();
  const heading = await page.textContent('h1');
  reference = heading.match(/[A-Z]+-\d{4}-\d{6}/)?.[0];
  assert.ok(reference, `a reference in "${heading}"`);
  assert.match(await page.textContent('.facts'), /Sexual exploitation/);
});

test('adding a person with a name in Bengali script', async () => {
  await page.goto(caseUrl);
  await page.click('#add-person');
  await page.selectOption('#role', 'Victim');
  await page.fill('#pseudonym', pseudonym);
  await page.selectOption('#gender', 'Feminine');
  await page.fill('#legal_name', legalName);
  await page.fill('#date_of_birth', '2009-04-02');
  await page.fill('#phones', '+91 98300 12345');
  await page.fill('#citizenships', 'IN');
  await page.fill('#languages', 'bn');
  await page.click('#save-person');
  await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
  personUrl = page.url();
  assert.equal(await page.textContent('h1'), pseudonym);
  assert.equal(await page.textContent('#legal-name'), legalName);
  assert.match(await page.textContent('.cases'), new RegExp(reference));
});

test('searching by the pseudonym finds the case', async () => {
  await page.goto(`${base}/cases`);
  await page.fill('#q', pseudonym.split(' ')[0]);
  await page.click('#apply-filters');
  const rows = await page.textContent('table.cases');
  assert.match(rows, new RegExp(reference));
});

test('searching by reference and filtering by status narrows the list', async () => {
  await page.goto(`${base}/cases?q=${encodeURIComponent(reference)}&status=Active`);
  assert.match(await page.textContent('.count'), /One case/);
  await page.goto(`${base}/cases?q=${encodeURIComponent(reference)}&status=Closed`);
  assert.match(await page.textContent('main'), /No case matches/);
});

test('editing the person keeps the change', async () => {
  await page.goto(personUrl);
  await page.click('#edit-person');
  assert.equal(await page.inputValue('#legal_name'), legalName);
  await page.fill('#aliases', 'অনু\nAnu');
  await page.fill('#phones', 'not a phone');
  await page.click('#save-person');
  assert.ok(await page.isVisible('#phones-error'));
  assert.equal(await page.inputValue('#aliases'), 'অনু\nAnu');
  await page.fill('#phones', '+91 98300 12345');
  await page.click('#save-person');
  await page.waitForURL(personUrl);
  assert.match(await page.textContent('.identifying'), /অনু, Anu/);
});

test('a person who may already be recorded is shown before saving, then confirmed as new', async () => {
  await page.goto(caseUrl);
  await page.click('#add-person');
  await page.selectOption('#role', 'Witness');
  await page.fill('#pseudonym', 'Second look');
  await page.selectOption('#gender', 'Feminine');
  await page.fill('#legal_name', 'Anita Das');
  await page.fill('#date_of_birth', '2009-04-02');
  await page.fill('#phones', '098300 12345');
  await page.click('#save-person');
  // Nothing saved yet: the form is back with the possible duplicate.
  assert.ok(await page.isVisible('#possible-duplicates'));
  const candidates = await page.textContent('#possible-duplicates');
  assert.match(candidates, new RegExp(pseudonym));
  assert.match(candidates, /same phone/);
  assert.equal(await page.inputValue('#legal_name'), 'Anita Das');
  await page.check('#acknowledge_duplicates');
  await page.click('#save-person');
  await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
  assert.equal(await page.textContent('h1'), 'Second look');
});

test('editing the case and adding to its timeline', async () => {
  await page.goto(caseUrl);
  await page.click('#edit-case');
  await page.selectOption('#status', 'FollowUp');
  await page.click('#save-case');
  await page.waitForURL(caseUrl);
  assert.match(await page.textContent('h1 .status'), /Follow-up/);
  await page.click('#add-event');
  await page.fill('#occurred_on', today);
  await page.selectOption('#kind', 'Rescue');
  await page.fill('#title', 'Rescued with the anti-human-trafficking unit');
  await page.click('#save-event');
  await page.waitForURL(caseUrl);
  assert.match(await page.textContent('.timeline'), /Rescued with the anti-human-trafficking unit/);
});

test('attaching a file shows it with its hash, and a disguised file is refused', async () => {
  await page.goto(caseUrl);
  await page.setInputFiles('#file', { name: 'statement.txt', mimeType: 'text/plain', buffer: Buffer.from('Statement recorded in Bengali and English.') });
  await page.click('#upload');
  await page.waitForURL(caseUrl);
  assert.match(await page.textContent('.attachments'), /statement\.txt/);
  await page.setInputFiles('#file', { name: 'photo.pdf', mimeType: 'application/pdf', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]) });
  await page.click('#upload');
  assert.match(await page.textContent('.error'), /offered values/);
});

test('recording consent: a grant needs the person informed, and the decision in force is shown', async () => {
  await page.goto(personUrl);
  assert.match(await page.textContent('#consent + dl'), /Not recorded/);
  await page.click('#record-consent');
  await page.selectOption('#purpose', 'sharing');
  await page.selectOption('#decision', 'granted');
  await page.selectOption('#given_by', 'guardian');
  await page.click('#save-consent');
  // Granted without telling the person why and how to withdraw: refused.
  assert.ok(await page.isVisible('#informed-error'));
  assert.equal(await page.inputValue('#decision'), 'granted');
  await page.check('input[name="informed"][value="purpose"]');
  await page.check('input[name="informed"][value="withdrawal"]');
  await page.click('#save-consent');
  await page.waitForURL(new RegExp(`${new URL(personUrl).pathname}#consent$`));
  assert.match(await page.textContent('.consent-granted'), /Granted/);
  assert.match(await page.textContent('table.consents'), /A guardian/);
});

test('an establishment on the case joins the network drawn on the person page', async () => {
  await page.goto(caseUrl);
  await page.click('#add-entity');
  await page.selectOption('#kind', 'establishment');
  // A name of spaces passes the browser's own check but not the server's.
  await page.fill('#name', '   ');
  await page.click('#save-entity');
  assert.ok(await page.isVisible('#name-error'));
  await page.selectOption('#establishment_kind', 'massage_parlour');
  await page.fill('#name', 'Golden Lotus Spa');
  await page.fill('#place', 'Sonagachi, Kolkata');
  await page.click('#save-entity');
  await page.waitForURL(new RegExp(`${new URL(caseUrl).pathname}`));
  assert.match(await page.textContent('table.entities'), /Golden Lotus Spa/);
  await page.goto(personUrl);
  assert.ok(await page.isVisible('#network-drawing'));
  assert.match(await page.textContent('#network'), /Golden Lotus Spa/);
  assert.ok(await page.isVisible('#export-network'));
});

test('an establishment is corrected, then removed from the case', async () => {
  await page.goto(caseUrl);
  await page.click('table.entities .edit-entity');
  assert.equal(await page.inputValue('#name'), 'Golden Lotus Spa');
  // Spaces pass the browser's required check; the server refuses them.
  await page.fill('#name', '   ');
  await page.click('#save-entity');
  assert.ok(await page.isVisible('#name-error'));
  await page.fill('#name', 'Golden Lotus Massage');
  await page.click('#save-entity');
  await page.waitForURL(new RegExp(`${new URL(caseUrl).pathname}`));
  assert.match(await page.textContent('table.entities'), /Golden Lotus Massage/);
  await page.click('table.entities .remove-entity');
  await page.waitForURL(new RegExp(`${new URL(caseUrl).pathname}`));
  assert.ok(!(await page.isVisible('table.entities')));
});

test('pages stay light for slow connections', async () => {
  for (const path of ['/cases', new URL(caseUrl).pathname, new URL(personUrl).pathname, '/cases/new']) {
    const response = await page.goto(`${base}${path}`);
    const body = await response.body();
    assert.ok(body.length < 100 * 1024, `${path} is ${body.length} bytes`);
  }
});

test('switching to Spanish translates the interface, and back', async () => {
  await page.goto(`${base}/cases`);
  await page.selectOption('#ui-language', 'es');
  await page.click('#switch-language');
  await page.waitForURL(`${base}/cases`);
  assert.equal(await page.textContent('h1'), 'Casos');
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  await page.goto(caseUrl);
  assert.match(await page.textContent('h1 .status'), /Seguimiento/);
  await page.selectOption('#ui-language', 'en');
  await page.click('#switch-language');
  await page.waitForURL(`${base}/cases`);
  assert.equal(await page.textContent('h1'), 'Cases');
});

test('signing out ends the session', async () => {
  await page.goto(`${base}/cases`);
  await page.click('#sign-out');
  await page.waitForURL(`${base}/login`);
  await page.goto(caseUrl);
  await page.waitForURL(`${base}/login`);
});

test('signing in again asks for the code from the app', async () => {
  await page.goto(`${base}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#sign-in');
  await page.waitForURL(`${base}/login/code`);
  // The next step's code: the current one was used to confirm the set-up,
  // and a code is accepted once.
  await page.fill('#code', totp(enrolledSecret, Date.now() / 1000 + 30));
  await page.click('#verify-code');
  await page.waitForURL(`${base}/cases`);
  assert.equal(await page.textContent('h1'), 'Cases');
});

test('the sign-in page follows the browser language', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'es-MX', extraHTTPHeaders: { 'Accept-Language': 'es-MX,es;q=0.9' } });
  const spanish = await context.newPage();
  await spanish.goto(`${base}/login`);
  assert.equal(await spanish.textContent('h1'), 'Iniciar sesión en Lantern');
  await context.close();
});
