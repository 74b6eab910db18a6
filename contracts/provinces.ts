import { z } from 'zod';
import { normaliseDigits, provinceCodeProblem, provinceCodes, provinces } from './primitives';

const names = provinces.map((p) => `${p.code} ${p.nameEn} (${p.nameFa})`).join(', ');

/**
 * A province (استان) by its ISO 3166-2:IR code of today; Persian digits are read as ASCII.
 * A retired code is refused with a message naming its successor.
 */
export const ProvinceSchema = z
  .preprocess(
    (input) => (typeof input === 'string' ? normaliseDigits(input.trim()).toUpperCase() : input),
    z.enum(provinceCodes, {
      error: (issue) =>
        typeof issue.input === 'string' ? provinceCodeProblem(issue.input) : undefined,
    }),
  )
  .meta({
    id: 'Province',
    description: `ISO 3166-2:IR code as renumbered on 2020-11-24: ${names}. IR-31 and IR-32 no longer exist (400, naming the code their province has now).`,
    example: 'IR-23',
  });
