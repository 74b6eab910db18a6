import { createHash, randomUUID } from 'node:crypto';
import { leafBytes, leafText, storedJson } from '../../../contracts/ledger/canonical';
import { eventTree } from '../../../contracts/ledger/dayTree';
import { auditPath, leafHash, rootOf, verifyInclusion } from '../../../contracts/ledger/merkle';
import type { RecordedEvent } from '../../../src/shared/eventStore';
import { eventType, paymentData, streamName } from '../lib/eventShape';
import { fastestPass } from '../lib/fastest';
import type { BenchGroup } from '../lib/group';
import { sealFromFile } from './ledgerSealFile';

const events = Number(process.env.BENCH_SEAL_EVENTS ?? 200_000);

/**
 * One day's log of payment-shaped events as the SQLite store hands them out: data and metadata
 * parsed from the canonical JSON the store wrote at append time, with those bytes beside them.
 */
function generatedDay(n: number): RecordedEvent[] {
  const at = Date.parse('2026-03-21T06:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const canonical = {
      data: storedJson(paymentData()),
      metadata: storedJson({ schemaVersion: 1 }),
    };
    return {
      stream: streamName(),
      revision: 0,
      position: i + 1,
      id: randomUUID(),
      type: eventType,
      data: JSON.parse(canonical.data) as unknown,
      metadata: JSON.parse(canonical.metadata) as Record<string, unknown>,
      recordedAt: new Date(at + i),
      canonical,
    };
  });
}

/** The same events without their stored bytes: rows written before, or a store keeping no text. */
const parsedOnly = (day: readonly RecordedEvent[]): RecordedEvent[] =>
  day.map(({ canonical: _, ...e }) => e);

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * `ledger.seal.per_s`: a day's seal computed from events in memory as the SQLite store hands
 * them out, as `eventTree` computes it for the sealer and `ledger verify` (each leaf's bytes
 * written from the stored canonical bytes into the hashing buffer, its RFC 6962 leaf hash, the
 * tree head folded as the leaves come), next to its floor `ledger.sha256.per_s`: `crypto`
 * SHA-256 alone over the same leaf bytes, in the same run; `ledger.seal.parsed.per_s`, the same
 * seal written from the parsed events (rows stored before the canonical bytes were kept); and
 * `ledger.seal.joined.per_s`, the seal as it was computed before (leaf text joined, every leaf
 * hash kept, the tree at the end). Reading the events from the store is not in these figures.
 * Beside them, where the parsed seal's time goes: writing the leaf text alone, native
 * `JSON.stringify` of the same events (unsorted: what no seal that writes its leaves from
 * objects can beat), and the tree over leaf hashes already made. Then one receipt's proof: its
 * size and verify time.
 */
