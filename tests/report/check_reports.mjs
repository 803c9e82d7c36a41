// Browser test of detente's HTML reports: opens each report in headless Debian Chromium (driven
// by playwright-core, no downloaded browser) with the network unreachable by policy, and checks
// that (1) the page logs no console error, throws no exception and requests nothing outside the
// file; (2) every chart rendered: each <figure class="chart"> holds an SVG whose data marks
// (Vega's role-mark groups) contain drawn items; (3) the sections the document promises exist.
// Saves a full-page screenshot of each report next to it.
//   node check_reports.mjs OUT_DIR REPORT.html[:section,section...] ...
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [outDir, ...reports] = process.argv.slice(2);
if (!outDir || reports.length === 0) {
  console.error('usage: node check_reports.mjs OUT_DIR REPORT.html[:section,...] ...');
  process.exit(2);
}

// A fresh, empty profile (playwright passes it as --user-data-dir).
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'detente-chromium-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1200, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

let passed = 0;
let failed = 0;
for (const spec of reports) {
  const [file, sectionList] = spec.split(':');
  const expected = sectionList ? sectionList.split(',') : [];
  const problems = [];
  const page = await browser.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push('console error: ' + msg.text()); });
  page.on('pageerror', (err) => problems.push('page error: ' + err.message));
  page.on('request', (req) => {
    if (!req.url().startsWith('file:') && !req.url().startsWith('data:') && !req.url().startsWith('blob:')) {
      problems.push('network request: ' + req.url());
    }
  });
  const url = pathToFileURL(resolve(file)).href;
  await page.goto(url, { waitUntil: 'load' });
  try {
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-rendered'), null, { timeout: 30000 });
  } catch {
    problems.push('the charts did not finish rendering within 30 s');
  }
  const result = await page.evaluate(() => {
    const charts = [...document.querySelectorAll('figure.chart')].map((figure) => {
      const svg = figure.querySelector('svg');
      const marks = svg ? [...svg.querySelectorAll('g.role-mark')] : [];
      const items = marks.reduce((n, g) => n + g.querySelectorAll('path, line, rect, text, circle').length, 0);
      return { name: figure.getAttribute('data-chart'), svg: Boolean(svg), items: items,
        error: figure.querySelector('.error') ? figure.querySelector('.error').textContent : null };
    });
    return {
      rendered: Number(document.documentElement.getAttribute('data-rendered')),
      declared: Number(document.documentElement.getAttribute('data-charts')),
      sections: [...document.querySelectorAll('main > section')].map((s) => s.id),
      charts: charts,
      title: document.title,
    };
  });
  if (result.charts.length === 0) problems.push('no chart in the page');
  if (result.rendered !== result.charts.length || result.declared !== result.charts.length) {
    problems.push(`${result.rendered} of ${result.charts.length} charts rendered`);
  }
  for (const c of result.charts) {
    if (!c.svg) problems.push(`chart ${c.name}: no SVG`);
    else if (c.items === 0) problems.push(`chart ${c.name}: SVG without drawn marks`);
    if (c.error) problems.push(`chart ${c.name}: ${c.error}`);
  }
  for (const id of expected) {
    if (!result.sections.includes(id)) problems.push(`section "${id}" missing (found: ${result.sections.join(', ')})`);
  }
  const shot = join(outDir, basename(file).replace(/\.html$/, '') + '.png');
  await page.screenshot({ path: shot, fullPage: true });
  await page.close();
  const summary = `${file}: ${result.charts.length} charts (${result.charts.map((c) => `${c.name} ${c.items}`).join('; ')}); screenshot ${shot}`;
  if (problems.length === 0) {
    passed += 1;
    console.log('ok   ' + summary);
  } else {
    failed += 1;
    console.log('FAIL ' + summary);
    for (const p of problems) console.log('     ' + p);
  }
}
await browser.close();
console.log(`report browser test: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
