// evidoc end-to-end tests in a real browser (issue #6).
//
// Builds the site with `evidoc build`, serves it (with `evidoc serve` when it
// works, otherwise a tiny static server over the build output), and drives
// Debian's chromium with playwright-core:
//   - every page at 375 px and 1280 px, failing on ANY axe-core violation of
//     the WCAG 2.1 A/AA rules; a full-page screenshot of each under artifacts/;
//   - no request may leave 127.0.0.1 (all others are recorded and aborted);
//   - each page's HTML + CSS + JS under 100 KB (images excluded);
//   - every <img> and outermost <svg> has width and height attributes;
//   - keyboard only: a glossary definition, the decision aid, the medicines
//     check and the symptom check;
//   - JavaScript off: every page type still reads fully, forms still work.
//
// Usage: node run.mjs --evidoc PATH [--content DIR] [--mode auto|serve|static]
// Exit: 0 all passed, 1 a check failed, 77 cannot run here (no chromium or
// no node_modules: run scripts/setup), which ctest reports as skipped.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const evidoc = arg('evidoc', process.env.EVIDOC_BIN || path.join(repo, 'build', 'src', 'cli', 'evidoc'));
const contentDir = arg('content', path.join(repo, 'content'));
const mode = arg('mode', process.env.EVIDOC_E2E_MODE || 'auto');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const artifacts = path.join(here, 'artifacts');
const SKIP = 77;

let chromium, AxeBuilder;
try {
  ({ chromium } = await import('playwright-core'));
  AxeBuilder = (await import('@axe-core/playwright')).default;
} catch (e) {
  console.log(`e2e: skipped: npm packages missing (run scripts/setup): ${e.message}`);
  process.exit(SKIP);
}
if (!fs.existsSync(chromiumPath)) {
  console.log(`e2e: skipped: no chromium at ${chromiumPath} (run scripts/setup)`);
  process.exit(SKIP);
}
if (!fs.existsSync(evidoc)) {
  console.error(`e2e: no evidoc binary at ${evidoc}`);
  process.exit(1);
}

// ---------------------------------------------------------------- results
let passed = 0;
const failures = [];
function ok(cond, name, detail = '') {
  if (cond) {
    passed++;
  } else {
    failures.push(`${name}${detail ? `: ${detail}` : ''}`);
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
  return cond;
}
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    ok(false, name, e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : String(e));
  }
}

// ---------------------------------------------------------------- build
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evidoc-e2e-'));
const outDir = path.join(tmp, 'public');
const build = spawnSync(evidoc, ['build', contentDir, '-o', outDir], { encoding: 'utf8' });
if (build.status !== 0) {
  console.error(`e2e: evidoc build failed (${build.status}):\n${build.stderr}`);
  process.exit(1);
}
fs.rmSync(artifacts, { recursive: true, force: true });
fs.mkdirSync(artifacts, { recursive: true });

function htmlFiles(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.posix.join(rel, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(dir, r));
    else if (e.name.endsWith('.html')) out.push(r);
  }
  return out.sort();
}
const files = htmlFiles(outDir);
const urlOf = (f) => '/' + f.replace(/(^|\/)index\.html$/, '$1');

// ---------------------------------------------------------------- servers
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

