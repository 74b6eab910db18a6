import type { EventStore } from '../../src/shared/eventStore';

const at = (day: number) => new Date(Date.UTC(2025, 0, 1 + day, 6)).toISOString();
const sealed = (n: number) => ({ iv: `iv${n}`, tag: `tag${n}`, ciphertext: `secret${n}` });
const digest = (n: number) => n.toString(16).padStart(64, '0');

async function stream(store: EventStore, name: string, events: Array<Record<string, unknown>>) {
  await store.append(
    name,
    events.map((data) => ({ type: data.type as string, data })),
    'no_stream',
  );
}

/**
 * Licenses through their life (applied, voted, issued, suspended, reinstated, amended, renewed,
 * transferred, cancelled, refused), their offices with assignments and changes, terminals
 * registered and deactivated, credentials issued, rotated and revoked, holders' requests (one
 * renewal approved and carried out, one transfer awaiting its receiver) and suspension
 * recommendations (one acted on and carried out, one dismissed): every event the reference
 * models fold.
 */
export async function seedReference(store: EventStore, licenses = 4): Promise<void> {
  for (let i = 1; i <= licenses; i++) {
    const licenseId = `L${i}`;
    const applicant = { kind: 'natural', nationalId: `hash-${i}`, name: `متقاضی ${i}` };
    await stream(store, `license-${licenseId}`, [
      {
        type: 'LicenseApplied',
        licenseId,
        applicant,
        province: 'IR-23',
        officeKind: 'urban',
        location: { localityKind: 'city', locality: 'تهران', address: `نشانی ${i}` },
        contact: { phone: '02100000000' },
        appliedAt: at(i),
        recordedBy: 'wg',
      },
      ...['cra', 'areo', 'province'].map((memberBody) => ({
        type: 'WorkingGroupVoteRecorded',
        licenseId,
        memberBody,
        vote: i === 4 ? 'reject' : 'approve',
        votedAt: at(i + 1),
        votedBy: memberBody,
      })),
      {
        type: 'WorkingGroupDecided',
        licenseId,
        outcome: i === 4 ? 'rejected' : 'approved',
        approvals: i === 4 ? 0 : 3,
        rejections: i === 4 ? 3 : 0,
        decidedAt: at(i + 2),
      },
      ...(i === 4
        ? []
        : i === 3
          ? [{ type: 'LicenseRefused', licenseId, reason: 'r', refusedAt: at(5), refusedBy: 'cra' }]
          : [
              {
                type: 'LicenseIssued',
                licenseId,
                licenseNumber: `23-${i}`,
                validFrom: at(10),
                validUntil: at(1000),
                issuedAt: at(10),
                issuedBy: 'cra',
              },
              {
                type: 'LicenseSuspended',
                licenseId,
                reason: 's',
                suspendedAt: at(20),
                suspendedBy: 'cra',
              },
              {
                type: 'LicenseReinstated',
                licenseId,
                reason: 'ok',
                reinstatedAt: at(25),
                reinstatedBy: 'cra',
              },
              {
                type: 'LicenseAmended',
                licenseId,
                changes: { phone: '02111111111' },
                amendedAt: at(26),
                amendedBy: 'cra',
              },
              {
                type: 'LicenseRenewed',
                licenseId,
                previousValidUntil: at(1000),
                validUntil: at(2000),
                renewedAt: at(30),
                renewedBy: 'cra',
              },
              ...(i === 2
                ? [
                    {
                      type: 'LicenseTransferred',
                      licenseId,
                      from: applicant,
                      to: { kind: 'legal', legalId: 'hash-co', name: 'شرکت' },
                      reason: 't',
                      transferredAt: at(40),
                      approvedBy: 'cra',
                    },
                    {
                      type: 'LicenseCancelled',
                      licenseId,
                      reason: 'c',
                      cancelledAt: at(50),
                      cancelledBy: 'cra',
                    },
                  ]
                : []),
            ]),
    ]);
  }
  for (let i = 1; i <= 2; i++) {
    const officeId = `O${i}`;
    await stream(store, `office-${officeId}`, [
      {
        type: 'OfficeRegistered',
        officeId,
        licenseId: `L${i}`,
        province: 'IR-23',
        kind: 'urban',
        nameFa: `دفتر ${i}`,
        nameEn: `Office ${i}`,
        locality: { kind: 'city', name: 'تهران' },
        address: `نشانی ${i}`,
        postalCode: '1234567890',
        phone: '02100000000',
        iban: 'IR000000000000000000000001',
        registeredAt: at(11),
        registeredBy: 'cra',
      },
      {
        type: 'ServiceAssigned',
        officeId,
        serviceCode: 'S1',
        period: '1403-H2',
        assignedAt: at(12),
        assignedBy: 'cra',
      },
      {
        type: 'ServiceAssigned',
        officeId,
        serviceCode: 'S2',
        period: '1403-H2',
        assignedAt: at(12),
        assignedBy: 'cra',
      },
      {
        type: 'ServiceWithdrawn',
        officeId,
        serviceCode: 'S2',
        reason: 'w',
        withdrawnAt: at(15),
        withdrawnBy: 'cra',
      },
      {
        type: 'OfficeDetailsChanged',
        officeId,
        changes: { phone: '02122222222' },
        changedAt: at(16),
        changedBy: 'cra',
      },
    ]);
    const terminalId = `TERM000${i}`;
    await stream(store, `terminal-${terminalId}`, [
      {
        type: 'TerminalRegistered',
        terminalId,
        merchantId: `00000000000000${i}`,
        psp: 'psp',
        officeId,
        credentialId: `C${i}`,
        registeredAt: at(13),
        registeredBy: 'cra',
      },
      ...(i === 2
        ? [
            {
              type: 'TerminalDeactivated',
              terminalId,
              officeId,
              credentialId: `C${i}`,
              reason: 'd',
              deactivatedAt: at(30),
              deactivatedBy: 'cra',
            },
          ]
        : []),
    ]);
  }
  for (let i = 1; i <= 3; i++) {
    const credentialId = `C${i}`;
    await stream(store, `credential-${credentialId}`, [
      {
        type: 'CredentialIssued',
        credentialId,
        role: 'gateway',
        scope: { terminalId: `TERM000${i}`, officeId: `O${i}` },
        label: `terminal ${i}`,
        tokenSha256: digest(i),
        signingSecret: sealed(i),
        issuedAt: at(13),
        expiresAt: at(400),
        issuedBy: 'cra',
      },
      {
        type: 'CredentialSigningSecretRotated',
        credentialId,
        signingSecret: sealed(10 + i),
        previousValidUntil: at(21),
        rotatedAt: at(20),
        rotatedBy: 'cra',
      },
      ...(i === 2
        ? [
            {
              type: 'CredentialRevoked',
              credentialId,
              reason: 'gone',
              revokedAt: at(30),
              revokedBy: 'cra',
            },
          ]
        : []),
    ]);
  }
  await stream(store, 'psp-PSP1', [
    {
      type: 'PspRegistered',
      pspId: 'PSP1',
      nameFa: 'پرداخت‌یار یک',
      nameEn: 'PSP one',
      credentialId: 'C9',
      registeredAt: at(12),
      registeredBy: 'cra',
    },
    ...[1, 2].map((i) => ({
      type: 'PspChosenByOffice',
      pspId: 'PSP1',
      officeId: `O${i}`,
      byRole: i === 1 ? 'office' : 'regulator',
      ...(i === 2 ? { writtenConsent: 'letter 2' } : {}),
      chosenAt: at(13),
      chosenBy: 'cra',
    })),
  ]);

  await holderRequestsAndRecommendations(store);
}

