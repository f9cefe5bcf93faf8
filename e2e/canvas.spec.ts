// The rule canvas end to end: real mouse drags and keyboard moves in Chromium, against the real
// web server on the demo workspace of global-setup.ts, with totals checked against `studio preview`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { AudienceDefinition, GroupNode } from '../shared/audience/audience-types';
import { expect, test } from './support/studio-fixture';
import { ROOT } from './support/studio-server';

const SHOTS = path.join(ROOT, 'e2e', 'screenshots');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

async function openNewAudience(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('new-audience').click();
  const nameInput = page.getByTestId('audience-name');
  await expect(nameInput).toBeFocused();
  await page.keyboard.type(name);
  await expect(page.getByTestId('drop-root')).toBeVisible();
}

/** A real pointer drag: press, a first small move to pass the activation distance, then glide. */
async function drag(page: Page, from: Locator, to: { x: number; y: number }): Promise<void> {
  const b = (await from.boundingBox())!;
  const sx = b.x + Math.min(b.width / 2, 12);
  const sy = b.y + b.height / 2;
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  await page.mouse.move(sx + 8, sy + 8, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

async function handle(page: Page, id: string): Promise<Locator> {
  return page.getByTestId(`node-${id}`).locator('> .block-head .drag-handle');
}

/** A point near the top edge of a block's header: dropping there puts the block before it. */
async function before(page: Page, id: string): Promise<{ x: number; y: number }> {
  const b = (await page.getByTestId(`node-${id}`).locator('> .block-head').boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + 6 };
}

/** A point at the bottom of a group's drop area: the end of that group. */
async function endOf(page: Page, groupId: string): Promise<{ x: number; y: number }> {
  const b = (await page.getByTestId(`drop-${groupId}`).boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height - 5 };
}

/** The tree as drawn: each group's id -> its children's ids, read from the DOM. */
async function drawnTree(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const area of document.querySelectorAll<HTMLElement>('[data-testid^="drop-"]')) {
      const id = area.dataset.testid!.slice('drop-'.length);
      out[id] = [...area.querySelectorAll<HTMLElement>('[data-node-id]')]
        .filter((el) => el.parentElement?.closest('[data-testid^="drop-"]') === area)
        .map((el) => el.dataset.nodeId!);
    }
    return out;
  });
}

/** The total once the preview of the current definition has arrived. */
async function settledSize(page: Page): Promise<number> {
  const fresh = page.locator('[role="status"][aria-busy="false"] [data-testid="audience-size"]');
  await expect(fresh).toHaveText(/^\d[\d,]*$/);
  return Number((await fresh.textContent())!.replace(/,/g, ''));
}

async function exportDefinition(page: Page): Promise<AudienceDefinition> {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-audience').click();
  const file = await (await download).path();
  return JSON.parse(readFileSync(file, 'utf8')) as AudienceDefinition;
}

