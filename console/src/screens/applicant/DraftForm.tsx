import { useState } from 'preact/hooks';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/Field';
import { ErrorView } from '../../ui/States';
import { useAction } from '../../ui/useAction';
import { Choice, ProvinceSelect } from '../public/parts';

type Draft = Schemas['ApplicationDraft'];

interface Typed {
  holderKind: 'natural' | 'legal' | '';
  holderId: string;
  holderName: string;
  province: string;
  officeKind: 'urban' | 'rural' | '';
  localityKind: 'city' | 'village' | '';
  locality: string;
  address: string;
  phone: string;
}

/** The choices whose texts are `applicant.<value>`. */
type Optioned = 'legal' | 'natural' | 'urban' | 'rural' | 'city' | 'village';

const empty: Typed = {
  holderKind: '',
  holderId: '',
  holderName: '',
  province: '',
  officeKind: '',
  localityKind: '',
  locality: '',
  address: '',
  phone: '',
};

/** The draft the API takes, once every choice is made; the server checks the rest. */
function draftOf(f: Typed): Draft | undefined {
  if (!f.holderKind || !f.officeKind || !f.localityKind || !f.province) return undefined;
  const holder: Draft['holder'] =
    f.holderKind === 'natural'
      ? { kind: 'natural', nationalId: f.holderId, name: f.holderName.trim() }
      : { kind: 'legal', legalId: f.holderId, name: f.holderName.trim() };
  return {
    holder,
    province: f.province as Draft['province'],
    officeKind: f.officeKind,
    location: { localityKind: f.localityKind, locality: f.locality.trim(), address: f.address },
    contact: { phone: f.phone },
  };
}

/** A new application's draft (پیش‌نویس درخواست): who holds it, where the office is, a phone. */
export function DraftForm({ onDrafted }: { onDrafted: (a: Schemas['Application']) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState<Typed>(empty);
  const [tried, setTried] = useState(false);
  const options = <T extends Optioned>(values: readonly T[]) =>
    values.map((value) => ({ value, text: t(`applicant.${value}`) }));
  const unchosen = (v: string) => (tried && !v ? t('public.choose') : undefined);
  const set = (patch: Partial<Typed>) => setTyped((f) => ({ ...f, ...patch }));
  const [drafted, draft] = useAction(
    (body: Draft) => unwrap(api.POST('/v1/applications', { body })),
    onDrafted,
  );
  return (
    <form
      aria-labelledby="draft-title"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        const body = draftOf(typed);
        if (body) draft(body);
      }}
    >
      <h2 id="draft-title" class="form-title">
        {t('applicant.new')}
      </h2>
      <Choice
        label={t('applicant.holderKind')}
        value={typed.holderKind}
        none="—"
        options={options(['legal', 'natural'] as const)}
        onValue={(holderKind) => set({ holderKind })}
        error={unchosen(typed.holderKind)}
      />
      <Field
        label={t('applicant.holderId')}
        value={typed.holderId}
        onValue={(holderId) => set({ holderId: holderId.trim() })}
        inputMode="numeric"
        dir="ltr"
        required
      />
      <Field
        label={t('applicant.holderName')}
        value={typed.holderName}
        onValue={(_a, holderName) => set({ holderName })}
        required
      />
      <ProvinceSelect
        value={typed.province}
        onValue={(province) => set({ province })}
        error={unchosen(typed.province)}
      />
      <Choice
        label={t('applicant.officeKind')}
        value={typed.officeKind}
        none="—"
        options={options(['urban', 'rural'] as const)}
        onValue={(officeKind) => set({ officeKind })}
        error={unchosen(typed.officeKind)}
      />
      <Choice
        label={t('applicant.localityKind')}
        value={typed.localityKind}
        none="—"
        options={options(['city', 'village'] as const)}
        onValue={(localityKind) => set({ localityKind })}
        error={unchosen(typed.localityKind)}
      />
      <Field
        label={t('applicant.locality')}
        value={typed.locality}
        onValue={(_a, locality) => set({ locality })}
        required
      />
      <Field
        label={t('applicant.address')}
        value={typed.address}
        onValue={(_a, address) => set({ address })}
        required
      />
      <Field
        label={t('applicant.phone')}
        value={typed.phone}
        onValue={(phone) => set({ phone: phone.trim() })}
        inputMode="numeric"
        dir="ltr"
        required
      />
      <button type="submit" disabled={drafted.state === 'busy'}>
        {t('applicant.draft')}
      </button>
      {drafted.state === 'failed' ? <ErrorView failure={drafted.failure} /> : null}
    </form>
  );
}