async function holderRequestsAndRecommendations(store: EventStore): Promise<void> {
  await stream(store, 'holderRequest-HR1', [
    {
      type: 'HolderRequestFiled',
      requestId: 'HR1',
      licenseId: 'L1',
      kind: 'renewal',
      applicantId: 'A-1',
      validityYears: 2,
      filedAt: at(60),
    },
    {
      type: 'HolderRequestDecided',
      requestId: 'HR1',
      licenseId: 'L1',
      kind: 'renewal',
      outcome: 'approved',
      reason: 'ok',
      decidedAt: at(61),
      decidedBy: 'cra',
      effectNamed: true,
    },
  ]);
  await stream(store, 'holderRequest-HR2', [
    {
      type: 'HolderRequestFiled',
      requestId: 'HR2',
      licenseId: 'L1',
      kind: 'transfer',
      applicantId: 'A-1',
      receiverApplicantId: 'A-2',
      to: { kind: 'natural', nationalId: 'hash-r', name: 'گیرنده' },
      filedAt: at(62),
    },
  ]);
  await stream(store, 'supervision-O1', [
    ...['AC1', 'AC2'].map((actionId) => ({
      type: 'SuspensionRecommended',
      officeId: 'O1',
      actionId,
      reason: 'r',
      recordedAt: at(63),
      recordedBy: 'cra',
    })),
  ]);
  const outcome = { officeId: 'O1', reason: 'd', decidedAt: at(64), decidedBy: 'cra' };
  await stream(store, 'recommendation-AC1', [
    {
      type: 'SuspensionRecommendationActed',
      actionId: 'AC1',
      licenseId: 'L1',
      effectNamed: true,
      ...outcome,
    },
  ]);
  await stream(store, 'recommendation-AC2', [
    { type: 'SuspensionRecommendationDismissed', actionId: 'AC2', ...outcome },
  ]);
  await store.append(
    'license-L1',
    [
      {
        type: 'LicenseRenewed',
        data: {
          type: 'LicenseRenewed',
          licenseId: 'L1',
          previousValidUntil: at(2000),
          validUntil: at(2730),
          renewedAt: at(61),
          renewedBy: 'cra',
          holderRequestId: 'HR1',
        },
      },
      {
        type: 'LicenseSuspended',
        data: {
          type: 'LicenseSuspended',
          licenseId: 'L1',
          reason: 'd',
          suspendedAt: at(64),
          suspendedBy: 'cra',
          recommendation: { officeId: 'O1', actionId: 'AC1' },
        },
      },
    ],
    'stream_exists',
  );
}
