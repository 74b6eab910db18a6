import type { FeedAudience, FeedItemType } from '../../contracts/events/webhooks';
import type { RecordedEvent } from '../../src/shared/eventStore';
import type { SqlTx, SqlValue } from '../db';
import { decoded } from '../decode';
import type { Projection } from '../projection';

/** The key of an audience in the feed tables: `agency:AG1`, `psp:SEP`. */
export const audienceKey = (a: FeedAudience) => `${a.kind}:${a.id}`;

/** One item as stored: what the feed and the webhooks send, less its `seq`. */
export interface StoredFeedItem {
  type: FeedItemType;
  position: number;
  occurredAt: string;
  data: Record<string, unknown>;
}

interface Fact {
  item: StoredFeedItem;
  audiences: FeedAudience[];
}

const audiencesOf = (agencyId: string | undefined, pspId: string | undefined) => [
  ...(agencyId ? [{ kind: 'agency' as const, id: agencyId }] : []),
  ...(pspId ? [{ kind: 'psp' as const, id: pspId }] : []),
];

/**
 * Feeds (خوراک رویداد): for every event an agency or a PSP should hear of, one row per audience
 * with that audience's next sequence number, so a feed page is one index range and a webhook's
 * progress is one number. An agency hears of its services' payments (recorded or flagged,
 * reversed, refunded, consumed), complaints naming it and its share of each closed settlement
 * batch; a PSP of the payments on the terminals registered to it. The folds keep which
 * terminal is whose and whose each payment is, so a correction finds its audiences even when
 * it was written without the payment's accounts (version 1). Webhook registrations are folded
 * here too, each remembering the feed's last item when it was registered: delivery starts after it.
 */
export function feedsProjection(): Projection {
  return {
    name: 'feeds',
    version: 1,
    eventTypes: [
      'TerminalRegistered',
      'PaymentRecorded',
      'PaymentReversed',
      'PaymentRefunded',
      'PaymentConsumed',
      'ComplaintFiled',
      'SettlementBatchClosed',
      'WebhookRegistered',
      'WebhookRemoved',
    ],
    tables: ['terminals', 'payments', 'audiences', 'items', 'webhooks'],
    schema: (p) => [
      `CREATE TABLE ${p}_terminals (terminal_id TEXT PRIMARY KEY, psp_id TEXT NOT NULL)`,
      `CREATE TABLE ${p}_payments (payment_id TEXT PRIMARY KEY, agency_id TEXT, psp_id TEXT)`,
      `CREATE TABLE ${p}_audiences (audience TEXT PRIMARY KEY, last_seq BIGINT NOT NULL)`,
      `CREATE TABLE ${p}_items (
         audience TEXT NOT NULL, seq BIGINT NOT NULL, position BIGINT NOT NULL, type TEXT NOT NULL,
         body TEXT NOT NULL, PRIMARY KEY (audience, seq))`,
      `CREATE TABLE ${p}_webhooks (
         hook_key TEXT PRIMARY KEY, audience TEXT NOT NULL, webhook_id TEXT NOT NULL, url TEXT NOT NULL,
         event_types TEXT NOT NULL, secret TEXT NOT NULL, registered_at TEXT NOT NULL,
         generation BIGINT NOT NULL, start_seq BIGINT NOT NULL, active INTEGER NOT NULL)`,
      `CREATE INDEX ${p}_webhooks_by_audience ON ${p}_webhooks (audience, webhook_id)`,
    ],
    async applyBatch(tx, events, p) {
      const fold = batchFold(tx, p);
      for (const e of events) await fold(e);
      await fold.flush();
    },
  };
}

