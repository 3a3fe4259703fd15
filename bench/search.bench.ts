// Knowledge-base search latency at scale: 100k passages on PGlite (in memory) and 1M on PostgreSQL.
//
//   npx tsx bench/search.bench.ts                       # PGlite, 100k passages
//   npx tsx bench/search.bench.ts --pg postgres://postgres@127.0.0.1:5432/postgres --size 1000000
//   (or TEST_DATABASE_URL=… for the PostgreSQL run)
//
// The corpus is generated inside the database (one INSERT … SELECT over generate_series) from the
// vocabulary of eval/datasets/knowledge-base with a skewed (Zipf-like) word distribution, so common
// words are common and topic words rare, as in real municipal text. Queries are the 124 Danish
// questions of eval/datasets/retrieval-questions.jsonl, run through the repository's real search.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRepositories, type DatabaseHandle, openDatabase } from '@ekspedit/db';
import { sql } from 'drizzle-orm';
import pg from 'pg';

const { values } = parseArgs({ options: { pg: { type: 'string' }, size: { type: 'string' }, rounds: { type: 'string' } } });
const url = values.pg ?? process.env.TEST_DATABASE_URL ?? null;
const size = Number(values.size ?? (url ? 1_000_000 : 100_000));
const rounds = Number(values.rounds ?? 3);

const kbDir = 'eval/datasets/knowledge-base';
const vocabulary = [
  ...new Set(
    readdirSync(kbDir).flatMap(
      (f) =>
        readFileSync(`${kbDir}/${f}`, 'utf8')
          .toLowerCase()
          .match(/[a-zæøå]{3,}/g) ?? [],
    ),
  ),
];
const questions = readFileSync('eval/datasets/retrieval-questions.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { question: string }).question);

async function open(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (!url) {
    const handle = await openDatabase({ dataDir: null });
    await handle.migrate();
    return { handle, drop: async () => {} };
  }
  const name = `ekspedit_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: target.toString() });
  await handle.migrate();
  return {
    handle,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const { handle, drop } = await open();
const db = handle.db;
try {
  const t0 = performance.now();
  const sources = Math.ceil(size / 1000);
  await db.execute(
    sql`insert into knowledge_sources (kind, title, origin) select 'document', 'Kilde ' || g, 'bench-' || g from generate_series(1, ${sources}) g`,
  );
  // The index is dropped during the load and built once afterwards: far faster than row-by-row upkeep.
  await db.execute(sql`drop index if exists knowledge_chunks_search_idx`);
  // Words by rank: rank 1 is the most frequent; power(random(), 3) skews picks towards low ranks.
  await db.execute(
    sql`create temp table bench_words as select (ordinality)::int as i, w from unnest(${`{${vocabulary.join(',')}}`}::text[]) with ordinality as t(w)`,
  );
  await db.execute(sql`create index on bench_words (i)`);
  await db.execute(sql`create temp table bench_sources as select (row_number() over (order by id))::int - 1 as n, id from knowledge_sources`);
  const batch = 100_000;
  const v = vocabulary.length;
  for (let start = 0; start < size; start += batch) {
    const n = Math.min(batch, size - start);
    await db.execute(sql`
      insert into knowledge_chunks (source_id, ordinal, heading_path, text, char_start, char_end)
      select s.id, g.g, t.heading, t.body, 0, length(t.body)
      from generate_series(${start + 1}::int, ${start + n}::int) as g(g)
      join bench_sources s on s.n = g.g % ${sources}::int
      cross join lateral (
        select (select initcap(string_agg(w.w, ' › ')) from (select 1 + floor(power(random(), 2) * ${v}::int)::int as r from generate_series(1, 2) k where g.g > 0) x join bench_words w on w.i = x.r) as heading,
               (select string_agg(w.w, ' ') from (select 1 + floor(power(random(), 3) * ${v}::int)::int as r from generate_series(1, 50 + (g.g % 40)) k where g.g > 0) x join bench_words w on w.i = x.r) || '.' as body
      ) t`);
  }
  const loaded = performance.now();
  await db.execute(sql`create index knowledge_chunks_search_idx on knowledge_chunks using gin (to_tsvector('danish', heading_path || ' ' || text))`);
  await db.execute(sql`vacuum analyze knowledge_chunks`);
  await db.execute(sql`vacuum analyze knowledge_sources`);
  const indexed = performance.now();
  const repo = createRepositories(db).knowledge;
  // Warm-up: the first queries pay for loading index pages.
  for (const q of questions.slice(0, 10)) await repo.search({ text: q, limit: 10, today: '2026-05-01' });
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const s = performance.now();
      await repo.search({ text: q, limit: 10, today: '2026-05-01' });
      times.push(performance.now() - s);
    }
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
  const kind = url ? 'PostgreSQL' : 'PGlite';
  console.log(`${kind}: ${size.toLocaleString('en')} passages (${sources} sources), vocabulary ${vocabulary.length} words`);
  console.log(`load ${((loaded - t0) / 1000).toFixed(1)} s, GIN index + VACUUM ANALYZE ${((indexed - loaded) / 1000).toFixed(1)} s`);
  console.log(
    `search (top 10, tiered full-text, ${times.length} queries): p50 ${pct(50).toFixed(1)} ms  p95 ${pct(95).toFixed(1)} ms  p99 ${pct(99).toFixed(1)} ms  max ${pct(100).toFixed(1)} ms`,
  );
} finally {
  await handle.close();
  await drop();
}
