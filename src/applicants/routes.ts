import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { applicantRoutes as c } from '../../contracts/applicants';
import { encodeWith } from '../../contracts/events/contract';
import {
  applicantCodeStream,
  applicantStream,
  applicationDocumentRead,
  applicationStream,
  documentReadStream,
} from '../../contracts/events/applicants';
import type { LicenseStatus, OfficeKind } from '../../contracts/vocabulary';
import { issueCredential } from '../credentials';
import type { Clock } from '../shared/clock';
import {
  IllegalStateError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../shared/errors';
import { commandHandler, type EventStore } from '../shared/eventStore';
import { mount } from '../shared/http/mount';
import { paginate } from '../shared/http/page';
import { assertInScope, type Principal } from '../shared/http/policy';
import type { RequestMemory } from '../shared/http/requestMemory';
import { legalId, nationalId } from '../shared/iranianIds';
import { instant } from '../shared/jalali';
import type { SecretBox } from '../shared/secrets';
import {
  accountDecider,
  applicantKeys,
  codeDecider,
  codeTtlMs,
  codeVerdict,
  maxCodeTries,
  newCode,
} from './account';
import { applicationDecider, type ApplicationRecord } from './application';
import { contentIs, type DocumentStore } from './documents';
import type { ApplicationRegistry } from './registry';
import type { ApplicationRules } from './rules';
import type { SmsSender } from './sms';

/** What forwarding writes in licensing: the license application the working group votes on. */
export type RecordLicenseApplication = (input: {
  licenseId: string;
  applicant: ApplicationRecord['state']['draft']['holder'];
  province: string;
  officeKind: OfficeKind;
  location: ApplicationRecord['state']['draft']['location'];
  contact: ApplicationRecord['state']['draft']['contact'];
  actor: string;
}) => Promise<void>;

export interface ApplicantsDeps {
  store: EventStore;
  clock: Clock;
  secrets: SecretBox;
  sms: SmsSender;
  documents: DocumentStore;
  applications: ApplicationRegistry;
  rules: ApplicationRules;
  memory: RequestMemory;
  licenseStatus(licenseId: string, at: Date): LicenseStatus | undefined;
  recordLicenseApplication: RecordLicenseApplication;
  /** Waits until the credential registry holds a credential issued at this position. */
  credentialsAt(position: number): Promise<void>;
  /** APPLICANT_SESSION_HOURS: how long a session token lasts. */
  sessionHours: number;
  /** DOCUMENT_MAX_BYTES: the largest document accepted. */
  documentMaxBytes: number;
  /** APPLICANT_CODES_PER_HOUR: codes one national id may ask for in an hour. */
  codesPerHour: number;
}

/** A code that does not open a session is bad input: 400, and nothing is stored. */
const codeRefused = (message: string) => new ValidationError(message, [{ path: 'code', message }]);

const reviewers = new Set(['regulator', 'working_group']);

export function applicationView(
  r: ApplicationRecord,
  licenseStatus: LicenseStatus | undefined,
  required: string[],
) {
  const s = r.state;
  const d = s.draft;
  return {
    applicationId: r.applicationId,
    status: s.status,
    province: d.province,
    officeKind: d.officeKind,
    holder: d.holder,
    location: d.location,
    contact: d.contact,
    documents: Object.values(s.documents).map((doc) => ({
      documentKind: doc.documentKind,
      contentType: doc.contentType,
      bytes: doc.bytes,
      sha256: doc.sha256,
      attachedAt: instant(new Date(doc.attachedAt)),
    })),
    requiredDocuments: required,
    ...(s.returnReason && s.status === 'returned' ? { returnReason: s.returnReason } : {}),
    ...(s.licenseId ? { licenseId: s.licenseId } : {}),
    ...(licenseStatus ? { licenseStatus } : {}),
    notified: s.notified.map((n) => ({ outcome: n.outcome, at: instant(new Date(n.at)) })),
    draftedAt: instant(new Date(d.draftedAt)),
    revision: r.revision,
  };
}

export function applicantsRouter(deps: ApplicantsDeps): Router {
  const router = Router();
  const keys = applicantKeys(deps.secrets);
  const codes = commandHandler(deps.store, codeDecider);
  const accounts = commandHandler(deps.store, accountDecider);
  const applications = commandHandler(deps.store, applicationDecider);
  const codeRequests = deps.memory.limiter('applicant-codes', {
    windowMs: 3_600_000,
    max: deps.codesPerHour,
  });
  const codeTries = deps.memory.limiter('applicant-code-tries', {
    windowMs: codeTtlMs,
    max: maxCodeTries,
  });

  const view = (r: ApplicationRecord) =>
    applicationView(
      r,
      r.state.licenseId ? deps.licenseStatus(r.state.licenseId, deps.clock.now()) : undefined,
      deps.rules.requiredDocuments(r.state.draft.officeKind, r.state.draft.holder.kind),
    );

  /** A draft is the applicant's alone; the working group and regulator see it once submitted. */
  function visible(p: Principal, applicationId: string): ApplicationRecord {
    const r = deps.applications.get(applicationId);
    if (!r) throw new NotFoundError('application not found');
    const d = r.state.draft;
    assertInScope(p, { province: d.province, applicantId: d.applicantId }, 'application');
    if (reviewers.has(p.role) && r.state.status === 'draft')
      throw new NotFoundError('application not found');
    return r;
  }

  async function run(
    p: Principal,
    applicationId: string,
    command: Parameters<typeof applications>[1],
  ) {
    const result = await applications(applicationStream(applicationId), command);
    await deps.applications.ensure(result.append?.position ?? 0);
    return { status: 200, body: view(deps.applications.get(applicationId)!) };
  }

  mount(router, c.requestCode, async ({ body }) => {
    const now = deps.clock.now();
    const applicantRef = keys.applicantRef(body.nationalId);
    const verdict = await codeRequests.hit(applicantRef);
    if (!verdict.allowed)
      throw new RateLimitedError(
        verdict.retryAfterSeconds,
        `Too many codes asked for this national id; retry in ${verdict.retryAfterSeconds} s`,
      );
    const requestId = randomUUID();
    const code = newCode();
    const expiresAt = new Date(now.getTime() + codeTtlMs);
    const sent = await deps.sms.send({
      to: body.mobile,
      text: `پیشخوان: کد ورود شما ${code} (اعتبار ۵ دقیقه)`,
      idempotencyKey: requestId,
    });
    await codes(applicantCodeStream(requestId), {
      type: 'RecordCodeSent',
      sent: {
        requestId,
        applicantRef,
        mobile: deps.secrets.seal(body.mobile),
        codeHash: keys.codeHash(requestId, code),
        expiresAt: expiresAt.toISOString(),
        providerReference: sent.reference,
        sentAt: now.toISOString(),
      },
    });
    return {
      status: 202,
      headers: { 'Cache-Control': 'no-store' },
      body: { requestId, expiresAt: instant(expiresAt) },
    };
  });

  mount(router, c.openSession, async ({ body }) => {
    const now = deps.clock.now();
    if (!(await codeTries.hit(body.requestId)).allowed)
      throw codeRefused('Too many codes were tried for this request; ask for a new one');
    const applicantRef = keys.applicantRef(body.nationalId);
    const codeHash = keys.codeHash(body.requestId, body.code);
    const applicantId = keys.applicantIdOf(body.nationalId);
    const credentialId = randomUUID();
    const used = await codes(applicantCodeStream(body.requestId), {
      type: 'UseCode',
      applicantRef,
      codeHash,
      applicantId,
      credentialId,
      now,
    });
    if (used.state.status !== 'sent' || !used.newEvents) {
      const verdict = codeVerdict(used.state, applicantRef, codeHash, now);
      throw codeRefused(
        verdict === 'wrong'
          ? 'The code is wrong'
          : verdict === 'expired'
            ? 'The code has expired or was used; ask for a new one'
            : 'No code was sent for this request and national id',
      );
    }
    await accounts(applicantStream(applicantId), {
      type: 'SignUp',
      account: {
        applicantId,
        applicantRef,
        mobile: used.state.sent.mobile,
        signedUpAt: now.toISOString(),
      },
    });
    const issued = await issueCredential(
      deps,
      {
        role: 'applicant',
        scope: { applicantId },
        label: 'applicant session',
        expiresInDays: deps.sessionHours / 24,
      },
      `applicant:${applicantId}`,
      credentialId,
    );
    await deps.credentialsAt(issued.position);
    return {
      status: 201,
      headers: { 'Cache-Control': 'no-store' },
      body: { applicantId, token: issued.token, expiresAt: instant(issued.expiresAt) },
    };
  });

  mount(router, c.draft, async ({ body, principal }) => {
    const problems: Array<{ path: string; message: string }> = [];
    if (!deps.rules.openIn(body.officeKind, body.province))
      problems.push({
        path: 'province',
        message: `applications for ${body.officeKind} offices are not open in ${body.province}`,
      });
    const h = body.holder;
    let holder = h;
    if (h.kind === 'legal') {
      const id = legalId(h.legalId);
      if (!id) problems.push({ path: 'holder.legalId', message: 'not a valid 11-digit legal id' });
      else holder = { ...h, legalId: id };
    } else {
      const id = nationalId(h.nationalId);
      if (body.officeKind === 'urban')
        problems.push({ path: 'holder.kind', message: 'an urban office is held by a company' });
      if (!id || keys.applicantIdOf(id) !== principal.applicantId)
        problems.push({
          path: 'holder.nationalId',
          message: 'a person applies in their own name: the national id signed up with',
        });
      else holder = { ...h, nationalId: id };
    }
    if (problems.length) throw new ValidationError('The application is not valid', problems);
    const applicationId = randomUUID();
    const reply = await run(principal, applicationId, {
      type: 'Draft',
      draft: {
        applicationId,
        applicantId: principal.applicantId!,
        holder,
        province: body.province,
        officeKind: body.officeKind,
        location: body.location,
        contact: body.contact,
      },
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
    return {
      ...reply,
      status: 201,
      headers: { Location: `/v1/applications/${applicationId}` },
    };
  });

  mount(router, c.list, async ({ query, principal }) => {
    const position = deps.applications.position;
    const rows = deps.applications
      .list()
      .filter((r) => {
        const d = r.state.draft;
        if (principal.role === 'applicant') return d.applicantId === principal.applicantId;
        if (r.state.status === 'draft') return false;
        return principal.role === 'regulator' || d.province === principal.province;
      })
      .filter((r) => query.status === undefined || r.state.status === query.status)
      .filter((r) => query.province === undefined || r.state.draft.province === query.province);
    const page = paginate(rows, (r) => r.applicationId, query.cursor, query.limit);
    return { status: 200, body: { ...page, items: page.items.map(view), position } };
  });

  mount(router, c.get, async ({ params, principal }) => ({
    status: 200,
    body: view(visible(principal, params.applicationId)),
  }));

  mount(router, c.attach, async ({ params, body, principal }) => {
    const r = visible(principal, params.applicationId);
    const bytes = Buffer.from(body.contentBase64, 'base64');
    if (bytes.length > deps.documentMaxBytes)
      throw new ValidationError('The document is too large', [
        { path: 'contentBase64', message: `larger than ${deps.documentMaxBytes} bytes` },
      ]);
    if (!contentIs(body.contentType, bytes))
      throw new ValidationError('The document is not of its declared type', [
        { path: 'contentBase64', message: `the content is not ${body.contentType}` },
      ]);
    if (r.state.status !== 'draft' && r.state.status !== 'returned')
      throw new IllegalStateError(`The application is ${r.state.status}; Attach is not allowed`, {
        currentState: r.state.status,
      });
    const sha256 = await deps.documents.put(bytes);
    return run(principal, params.applicationId, {
      type: 'Attach',
      document: {
        applicationId: params.applicationId,
        documentKind: params.documentKind,
        contentType: body.contentType,
        bytes: bytes.length,
        sha256,
      },
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
  });

  mount(router, c.readDocument, async ({ params, principal }) => {
    const r = visible(principal, params.applicationId);
    const doc = r.state.documents[params.documentKind];
    const bytes = doc && (await deps.documents.get(doc.sha256));
    if (!doc || !bytes) throw new NotFoundError('document not found');
    const readId = randomUUID();
    await deps.store.append(
      documentReadStream(readId),
      [
        encodeWith(applicationDocumentRead, {
          type: 'ApplicationDocumentRead',
          readId,
          applicationId: params.applicationId,
          documentKind: params.documentKind,
          sha256: doc.sha256,
          readBy: principal.credentialId,
          role: principal.role,
          readAt: deps.clock.now().toISOString(),
        }),
      ],
      'no_stream',
    );
    return {
      status: 200,
      raw: bytes,
      contentType: doc.contentType,
      headers: {
        'Cache-Control': 'no-store',
        'Content-Disposition': `attachment; filename="${params.documentKind}"`,
        'X-Content-Type-Options': 'nosniff',
      },
    };
  });

  mount(router, c.submit, async ({ params, principal }) => {
    const r = visible(principal, params.applicationId);
    return run(principal, params.applicationId, {
      type: 'Submit',
      required: deps.rules.requiredDocuments(r.state.draft.officeKind, r.state.draft.holder.kind),
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
  });

  mount(router, c.return, async ({ params, body, principal }) => {
    visible(principal, params.applicationId);
    return run(principal, params.applicationId, {
      type: 'Return',
      reason: body.reason,
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
  });

  mount(router, c.forward, async ({ params, principal }) => {
    const r = visible(principal, params.applicationId);
    if (r.state.status !== 'submitted')
      throw new IllegalStateError(`The application is ${r.state.status}; Forward is not allowed`, {
        currentState: r.state.status,
      });
    const licenseId = params.applicationId;
    if (deps.licenseStatus(licenseId, deps.clock.now()) === undefined) {
      const d = r.state.draft;
      await deps.recordLicenseApplication({
        licenseId,
        applicant: d.holder,
        province: d.province,
        officeKind: d.officeKind,
        location: d.location,
        contact: d.contact,
        actor: principal.credentialId,
      });
    }
    return run(principal, params.applicationId, {
      type: 'Forward',
      licenseId,
      now: deps.clock.now(),
      actor: principal.credentialId,
    });
  });

  return router;
}
