/**
 * Near-duplicate grouping of citizens' texts (a campaign pasted hundreds of times with small
 * edits), incremental as texts arrive. Pure, no I/O, no Node built-ins.
 *
 * Method: the text is normalised for Persian (Arabic letter forms, diacritics, tatweel, ZWNJ,
 * digit forms, case, punctuation and spacing all fold away), then cut into character 5-grams
 * ("shingles": a changed word moves only the few that overlap it). A 64-value MinHash signature
 * estimates the Jaccard similarity of two shingle sets; locality-sensitive hashing in 16 bands of
 * 4 finds the candidates of a new text in near-constant time, and the exact Jaccard of the
 * shingle sets decides (≥ GROUP_THRESHOLD). Measured on a generated campaign mixed with distinct
 * comments in bench/GROUPING.md.
 */
export const GROUP_THRESHOLD = 0.65;
const SHINGLE = 5;
const BANDS = 16;
const ROWS = 4;
const HASHES = BANDS * ROWS;

/** What two texts are compared on: no diacritics, one letter form, ASCII digits, no spacing. */
export function normalizeForMatching(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[\u064A\u0649]/g, '\u06CC') // ي ى → ی
      .replace(/\u0643/g, '\u06A9') // ك → ک
      .replace(/[\u0629]/g, '\u0647') // ة → ه
      .replace(/[\u0623\u0625\u0622\u0671]/g, '\u0627') // أ إ آ ٱ → ا
      // Tatweel, harakat, Quranic marks (combining marks, taken away one by one).
      .replace(/\u0640|[\u064B-\u065F]|\u0670|[\u06D6-\u06ED]/g, '')
      .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
      .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
      .toLowerCase()
      .replace(/[\p{P}\p{S}\p{Z}\s\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]+/gu, '')
  );
}

/** FNV-1a of a string, 32 bits. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The text's shingles as 32-bit hashes (a short text is one shingle). */
export function shingles(normalized: string): Set<number> {
  const out = new Set<number>();
  if (normalized.length <= SHINGLE) {
    if (normalized) out.add(fnv(normalized));
    return out;
  }
  for (let i = 0; i + SHINGLE <= normalized.length; i++) out.add(fnv(normalized.slice(i, i + SHINGLE)));
  return out;
}

export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (!a.size && !b.size) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let both = 0;
  for (const x of small) if (large.has(x)) both++;
  return both / (a.size + b.size - both);
}

// A fixed family of hash functions: murmur3's finaliser over the shingle xor a per-function seed.
const SEEDS = Array.from({ length: HASHES }, (_, i) => fnv(`nazar-minhash-${i}`));
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function minhash(set: ReadonlySet<number>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < HASHES; i++) {
      const h = mix(x, SEEDS[i]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let key = `${b}:`;
    for (let r = 0; r < ROWS; r++) key += `${sig[b * ROWS + r].toString(36)},`;
    keys.push(key);
  }
  return keys;
}

interface Member {
  id: string;
  group: string;
  shingles: Set<number>;
}

/** Per LSH bucket and group, the latest members kept to compare a new text with. */
const PER_BUCKET = 8;

/**
 * Groups texts as they are added. A text joins every group holding an earlier text similar enough
 * to it (among those that share an LSH band with it): one group, or several that it bridges, which
 * then merge under the oldest one's id. Else it starts a group named by its own id, so a group's id
 * is its first member's, stable across requests (and across a merge for the older group).
 * A bucket keeps, per group, only its latest few members: a campaign of thousands costs a new text
 * a bounded number of comparisons, and the members that share a band are the similar ones. An
 * empty text (after normalising) never groups.
 */
export class GroupIndex {
  private readonly members = new Map<string, Member>();
  private readonly buckets = new Map<string, Map<string, string[]>>();
  /** Groups merged into an older one (union-find): a later copy can bridge two groups. */
  private readonly parent = new Map<string, string>();
  /** When each group was started, so a merge keeps the oldest group's id. */
  private readonly started = new Map<string, number>();

