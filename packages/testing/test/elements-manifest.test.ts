/**
 * The elements' generated descriptions are not stale: custom-elements.json (from the elements' JSDoc
 * and lit decorators), VS Code's custom data, the React and Vue types and docs/elements.md, all
 * regenerated here and compared with what is committed. And the manifest says what the contract
 * (design.md) promises: every public tag, the four nazar-* events with their detail types, the
 * --nazar-* custom properties.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { elementsOf, generate, PUBLIC_ELEMENTS, REPO_ROOT, type Manifest } from '../../elements/scripts/manifest.ts';

const REGENERATE = 'node --import tsx packages/elements/scripts/manifest.ts';

describe('custom-elements.json and what is generated from it', async () => {
  const files = await generate();

  for (const [path, expected] of Object.entries(files)) {
    it(`${path} is up to date (run: ${REGENERATE})`, () => {
      let actual = '';
      try {
        actual = readFileSync(join(REPO_ROOT, path), 'utf8');
      } catch {
        assert.fail(`${path} is missing: run  ${REGENERATE}`);
      }
      assert.ok(actual === expected, `${path} is stale: run  ${REGENERATE}`);
    });
  }

  const manifest = JSON.parse(files['packages/elements/custom-elements.json']) as Manifest;
  const elements = elementsOf(manifest);

  it('describes every public element, each registered by its own define module', () => {
    assert.deepEqual(
      elements.map((d) => d.tagName),
      [...PUBLIC_ELEMENTS],
    );
    for (const tag of PUBLIC_ELEMENTS) {
      const define = manifest.modules.find((m) => m.path === `src/${tag}/define.ts`);
      const definitions = (define?.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => e.name);
      assert.deepEqual(definitions, [tag], `src/${tag}/define.ts`);
    }
  });

  it('gives every element the nazar-* events with typed details, the --nazar-* properties, parts and attributes', () => {
    const props = elements[0].cssProperties?.map((p) => p.name) ?? [];
    assert.ok(props.length >= 14 && props.every((p) => p.startsWith('--nazar-')), props.join(' '));
    for (const d of elements) {
      const events = new Map((d.events ?? []).map((e) => [e.name, e.type?.text]));
      assert.equal(events.get('nazar-queued'), 'CustomEvent<NazarQueuedDetail>', `${d.tagName} nazar-queued`);
      assert.equal(events.get('nazar-delivered'), 'CustomEvent<NazarDeliveredDetail>', `${d.tagName} nazar-delivered`);
      assert.equal(events.get('nazar-rejected'), 'CustomEvent<NazarRejectedDetail>', `${d.tagName} nazar-rejected`);
      assert.equal(events.get('nazar-error'), 'CustomEvent<NazarErrorDetail>', `${d.tagName} nazar-error`);
      for (const e of d.events ?? []) assert.ok(e.name.startsWith('nazar-') && e.description, `${d.tagName} ${e.name}`);
      assert.deepEqual(
        d.cssProperties?.map((p) => p.name),
        props,
        `${d.tagName}: the same custom properties (base styles)`,
      );
      assert.ok(
        d.cssProperties?.every((p) => p.description && p.default),
        `${d.tagName}: every custom property described, with its default`,
      );
      assert.ok(d.cssParts?.some((p) => p.name === 'base') && d.cssParts.every((p) => p.description), `${d.tagName}: parts`);
      assert.ok(d.summary, `${d.tagName}: @summary`);
      const api = d.attributes?.find((a) => a.name === 'api');
      assert.equal(api?.fieldName, 'api', `${d.tagName}: api from the lit decorator of the base class`);
      for (const a of d.attributes ?? []) assert.ok(a.description && a.type?.text, `${d.tagName} [${a.name}] described and typed`);
      // Only the public surface: no private or protected members.
      for (const m of d.members ?? []) assert.equal(m.privacy ?? 'public', 'public', `${d.tagName}.${m.name}`);
    }
    const sf = elements.find((d) => d.tagName === 'service-feedback');
    assert.equal(sf?.attributes?.find((a) => a.name === 'summary')?.type?.text, 'boolean');
    const dc = elements.find((d) => d.tagName === 'draft-consultation');
    assert.ok(
      dc?.slots?.some((s) => s.name === ''),
      'draft-consultation: its default slot (the draft as the page publishes it)',
    );
  });
});
