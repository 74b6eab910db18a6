import { useState } from 'preact/hooks';
import { api, unwrap, type Failure, type Schemas } from '../../api/client';
import { useI18n, type TextKey } from '../../i18n';
import { Confirm } from '../../ui/Confirm';
import { Field } from '../../ui/Field';
import { ErrorView } from '../../ui/States';
import { useAction } from '../../ui/useAction';
import { Choice } from '../public/parts';

type License = Schemas['License'];
type Body = Schemas['HolderRequestBody'];
type Kind = Body['kind'];
const kinds: Kind[] = ['renewal', 'address_change', 'transfer', 'cancellation'];

/** The kinds that cannot be taken back once the regulator approves: asked again before sending. */
const question: Partial<Record<Kind, TextKey>> = {
  transfer: 'holder.confirmTransfer',
  cancellation: 'holder.confirmCancel',
};

/** Why the API refused a request, in the reader's language with what to do; else the problem as is. */
function Refusal({ failure, kind }: { failure: Failure; kind: Kind | '' }) {
  const { t } = useI18n();
  const named = (path: string) => failure.errors?.find((e) => e.path === path);
  const said: TextKey | undefined =
    failure.status === 409
      ? kind === 'renewal'
        ? 'holder.refused'
        : 'holder.refusedOther'
      : failure.status === 400 && named('receiverNationalId')?.message === 'is the holder'
        ? 'holder.refusedSelf'
        : failure.status === 400 && named('to.kind')
          ? 'holder.refusedUrban'
          : undefined;
  if (!said) return <ErrorView failure={failure} />;
  return (
    <div class="error" role="alert">
      <p class="error-what">{t(said)}</p>
      {failure.detail ? (
        <p class="muted" dir="ltr">
          {failure.detail}
        </p>
      ) : null}
    </div>
  );
}

/** The fields of a transfer: who receives it (their applicant account) and the holder it names. */
interface Transfer {
  receiverId: string;
  toKind: 'legal' | 'natural';
  toId: string;
  toName: string;
}

function TransferFields(props: { value: Transfer; onValue: (v: Transfer) => void }) {
  const { t } = useI18n();
  const v = props.value;
  const set = (part: Partial<Transfer>) => props.onValue({ ...v, ...part });
  return (
    <>
      <Field
        label={t('holder.receiverId')}
        value={v.receiverId}
        onValue={(ascii) => set({ receiverId: ascii.trim() })}
        inputMode="numeric"
        dir="ltr"
        required
      />
      <Choice
        label={t('holder.toKind')}
        value={v.toKind}
        options={[
          { value: 'legal' as const, text: t('holder.toLegal') },
          { value: 'natural' as const, text: t('holder.toNatural') },
        ]}
        onValue={(k) => set({ toKind: k || 'legal' })}
      />
      <Field
        label={t(v.toKind === 'legal' ? 'holder.toLegalId' : 'holder.toNationalId')}
        value={v.toId}
        onValue={(ascii) => set({ toId: ascii.trim() })}
        inputMode="numeric"
        dir="ltr"
        required
      />
      <Field
        label={t('holder.toName')}
        value={v.toName}
        onValue={(_a, typed) => set({ toName: typed })}
        required
      />
    </>
  );
}

const noTransfer: Transfer = { receiverId: '', toKind: 'legal', toId: '', toName: '' };

/**
 * What a holder asks the regulator about one license: renewal (تمدید), change of address
 * (تغییر نشانی), transfer (انتقال) to another applicant's account, or voluntary cancellation
 * (ابطال داوطلبانه); a transfer and a cancellation are confirmed before they are sent.
 */
export function RequestForm({ license, onFiled }: { license: License; onFiled: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind | ''>('');
  const [years, setYears] = useState('1');
  const [address, setAddress] = useState('');
  const [reason, setReason] = useState('');
  const [transfer, setTransfer] = useState<Transfer>(noTransfer);
  const [asking, setAsking] = useState(false);
  const [filedKind, setFiledKind] = useState<Kind | undefined>();
  const [filed, file] = useAction(
    (body: Body) =>
      unwrap(
        api.POST('/v1/holder/licenses/{licenseId}/requests', {
          params: { path: { licenseId: license.licenseId } },
          body,
        }),
      ),
    (request) => {
      setFiledKind(request.kind);
      setKind('');
      setReason('');
      setTransfer(noTransfer);
      onFiled();
    },
  );

  const body = (): Body | undefined => {
    const why = reason.trim();
    if (kind === 'renewal') return { kind, validityYears: Number(years) };
    if (kind === 'address_change') return { kind, address: address.trim() };
    if (kind === 'cancellation') return { kind, reason: why };
    if (kind === 'transfer')
      return {
        kind,
        receiverNationalId: transfer.receiverId,
        reason: why,
        to:
          transfer.toKind === 'legal'
            ? { kind: 'legal', legalId: transfer.toId, name: transfer.toName.trim() }
            : { kind: 'natural', nationalId: transfer.toId, name: transfer.toName.trim() },
      };
    return undefined;
  };
  const label = `${t('holder.ask')}: ${license.licenseNumber ?? license.licenseId}`;
  const asked = kind ? question[kind] : undefined;

  return (
    <form
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        const b = body();
        if (!b) return;
        if (asked) setAsking(true);
        else file(b);
      }}
    >
      <h3 class="form-title">
        {t('holder.ask')}: <bdi>{license.licenseNumber ?? license.licenseId}</bdi>
      </h3>
      {filed.state === 'done' ? (
        <p role="status">{t(filedKind === 'transfer' ? 'holder.filedTransfer' : 'holder.filed')}</p>
      ) : null}
      <Choice
        label={t('holder.kind')}
        value={kind}
        none="—"
        options={kinds.map((v) => ({ value: v, text: t(`hkind.${v}`) }))}
        onValue={(k) => {
          setKind(k);
          setAsking(false);
        }}
      />
      {kind === 'renewal' ? (
        <Field
          label={t('holder.years')}
          value={years}
          onValue={(ascii) => setYears(ascii.trim())}
          inputMode="numeric"
          dir="ltr"
          required
        />
      ) : null}
      {kind === 'address_change' ? (
        <Field
          label={t('holder.newAddress')}
          value={address}
          onValue={(_a, typed) => setAddress(typed)}
          required
        />
      ) : null}
      {kind === 'transfer' ? <TransferFields value={transfer} onValue={setTransfer} /> : null}
      {kind === 'transfer' || kind === 'cancellation' ? (
        <Field
          label={t('holder.reason')}
          value={reason}
          onValue={(_a, typed) => setReason(typed)}
          required
        />
      ) : null}
      {asking && asked ? (
        <Confirm
          label={label}
          question={t(asked)}
          busy={filed.state === 'busy'}
          onYes={() => {
            setAsking(false);
            const b = body();
            if (b) file(b);
          }}
          onNo={() => setAsking(false)}
        />
      ) : (
        <button type="submit" disabled={!kind || filed.state === 'busy'}>
          {t('holder.file')}
        </button>
      )}
      {filed.state === 'failed' ? <Refusal failure={filed.failure} kind={kind} /> : null}
    </form>
  );
}
