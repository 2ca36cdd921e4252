// The cluster page in Chromium lists the silos the membership table holds, with their status, and keeps refreshing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchChromium } from '../e2e/support.mjs';

const FRONTEND = (process.env.E2E_FRONTENDS ?? 'http://127.0.0.1:5093').split(',')[0];

test('the cluster page shows every silo with its status and a live heartbeat age', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${FRONTEND}/cluster.html`);
    await page.waitForFunction(() => document.getElementById('mode').textContent === 'cluster');
    const api = (await (await fetch(`${FRONTEND}/api/v1/cluster`)).json()).data;
    await page.waitForFunction((count) => document.querySelectorAll('#silos tr').length === count, api.silos.length);

    const rows = await page.$$eval('#silos tr', (trs) => trs.map((tr) => ({ id: tr.dataset.siloId, status: tr.cells[1].textContent })));
    assert.deepEqual(rows.map((r) => r.id).sort(), api.silos.map((s) => s.siloId).sort());
    for (const row of rows) {
      assert.equal(row.status, api.silos.find((s) => s.siloId === row.id).status);
    }
    assert.equal(await page.textContent('#active'), String(api.silos.filter((s) => s.status === 'active').length));
    const first = await page.textContent('#refreshed');
    await page.waitForFunction((before) => document.getElementById('refreshed').textContent !== before, first, { timeout: 5000 });
  } finally {
    await browser.close();
  }
});
