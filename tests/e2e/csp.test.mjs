// Every page of wwwroot under the server's Content-Security-Policy (script-src 'self', style-src 'self', no inline
// script, handler or style): Chromium opens each, anonymous and with an admin token, and any violation fails the test.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { ADMIN, BASE_URL, launchChromium } from './support.mjs';

const WWWROOT = fileURLToPath(new URL('../../src/FrontendHost/wwwroot/', import.meta.url));
const PAGES = readdirSync(WWWROOT).filter((name) => name.endsWith('.html')).sort();

let browser;
let adminToken;

before(async () => {
  browser = await launchChromium();
  const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN),
  });
  assert.equal(login.status, 200, 'the admin can log in');
  adminToken = (await login.json()).data.accessToken;
});

after(async () => {
  await browser?.close();
});

/** Opens `path` in a fresh context and returns the CSP violations it reported (DOM events and console messages). */
async function violationsOf(path, token = null) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const violations = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
    });
    // Scripts added through the DevTools protocol are not subject to the page's CSP, so the listener sees everything.
    await page.addInitScript((stored) => {
      if (stored) sessionStorage.setItem('orleansrides.token', stored);
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
      });
    }, token);
    const response = await page.goto(`${BASE_URL}${path}`, { waitUntil: 'networkidle' });
    assert.equal(response.status(), 200, `${path} is served`);
    assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/, `${path} carries the policy`);
    await page.waitForTimeout(300);
    violations.push(...(await page.evaluate(() => window.__cspViolations)));
    return { page, violations };
  } finally {
    // Read before closing: the caller only needs the list.
    setImmediate(() => context.close().catch(() => {}));
  }
}

test('the policy is enforced: an injected inline handler and style are refused and reported', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(event.violatedDirective));
  });
  await page.goto(`${BASE_URL}/index.html`, { waitUntil: 'networkidle' });
  await page.evaluate(() => {
    window.__ran = false;
    document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__ran = true"><p style="color:red">x</p>');
  });
  await page.waitForFunction(() => window.__cspViolations.length >= 2);
  assert.equal(await page.evaluate(() => window.__ran), false, 'the inline handler did not run');
  const directives = await page.evaluate(() => window.__cspViolations);
  assert.ok(directives.some((d) => d.startsWith('script-src')), `script-src reported: ${directives}`);
  assert.ok(directives.some((d) => d.startsWith('style-src')), `style-src reported: ${directives}`);
  await context.close();
});

for (const name of PAGES) {
  test(`${name} runs under the CSP with no violation, anonymous and signed in as admin`, async () => {
    for (const token of [null, adminToken]) {
      const { violations } = await violationsOf(`/${name}`, token);
      assert.deepEqual(violations, [], `${name} ${token ? 'as admin' : 'anonymous'}: ${violations.join('\n')}`);
    }
  });
}

test('errors, static files and the API carry the security headers too', async () => {
  for (const path of ['/app.css', '/js/common.js', '/api/v1/health/live', '/api/v1/no-such-thing', '/metrics']) {
    const response = await fetch(`${BASE_URL}${path}`);
    const headers = response.headers;
    assert.match(headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
    assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(headers.get('x-frame-options'), 'DENY', path);
    assert.equal(headers.get('referrer-policy'), 'strict-origin-when-cross-origin', path);
    assert.match(headers.get('permissions-policy') ?? '', /geolocation=\(self\)/, path);
  }
});