  constructor(private readonly threshold = GROUP_THRESHOLD) {}

  has(id: string): boolean {
    return this.members.has(id);
  }

  get size(): number {
    return this.members.size;
  }

  private root(group: string): string {
    let g = group;
    while (this.parent.has(g)) g = this.parent.get(g)!;
    if (g !== group) this.parent.set(group, g);
    return g;
  }

  add(id: string, text: string): string {
    const known = this.members.get(id);
    if (known) return this.root(known.group);
    const set = shingles(normalizeForMatching(text));
    const keys = set.size ? bandKeys(minhash(set)) : [];
    const compared = new Set<string>();
    // Every group the text is similar enough to: it joins the oldest, and the others merge into it.
    const matched = new Set<string>();
    for (const key of keys) {
      for (const ids of this.buckets.get(key)?.values() ?? []) {
        for (const other of ids) {
          if (compared.has(other)) continue;
          compared.add(other);
          const member = this.members.get(other)!;
          if (jaccard(set, member.shingles) >= this.threshold) matched.add(this.root(member.group));
        }
      }
    }
    let groupId = id;
    if (matched.size) {
      groupId = [...matched].reduce((a, b) => (this.started.get(a)! <= this.started.get(b)! ? a : b));
      for (const g of matched) if (g !== groupId) this.parent.set(g, groupId);
    } else this.started.set(id, this.started.size);
    this.members.set(id, { id, group: groupId, shingles: set });
    for (const key of keys) {
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = new Map<string, string[]>();
        this.buckets.set(key, bucket);
      }
      const ids = bucket.get(groupId);
      if (!ids) bucket.set(groupId, [id]);
      else {
        ids.push(id);
        if (ids.length > PER_BUCKET) ids.shift();
      }
    }
    return groupId;
  }

  groupOf(id: string): string | undefined {
    const member = this.members.get(id);
    return member && this.root(member.group);
  }

  /** Every group: its id and member ids in the order they were added. */
  groups(): { id: string; members: string[] }[] {
    const byGroup = new Map<string, string[]>();
    for (const [id, member] of this.members) {
      const g = this.root(member.group);
      const list = byGroup.get(g);
      if (list) list.push(id);
      else byGroup.set(g, [id]);
    }
    return [...byGroup].map(([id, members]) => ({ id, members }));
  }
}

/**
 * Groups that never mix keys: a text is grouped only with texts of the same key. A consultation's
 * comments are keyed by stance, so one decision for a group (a disposition, a reply) never covers a
 * comment that supports a clause and one that opposes it in the same words.
 */
export class KeyedGroupIndex {
  private readonly byKey = new Map<string, GroupIndex>();
  private readonly keyOf = new Map<string, string>();

  has(id: string): boolean {
    return this.keyOf.has(id);
  }

  add(id: string, text: string, key = ''): string {
    let index = this.byKey.get(key);
    if (!index) this.byKey.set(key, (index = new GroupIndex()));
    this.keyOf.set(id, key);
    return index.add(id, text);
  }

  groupOf(id: string): string | undefined {
    const key = this.keyOf.get(id);
    return key === undefined ? undefined : this.byKey.get(key)!.groupOf(id);
  }

  /** Every group of every key: its id (its first member's, unique across keys) and member ids. */
  groups(): { id: string; members: string[] }[] {
    return [...this.byKey.values()].flatMap((index) => index.groups());
  }
}

/** Adds the comments the index has not seen: a comment's words and its proposed wording, within its stance. */
export function indexComments(
  index: KeyedGroupIndex,
  comments: Iterable<{ id: string; text: string; proposedText: string | null; stance: string }>,
): void {
  for (const c of comments) if (!index.has(c.id)) index.add(c.id, `${c.text} ${c.proposedText ?? ''}`, c.stance);
}
