const { chromium } = require('playwright-core');
(async () => {
  const [src, out, x, y, w, h] = process.argv.slice(2);
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--allow-file-access-from-files'] });
  const p = await b.newPage({ viewport: { width: Number(w), height: Number(h) } });
  const data = require('fs').readFileSync(src).toString('base64');
  await p.setContent(`<body style="margin:0"><img style="display:block;position:absolute;left:-${x}px;top:-${y}px" src="data:image/png;base64,${data}"></body>`);
  await p.waitForTimeout(300);
  await p.screenshot({ path: out });
  await b.close();
})();
