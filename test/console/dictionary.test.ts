import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicantFa } from '../../console/src/i18n/applicant';
import { en, fa } from '../../console/src/i18n/dictionary';
import { moreFa } from '../../console/src/i18n/more';
import { partiesFa } from '../../console/src/i18n/parties';
import { publicFa } from '../../console/src/i18n/public';
import { regulatorDeskFa } from '../../console/src/i18n/regulatorDesk';
import { rolesFa } from '../../console/src/i18n/roles';

/** The keys the shell's own dictionary writes after the spreads, read from its source. */
function ownKeys(): string[] {
  const source = readFileSync(join(__dirname, '../../console/src/i18n/dictionary.ts'), 'utf8');
  const faBlock = source.slice(source.indexOf('export const fa'), source.indexOf('export type'));
  return [...faBlock.matchAll(/^\s+'([\w.-]+)':/gm)].map((m) => m[1]!);
}

describe("the console's dictionaries", () => {
  it('no two parts define the same key, so no screen silently shows another screen’s text', () => {
    const parts: Record<string, readonly string[]> = {
      public: Object.keys(publicFa),
      roles: Object.keys(rolesFa),
      applicant: Object.keys(applicantFa),
      more: Object.keys(moreFa),
      regulatorDesk: Object.keys(regulatorDeskFa),
      parties: Object.keys(partiesFa),
      shell: ownKeys(),
    };
    const owners = new Map<string, string[]>();
    for (const [part, keys] of Object.entries(parts))
      for (const key of keys) owners.set(key, [...(owners.get(key) ?? []), part]);
    const shared = [...owners]
      .filter(([, by]) => by.length > 1)
      .map(([k, by]) => `${k}: ${by.join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('English has exactly the Persian keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fa).sort());
    expect(Object.entries(en).filter(([, v]) => v.trim() === '')).toEqual([]);
    expect(Object.entries(fa).filter(([, v]) => v.trim() === '')).toEqual([]);
  });
});
