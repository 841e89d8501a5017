#!/usr/bin/env node
// reflow.mjs FILE.html... : WCAG 2.2 1.4.10 Reflow. Loads each page in
// Debian's headless Chromium at 320 CSS px wide and fails if the page
// scrolls sideways (a table may scroll inside its own region; the page
// may not). Prints the widest element that sticks out, to show why.
//
// playwright-core is loaded from $TOOLS_HOME/node_modules, as the checks in
// ../shared/tools do (their setup.sh installs it).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TOOLS_HOME = resolve(process.env.TOOLS_HOME
  || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'papers-check'));
if (!existsSync(join(TOOLS_HOME, 'node_modules', 'playwright-core'))) {
  console.error(`reflow: ${TOOLS_HOME}/node_modules/playwright-core missing (run setup.sh)`);
  process.exit(2);
}
const require = createRequire(join(TOOLS_HOME, 'package.json'));
const { chromium } = require('playwright-core');
const WIDTH = Number(process.env.REFLOW_WIDTH || 320);
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: reflow.mjs FILE.html...');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let failed = 0;
try {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 640 } });
  // Self-contained pages fetch nothing: refuse any request but the file.
  await page.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort());
  for (const file of files) {
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
    const result = await page.evaluate(() => {
      const doc = document.documentElement;
      const width = doc.clientWidth;
      let worst = null;
      for (const el of document.body.querySelectorAll('*')) {
        // Inside a scrolling region, overflow is the region's own.
        if (el.closest('.table-wrap') && !el.classList.contains('table-wrap')) continue;
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && (!worst || r.right > worst.right)) {
          worst = { right: Math.round(r.right), tag: el.tagName.toLowerCase(),
            cls: el.className && el.className.baseVal === undefined ? el.className : '' };
        }
      }
      return { scroll: doc.scrollWidth, width, worst };
    });
    const ok = result.scroll <= result.width;
    if (!ok) failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: page ${result.scroll} px wide at ${result.width} px` +
      (result.worst ? `; widest: <${result.worst.tag} class="${result.worst.cls}"> to ${result.worst.right} px` : ''));
  }
} finally {
  await browser.close();
}
console.log(failed ? `RESULT: FAIL (${failed} of ${files.length} pages scroll sideways at ${WIDTH} px)`
  : `RESULT: PASS (${files.length} pages reflow at ${WIDTH} px)`);
process.exit(failed ? 1 : 0);