function cliPreview(
  dbPath: string,
  def: AudienceDefinition,
): { size: number; nodes: Record<string, number> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'as-canvas-'));
  try {
    const file = path.join(dir, `${def.id}.audience.json`);
    writeFileSync(file, JSON.stringify(def));
    const r = spawnSync(
      process.execPath,
      [TSX, 'main/cli/studio.ts', 'preview', '--db', dbPath, file, '--json'],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    if (r.status !== 0) throw new Error(`studio preview failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout) as { size: number; nodes: Record<string, number> };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.describe('rule canvas', () => {
  test('builds the seed example with mouse drags; the total equals studio preview', async ({
    page,
    studio,
  }) => {
    const started = Date.now();
    await openNewAudience(page, studio.url, 'New users with little engagement');
    // A new audience is a starting point, not an error: an invitation and a neutral total.
    await expect(page.getByTestId('canvas-empty-start')).toContainText('Start by dragging');
    await expect(page.getByTestId('audience-size-status')).toHaveText(
      /Add a block to start counting/,
    );
    await expect(page.locator('.block-problems')).toHaveCount(0);
    await page.getByTestId('audience-name').blur(); // the name as it reads once typed in
    await page.screenshot({ path: path.join(SHOTS, 'canvas-empty.png') });

    await drag(page, page.getByTestId('palette-event'), await endOf(page, 'root'));
    await expect(page.getByTestId('node-event-1')).toBeVisible();
    await drag(page, page.getByTestId('palette-event'), await endOf(page, 'root'));
    await expect(page.getByTestId('node-event-2')).toBeVisible();

    await page.getByTestId('edit-event-1-event').selectOption('install');
    await page.getByTestId('node-event-1').getByRole('button', { name: '72 hours' }).click();
    await page.getByTestId('edit-event-2-event').selectOption('session_start');
    await page.getByTestId('edit-event-2-count-op').selectOption('<');
    await page.getByTestId('edit-event-2-count-value').fill('3');
    await expect(page.getByTestId('node-event-2')).toContainText(
      'Did session_start fewer than 3 times, all time',
    );
    await expect(page.getByTestId('node-event-1')).toContainText(
      'Did install, in the last 72 hours',
    );
    const size = await settledSize(page);
    // The promise: a first-time user gets there in under a minute.
    expect(Date.now() - started).toBeLessThan(60_000);
    await page.screenshot({ path: path.join(SHOTS, 'canvas-seed-example.png') });

    const def = await exportDefinition(page);
    expect(def.id).toMatch(/^new-users-with-little-engagement/);
    expect(def.root.children).toEqual([
      { type: 'event', id: 'event-1', event: 'install', window: { last: 72, unit: 'hour' } },
      {
        type: 'event',
        id: 'event-2',
        event: 'session_start',
        window: 'all',
        count: { op: '<', value: 3 },
      },
    ]);
    const cli = cliPreview(studio.dbPath, def);
    expect(size).toBe(cli.size);
    expect(size).toBeGreaterThan(0);
    for (const id of ['root', 'event-1', 'event-2']) {
      await expect(page.getByTestId(`node-count-${id}`)).toHaveText(
        cli.nodes[id]!.toLocaleString('en-US'),
      );
    }
    // A new audience takes its id from its name; autosaved under it, with the size in the list.
    await expect(page.getByTestId(`audience-${def.id}`)).toBeVisible();
    await expect(page.getByTestId('save-status')).toHaveText('Saved');
    await expect(page.getByTestId(`audience-${def.id}`)).toContainText(
      size.toLocaleString('en-US'),
    );
  });

  test('reorders, nests, moves a group, refuses a group into itself, undoes and redoes', async ({
    page,
    studio,
  }) => {
    await openNewAudience(page, studio.url, 'Moves');
    for (const kind of ['event', 'attribute', 'group', 'group'] as const) {
      await page.getByTestId(`palette-${kind}`).click();
    }
    expect((await drawnTree(page)).root).toEqual(['event-1', 'attr-1', 'group-1', 'group-2']);

    // Reorder: the attribute before the event, with the drop line caught mid-drag.
    const grip = (await (await handle(page, 'attr-1')).boundingBox())!;
    const target = await before(page, 'event-1');
    await page.mouse.move(grip.x + 8, grip.y + 8);
    await page.mouse.down();
    await page.mouse.move(grip.x + 16, grip.y + 16, { steps: 2 });
    await page.mouse.move(target.x, target.y, { steps: 12 });
    await expect(page.getByTestId('node-event-1')).toHaveClass(/drop-before/);
    await expect(page.getByTestId('drop-root')).toHaveClass(/targeted/);
    await page.screenshot({ path: path.join(SHOTS, 'canvas-dragging.png') });
    await page.mouse.up();
    await expect(page.locator('.drop-before')).toHaveCount(0);
    expect((await drawnTree(page)).root).toEqual(['attr-1', 'event-1', 'group-1', 'group-2']);

    // Nest: the event into the first group, then the second group (a whole group) into it too.
    await drag(page, await handle(page, 'event-1'), await endOf(page, 'group-1'));
    await drag(page, await handle(page, 'group-2'), await endOf(page, 'group-1'));
    let tree = await drawnTree(page);
    expect(tree.root).toEqual(['attr-1', 'group-1']);
    expect(tree['group-1']).toEqual(['event-1', 'group-2']);

    // Move the event into the inner group, then the outer group (with everything) before attr-1.
    await drag(page, await handle(page, 'event-1'), await endOf(page, 'group-2'));
    await drag(page, await handle(page, 'group-1'), await before(page, 'attr-1'));
    tree = await drawnTree(page);
    expect(tree.root).toEqual(['group-1', 'attr-1']);
    expect(tree['group-1']).toEqual(['group-2']);
    expect(tree['group-2']).toEqual(['event-1']);

    // A group dropped into itself (its own area, or a descendant's) changes nothing.
    const hold = await drawnTree(page);
    await drag(page, await handle(page, 'group-1'), await endOf(page, 'group-2'));
    expect(await drawnTree(page)).toEqual(hold);

    // Undo walks back through the moves; redo replays them.
    await page.keyboard.press('Control+z');
    tree = await drawnTree(page);
    expect(tree.root).toEqual(['attr-1', 'group-1']);
    await page.keyboard.press('Control+z');
    expect((await drawnTree(page))['group-1']).toEqual(['event-1', 'group-2']);
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    expect(await drawnTree(page)).toEqual(hold);
    await page.getByTestId('node-group-1').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'canvas-nested.png') });
  });

  test('builds an audience with the keyboard only', async ({ page, studio }) => {
    await openNewAudience(page, studio.url, 'Keyboard built');
    const tabTo = async (testId: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const at = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
        if (at === testId) return;
      }
      throw new Error(`Tab never reached ${testId}`);
    };
    // Enter on a palette block adds it to the selected group and focuses its first field.
    await tabTo('palette-event');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('edit-event-1-event')).toBeFocused();
    await page.keyboard.type('install');
    await tabTo('palette-event');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('edit-event-2-event')).toBeFocused();
    await page.keyboard.type('session_start');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('edit-event-2-count-op')).toBeFocused();
    await page.keyboard.type('fewer');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('3');
    await expect(page.getByTestId('node-event-2')).toContainText(
      'Did session_start fewer than 3 times, all time',
    );

    // A keyboard drag with dnd-kit's KeyboardSensor: Space, arrows, Space.
    await page.getByTestId('node-event-2').locator('.drag-handle').focus();
    await page.keyboard.press('Space');
    // Each arrow press jumps one drop position; pressing past the top stays at the top.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Space');
    expect((await drawnTree(page)).root).toEqual(['event-2', 'event-1']);
    await expect(page.locator('[id^="DndLiveRegion"]')).toContainText(/Dropped into the All of/);

    // And the button path: Move down, announced to screen readers.
    await page.getByRole('button', { name: /^Move down: Did session_start/ }).focus();
    await page.keyboard.press('Enter');
    expect((await drawnTree(page)).root).toEqual(['event-1', 'event-2']);
    await expect(page.getByTestId('announcer')).toContainText('Moved down');
    expect(await settledSize(page)).toBeGreaterThan(0);

    // A group added from the palette waits for its first block: a hint, not a red error.
    await tabTo('palette-group');
    await page.keyboard.press('Enter');
    const group = page.locator('.block-group').last();
    await expect(group).toHaveClass(/waiting/);
    await expect(group).not.toHaveClass(/invalid/);
    await expect(group).toContainText('This group is empty: drag a block here from the palette');
    await expect(group.getByRole('alert')).toHaveCount(0);
    await page.screenshot({ path: path.join(SHOTS, 'canvas-empty-group.png') });
  });

  test('an invalid block shows the validator message and the total says why', async ({
    page,
    studio,
  }) => {
    // The narrowest comfortable window: the top bar is at its fullest when a count is missing.
    await page.setViewportSize({ width: 1280, height: 800 });
    await openNewAudience(page, studio.url, 'Invalid on purpose');
    await page.getByTestId('palette-event').click();
    await settledSize(page);
    await page.getByTestId('palette-group').click();
    // An empty group is work in progress: its drop area says what to do, the total says why
    // nothing is counted yet.
    const group = page.getByTestId('node-group-1');
    await expect(group).toHaveClass(/waiting/);
    await expect(group).toContainText('This group is empty');
    await expect(group.locator('.block-problems')).toHaveCount(0);
    await expect(page.getByTestId('audience-size-why')).toContainText('One block needs attention');
    await expect(page.getByTestId('audience-size')).toHaveCount(0);
    await expect(page.getByTestId('node-count-group-1')).toHaveText('—');
    // Nothing in the top bar is pushed out of the window, and the reason keeps to two lines.
    const bar = await page.locator('.topbar').evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
      why: el.querySelector('.size-why')!.getBoundingClientRect().height,
      line: parseFloat(getComputedStyle(el.querySelector('.size-why')!).lineHeight),
    }));
    expect(bar.scroll).toBeLessThanOrEqual(bar.client);
    expect(bar.why).toBeLessThanOrEqual(2 * bar.line + 1);
    await page.getByTestId('audience-name').blur();
    await page.screenshot({ path: path.join(SHOTS, 'canvas-invalid.png') });
    // Not dropped, not saved: it stays a draft on this computer until fixed.
    await expect(page.getByTestId('save-status')).toHaveText('Draft');
    await page.getByTestId('edit-event-1-count-op').selectOption('<');
    await page.getByTestId('edit-event-1-count-value').fill('');
    await expect(page.getByTestId('node-event-1').locator('.block-problems')).toBeVisible();
    await page.getByRole('button', { name: /^Delete: All of/ }).click();
    await page.getByTestId('edit-event-1-count-value').fill('2');
    expect(await settledSize(page)).toBeGreaterThan(0);
    await expect(page.getByTestId('save-status')).toHaveText('Saved');

    // Emptied after it was saved with a block: the root's own problem is shown, never dropped.
    await page.getByRole('button', { name: /^Delete: Did screen_view/ }).click();
    await expect(page.getByTestId('node-root').locator('> .block-problems')).toContainText(
      /empty group/,
    );
    await expect(page.getByTestId('canvas-empty-start')).toHaveCount(0);
    await expect(page.getByTestId('audience-size-why')).toContainText('One block needs attention');
    await expect(page.getByTestId('save-status')).toHaveText('Draft');
  });

  test('exports a file and imports it back; members and their explanation', async ({
    page,
    studio,
  }) => {
    await openNewAudience(page, studio.url, 'Round trip');
    await page.getByTestId('palette-event').click();
    await page.getByTestId('palette-identity').click();
    const size = await settledSize(page);
    const exported = await exportDefinition(page);
    expect(exported.name).toBe('Round trip');

    const dir = mkdtempSync(path.join(tmpdir(), 'as-canvas-'));
    try {
      const file = path.join(dir, 'round-trip.audience.json');
      writeFileSync(file, JSON.stringify(exported, null, 2));
      await page.getByTestId('import-input').setInputFiles(file);
      // The page reads the file asynchronously: keep it until the import is done.
      await expect(page.getByTestId('notice')).toContainText('Imported round-trip.audience.json');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(page.getByTestId('audience-name')).toHaveValue('Round trip');
    expect(await settledSize(page)).toBe(size);
    const imported = await exportDefinition(page);
    expect(imported.id).not.toBe(exported.id);
    expect(imported.root).toEqual(exported.root as GroupNode);
    await expect(page.getByTestId('save-status')).toHaveText('Saved');
    await expect(page.getByTestId(`audience-${imported.id}`)).toBeVisible();

    await page.getByTestId('tab-members').click();
    const first = page.locator('[data-testid^="member-"]').first();
    await first.click();
    await expect(page.getByTestId('explain-root')).toBeVisible();
    await expect(page.getByTestId('explain-root')).toContainText('✓');
    await expect(page.getByTestId('member-facts')).not.toBeEmpty();
    // Columns out of view to the right are announced, until the table is scrolled to its end.
    await expect(page.getByTestId('members-more-columns')).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, 'canvas-members.png') });
    await page.getByTestId('members-scroll').evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await expect(page.getByTestId('members-more-columns')).toHaveCount(0);

    // The whole list as CSV: a header, then one row per member.
    const total = Number(
      (await page.locator('.members-bar strong').textContent())!.replace(/,/g, ''),
    );
    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const csv = readFileSync((await (await csvDownload).path())!, 'utf8')
      .trimEnd()
      .split('\n');
    expect(csv[0]).toMatch(/^profile,/);
    expect(csv.length - 1).toBe(total);
    expect(total).toBe(size);

    // Duplicate, then delete the copy after confirming.
    await page.getByTestId(`audience-menu-${imported.id}`).click();
    await page.getByRole('menuitem', { name: 'Duplicate' }).click();
    await expect(page.getByTestId('audience-name')).toHaveValue('Round trip (copy)');
    await expect(page.getByTestId('save-status')).toHaveText('Saved');
    const copyId = (await exportDefinition(page)).id;
    await page.getByTestId(`audience-menu-${copyId}`).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('Delete "Round trip (copy)"?');
    await page.getByTestId('confirm-delete').click();
    await expect(page.getByTestId(`audience-${copyId}`)).toHaveCount(0);
    await expect(page.getByTestId(`audience-${imported.id}`)).toBeVisible();

    // Rename in place from the list: the open audience through its editor, another one directly.
    await page.getByTestId(`audience-${exported.id}`).locator('.audience-open').click();
    await expect(page.getByTestId('audience-name')).toHaveValue('Round trip');
    for (const [id, name] of [
      [imported.id, 'Round trip, imported'],
      [exported.id, 'Round trip, original'],
    ] as const) {
      await page.getByTestId(`audience-menu-${id}`).click();
      await page.getByRole('menuitem', { name: 'Rename' }).click();
      await page.getByTestId(`rename-${id}`).fill(name);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId(`audience-${id}`)).toContainText(name);
    }
    await expect(page.getByTestId('audience-name')).toHaveValue('Round trip, original');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('audience-name')).toHaveValue('Round trip');
    await page.keyboard.press('Control+Shift+z');
    await expect(page.getByTestId('audience-name')).toHaveValue('Round trip, original');

    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await page.getByTestId('tab-rules').click();
    await settledSize(page);
    await page.screenshot({ path: path.join(SHOTS, 'canvas-dark.png') });
  });

  test('no edit is lost when the page closes before the autosave', async ({ page, studio }) => {
    await openNewAudience(page, studio.url, 'Survives a crash');
    await page.getByTestId('palette-event').click();
    await page.getByTestId('edit-event-1-event').selectOption('purchase');
    await expect(page.getByTestId('save-status')).toHaveText('Saved');
    const id = (await page.getByTestId('audience-name').locator('..').textContent())!;
    expect(id).toContain('survives-a-crash');

    // An edit, then the page goes away at once (well inside the autosave delay): a crash.
    await page.getByTestId('edit-event-1-count-op').selectOption('>=');
    await page.getByTestId('edit-event-1-count-value').fill('2');
    await page.getByTestId('palette-group').click(); // an empty group: cannot be saved at all
    await page.reload();
    await page.getByTestId('audience-survives-a-crash').locator('.audience-open').click();
    await expect(page.getByTestId('notice')).toContainText('Restored edits');
    await expect(page.getByTestId('node-event-1')).toContainText(
      'Did purchase at least 2 times, all time',
    );
    await expect(page.getByTestId('node-group-1')).toBeVisible();
    await expect(page.getByTestId('save-status')).toHaveText('Draft');
  });
});
