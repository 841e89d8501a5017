#!/usr/bin/env node
// End-to-end test of `papers serve` in Debian's headless Chromium, driven by
// playwright-core. Run by .ci/run (not by cargo test):
//
//   PAPERS_BIN=target/release/papers node tests/e2e/serve.test.mjs
//
// It serves a temporary copy of reports/, opens the web view and the print
// view, and edits files on disk the ways editors save them (write in place,
// write and rename, delete and create). It checks that each edit reaches the
// DOM of both views without a page reload, that broken YAML shows the
// overlay with the line number (also in a freshly loaded page) and that
// fixing it clears the overlay, that council.yaml and template overrides
// (Tera and Typst) are watched, and that a hostile report serves no live
// script (html-danger.py from ../shared/tools when HTML_DANGER names it).
// Finally it times save -> updated DOM over 12 saves per view and prints
// the medians.
//
// Env: PAPERS_BIN (default ../../target/release/papers), CHROMIUM
// (default /usr/bin/chromium), HTML_DANGER (path to html-danger.py).
import { spawn, execFileSync } from 'node:child_process';
import {
  cpSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, existsSync, mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const BIN = resolve(process.env.PAPERS_BIN || join(ROOT, 'target', 'release', 'papers'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SEED = '2022-11-07-childrens-services-commissioner';
const TIMEOUT = 15000;
const SAVES = 12;

let passed = 0;
let failed = 0;
const failures = [];
async function check(name, fn) {
  const started = performance.now();
  try {
    await fn();
    passed += 1;
    console.log(`ok   ${name} (${Math.round(performance.now() - started)} ms)`);
  } catch (e) {
    failed += 1;
    failures.push(name);
    console.log(`FAIL ${name}\n     ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n     ')}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// --- the workspace and the server --------------------------------------
const work = mkdtempSync(join(tmpdir(), 'papers-e2e-'));
const reports = join(work, 'reports');
cpSync(join(ROOT, 'reports'), reports, { recursive: true });
const report = join(reports, `${SEED}.yaml`);
const council = join(reports, 'council.yaml');
const original = readFileSync(report, 'utf8');
const originalCouncil = readFileSync(council, 'utf8');

/** Save styles editors use. */
const save = {
  inPlace(path, text) { writeFileSync(path, text); },
  rename(path, text) {
    const tmp = join(dirname(path), `.${Date.now()}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  },
  deleteCreate(path, text) {
    unlinkSync(path);
    writeFileSync(path, text);
  },
};
const styles = ['inPlace', 'rename', 'deleteCreate'];

function withSummary(text) {
  return original.replace(/^summary: .*$/m, `summary: ${text}`);
}

const server = spawn(BIN, ['serve', report, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
const url = await new Promise((resolveUrl, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`no URL printed; stderr:\n${serverErr}`)), TIMEOUT);
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/at (http:\/\/\S+\/)/);
    if (m) {
      clearTimeout(timer);
      resolveUrl(m[1]);
    }
  });
  server.on('exit', (code) => reject(new Error(`papers serve exited (${code}):\n${serverErr}`)));
});
console.log(`serving at ${url}`);

