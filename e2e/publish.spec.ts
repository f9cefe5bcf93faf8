// Publishing from the canvas (issue 6's "done when"): the seed audience to a stand-in Mailchimp shows
// the difference, sends it, and after new data is imported a second Publish sends only the change.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  startMailchimpStandIn,
  type MailchimpStandIn,
} from '../main/publish/stand-ins/mailchimp-stand-in';
import { seedAudience } from '../shared/audience/seed-audience';
import { expect, test, type StudioAddress } from './support/studio-fixture';
import { ROOT } from './support/studio-server';

const KEY = 'e2e-mailchimp-key-us10';
const SEED = {
  ...seedAudience(),
  id: 'e2e-seed-publish',
  name: 'New users with little engagement (publish)',
  kind: 'standard',
};

async function api<T>(studio: StudioAddress, channel: string, body: unknown): Promise<T> {
  const r = await fetch(`${studio.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${studio.token}` },
    body: JSON.stringify(body),
  });
  const result = (await r.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value;
}

/** One new user who installed an hour ago: imported by the real CLI into the server's workspace. */
function importNewUser(dbPath: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'as-e2e-publish-'));
  try {
    const file = path.join(dir, 'new-user.json');
    writeFileSync(
      file,
      JSON.stringify({
        mpid: '990000000000000001',
        user_identities: { email: 'e2e-new-user@example.com', customer_id: 'e2e-new-1' },
        events: [
          {
            event_type: 'application_state_transition',
            data: {
              timestamp_unixtime_ms: Date.now() - 3_600_000,
              application_transition_type: 'application_initialized',
              is_first_run: true,
            },
          },
        ],
      }),
    );
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        'main/cli/studio.ts',
        'import',
        '--db',
        dbPath,
        file,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openPublish(page: Page, studio: StudioAddress, badge?: string) {
  await page.goto(studio.url);
  await page.getByTestId(`audience-${SEED.id}`).click();
  if (badge) await expect(page.getByTestId('publish-standing-badge')).toHaveText(badge);
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('publish-dialog')).toBeVisible();
}

let mc: MailchimpStandIn;
test.beforeAll(async () => {
  mc = await startMailchimpStandIn(KEY, ['e2e-list']);
});
test.afterAll(async () => {
  await mc.close();
});

test('publishes the seed audience to Mailchimp from the canvas, then only the change', async ({
  page,
  studio,
}) => {
  await api(studio, 'audience-save', { definition: SEED });
  const { size } = await api<{ size: number }>(studio, 'audience-preview', { definition: SEED });
  expect(size).toBeGreaterThan(0);

  await openPublish(page, studio);
  // No connection yet: the manager is open. Add the stand-in Mailchimp; the key is typed once.
  await page.getByTestId('add-connection').click();
  await page.getByTestId('connection-name').fill('Newsletter');
  await page.getByTestId('connection-type').selectOption('mailchimp');
  await page.getByTestId('connection-field-listId').fill('e2e-list');
  await page.getByTestId('connection-field-baseUrl').fill(`${mc.url}/3.0`);
  await page.getByTestId('connection-secret').fill(KEY);
  await page.getByTestId('connection-save').click();
  await expect(page.getByTestId('connection-Newsletter')).toBeVisible();
  await page
    .getByTestId('connection-Newsletter')
    .getByRole('button', { name: 'Test connection' })
    .click();
  await expect(page.getByTestId('connection-note')).toContainText('connection OK');

  const diff = page.getByTestId('publish-diff');
  await expect(page.getByTestId('diff-joined')).toHaveText(/^\+[\d,]+ joined$/);
  const joined = Number((await page.getByTestId('diff-joined').innerText()).replace(/\D/g, ''));
  const skippedText = page.getByTestId('diff-skipped');
  const skipped = (await skippedText.count())
    ? Number((await skippedText.innerText()).split(' ')[0]!.replace(/\D/g, ''))
    : 0;
  // Everyone in the audience is either sent or counted as having no email.
  expect(joined + skipped).toBe(size);
  await expect(page.getByTestId('diff-left')).toHaveText('−0 left');
  await expect(diff).toContainText('Sent: email (trimmed, lowercased)');
  expect(joined).toBeGreaterThan(0);
  expect(mc.log.filter((r) => r.method === 'POST')).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/publish-diff.png' });

  await page.getByTestId('publish-send').click();
  await expect(page.getByTestId('publish-progress')).toContainText('Published: +', {
    timeout: 30_000,
  });
  expect(mc.segmentMembers(SEED.name).length).toBe(joined);
  await expect(page.getByTestId('publish-standing')).toContainText('In step since');
  await expect(page.getByTestId('publish-send')).toHaveText('In step');
  await page.getByTestId('publish-close').click();
  await expect(page.getByTestId('publish-standing-badge')).toHaveText('In step');

  importNewUser(studio.dbPath);
  mc.log.length = 0;
  await openPublish(page, studio, 'Newsletter drifted');
  await expect(page.getByTestId('publish-standing')).toContainText('Drifted: 1 joined and 0 left');
  await expect(page.getByTestId('diff-joined')).toHaveText('+1 joined');
  await expect(page.getByTestId('diff-unchanged')).toHaveText(
    `${joined.toLocaleString('en-US')} unchanged`,
  );
  await page.getByTestId('publish-send').click();
  await expect(page.getByTestId('publish-progress')).toContainText('Published: +1, −0', {
    timeout: 30_000,
  });
  const upserted = mc.log
    .filter((r) => r.method === 'POST' && r.path === '/3.0/lists/e2e-list')
    .flatMap((r) =>
      (r.json as { members: Array<{ email_address: string }> }).members.map((m) => m.email_address),
    );
  expect(upserted).toEqual(['e2e-new-user@example.com']);
  expect(mc.segmentMembers(SEED.name)).toContain('e2e-new-user@example.com');
  expect(mc.segmentMembers(SEED.name).length).toBe(joined + 1);
  await page.screenshot({ path: 'e2e/screenshots/publish-second.png' });
});
