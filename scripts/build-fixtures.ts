// Builds the static editor fixture pages used by the browser tests:
// tests/fixtures/pages/src/<name>.ts(x) -> tests/fixtures/pages/dist/<name>.{js,css,html},
// plus a self-hosted copy of TinyMCE in dist/tinymce/ and an index.html linking every page.
// Run: npx tsx scripts/build-fixtures.ts
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pagesDir = path.join(repoRoot, 'tests/fixtures/pages');
const srcDir = path.join(pagesDir, 'src');
const distDir = path.join(pagesDir, 'dist');
const tinymceDir = path.join(repoRoot, 'node_modules/tinymce');

// Only what TinyMCE loads at runtime with `base_url: '/tinymce'` and no plugins.
const TINYMCE_ASSETS = ['tinymce.min.js', 'license.md', 'icons', 'models', 'skins', 'themes'];

// An inline empty icon keeps Chromium from requesting /favicon.ico (a 404 in every console).
const FAVICON = '<link rel="icon" href="data:," />';

const DEFAULT_TEMPLATE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    {{favicon}}
    <title>{{name}} · Prompt Relay fixture</title>
    {{styles}}
  </head>
  <body>
    <main id="app"></main>
    {{script}}
  </body>
</html>
`;

async function listEntries(): Promise<string[]> {
  const files = await readdir(srcDir, { withFileTypes: true });
  return files
    .filter((f) => f.isFile() && /\.tsx?$/.test(f.name) && !f.name.endsWith('.d.ts'))
    .map((f) => f.name)
    .sort();
}

function pageName(entryFile: string): string {
  return entryFile.replace(/\.tsx?$/, '');
}

async function writePageHtml(name: string): Promise<void> {
  const custom = path.join(srcDir, `${name}.html`);
  const template = existsSync(custom) ? await readFile(custom, 'utf8') : DEFAULT_TEMPLATE;
  const styles = ['common.css', `${name}.css`]
    .filter((file) => existsSync(path.join(distDir, file)))
    .map((file) => `<link rel="stylesheet" href="./${file}" />`)
    .join('\n    ');
  const html = template
    .replaceAll('{{name}}', name)
    .replaceAll('{{favicon}}', FAVICON)
    .replaceAll('{{styles}}', styles)
    .replaceAll('{{script}}', `<script type="module" src="./${name}.js"></script>`);
  await writeFile(path.join(distDir, `${name}.html`), html);
}

async function writeIndex(names: string[]): Promise<void> {
  const items = names.map((n) => `      <li><a href="./${n}.html">${n}</a></li>`).join('\n');
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    ${FAVICON}
    <title>Prompt Relay fixture pages</title>
    <link rel="stylesheet" href="./common.css" />
  </head>
  <body>
    <h1>Prompt Relay fixture pages</h1>
    <ul>
${items}
    </ul>
  </body>
</html>
`;
  await writeFile(path.join(distDir, 'index.html'), html);
}

/** Builds every fixture page into dist/ (wiped first, so reruns are idempotent). */
export async function buildFixtures(): Promise<string> {
  const entries = await listEntries();
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });

  await Promise.all([
    build({
      entryPoints: entries.map((file) => path.join(srcDir, file)),
      outdir: distDir,
      entryNames: '[name]',
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      jsx: 'automatic',
      minify: false,
      sourcemap: false,
      logLevel: 'warning',
      // `global` is for fbjs (Draft.js), which still reads Node's global object.
      define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
      // Monaco imports its CSS from JS (bundled into <name>.css) and its icon font from the CSS.
      loader: { '.ttf': 'dataurl' },
    }),
    cp(path.join(srcDir, 'common.css'), path.join(distDir, 'common.css')),
    ...TINYMCE_ASSETS.map((asset) =>
      cp(path.join(tinymceDir, asset), path.join(distDir, 'tinymce', asset), { recursive: true }),
    ),
  ]);

  const names = entries.map(pageName);
  await Promise.all(names.map(writePageHtml));
  await writeIndex(names);
  return distDir;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const started = Date.now();
  buildFixtures().then(
    (dir) => console.log(`fixtures built in ${Date.now() - started} ms -> ${dir}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