const profile = mkdtempSync(join(tmpdir(), 'papers-e2e-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'],
});
const consoleErrors = [];
async function open(path) {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${path}: ${m.text()}`); });
  page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
  const response = await page.goto(url + path.replace(/^\//, ''));
  assert(response.ok(), `${path}: HTTP ${response.status()}`);
  // Marks the document: a full reload would lose it.
  await page.evaluate(() => { window.papersE2eLoaded = true; });
  return page;
}

/**
 * Arms a watcher in the page: resolves (with the time) once `test` holds
 * for the DOM and, in the print view, every page image has loaded. A
 * MutationObserver and load events catch the moment, not a poll.
 */
async function arm(page, kind, needle) {
  await page.evaluate(([kind, needle]) => {
    const holds = () => {
      const body = document.body;
      if (!body) return false;
      const text = body.textContent;
      let ok;
      if (kind === 'text') ok = text.includes(needle);
      else if (kind === 'no-text') ok = !text.includes(needle);
      else if (kind === 'overlay') {
        const o = document.getElementById('papers-overlay');
        ok = !!o && o.textContent.includes(needle);
      } else if (kind === 'no-overlay') ok = !document.getElementById('papers-overlay');
      if (!ok) return false;
      return [...document.images].every((i) => i.complete && i.naturalWidth > 0);
    };
    window.papersE2eSeen = new Promise((done) => {
      const tick = () => {
        if (holds()) {
          observer.disconnect();
          document.removeEventListener('load', tick, true);
          done(performance.timeOrigin + performance.now());
        }
      };
      const observer = new MutationObserver(tick);
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      document.addEventListener('load', tick, true);
      tick();
    });
  }, [kind, needle]);
}
async function seen(page, what) {
  const at = await Promise.race([
    page.evaluate(() => window.papersE2eSeen),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT)),
  ]);
  assert(await page.evaluate(() => window.papersE2eLoaded === true), `${what}: the page was reloaded, not updated in place`);
  return at;
}
/** Arms both views, runs `change`, waits for both; returns [web ms, print ms]. */
async function both(web, print, kind, needle, change) {
  await arm(web, kind, needle);
  await arm(print, kind, needle);
  const t0 = performance.timeOrigin + performance.now();
  change();
  const tw = await seen(web, `web view: ${kind} ${needle}`);
  const tp = await seen(print, `print view: ${kind} ${needle}`);
  return [tw - t0, tp - t0];
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const web = await open('/');
const print = await open('/print');

await check('the web view shows the report and the live script only in serve', async () => {
  const html = await (await fetch(url)).text();
  assert(html.includes("Children&#x27;s Services Commissioner") || html.includes("Children's Services Commissioner") || html.includes('Children&#39;s Services Commissioner'), 'subject missing');
  assert(html.includes('<script src="/_papers/live.js" defer></script>'), 'live script missing');
  execFileSync(BIN, ['render', report, '--to', 'html', '--out', join(work, 'out')]);
  const published = readFileSync(join(work, 'out', `${SEED}.html`), 'utf8');
  assert(!published.includes('<script') && !published.includes('live.js'), 'the published HTML has a script');
});

await check('the print view shows typeset pages as SVG with their text', async () => {
  const pages = await print.locator('figure.papers-page img').count();
  assert(pages >= 2, `only ${pages} pages`);
  const src = await print.locator('figure.papers-page img').first().getAttribute('src');
  const svg = await fetch(new URL(src, url));
  assert(svg.headers.get('content-type') === 'image/svg+xml', 'page is not SVG');
  assert((await svg.text()).includes('<svg'), 'no svg');
  const text = await print.locator('main').textContent();
  assert(text.includes('Page 1 of'), 'no "Page 1 of" in the page text');
});

await check('edits reach both views, saved in place, by rename and by delete+create', async () => {
  for (const [i, style] of styles.entries()) {
    const needle = `Edited ${style} 4242${i}`;
    await both(web, print, 'text', needle, () => save[style](report, withSummary(needle)));
  }
});

await check('broken YAML shows the overlay with the line number; a fresh page has it too; fixing clears it', async () => {
  const broken = original.replace(/^key_decision: No$/m, 'key_decision: Maybe');
  assert(broken !== original, 'seed changed: no key_decision line');
  const line = original.split('\n').findIndex((l) => l.startsWith('key_decision:')) + 1;
  await both(web, print, 'overlay', `${SEED}.yaml:${line}:`, () => save.inPlace(report, broken));
  // The last good render stays under the overlay.
  assert((await web.locator('main').textContent()).includes('Edited deleteCreate 42422'), 'last good version lost');
  const fresh = await (await fetch(url)).text();
  assert(fresh.includes('id="papers-overlay"') && fresh.includes(`${SEED}.yaml:${line}:`), 'a page loaded now lacks the overlay');
  await both(web, print, 'no-overlay', '', () => save.inPlace(report, original));
});

await check('a deleted report shows an error, and its return clears it', async () => {
  await both(web, print, 'overlay', 'file not found', () => unlinkSync(report));
  await both(web, print, 'no-overlay', '', () => writeFileSync(report, original));
});

await check('council.yaml is watched', async () => {
  const renamed = originalCouncil.replace(/^name: Sefton Council$/m, 'name: Sefton Borough Council 515');
  assert(renamed !== originalCouncil, 'council.yaml changed');
  await both(web, print, 'text', 'Sefton Borough Council 515', () => save.rename(council, renamed));
  await both(web, print, 'no-text', 'Sefton Borough Council 515', () => save.rename(council, originalCouncil));
});

await check('template overrides are watched: Tera (web) and Typst (print), and a new templates/ folder', async () => {
  const builtin = join(work, 'builtin');
  execFileSync(BIN, ['templates', 'eject', builtin], { stdio: 'ignore' });
  const names = execFileSync(BIN, ['templates', 'list']).toString().split('\n');
  const htmlName = names.find((n) => n.startsWith('header.html'));
  const typName = names.find((n) => /^report\.typ(\.tera)?$/.test(n));
  assert(htmlName && typName, `templates: ${names.join(', ')}`);
  const overrides = join(reports, 'templates');
  mkdirSync(overrides, { recursive: true });
  const html = readFileSync(join(builtin, htmlName), 'utf8');
  await arm(web, 'text', 'Override marker 7711');
  writeFileSync(join(overrides, htmlName), `<p>Override marker 7711</p>\n${html}`);
  await seen(web, 'the Tera override');
  const typ = readFileSync(join(builtin, typName), 'utf8');
  await arm(print, 'text', 'Override marker 7722');
  save.rename(join(overrides, typName), `${typ}\n\nOverride marker 7722\n`);
  await seen(print, 'the Typst override');
  await both(web, print, 'no-text', 'Override marker 77', () => rmSync(overrides, { recursive: true }));
});

await check('a hostile report serves no live script, in the page or the overlay', async () => {
  const hostile = original
    .replace(/^subject: .*$/m, 'subject: "<script>alert(1)</script><img src=x onerror=alert(2)>"')
    .replace(/^summary: .*$/m, 'summary: "[click](javascript:alert(3)) <iframe src=x></iframe> <a href=\\"javascript:alert(4)\\">x</a> Hostile 9191"');
  await both(web, print, 'text', 'Hostile 9191', () => save.inPlace(report, hostile));
  const files = [];
  for (const path of ['', 'print']) {
    const page = await (await fetch(url + path)).text();
    const name = join(work, `served-${path || 'web'}.html`);
    writeFileSync(name, page.replace('<script src="/_papers/live.js" defer></script>', ''));
    files.push(name);
  }
  // And an overlay whose messages quote hostile text.
  const broken = `${hostile}"<script>alert(5)</script>": <img src=x onerror=alert(6)>\n`;
  await both(web, print, 'overlay', 'script', () => save.inPlace(report, broken));
  const withOverlay = await (await fetch(url)).text();
  assert(withOverlay.includes('id="papers-overlay"'), 'no overlay for the hostile file');
  const name = join(work, 'served-overlay.html');
  writeFileSync(name, withOverlay.replace('<script src="/_papers/live.js" defer></script>', ''));
  files.push(name);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    assert(!/<script/i.test(text), `${f}: a script element`);
    assert(!/(href|src)="\s*javascript:/i.test(text), `${f}: a javascript: URL`);
  }
  if (process.env.HTML_DANGER) {
    const out = execFileSync('python3', [process.env.HTML_DANGER, ...files]).toString();
    assert(out.includes('RESULT: PASS'), out);
    console.log(`     html-danger.py: ${out.trim().split('\n').slice(-2).join('; ')}`);
  } else {
    console.log('     (HTML_DANGER unset: html-danger.py not run)');
  }
  await both(web, print, 'no-overlay', '', () => save.inPlace(report, original));
});

// Timing: one view open at a time, as an author watches one of them; the
// save styles rotate. The clock starts just before the write and stops in
// the page when the new text is in the DOM (and, in the print view, every
// page image has loaded).
const timings = { web: [], print: [] };
await web.close();
await print.close();
for (const [view, path] of [['web', '/'], ['print', '/print']]) {
  await check(`${view} view: save -> updated DOM over ${SAVES} saves`, async () => {
    const page = await open(path);
    for (let i = 0; i < SAVES; i += 1) {
      const needle = `Timed ${view} revision ${10000 + i}`;
      const style = styles[i % styles.length];
      await arm(page, 'text', needle);
      const t0 = performance.timeOrigin + performance.now();
      save[style](report, withSummary(needle));
      timings[view].push((await seen(page, needle)) - t0);
      await new Promise((r) => setTimeout(r, 150));
    }
    console.log(`     ${view} view ms: ${timings[view].map((x) => x.toFixed(0)).join(' ')}`);
    await page.close();
  });
}

await check('no console errors (CSP violations included) in either view', async () => {
  assert(consoleErrors.length === 0, consoleErrors.join('\n'));
});

await context.close();
const stopped = new Promise((done) => server.on('exit', (code, signal) => done({ code, signal })));
server.kill('SIGINT');
const exit = await Promise.race([stopped, new Promise((r) => setTimeout(() => r(null), TIMEOUT))]);
await check('Ctrl-C stops the server cleanly', async () => {
  assert(exit && exit.code === 0, `exit: ${JSON.stringify(exit)}\n${serverErr.slice(-2000)}`);
});
if (!exit) server.kill('SIGKILL');
rmSync(profile, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });

if (timings.web.length) {
  console.log(`median save -> DOM: web view ${median(timings.web).toFixed(0)} ms (target 200), print view ${median(timings.print).toFixed(0)} ms (target 500)`);
}
if (failed) console.log(`failed: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
