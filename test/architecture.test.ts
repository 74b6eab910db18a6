import { join } from 'node:path';
import {
  describeViolation,
  readSources,
  ruleText,
  specifiersOf,
  violations,
  type Rule,
  type Violation,
} from './support/imports';

/**
 * Imports that break a rule today and are being moved away; each must still exist (a fixed
 * one is taken off this list), so the list only shrinks.
 */
const knownViolations: ReadonlyArray<{ file: string; specifier: string; rule: Rule }> = [];

const key = (v: { file: string; specifier: string; rule: Rule }) =>
  `${v.file} → ${v.specifier} [${v.rule}]`;

describe('architecture: the import rules', () => {
  const files = readSources(join(__dirname, '..'));
  const found = violations(files);
  const known = new Set(knownViolations.map(key));

  it('reads the whole project', () => {
    for (const root of ['contracts/', 'projections/', 'src/', 'test/'])
      expect([...files.keys()].some((f) => f.startsWith(root))).toBe(true);
    expect(files.has('test/architecture.test.ts')).toBe(true);
  });

  it('no import breaks a rule, apart from the known ones being moved', () => {
    expect(found.filter((v) => !known.has(key(v))).map(describeViolation)).toEqual([]);
  });

  it('every known violation still exists (take a fixed one off the list)', () => {
    const present = new Set(found.map(key));
    expect(knownViolations.filter((k) => !present.has(key(k))).map(key)).toEqual([]);
  });
});

describe('architecture: the checker reports each kind of forbidden import', () => {
  const synthetic = (entries: Record<string, string>) => new Map(Object.entries(entries));
  const reported = (files: Map<string, string>) =>
    violations(files).map((v: Violation) => `${v.file} → ${v.target} [${v.rule}]`);

  it('finds static, re-export, type-only, dynamic and require imports', () => {
    expect(
      specifiersOf(`
        import { a } from './a';
        import type { B } from '../b';
        export { c } from './c';
        export * from './d';
        import e = require('./e');
        const f = await import('./f');
        const g = require('../g');
        import { z } from 'zod';
        import { readFileSync } from 'node:fs';
      `).sort(),
    ).toEqual(['../b', '../g', './a', './c', './d', './e', './f']);
  });

  it('contracts importing a slice, a projection or the chassis', () => {
    const files = synthetic({
      'contracts/x.ts': `import { a } from '../src/x/a';\nimport type { P } from '../projections/p';`,
      'contracts/y.ts': `export { money } from '../src/shared/money';\nimport { x } from './x';`,
      'src/x/a.ts': '',
      'src/shared/money.ts': '',
      'projections/p.ts': '',
    });
    expect(reported(files)).toEqual([
      'contracts/x.ts → src/x/a.ts [contracts-leaf]',
      'contracts/x.ts → projections/p.ts [contracts-leaf]',
      'contracts/y.ts → src/shared/money.ts [contracts-leaf]',
    ]);
  });

  it('a projection importing a slice, but not the chassis, config or contracts', () => {
    const files = synthetic({
      'projections/settlement/lines.ts': [
        `import type { PaymentRecorded } from '../../src/payments';`,
        `import { paymentStream } from '../../src/payments/payment';`,
        `import type { EventStore } from '../../src/shared/eventStore';`,
        `import type { Config } from '../../src/config';`,
        `import { decodeEvent } from '../../contracts/events';`,
        `const app = import('../../src/app');`,
      ].join('\n'),
      'src/payments/index.ts': '',
      'src/payments/payment.ts': '',
      'src/shared/eventStore/index.ts': '',
      'src/config.ts': '',
      'contracts/events/index.ts': '',
      'src/app.ts': '',
    });
    expect(reported(files)).toEqual([
      'projections/settlement/lines.ts → src/payments/index.ts [projections-downstream]',
      'projections/settlement/lines.ts → src/payments/payment.ts [projections-downstream]',
      'projections/settlement/lines.ts → src/app.ts [projections-downstream]',
    ]);
  });

  it("a slice (or a slice's test) reaching past another slice's index", () => {
    const files = synthetic({
      'src/offices/routes.ts': [
        `import { licenseRegistry } from '../licensing/registry';`,
        `import { statusAt } from '../licensing';`,
        `import { Exact } from '../shared/money';`,
        `import { officeStream } from './office';`,
      ].join('\n'),
      'src/payments/payment.test.ts': `const { quoteStream } = require('../tariffs/quote');`,
      'src/licensing/registry.ts': '',
      'src/licensing/index.ts': '',
      'src/shared/money.ts': '',
      'src/offices/office.ts': '',
      'src/tariffs/quote.ts': '',
    });
    expect(reported(files)).toEqual([
      'src/offices/routes.ts → src/licensing/registry.ts [slice-through-index]',
      'src/payments/payment.test.ts → src/tariffs/quote.ts [slice-through-index]',
    ]);
  });

  it('anything but the composition root, the CLI and the test harness importing src/app or src/main', () => {
    const files = synthetic({
      'src/payments/routes.ts': `import { buildApp } from '../app';`,
      'src/shared/http/mount.ts': `import type { AppDeps } from '../../app';`,
      'src/readModels.ts': `import './main';`,
      'src/main.ts': `import { buildApp } from './app';`,
      'src/cli/main.ts': `import { main } from '../main';`,
      'test/support/app.ts': `import { buildApp } from '../../src/app';`,
      'src/app.ts': '',
    });
    expect(reported(files)).toEqual([
      'src/payments/routes.ts → src/app.ts [no-app]',
      'src/shared/http/mount.ts → src/app.ts [no-app]',
      'src/readModels.ts → src/main.ts [no-app]',
    ]);
  });

  it('names the file, the import and the rule in its message', () => {
    const [v] = violations(synthetic({ 'contracts/a.ts': `import '../src/x';` }));
    expect(describeViolation(v!)).toBe(
      `contracts/a.ts imports '../src/x' (src/x): ${ruleText['contracts-leaf']}`,
    );
  });
});