function batchFold(tx: SqlTx, p: string) {
  const seqs = new Map<string, number>();
  const terminals = new Map<string, string | null>();
  const payments = new Map<string, { agencyId?: string; pspId?: string } | null>();
  const items: SqlValue[][] = [];
  const paymentRows: SqlValue[][] = [];

  async function lastSeq(audience: string): Promise<number> {
    const known = seqs.get(audience);
    if (known !== undefined) return known;
    const rows = await tx.all<{ last_seq: unknown }>(
      `SELECT last_seq FROM ${p}_audiences WHERE audience = ?`,
      [audience],
    );
    const seq = rows[0] ? Number(rows[0].last_seq) : 0;
    seqs.set(audience, seq);
    return seq;
  }
  async function pspOfTerminal(terminalId: string): Promise<string | undefined> {
    if (!terminals.has(terminalId)) {
      const rows = await tx.all<{ psp_id: string }>(
        `SELECT psp_id FROM ${p}_terminals WHERE terminal_id = ?`,
        [terminalId],
      );
      terminals.set(terminalId, rows[0]?.psp_id ?? null);
    }
    return terminals.get(terminalId) ?? undefined;
  }
  async function paymentOwners(paymentId: string) {
    if (!payments.has(paymentId)) {
      const rows = await tx.all<{ agency_id: string | null; psp_id: string | null }>(
        `SELECT agency_id, psp_id FROM ${p}_payments WHERE payment_id = ?`,
        [paymentId],
      );
      const r = rows[0];
      payments.set(
        paymentId,
        r
          ? {
              ...(r.agency_id ? { agencyId: r.agency_id } : {}),
              ...(r.psp_id ? { pspId: r.psp_id } : {}),
            }
          : null,
      );
    }
    return payments.get(paymentId) ?? undefined;
  }
  async function emit(fact: Fact): Promise<void> {
    for (const a of fact.audiences) {
      const key = audienceKey(a);
      const seq = (await lastSeq(key)) + 1;
      seqs.set(key, seq);
      items.push([key, seq, fact.item.position, fact.item.type, JSON.stringify(fact.item)]);
    }
  }

  async function fold(e: RecordedEvent): Promise<void> {
    const d = decoded(e);
    const raw = e.data as Record<string, unknown>;
    const item = (type: FeedItemType, occurredAt: string, data: Record<string, unknown>) => ({
      type,
      position: e.position,
      occurredAt,
      data,
    });
    switch (d?.type ?? e.type) {
      case 'TerminalRegistered': {
        if (d?.type !== 'TerminalRegistered' || !d.data.pspId) return;
        terminals.set(d.data.terminalId, d.data.pspId);
        await tx.run(
          `INSERT INTO ${p}_terminals VALUES (?, ?) ON CONFLICT (terminal_id) DO UPDATE SET psp_id = excluded.psp_id`,
          [d.data.terminalId, d.data.pspId],
        );
        return;
      }
      case 'PaymentRecorded': {
        if (d?.type !== 'PaymentRecorded') return;
        const r = d.data;
        const pspId = await pspOfTerminal(r.terminalId);
        payments.set(r.paymentId, {
          ...(r.agencyId ? { agencyId: r.agencyId } : {}),
          ...(pspId ? { pspId } : {}),
        });
        paymentRows.push([r.paymentId, r.agencyId ?? null, pspId ?? null]);
        return emit({
          audiences: audiencesOf(r.agencyId, pspId),
          item: item(
            r.status === 'flagged' ? 'payment.flagged' : 'payment.recorded',
            r.receivedAt,
            {
              paymentId: r.paymentId,
              terminalId: r.terminalId,
              officeId: r.officeId,
              serviceCode: r.serviceCode,
              rrn: r.rrn,
              amount: r.amount,
              transactionTime: r.transactionTime,
              status: r.status,
              violations: r.violations.map((v) => v.type),
            },
          ),
        });
      }
      case 'PaymentReversed':
      case 'PaymentRefunded':
      case 'PaymentConsumed': {
        const paymentId = typeof raw.paymentId === 'string' ? raw.paymentId : undefined;
        if (!paymentId) return;
        const owners = await paymentOwners(paymentId);
        if (!owners) return;
        const audiences = audiencesOf(owners.agencyId, owners.pspId);
        if (e.type === 'PaymentReversed')
          return emit({
            audiences,
            item: item('payment.reversed', String(raw.reversedAt), {
              paymentId,
              amount: raw.amount,
              ...(typeof raw.reason === 'string' ? { reason: raw.reason } : {}),
            }),
          });
        if (e.type === 'PaymentRefunded')
          return emit({
            audiences,
            item: item('payment.refunded', String(raw.refundedAt), {
              paymentId,
              refundId: raw.refundId,
              amount: raw.amount,
              reason: raw.reason,
              byRole: raw.byRole,
            }),
          });
        return emit({
          audiences,
          item: item('payment.consumed', String(raw.consumedAt), {
            paymentId,
            deliveryReference: raw.deliveryReference,
            amount: raw.amount,
          }),
        });
      }
      case 'ComplaintFiled': {
        if (d?.type !== 'ComplaintFiled') return;
        const c = d.data;
        return emit({
          audiences: [...new Set(c.parties.agencyIds)].map((id) => ({ kind: 'agency', id })),
          item: item('complaint.filed', c.filedAt, {
            complaintId: c.complaintId,
            kind: c.kind,
            topic: c.topic,
            ...(c.parties.officeId ? { officeId: c.parties.officeId } : {}),
            dueBy: c.dueBy,
          }),
        });
      }
      case 'SettlementBatchClosed': {
        if (d?.type !== 'SettlementBatchClosed') return;
        const b = d.data;
        const byAgency = new Map<string, { amount: bigint; payments: number }>();
        for (const i of b.instructions) {
          if (i.kind !== 'agency') continue;
          const t = byAgency.get(i.beneficiaryId) ?? { amount: 0n, payments: 0 };
          byAgency.set(i.beneficiaryId, {
            amount: t.amount + BigInt(i.amount),
            payments: t.payments + i.payments,
          });
        }
        for (const [agencyId, t] of [...byAgency].sort(([a], [b]) => (a < b ? -1 : 1)))
          await emit({
            audiences: [{ kind: 'agency', id: agencyId }],
            item: item('settlement.closed', b.closedAt, {
              batchId: b.batchId,
              day: b.day,
              amount: t.amount.toString(),
              payments: t.payments,
            }),
          });
        return;
      }
      case 'WebhookRegistered': {
        if (d?.type !== 'WebhookRegistered') return;
        const w = d.data;
        const audience = audienceKey(w.audience);
        await tx.run(
          `INSERT INTO ${p}_webhooks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
           ON CONFLICT (hook_key) DO UPDATE SET url = excluded.url, event_types = excluded.event_types,
             secret = excluded.secret, registered_at = excluded.registered_at,
             generation = excluded.generation, start_seq = excluded.start_seq, active = 1`,
          [
            `${audience}/${w.webhookId}`,
            audience,
            w.webhookId,
            w.url,
            JSON.stringify(w.eventTypes),
            JSON.stringify(w.secret),
            w.registeredAt,
            e.position,
            await lastSeq(audience),
          ],
        );
        return;
      }
      case 'WebhookRemoved': {
        if (d?.type !== 'WebhookRemoved') return;
        await tx.run(`UPDATE ${p}_webhooks SET active = 0 WHERE hook_key = ?`, [
          `${audienceKey(d.data.audience)}/${d.data.webhookId}`,
        ]);
        return;
      }
    }
  }

  fold.flush = async () => {
    await tx.runMany(
      `INSERT INTO ${p}_payments VALUES (?, ?, ?) ON CONFLICT (payment_id) DO NOTHING`,
      paymentRows,
    );
    await tx.runMany(`INSERT INTO ${p}_items VALUES (?, ?, ?, ?, ?)`, items);
    await tx.runMany(
      `INSERT INTO ${p}_audiences VALUES (?, ?) ON CONFLICT (audience) DO UPDATE SET last_seq = excluded.last_seq`,
      [...seqs].map(([a, s]) => [a, s]),
    );
  };
  return fold;
}