// A static server over the build output, as a CDN would serve it: directory
// URLs get index.html, unknown paths get 404.html with status 404, query
// strings are ignored (a static site cannot answer forms).
function staticServer(root) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (p.endsWith('/')) p += 'index.html';
      let file = path.join(root, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
      if (!file.startsWith(root)) file = '';
      if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      let status = 200;
      if (!file || !fs.existsSync(file)) {
        status = 404;
        file = path.join(root, '404.html');
      }
      res.writeHead(status, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(fs.readFileSync(file));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function startServe() {
  const port = await freePort();
  const child = spawn(evidoc, ['serve', contentDir, '--host', '127.0.0.1', '--port', String(port), '--db', `sqlite:${path.join(tmp, 'e2e.db')}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  child.on('exit', () => { exited = true; });
  child.stdout.on('data', () => {});
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && !exited; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return { base, child };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  console.log(`e2e: evidoc serve did not come up${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`);
  return null;
}

let base, serveChild = null, staticSrv = null, served = false;
if (mode !== 'static') {
  const s = await startServe();
  if (s) {
    ({ base } = s);
    serveChild = s.child;
    served = true;
  } else if (mode === 'serve') {
    console.error('e2e: --mode serve but evidoc serve failed');
    process.exit(1);
  }
}
if (!served) {
  staticSrv = await staticServer(outDir);
  base = `http://127.0.0.1:${staticSrv.address().port}`;
}
console.log(`e2e: ${files.length} pages from evidoc build, served by ${served ? 'evidoc serve' : 'a static server'} at ${base}`);

// ---------------------------------------------------------------- browser
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const external = [];
const isLocal = (u) => {
  try {
    const url = new URL(u);
    if (url.protocol === 'data:' || url.protocol === 'about:' || url.protocol === 'blob:') return true;
    return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch { return false; }
};
async function newContext(javaScriptEnabled) {
  // A fresh profile each time (playwright passes it as --user-data-dir).
  const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, headless: true, args: FLAGS, javaScriptEnabled,
    viewport: { width: 1280, height: 900 },
  });
  ctx.on('request', (req) => { if (!isLocal(req.url())) external.push(req.url()); });
  await ctx.route((url) => !isLocal(url.href), (route) => route.abort());
  ctx.setDefaultTimeout(30000);
  return ctx;
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const name = (u) => (u.replace(/^\/|\/$/g, '').replace(/[^a-z0-9]+/gi, '_') || 'home').slice(0, 80);

// The page list: every built page; with the server, also the answers to
// the GET forms and a search.
const pages = files.map((f) => ({ url: urlOf(f), expect: f === '404.html' ? null : 200 }));
const first = (re) => files.map(urlOf).find((u) => re.test(u));
const daUrl = first(/^\/decision-aid\/[^/]+\/$/);
const symptomUrl = first(/^\/symptom-check\/[^/]+\/$/);
if (served) {
  pages.push({ url: '/medicines-check/?medicines=Lasix%2C+simvastatine%0Axyzzy', expect: 200 });
  pages.push({ url: '/search?q=cramp', expect: 200 });
  pages.push({ url: '/no-such-page/', expect: 404 });
  if (daUrl) pages.push({ url: `${daUrl}?option=doing-nothing`, expect: 200 });
}

const ctx = await newContext(true);
const page = ctx.pages()[0] || (await ctx.newPage());

// Bytes of HTML, CSS and JS a page loads (images excluded), from the
// network responses.
function trackBytes(p) {
  const state = { bytes: 0, pending: [] };
  const on = (resp) => {
    const type = resp.request().resourceType();
    if (type === 'document' || type === 'stylesheet' || type === 'script') {
      state.pending.push(resp.body().then((b) => { state.bytes += b.length; }).catch(() => {}));
    }
  };
  p.on('response', on);
  return { state, stop: () => p.off('response', on) };
}

for (const { url, expect } of pages) {
  for (const width of [375, 1280]) {
    await step(`${url} @${width}`, async () => {
      await page.setViewportSize({ width, height: 900 });
      const t = trackBytes(page);
      const resp = await page.goto(base + url, { waitUntil: 'load' });
      t.stop();
      await Promise.all(t.state.pending);
      if (expect) ok(resp.status() === expect, `${url} status`, `got ${resp.status()}`);
      const axe = await new AxeBuilder({ page }).withTags(WCAG).analyze();
      ok(axe.violations.length === 0, `axe ${url} @${width}`,
        axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('; '));
      console.log(`page ${url} @${width}: ${axe.violations.length} axe violations`);
      await page.screenshot({ path: path.join(artifacts, `${name(url)}-${width}.png`), fullPage: true, timeout: 60000 });
      if (width === 375) {
        ok(t.state.bytes > 0 && t.state.bytes < 100 * 1024, `size ${url}`, `${t.state.bytes} bytes of HTML+CSS+JS`);
        const unsized = await page.$$eval('img, svg', (els) => els
          .filter((e) => e.tagName.toLowerCase() === 'img' || !e.parentElement.closest('svg'))
          .filter((e) => !e.getAttribute('width') || !e.getAttribute('height'))
          .map((e) => e.outerHTML.slice(0, 80)));
        ok(unsized.length === 0, `img/svg sizes ${url}`, unsized.join(' | '));
        const h1 = await page.$$eval('h1', (hs) => hs.length);
        ok(h1 === 1, `one h1 ${url}`, `${h1}`);
      }
    });
  }
}

// ---------------------------------------------------------------- keyboard
// Presses Tab until `pred` (evaluated in the page) is true; returns whether
// it got there within `max` presses.
async function tabTo(p, pred, max = 120) {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    if (await p.evaluate(pred)) return true;
  }
  return false;
}

await step('keyboard: glossary definition', async () => {
  let found = false;
  for (const f of files.filter((x) => /^[a-z0-9-]+\/index\.html$/.test(x))) {
    const html = fs.readFileSync(path.join(outDir, f), 'utf8');
    if (!html.includes('class="term"')) continue;
    found = true;
    await page.goto(base + urlOf(f));
    ok(await tabTo(page, () => document.activeElement.matches('a.term')), 'keyboard reaches a glossary term');
    const def = await page.evaluate(() => {
      const a = document.activeElement;
      const d = document.getElementById(a.getAttribute('aria-describedby') || '');
      return { text: d ? d.textContent.trim() : '', visible: !!d && d.getClientRects().length > 0, href: a.getAttribute('href') };
    });
    ok(def.text.length > 10 && def.visible, 'glossary definition is visible next to the term', JSON.stringify(def));
    await Promise.all([page.waitForURL(/\/glossary\//), page.keyboard.press('Enter')]);
    const target = await page.evaluate(() => decodeURIComponent(location.hash.slice(1)));
    ok(await page.evaluate((id) => !!document.getElementById(id), target), 'glossary entry exists', target);
    break;
  }
  ok(found, 'an article links a glossary term');
});

await step('keyboard: decision aid', async () => {
  if (!ok(!!daUrl, 'a decision aid page exists')) return;
  await page.goto(base + daUrl);
  ok(await tabTo(page, () => document.activeElement.matches('input[type=checkbox][name=option]:not([value="doing-nothing"])')),
    'keyboard reaches a treatment option');
  const value = await page.evaluate(() => document.activeElement.value);
  await page.keyboard.press('Space');
  ok(!(await page.evaluate(() => document.activeElement.checked)), 'space unticks the option');
  const hidden = await page.evaluate((v) => [...document.querySelectorAll(`.da-compare [data-option="${v}"]`)].every((e) => e.hidden), value);
  ok(hidden, 'unticked option is hidden at once (JavaScript enhancement)');
  ok(await tabTo(page, () => document.activeElement.matches('.da-form button[type=submit]')), 'keyboard reaches the compare button');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  ok(page.url().includes('option=') && !page.url().includes(`option=${value}&`) && !page.url().endsWith(`option=${value}`),
    'the form sends the chosen options', page.url());
  // Left out by the server, or hidden again on a static copy.
  const visible = await page.$$eval(`.da-compare section[data-option="${value}"]`,
    (els) => els.filter((e) => e.getClientRects().length > 0).length);
  ok(visible === 0, 'the submitted choice leaves out the unticked option');
  ok(!(await page.$eval(`.da-form input[value="${value}"]`, (b) => b.checked)), 'the unticked box stays unticked');
  const print = await page.$('.print-button');
  ok(!!print && !(await print.evaluate((b) => b.hidden)), 'the print button is offered with JavaScript');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: path.join(artifacts, 'decision-aid-print.png'), fullPage: true, timeout: 60000 });
  const formShown = await page.$eval('.da-form', (f) => getComputedStyle(f).display !== 'none');
  ok(!formShown, 'the printed summary leaves out the form');
  await page.emulateMedia({ media: 'screen' });
});

await step('keyboard: medicines check', async () => {
  await page.goto(base + '/medicines-check/');
  ok(await tabTo(page, () => document.activeElement.id === 'medicines'), 'keyboard reaches the medicines box');
  await page.keyboard.type('Lasix, simvastatine, xyzzy');
  ok(await tabTo(page, () => document.activeElement.matches('.medicines-form button')), 'keyboard reaches the check button');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  if (served) {
    const r = await page.evaluate(() => ({
      text: document.querySelector('.tool-results')?.innerText || '',
      focused: document.activeElement.id,
    }));
    ok(/furosemide/i.test(r.text) && /simvastatin/i.test(r.text), 'results name the medicines', r.text.slice(0, 200));
    ok(/Do not stop taking a medicine/.test(r.text), 'results say not to stop a medicine');
    ok(/xyzzy/.test(r.text), 'results list what was not found');
    ok(r.focused === 'results-h', 'focus moves to the results', r.focused);
    await page.screenshot({ path: path.join(artifacts, 'medicines-check-result-keyboard.png'), fullPage: true, timeout: 60000 });
  }
});

await step('keyboard: symptom check', async () => {
  if (!ok(!!symptomUrl, 'a symptom check page exists')) return;
  await page.goto(base + symptomUrl);
  ok(await tabTo(page, () => document.activeElement.matches('input[type=radio]')), 'keyboard reaches the first question');
  await page.keyboard.press('Space');
  ok(await page.evaluate(() => document.activeElement.checked && document.activeElement.value === 'yes'), 'space answers yes');
  const qid = await page.evaluate(() => document.activeElement.name);
  ok(await tabTo(page, () => document.activeElement.matches('.symptom-form button')), 'keyboard reaches the submit button');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  if (served) {
    ok(page.url().includes(`${encodeURIComponent(qid)}=yes`), 'the answer is sent', page.url());
    const cls = await page.$eval('.symptom-result', (e) => e.className).catch(() => '');
    ok(cls.includes('urgency-'), 'a result is shown', cls);
    await page.screenshot({ path: path.join(artifacts, 'symptom-check-result-keyboard.png'), fullPage: true, timeout: 60000 });
  }
});
await ctx.close();

// ---------------------------------------------------------------- static search
// A plain-file copy of the site answers its search box in the browser.
await step('static search finds a page by a lay word', async () => {
  const srv = staticSrv || (await staticServer(outDir));
  const sbase = `http://127.0.0.1:${srv.address().port}`;
  const sctx = await newContext(true);
  const sp = sctx.pages()[0] || (await sctx.newPage());
  await sp.goto(`${sbase}/search/?q=charley+horse`);
  await sp.waitForSelector('#static-search-results h2', { timeout: 20000 });
  const links = await sp.$$eval('#static-search-results a', (as) => as.map((a) => a.getAttribute('href')));
  ok(links[0] === '/leg-cramps/', 'leg cramps first for "charley horse"', links.join(' '));
  ok(await sp.inputValue('#site-search') === 'charley horse', 'the query stays in the box');
  await sp.goto(`${sbase}/search/?q=zzzzqqq`);
  await sp.waitForSelector('#static-search-results h2', { timeout: 20000 });
  ok(/No pages found/.test(await sp.innerText('#static-search-results')), 'nothing found is said');
  ok(await sp.isVisible('#static-search-fallback'), 'the A to Z is offered when nothing is found');
  await sctx.close();
  if (!staticSrv) srv.close();
});

// ---------------------------------------------------------------- no JavaScript
const noJs = await newContext(false);
const p2 = noJs.pages()[0] || (await noJs.newPage());
// (Under evidoc serve, /search/ is the server's own search form, checked with a query above.)
for (const url of files.map(urlOf).filter((u, i, all) => all.findIndex((v) => v.split('/')[1] === u.split('/')[1]) === i && !(served && u === '/search/'))) {
  await step(`no-js ${url}`, async () => {
    await p2.goto(base + url);
    const text = await p2.$eval('main', (m) => m.innerText.trim().length).catch(() => 0);
    ok(text > 100, `no-js ${url} reads`, `${text} characters in <main>`);
  });
}
await step('no-js decision aid shows every option', async () => {
  if (!daUrl) return;
  await p2.goto(base + daUrl);
  const hidden = await p2.$$eval('.da-compare [data-option]', (els) => els.filter((e) => e.hidden || getComputedStyle(e).display === 'none').length);
  ok(hidden === 0, 'no option is hidden without JavaScript', `${hidden}`);
  await p2.screenshot({ path: path.join(artifacts, 'decision-aid-nojs-1280.png'), fullPage: true, timeout: 60000 });
  // Unticking an option hides it with CSS alone.
  const box = await p2.$('.da-choices input[type=checkbox]:not([value="doing-nothing"])');
  const value = await box.getAttribute('value');
  await box.focus();
  await p2.keyboard.press('Space');
  const still = await p2.$$eval(`.da-compare [data-option="${value}"]`, (els) => els.filter((e) => e.getClientRects().length > 0).length);
  ok(still === 0, 'unticking hides the option without JavaScript', `${still} visible`);
});
if (served) {
  await step('no-js forms work through the server', async () => {
    await p2.goto(base + '/medicines-check/');
    await p2.fill('#medicines', 'furosemid');
    await Promise.all([p2.waitForNavigation(), p2.click('.medicines-form button')]);
    ok(/furosemide/i.test(await p2.innerText('main')), 'medicines check answers without JavaScript');
    if (symptomUrl) {
      await p2.goto(base + symptomUrl);
      await p2.check('input[type=radio][value=yes] >> nth=0');
      await Promise.all([p2.waitForNavigation(), p2.click('.symptom-form button')]);
      ok((await p2.$$('.symptom-result')).length === 1, 'symptom check answers without JavaScript');
    }
  });
}
await noJs.close();

ok(external.length === 0, 'no request leaves the site', [...new Set(external)].slice(0, 5).join(', '));

if (serveChild) serveChild.kill('SIGTERM');
if (staticSrv) staticSrv.close();
fs.rmSync(tmp, { recursive: true, force: true });

console.log(`e2e: screenshots in ${path.relative(repo, artifacts)}/`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