export const ledgerSeal: BenchGroup = {
  name: 'ledger.seal',
  async run(ctx) {
    const day = generatedDay(events);
    const parsed = parsedOnly(day);
    const treeOf = (events: readonly RecordedEvent[]) => {
      const tree = eventTree();
      for (const e of events) tree.add(e);
      return tree.root();
    };
    const seal = () => treeOf(day);
    const sealParsed = () => treeOf(parsed);
    const sealJoined = () => rootOf(day.map((e) => leafHash(leafText(e))));
    const bytes = day.map(leafBytes);
    const expected = rootOf(bytes.map(leafHash));
    if (
      !expected.equals(sealParsed()) ||
      !expected.equals(seal()) ||
      !expected.equals(sealJoined())
    )
      throw new Error('the stored bytes gave another root than the parsed events');
    const hashOnly = () => {
      for (const b of bytes) createHash('sha256').update(b).digest();
    };
    const best = (work: () => unknown) => events / fastestPass(ctx.seconds, work);
    const leaves = bytes.map(leafHash);
    const leafTextOnly = () => {
      for (const e of parsed) leafText(e);
    };
    const stringifyOnly = () => {
      for (const e of parsed) JSON.stringify(e);
    };
    const treeOnly = () => rootOf(leaves);
    seal();
    hashOnly();
    const sealPerS = best(seal);
    const hashPerS = best(hashOnly);
    const sealParsedPerS = best(sealParsed);
    const sealJoinedPerS = best(sealJoined);
    const leafTextPerS = best(leafTextOnly);
    const stringifyPerS = best(stringifyOnly);
    const treePerS = best(treeOnly);

    const root = rootOf(leaves);
    const m = Math.floor(events / 3);
    const path = auditPath(m, 0, events, (i) => leaves[i]!);
    const rounds = 2000;
    const started = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++)
      if (!verifyInclusion(leafHash(bytes[m]!), m, events, path, root))
        throw new Error('a proof did not verify');
    const verifyMs = (seconds(started) * 1000) / rounds;
    const size = { leaf: bytes[m]!.length, path: path.length };
    ctx.log(`proof of one of ${events}: ${size.path} hashes, leaf ${size.leaf} bytes`);
    return {
      ...(await sealFromFile(ctx, events)),
      'ledger.sha256.per_s': {
        value: hashPerS,
        unit: '1/s',
        conditions: `node:crypto SHA-256 of each event's canonical bytes (~${Math.round(bytes.reduce((s, b) => s + b.length, 0) / events)} B), ${events} events, best pass of ${ctx.seconds} s`,
      },
      'ledger.seal.per_s': {
        value: sealPerS,
        unit: '1/s',
        floor: 'ledger.sha256.per_s',
        conditions: `each leaf's bytes written from the stored canonical bytes into the hashing buffer + leaf hash + RFC 6962 tree head folded as the leaves come, of one day of ${events} payment-shaped events in memory as the SQLite store hands them out (BENCH_SEAL_EVENTS), best pass of ${ctx.seconds} s; reading the log is not included`,
      },
      'ledger.seal.parsed.per_s': {
        value: sealParsedPerS,
        unit: '1/s',
        floor: 'ledger.sha256.per_s',
        conditions: `the same seal of the same ${events} events without their stored bytes (rows written before the store kept canonical JSON, or a store keeping no text): canonical JSON written from the parsed event, then hashed and folded as above; best pass of ${ctx.seconds} s`,
      },
      'ledger.seal.joined.per_s': {
        value: sealJoinedPerS,
        unit: '1/s',
        floor: 'ledger.sha256.per_s',
        conditions: `the same seal of the same ${events} events as it was computed before the tree head was built as leaves come: each leaf's text joined from the stored bytes, its hash kept, the tree over all ${events} leaf hashes at the end; best pass of ${ctx.seconds} s`,
      },
      'ledger.seal.leaf_text.per_s': {
        value: leafTextPerS,
        unit: '1/s',
        conditions: `the canonical JSON leaf text alone of the same ${events} events written from the parsed event, best pass of ${ctx.seconds} s`,
      },
      'ledger.seal.json.per_s': {
        value: stringifyPerS,
        unit: '1/s',
        conditions: `native JSON.stringify of the same ${events} events as they are (keys unsorted): the most any seal that writes its leaves from objects can reach, best pass of ${ctx.seconds} s`,
      },
      'ledger.seal.tree.per_s': {
        value: treePerS,
        unit: '1/s',
        conditions: `the RFC 6962 tree head alone over the ${events} leaf hashes already made (n − 1 node hashes), leaves per second, best pass of ${ctx.seconds} s`,
      },
      'ledger.proof.bytes': {
        value: size.leaf + 32 * size.path,
        unit: 'B',
        conditions: `one receipt's proof in a day of ${events} events: ${size.path} sibling hashes of 32 bytes and the ${size.leaf}-byte leaf (JSON and base64 add to it)`,
      },
      'ledger.proof.verify_ms': {
        value: verifyMs,
        unit: 'ms',
        conditions: `leaf hash + audit path of ${size.path} hashes checked against the root, mean of ${rounds}`,
      },
    };
  },
};
