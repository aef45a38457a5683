// Renders every processes/*.bpmn to docs/diagrams/<name>.png with bpmn-js (from npm, no CDN) in
// Debian's Chromium, for the README: `npm run render:diagrams`.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from './chromium.mjs';

const processes = 'processes';
const out = path.join('docs', 'diagrams');
const bpmnJs = path.join('node_modules', 'bpmn-js', 'dist');
const margin = 20;

await mkdir(out, { recursive: true });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  await page.setContent('<html><body style="margin:0;background:#fff"><div id="canvas" style="width:100vw;height:100vh"></div></body></html>');
  await page.addStyleTag({ path: path.join(bpmnJs, 'assets', 'diagram-js.css') });
  await page.addStyleTag({ path: path.join(bpmnJs, 'assets', 'bpmn-js.css') });
  await page.addScriptTag({ path: path.join(bpmnJs, 'bpmn-viewer.production.min.js') });
  for (const file of (await readdir(processes)).filter((name) => name.endsWith('.bpmn')).sort()) {
    const xml = await readFile(path.join(processes, file), 'utf8');
    // lay the diagram out at its own size, one pixel per unit, then photograph it
    const size = await page.evaluate(async (diagram) => {
      window.viewer?.destroy();
      window.viewer = new BpmnJS({ container: '#canvas' });
      await window.viewer.importXML(diagram);
      const { inner } = window.viewer.get('canvas').viewbox();
      return { x: inner.x, y: inner.y, width: Math.ceil(inner.width), height: Math.ceil(inner.height) };
    }, xml);
    await page.setViewportSize({ width: size.width + 2 * margin, height: size.height + 2 * margin });
    await page.evaluate(({ x, y, width, height, margin }) => {
      window.viewer.get('canvas').viewbox({ x: x - margin, y: y - margin, width: width + 2 * margin, height: height + 2 * margin });
    }, { ...size, margin });
    const target = path.join(out, file.replace(/\.bpmn$/, '.png'));
    await page.screenshot({ path: target });
    console.log(`${file} -> ${target} (${size.width + 2 * margin}x${size.height + 2 * margin})`);
  }
} finally {
  await browser.close();
}
